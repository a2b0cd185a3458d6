// Reading and writing key-ring files for the CLI: `signet key ring ...` and
// the --key-ring flag of the token commands.
#ifndef SIGNET_TOOLS_SIGNET_KEY_RING_CLI_H_
#define SIGNET_TOOLS_SIGNET_KEY_RING_CLI_H_

#include <string>
#include <string_view>

#include "cli.h"
#include "signet/key_ring.h"

namespace signet::cli {

// RingDocument is a ring file's text; it holds secrets and is wiped when it
// goes away.
struct RingDocument {
  std::string text;
  RingDocument() = default;
  RingDocument(const RingDocument&) = delete;
  RingDocument& operator=(const RingDocument&) = delete;
  ~RingDocument();
};

// read_ring_file reads a ring file (a regular file of at most
// kMaxKeyRingFileSize bytes). Throws UsageError naming the path and `flag`.
void read_ring_file(const std::string& path, std::string_view flag, RingDocument& out);

// write_ring_file replaces `path` atomically (a new file with mode 0600 in
// the same directory, then rename), whatever the old file's mode was.
// Throws UsageError.
void write_ring_file(const std::string& path, std::string_view text);

// RingLock holds an exclusive flock(2) on "<path>.lock" (created 0600) for
// a read-modify-write of a ring file, so that two `signet key ring` runs on
// one ring never lose each other's change. The lock file stays (removing it
// would let a third run lock a different inode). Throws UsageError.
class RingLock {
 public:
  explicit RingLock(const std::string& path);
  RingLock(const RingLock&) = delete;
  RingLock& operator=(const RingLock&) = delete;
  ~RingLock();

 private:
  int fd_ = -1;
};

// ring_error turns a ring that cannot be parsed or used into a UsageError
// (exit status 2): "key ring F: <code>: <detail>". Nothing secret is in it.
UsageError ring_error(const std::string& path, const Error& error);

// load_ring reads and parses the ring file named by --key-ring (or `path`)
// as a Ring (jwt::KeyRing, django::KeyRing, paseto::KeyRing). Throws
// UsageError when the file cannot be read or parsed.
template <class Ring>
Ring load_ring(const std::string& path, std::string_view flag = "key-ring") {
  RingDocument doc;
  read_ring_file(path, flag, doc);
  auto ring = Ring::parse(doc.text);
  if (!ring) throw ring_error(path, ring.error());
  return std::move(*ring);
}

}  // namespace signet::cli

#endif  // SIGNET_TOOLS_SIGNET_KEY_RING_CLI_H_
