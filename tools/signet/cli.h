// Shared plumbing of the signet CLI: argument parsing, key loading, I/O and
// the exit-status contract.
#ifndef SIGNET_TOOLS_SIGNET_CLI_H_
#define SIGNET_TOOLS_SIGNET_CLI_H_

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "signet/bytes.h"
#include "signet/clock.h"
#include "signet/result.h"

namespace signet::cli {

// Exit statuses; the contract every subcommand keeps.
enum Exit : int { kOk = 0, kRejected = 1, kUsage = 2, kInternal = 3 };

// HelpRequested is thrown by Args::parse when --help or -h stands where a
// flag is expected (a flag's value "-h" is just a value).
struct HelpRequested {};

// UsageError aborts a command with exit status 2 and a message on stderr.
struct UsageError {
  std::string message;
};

// FlagSpec declares one flag of a command.
struct FlagSpec {
  std::string_view name;  // without the leading "--"
  bool takes_value;
  bool repeatable;
};

// Args holds a command's parsed flags.
class Args {
 public:
  // parse reads `argv` against `specs`; throws HelpRequested for --help/-h in
  // a flag position, UsageError on an unknown or malformed flag, a missing
  // value, a repeated single flag, or a positional argument.
  static Args parse(const std::vector<std::string_view>& argv, const std::vector<FlagSpec>& specs);

  bool has(std::string_view name) const { return values_.count(std::string(name)) != 0; }
  std::optional<std::string> get(std::string_view name) const;
  std::vector<std::string> get_all(std::string_view name) const;

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
};

// is_help reports whether argv's first element asks for help (-h or --help).
bool is_help(const std::vector<std::string_view>& argv);

// read_stdin returns all of stdin with one trailing newline removed.
std::string read_stdin();

// write_line writes `text` and one newline to stdout.
void write_line(std::string_view text);

// load_key reads the key named by --<file_flag> or --<env_flag> (exactly one
// must be given): a file's bytes with one trailing newline removed, or an
// environment variable's bytes. Throws UsageError when absent, unreadable or
// empty. The key never appears in a message.
SecretBytes load_key(const Args& args, std::string_view file_flag, std::string_view env_flag);

// load_keys reads every repeated --<file_flag> and --<env_flag>, files first.
std::vector<SecretBytes> load_keys(const Args& args, std::string_view file_flag, std::string_view env_flag);

// read_text_file returns a (non-secret) file's contents, e.g. a JWKS.
// Throws UsageError naming `flag` when it cannot be read.
std::string read_text_file(const std::string& path, std::string_view flag);

// write_output writes `text` and a newline to the file `path` (created with
// mode 0600, since it may hold a private key) or, when `path` is empty, to stdout.
void write_output(const std::string& path, std::string_view text);

// parse_seconds reads decimal seconds ("3600", "100.5", "-2") exactly, to
// nanoseconds. Throws UsageError naming `flag` when it is not such a number.
std::chrono::nanoseconds parse_seconds(std::string_view text, std::string_view flag);

// parse_size reads a non-negative decimal integer. Throws UsageError.
std::size_t parse_size(std::string_view text, std::string_view flag);

// clock_from returns a FixedClock at --now when given, else nullopt.
std::optional<FixedClock> clock_from(const Args& args);

// Verb is one subcommand of a format: its name, its --help text and the
// function that runs it.
struct Verb {
  std::string_view name;
  std::string_view help;
  int (*run)(const std::vector<std::string_view>&);
};

// dispatch runs `signet <format> VERB ...`: the format's usage for no verb or
// --help (stdout, exit 0; stderr and exit 2 when nothing was given), the
// verb's help for `VERB --help` anywhere a flag may stand, and an unknown
// verb as a usage error.
int dispatch(std::string_view format, std::string_view usage, std::span<const Verb> verbs,
             const std::vector<std::string_view>& argv);

// report prints "<code>: <detail>" on stderr and returns the exit status
// that the error's code maps to (rejected, usage or internal).
int report(const Error& error);

// report_config prints "<code>: <detail>" like report, but always returns the
// usage status: for errors in what the user configured (a key file, a JWKS),
// which are never a verdict on a token, whatever their code.
int report_config(const Error& error);

}  // namespace signet::cli

#endif  // SIGNET_TOOLS_SIGNET_CLI_H_
