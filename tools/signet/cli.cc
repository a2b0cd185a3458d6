#include "cli.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>

namespace signet::cli {
namespace {

// Tokens and JSON values are small; refusing absurd stdin keeps memory bounded.
constexpr std::size_t kMaxInput = std::size_t{64} << 20;

void strip_one_newline(std::string& s) {
  if (!s.empty() && s.back() == '\n') s.pop_back();
}

}  // namespace

Args Args::parse(const std::vector<std::string_view>& argv, const std::vector<FlagSpec>& specs) {
  // Help wins over every other mistake, but only where a flag stands: the
  // value of a flag (`--sub -h`) is a value, never a request for help.
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") throw HelpRequested{};
    if (arg.size() < 3 || arg.substr(0, 2) != "--" || arg.find('=') != std::string_view::npos) continue;
    for (const auto& s : specs) {
      if (s.takes_value && s.name == arg.substr(2)) ++i;
    }
  }
  Args args;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    std::string_view arg = argv[i];
    if (arg.size() < 3 || arg.substr(0, 2) != "--") {
      throw UsageError{"unexpected argument '" + std::string(arg) + "'"};
    }
    arg.remove_prefix(2);
    std::optional<std::string_view> inline_value;
    if (const auto eq = arg.find('='); eq != std::string_view::npos) {
      inline_value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    }
    const FlagSpec* spec = nullptr;
    for (const auto& s : specs) {
      if (s.name == arg) spec = &s;
    }
    if (spec == nullptr) throw UsageError{"unknown flag --" + std::string(arg)};
    auto& slot = args.values_[std::string(arg)];
    if (!slot.empty() && !spec->repeatable) throw UsageError{"--" + std::string(arg) + " given twice"};
    if (!spec->takes_value) {
      if (inline_value) throw UsageError{"--" + std::string(arg) + " takes no value"};
      slot.emplace_back();
      continue;
    }
    if (inline_value) {
      slot.emplace_back(*inline_value);
    } else {
      if (i + 1 >= argv.size()) throw UsageError{"--" + std::string(arg) + " needs a value"};
      slot.emplace_back(argv[++i]);
    }
  }
  return args;
}

std::optional<std::string> Args::get(std::string_view name) const {
  const auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.front();
}

std::vector<std::string> Args::get_all(std::string_view name) const {
  const auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

bool is_help(const std::vector<std::string_view>& argv) {
  return !argv.empty() && (argv.front() == "--help" || argv.front() == "-h");
}

std::string read_stdin() {
  std::string data;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) {
    if (data.size() + n > kMaxInput) throw UsageError{"standard input is larger than 64 MiB"};
    data.append(buf, n);
  }
  if (std::ferror(stdin)) throw UsageError{"cannot read standard input"};
  strip_one_newline(data);
  return data;
}

void write_line(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

namespace {

// read_file reads a whole regular file with POSIX calls: a directory, a
// FIFO or an unreadable path is a usage error, never an exception.
std::string read_file(const std::string& path, std::string_view what, std::string_view flag) {
  const auto fail = [&](const char* why) {
    return UsageError{"cannot read the " + std::string(what) + " given to --" + std::string(flag) + ": " + why};
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw fail(std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw fail("not a regular file");
  }
  std::string data;
  char buf[65536];
  while (true) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      throw fail(std::strerror(errno));
    }
    if (n == 0) break;
    if (data.size() + static_cast<std::size_t>(n) > kMaxInput) {
      ::close(fd);
      throw fail("larger than 64 MiB");
    }
    data.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  secure_wipe(std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(buf), sizeof buf));
  return data;
}

SecretBytes key_from_file(const std::string& path, std::string_view flag) {
  std::string bytes = read_file(path, "key file", flag);
  strip_one_newline(bytes);
  if (bytes.empty()) throw UsageError{"the key file given to --" + std::string(flag) + " is empty"};
  SecretBytes key(bytes);
  secure_wipe(std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(bytes.data()), bytes.size()));
  return key;
}

SecretBytes key_from_env(const std::string& name, std::string_view flag) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) throw UsageError{"the variable named by --" + std::string(flag) + " is not set"};
  if (*value == '\0') throw UsageError{"the variable named by --" + std::string(flag) + " is empty"};
  return SecretBytes(std::string_view(value));
}

}  // namespace

std::string read_text_file(const std::string& path, std::string_view flag) { return read_file(path, "file", flag); }

void write_output(const std::string& path, std::string_view text) {
  if (path.empty()) {
    write_line(text);
    return;
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw UsageError{"cannot write " + path + ": " + std::strerror(errno)};
  std::string data(text);
  data.push_back('\n');
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n <= 0) {
      ::close(fd);
      throw UsageError{"cannot write " + path + ": " + std::strerror(errno)};
    }
    done += static_cast<std::size_t>(n);
  }
  secure_wipe(std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(data.data()), data.size()));
  ::close(fd);
}

