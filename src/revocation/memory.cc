// MemoryRevocationList: the revocation list of one process.
//
// Sharded so that many verifying threads do not all hit one lock word: a
// check takes one shard's shared lock, a revocation that shard's exclusive
// lock. Lookups use the (issuer, id) views directly (heterogeneous lookup),
// so a check never allocates.
#include <algorithm>
#include <array>
#include <atomic>
#include <functional>
#include <mutex>
#include <new>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "revocation/common.h"
#include "signet/revocation.h"

namespace signet::revocation {
namespace {

constexpr std::size_t kShards = 16;
// Each shard sweeps its expired entries at most this often, on the
// revocation path, so that a list that is never full still shrinks.
constexpr std::chrono::seconds kSweepInterval{60};

struct KeyView {
  std::string_view issuer;
  std::string_view id;
};

struct Key {
  std::string issuer;
  std::string id;
  operator KeyView() const noexcept { return {issuer, id}; }  // NOLINT: implicit, for lookups
};

std::size_t hash_of(KeyView k) noexcept {
  const std::size_t a = std::hash<std::string_view>{}(k.issuer);
  const std::size_t b = std::hash<std::string_view>{}(k.id);
  // Mixing the two hashes (boost's hash_combine) keeps ("ab","c") and ("a","bc") apart.
  return a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
}

struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(KeyView k) const noexcept { return hash_of(k); }
  std::size_t operator()(const Key& k) const noexcept { return hash_of(k); }
};

struct KeyEq {
  using is_transparent = void;
  bool operator()(KeyView a, KeyView b) const noexcept { return a.issuer == b.issuer && a.id == b.id; }
};

struct Cutoff {
  UnixTime before;  // tokens issued before this are refused
  UnixTime end;     // the entry is in force while now < end
};

struct alignas(64) Shard {
  mutable std::shared_mutex mu;
  std::unordered_map<Key, UnixTime, KeyHash, KeyEq> tokens;  // value: end
  std::unordered_map<Key, Cutoff, KeyHash, KeyEq> subjects;
  UnixTime next_sweep{};
};

}  // namespace

struct MemoryRevocationList::Impl {
  MemoryOptions options;
  const Clock* clock;
  std::array<Shard, kShards> shards;
  std::atomic<std::size_t> count{0};

  Shard& shard_of(KeyView k) noexcept { return shards[hash_of(k) % kShards]; }
  const Shard& shard_of(KeyView k) const noexcept { return shards[hash_of(k) % kShards]; }

  // Takes one slot of max_entries; false when the list is full.
  bool reserve() noexcept {
    std::size_t n = count.load(std::memory_order_relaxed);
    while (n < options.max_entries) {
      if (count.compare_exchange_weak(n, n + 1, std::memory_order_relaxed)) return true;
    }
    return false;
  }

  // Drops the shard's expired entries; the caller holds its exclusive lock.
  std::size_t sweep_locked(Shard& s, UnixTime now) noexcept {
    const std::size_t dropped = std::erase_if(s.tokens, [&](const auto& e) { return e.second <= now; }) +
                                std::erase_if(s.subjects, [&](const auto& e) { return e.second.end <= now; });
    count.fetch_sub(dropped, std::memory_order_relaxed);
    s.next_sweep = now + kSweepInterval;
    return dropped;
  }

  std::size_t sweep_all(UnixTime now) noexcept {
    std::size_t dropped = 0;
    for (auto& s : shards) {
      std::unique_lock lock(s.mu);
      dropped += sweep_locked(s, now);
    }
    return dropped;
  }

