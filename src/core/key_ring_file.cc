#include "core/key_ring_file.h"

#include <array>
#include <cstdint>
#include <span>

#include "crypto/random.h"
#include "encoding/json_object.h"
#include "signet/bytes.h"

namespace signet {

std::string_view key_state_name(KeyState state) noexcept {
  switch (state) {
    case KeyState::active: return "active";
    case KeyState::verify_only: return "verify";
    case KeyState::retired: return "retired";
  }
  return "unknown";
}

namespace ring {
namespace {

// Nesting: document -> keys array -> entry -> key (a JWK object) -> a JWK
// member such as key_ops: five levels at most.
constexpr std::size_t kMaxDepth = 5;

Error bad(std::string_view detail) { return Error(Errc::malformed, detail); }

// Wipes a string that held secret material before it is freed.
void wipe(std::string& s) noexcept {
  secure_wipe(std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(s.data()), s.size()));
}

// Owns the canonical text of the document, which holds every secret of the
// ring, and wipes it on every return path.
struct WipedText {
  std::string text;
  ~WipedText() { wipe(text); }
};

Result<std::chrono::sys_seconds> read_time(std::string_view value, std::string_view what) {
  if (json::type_of(value) != json::JsonType::number) return bad(what);
  auto n = json::as_int64(value);
  // Seconds from 1970 to 9999-12-31: beyond that a time is a mistake, and
  // the range keeps nanosecond arithmetic (until 2262) out of reach of
  // overflow when it is compared with a clock.
  if (!n || *n < 0 || *n > 253402300799) return bad(what);
  return std::chrono::sys_seconds(std::chrono::seconds(*n));
}

Result<KeyState> read_state(std::string_view value) {
  if (json::type_of(value) != json::JsonType::string) return bad("a key's \"state\" must be a string");
  const std::string_view s = json::string_content(value);
  if (s == "active") return KeyState::active;
  if (s == "verify") return KeyState::verify_only;
  if (s == "retired") return KeyState::retired;
  return bad("a key's \"state\" must be active, verify or retired");
}

Result<RawEntry> read_entry(std::string_view object) {
  auto members = json::members_of(object);
  if (!members) return members.error();
  RawEntry entry;
  bool has_id = false, has_state = false, has_created = false, has_key = false;
  for (const auto& m : *members) {
    if (m.name == "id") {
      if (json::type_of(m.value) != json::JsonType::string) return bad("a key's \"id\" must be a string");
      auto id = json::decode_string(m.value);
      if (!id) return id.error();
      if (!check_id(*id)) return bad("a key's \"id\" must be 1-256 printable ASCII characters");
      entry.info.id = std::move(*id);
      has_id = true;
    } else if (m.name == "state") {
      auto state = read_state(m.value);
      if (!state) return state.error();
      entry.info.state = *state;
      has_state = true;
    } else if (m.name == "created") {
      auto t = read_time(m.value, "a key's \"created\" must be seconds since the epoch");
      if (!t) return t.error();
      entry.info.created = *t;
      has_created = true;
    } else if (m.name == "not_after") {
      auto t = read_time(m.value, "a key's \"not_after\" must be seconds since the epoch");
      if (!t) return t.error();
      entry.info.not_after = *t;
    } else if (m.name == "key") {
      entry.key_json = std::string(m.value);
      has_key = true;
    } else {
      // Strict: an unknown member may be a typo of a security setting
      // ("not-after"), and silently ignoring it would keep a key alive.
      return bad("unknown member in a key of the ring");
    }
  }
  if (!has_id || !has_state || !has_created || !has_key) {
    return bad("every key needs \"id\", \"state\", \"created\" and \"key\"");
  }
  return entry;
}

}  // namespace

RawEntry::~RawEntry() { wipe(key_json); }

Status check_id(std::string_view id) noexcept {
  if (id.empty() || id.size() > 256) return Unexpected(Errc::invalid_argument, "a key id has 1 to 256 characters");
  for (const char c : id) {
    if (c < 0x20 || c > 0x7e) return Unexpected(Errc::invalid_argument, "a key id must be printable ASCII (0x20-0x7E)");
  }
  return {};
}

Result<std::vector<RawEntry>> parse_ring(std::string_view text, std::string_view format, std::size_t max_bytes,
                                         std::string* out_format) {
  if (text.size() > max_bytes) return Unexpected(Errc::payload_too_large, "the key ring document is too large");
  WipedText canonical;
  auto members = json::parse_object(text, canonical.text, max_bytes, kMaxDepth);
  if (!members) return members.error();
  std::optional<std::string_view> version, format_value, keys;
  for (const auto& m : *members) {
    if (m.name == "signet_key_ring") version = m.value;
    else if (m.name == "format") format_value = m.value;
    else if (m.name == "keys") keys = m.value;
    else return bad("unknown member in the key ring document");
  }
  if (!version || !format_value || !keys) {
    return bad("a key ring needs \"signet_key_ring\", \"format\" and \"keys\"");
  }
  if (json::type_of(*version) != json::JsonType::number) return bad("\"signet_key_ring\" must be a number");
  if (*version != "1") return Unexpected(Errc::unsupported, "unsupported key ring version (signet reads version 1)");
  if (json::type_of(*format_value) != json::JsonType::string) return bad("\"format\" must be a string");
  if (out_format) *out_format = std::string(json::string_content(*format_value));
  if (!out_format && json::string_content(*format_value) != format) {
    return Unexpected(Errc::key_mismatch, "the key ring is for another token format");
  }
  if (json::type_of(*keys) != json::JsonType::array) return bad("\"keys\" must be an array");
  auto elements = json::elements_of(*keys);
  if (!elements) return elements.error();
  if (elements->size() > kMaxKeyRingKeys) return Unexpected(Errc::payload_too_large, "the key ring has over 256 keys");
  std::vector<RawEntry> out;
  out.reserve(elements->size());
  bool has_active = false;
  for (const auto element : *elements) {
    if (json::type_of(element) != json::JsonType::object) return bad("every element of \"keys\" must be an object");
    auto entry = read_entry(element);
    if (!entry) return entry.error();
    for (const auto& e : out) {
      if (e.info.id == entry->info.id) return bad("two keys of the ring have the same id");
    }
    if (entry->info.state == KeyState::active) {
      if (has_active) return bad("a key ring has at most one active key");
      has_active = true;
    }
    out.push_back(std::move(*entry));
  }
  return out;
}

std::string write_ring(std::string_view format, const std::vector<RawEntry>& entries) {
  std::string out = "{\"signet_key_ring\":1,\"format\":";
  json::quote_append(format, out);
  out += ",\"keys\":[";
  bool first = true;
  for (const auto& e : entries) {
    out += first ? "\n" : ",\n";
    first = false;
    out += "{\"id\":";
    json::quote_append(e.info.id, out);
    out += ",\"state\":\"";
    out += key_state_name(e.info.state);
    out += "\",\"created\":";
    out += std::to_string(e.info.created.time_since_epoch().count());
    if (e.info.not_after) {
      out += ",\"not_after\":";
      out += std::to_string(e.info.not_after->time_since_epoch().count());
    }
    out += ",\"key\":";
    out += e.key_json;
    out += '}';
  }
  out += entries.empty() ? "]}" : "\n]}";
  return out;
}

Result<std::string> random_id() {
  std::array<std::uint8_t, 8> bytes{};
  if (auto st = crypto::random_bytes(bytes); !st) return st.error();
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  for (const auto b : bytes) {
    id += kHex[b >> 4];
    id += kHex[b & 0xf];
  }
  return id;
}

std::chrono::sys_seconds to_seconds(UnixTime t) noexcept { return std::chrono::floor<std::chrono::seconds>(t); }

bool past_not_after(const KeyInfo& info, UnixTime now) noexcept {
  return info.not_after && to_seconds(now) > *info.not_after;
}

}  // namespace ring

Result<std::string> key_ring_format(std::string_view document, std::size_t max_bytes) {
  std::string format;
  auto entries = ring::parse_ring(document, {}, max_bytes, &format);
  if (!entries) return entries.error();
  return format;
}

}  // namespace signet
