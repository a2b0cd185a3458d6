// The key-ring document (parse and write) and the ring operations every
// format's KeyRing shares. Private to src/.
#ifndef SIGNET_SRC_CORE_KEY_RING_FILE_H_
#define SIGNET_SRC_CORE_KEY_RING_FILE_H_

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "signet/clock.h"
#include "signet/key_ring.h"
#include "signet/result.h"

namespace signet::ring {

// RawEntry is one key of a ring document: its description (algorithm and
// thumbprint left empty) and the compact JSON text of its "key" member.
struct RawEntry {
  KeyInfo info;
  std::string key_json;
  RawEntry() = default;
  RawEntry(RawEntry&&) noexcept = default;
  RawEntry& operator=(RawEntry&&) noexcept = default;
  ~RawEntry();  // wipes key_json: it holds the secret
};

// parse_ring reads a ring document strictly: exactly the members
// signet_key_ring (1), format (== `format`), keys (an array of objects with
// exactly id, state, created, key and an optional not_after). Errors:
// payload_too_large (over max_bytes or kMaxKeyRingKeys), malformed (bad JSON,
// a duplicate member, a missing/unknown/mistyped member, a bad id, a
// duplicate id, more than one active key), unsupported (another version),
// key_mismatch (another format). The keys themselves are not checked here.
// With `out_format`, any format is accepted and stored there.
Result<std::vector<RawEntry>> parse_ring(std::string_view text, std::string_view format, std::size_t max_bytes,
                                         std::string* out_format = nullptr);

// write_ring writes a ring document, one key per line. `key_json` of each
// entry is written as is.
std::string write_ring(std::string_view format, const std::vector<RawEntry>& entries);

// check_id accepts 1 to 256 printable ASCII characters; invalid_argument
// otherwise.
Status check_id(std::string_view id) noexcept;

// random_id returns 16 lower-case hex digits from the CSPRNG (an id that
// says nothing about the key).
Result<std::string> random_id();

// past_not_after reports whether `now` is after the key's not-after second.
bool past_not_after(const KeyInfo& info, UnixTime now) noexcept;

// to_seconds truncates `t` to whole seconds (toward the past).
std::chrono::sys_seconds to_seconds(UnixTime t) noexcept;

// RingCounters is what a ring verifier decides once a token's signature
// has passed under one of its keys, shared by the JWT and PASETO rings: a
// retired key or one past its not-after second is refused with revoked, and
// every verdict is counted for RingStats. Safe for many threads.
class RingCounters {
 public:
  Status admit(KeyState state, const std::optional<std::chrono::sys_seconds>& not_after, UnixTime now) const noexcept {
    if (state == KeyState::retired) {
      rejected_retired_.fetch_add(1, std::memory_order_relaxed);
      return Unexpected(Errc::revoked, "the token's key is retired");
    }
    if (not_after && to_seconds(now) > *not_after) {
      rejected_not_after_.fetch_add(1, std::memory_order_relaxed);
      return Unexpected(Errc::revoked, "the token's key is past its not-after date");
    }
    (state == KeyState::active ? accepted_active_ : accepted_verify_only_).fetch_add(1, std::memory_order_relaxed);
    return {};
  }

  RingStats snapshot() const noexcept {
    RingStats s;
    s.accepted_active = accepted_active_.load(std::memory_order_relaxed);
    s.accepted_verify_only = accepted_verify_only_.load(std::memory_order_relaxed);
    s.rejected_retired = rejected_retired_.load(std::memory_order_relaxed);
    s.rejected_not_after = rejected_not_after_.load(std::memory_order_relaxed);
    return s;
  }

 private:
  // Counters only: relaxed order is enough, nothing is published through them.
  mutable std::atomic<std::uint64_t> accepted_active_{0}, accepted_verify_only_{0}, rejected_retired_{0},
      rejected_not_after_{0};
};

// The operations below work on a vector of any Entry type with a KeyInfo
// member named `info`.

template <class Entry>
Entry* find(std::vector<Entry>& entries, std::string_view id) noexcept {
  for (auto& e : entries) {
    if (e.info.id == id) return &e;
  }
  return nullptr;
}
template <class Entry>
const Entry* find(const std::vector<Entry>& entries, std::string_view id) noexcept {
  for (const auto& e : entries) {
    if (e.info.id == id) return &e;
  }
  return nullptr;
}

// add_entry appends `entry` after checking its id (valid, not in use) and
// the size cap. Unless `entry` is verify-only, it becomes the active key and
// the previous active key becomes verify-only.
template <class Entry>
Status add_entry(std::vector<Entry>& entries, Entry entry) {
  if (auto st = check_id(entry.info.id); !st) return st;
  if (find(entries, entry.info.id)) return Unexpected(Errc::invalid_argument, "a key with this id is already in the ring");
  if (entries.size() >= kMaxKeyRingKeys) return Unexpected(Errc::payload_too_large, "the ring is full (256 keys)");
  if (entry.info.state == KeyState::retired) return Unexpected(Errc::invalid_argument, "a new key cannot be retired");
  if (entry.info.state == KeyState::active) {
    for (auto& e : entries) {
      if (e.info.state == KeyState::active) e.info.state = KeyState::verify_only;
    }
  }
  entries.push_back(std::move(entry));
  return {};
}

// activate makes the verify-only key `id` active and the active key
// verify-only. Errors: invalid_argument (no such key, or it is retired).
template <class Entry>
Status activate(std::vector<Entry>& entries, std::string_view id) {
  Entry* target = find(entries, id);
  if (!target) return Unexpected(Errc::invalid_argument, "no key with this id in the ring");
  if (target->info.state == KeyState::retired) {
    return Unexpected(Errc::invalid_argument, "a retired key cannot be activated again");
  }
  for (auto& e : entries) {
    if (e.info.state == KeyState::active) e.info.state = KeyState::verify_only;
  }
  target->info.state = KeyState::active;
  return {};
}

// retire retires the key `id`. The active key cannot be retired (that would
// leave nothing to sign with): add or activate another key first. Retiring a
// retired key is a no-op. Errors: invalid_argument.
template <class Entry>
Status retire(std::vector<Entry>& entries, std::string_view id) {
  Entry* target = find(entries, id);
  if (!target) return Unexpected(Errc::invalid_argument, "no key with this id in the ring");
  if (target->info.state == KeyState::active) {
    return Unexpected(Errc::invalid_argument, "the active key cannot be retired: add or activate another key first");
  }
  target->info.state = KeyState::retired;
  return {};
}

// active_entry returns the one active key, usable at `now`. Errors:
// invalid_key (no active key, or it is past its not-after date).
template <class Entry>
Result<const Entry*> active_entry(const std::vector<Entry>& entries, UnixTime now) {
  for (const auto& e : entries) {
    if (e.info.state != KeyState::active) continue;
    if (past_not_after(e.info, now)) return Unexpected(Errc::invalid_key, "the ring's active key is past its not-after date");
    return &e;
  }
  return Unexpected(Errc::invalid_key, "the ring has no active key");
}

}  // namespace signet::ring

#endif  // SIGNET_SRC_CORE_KEY_RING_FILE_H_