SecretBytes load_key(const Args& args, std::string_view file_flag, std::string_view env_flag) {
  const auto file = args.get(file_flag);
  const auto env = args.get(env_flag);
  if (file && env) throw UsageError{"give either --" + std::string(file_flag) + " or --" + std::string(env_flag) + ", not both"};
  if (file) return key_from_file(*file, file_flag);
  if (env) return key_from_env(*env, env_flag);
  throw UsageError{"a key is required: --" + std::string(file_flag) + " F or --" + std::string(env_flag) + " VAR"};
}

std::vector<SecretBytes> load_keys(const Args& args, std::string_view file_flag, std::string_view env_flag) {
  std::vector<SecretBytes> keys;
  for (const auto& f : args.get_all(file_flag)) keys.push_back(key_from_file(f, file_flag));
  for (const auto& e : args.get_all(env_flag)) keys.push_back(key_from_env(e, env_flag));
  return keys;
}

std::chrono::nanoseconds parse_seconds(std::string_view text, std::string_view flag) {
  const auto bad = [&] { return UsageError{"--" + std::string(flag) + " needs a number of seconds, got '" + std::string(text) + "'"}; };
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) throw bad();
  std::int64_t whole = 0;
  std::int64_t frac = 0;
  int frac_digits = 0;
  bool seen_point = false;
  bool seen_digit = false;
  for (char c : s) {
    if (c == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') throw bad();
    seen_digit = true;
    if (!seen_point) {
      if (whole > std::numeric_limits<std::int64_t>::max() / 1'000'000'000 / 10) throw bad();
      whole = whole * 10 + (c - '0');
    } else if (frac_digits < 9) {
      frac = frac * 10 + (c - '0');
      ++frac_digits;
    }
  }
  if (!seen_digit) throw bad();
  while (frac_digits < 9) {
    frac *= 10;
    ++frac_digits;
  }
  // |value| must fit int64 nanoseconds: at most 9223372036.854775807 s.
  constexpr std::int64_t kMaxWhole = std::numeric_limits<std::int64_t>::max() / 1'000'000'000;
  constexpr std::int64_t kMaxFrac = std::numeric_limits<std::int64_t>::max() % 1'000'000'000;
  if (whole > kMaxWhole || (whole == kMaxWhole && frac > kMaxFrac)) throw bad();
  std::int64_t ns = whole * 1'000'000'000 + frac;
  if (negative) ns = -ns;
  return std::chrono::nanoseconds(ns);
}

std::size_t parse_size(std::string_view text, std::string_view flag) {
  if (text.empty()) throw UsageError{"--" + std::string(flag) + " needs a number"};
  std::size_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') throw UsageError{"--" + std::string(flag) + " needs a non-negative integer"};
    const auto digit = static_cast<std::size_t>(c - '0');
    if (value > (std::numeric_limits<std::size_t>::max() - digit) / 10) {
      throw UsageError{"--" + std::string(flag) + " is out of range"};
    }
    value = value * 10 + digit;
  }
  return value;
}

std::optional<FixedClock> clock_from(const Args& args) {
  const auto now = args.get("now");
  if (!now) return std::nullopt;
  return FixedClock(UnixTime(parse_seconds(*now, "now")));
}

int dispatch(std::string_view format, std::string_view usage, std::span<const Verb> verbs,
             const std::vector<std::string_view>& argv) {
  if (argv.empty() || is_help(argv)) {
    (argv.empty() ? std::cerr : std::cout) << usage;
    return argv.empty() ? kUsage : kOk;
  }
  const std::vector<std::string_view> rest(argv.begin() + 1, argv.end());
  for (const auto& v : verbs) {
    if (v.name != argv.front()) continue;
    try {
      return v.run(rest);
    } catch (const HelpRequested&) {
      std::cout << v.help;
      return kOk;
    }
  }
  std::cerr << "signet " << format << ": unknown verb '" << argv.front() << "'\n" << usage;
  return kUsage;
}

int report_config(const Error& error) {
  std::cerr << errc_name(error.code()) << ": " << error.detail() << '\n';
  return kUsage;
}

int report(const Error& error) {
  std::cerr << errc_name(error.code()) << ": " << error.detail() << '\n';
  switch (error.code()) {
    case Errc::malformed:
    case Errc::bad_signature:
    case Errc::expired:
    case Errc::not_yet_valid:
    case Errc::claim_mismatch:
    case Errc::unsupported:
    case Errc::key_mismatch:
    case Errc::payload_too_large:
    case Errc::bad_payload:
    case Errc::revoked:
      return kRejected;
    case Errc::invalid_key:
    case Errc::invalid_argument:
      return kUsage;
    case Errc::backend_failure:
      return kInternal;
  }
  return kInternal;
}

}  // namespace signet::cli