  // Finds or inserts `key` in `map` (of `shard`, locked by `lock`) and lets
  // `update` merge the new value into the entry. When the list is full it
  // sweeps every shard once (dropping the lock meanwhile) before giving up.
  template <class Map, class Update>
  Status upsert(Shard& shard, std::unique_lock<std::shared_mutex>& lock, Map& map, KeyView key, UnixTime now,
                typename Map::mapped_type fresh, Update update) {
    if (now >= shard.next_sweep) sweep_locked(shard, now);
    if (auto it = map.find(key); it != map.end()) {
      update(it->second);
      return {};
    }
    if (!reserve()) {
      lock.unlock();
      sweep_all(now);
      lock.lock();
      // Another thread may have added this key while the lock was released.
      if (auto it = map.find(key); it != map.end()) {
        update(it->second);
        return {};
      }
      if (!reserve()) {
        return Unexpected(Errc::backend_failure, "the revocation list is full (max_entries); nothing was evicted");
      }
    }
    try {
      map.emplace(Key{std::string(key.issuer), std::string(key.id)}, fresh);
    } catch (const std::bad_alloc&) {
      count.fetch_sub(1, std::memory_order_relaxed);
      return Unexpected(Errc::backend_failure, "out of memory while adding a revocation");
    }
    return {};
  }
};

Result<std::shared_ptr<MemoryRevocationList>> MemoryRevocationList::create(const MemoryOptions& options) {
  if (options.max_entries == 0) return Unexpected(Errc::invalid_argument, "max_entries must be at least 1");
  if (options.grace < std::chrono::seconds(0)) return Unexpected(Errc::invalid_argument, "grace is negative");
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->clock = options.clock ? options.clock : &SystemClock::instance();
  return std::shared_ptr<MemoryRevocationList>(new MemoryRevocationList(std::move(impl)));
}

MemoryRevocationList::MemoryRevocationList(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
MemoryRevocationList::~MemoryRevocationList() = default;

Status MemoryRevocationList::revoke_token(std::string_view issuer, std::string_view token_id, UnixTime until) {
  if (auto ok = detail::check_id(issuer, token_id, false); !ok) return ok;
  const UnixTime now = impl_->clock->now();
  const UnixTime end = detail::end_of(until, impl_->options.grace);
  if (end <= now) return {};  // no verifier accepts this token any more
  const KeyView key{issuer, token_id};
  Shard& shard = impl_->shard_of(key);
  std::unique_lock lock(shard.mu);
  return impl_->upsert(shard, lock, shard.tokens, key, now, end, [&](UnixTime& e) { e = std::max(e, end); });
}

Status MemoryRevocationList::revoke_subject(std::string_view issuer, std::string_view subject, UnixTime issued_before,
                                            UnixTime keep_until) {
  if (auto ok = detail::check_id(issuer, subject, true); !ok) return ok;
  const UnixTime now = impl_->clock->now();
  const UnixTime end = detail::end_of(keep_until, impl_->options.grace);
  if (end <= now) return {};
  const KeyView key{issuer, subject};
  Shard& shard = impl_->shard_of(key);
  std::unique_lock lock(shard.mu);
  return impl_->upsert(shard, lock, shard.subjects, key, now, Cutoff{issued_before, end}, [&](Cutoff& c) {
    c.before = std::max(c.before, issued_before);
    c.end = std::max(c.end, end);
  });
}

Status MemoryRevocationList::check(const TokenFacts& facts) const noexcept {
  const UnixTime now = impl_->clock->now();
  if (!facts.token_id.empty()) {
    const KeyView key{facts.issuer, facts.token_id};
    const Shard& shard = impl_->shard_of(key);
    std::shared_lock lock(shard.mu);
    if (auto it = shard.tokens.find(key); it != shard.tokens.end() && now < it->second) {
      return Unexpected(Errc::revoked, "the token has been revoked");
    }
  }
  if (!facts.subject.empty()) {
    const KeyView key{facts.issuer, facts.subject};
    const Shard& shard = impl_->shard_of(key);
    std::shared_lock lock(shard.mu);
    if (auto it = shard.subjects.find(key); it != shard.subjects.end() && now < it->second.end) {
      if (!facts.issued_at) {
        return Unexpected(Errc::revoked, "the subject's tokens are revoked and this one has no iat");
      }
      if (*facts.issued_at < it->second.before) {
        return Unexpected(Errc::revoked, "the subject's tokens issued before the cutoff are revoked");
      }
    }
  }
  return {};
}

Result<std::size_t> MemoryRevocationList::purge() { return impl_->sweep_all(impl_->clock->now()); }

std::size_t MemoryRevocationList::size() const noexcept { return impl_->count.load(std::memory_order_relaxed); }

}  // namespace signet::revocation
