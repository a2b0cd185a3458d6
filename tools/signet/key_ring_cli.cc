#include "key_ring_cli.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <span>

namespace signet::cli {
namespace {

void wipe(std::string& s) noexcept {
  secure_wipe(std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(s.data()), s.size()));
}

}  // namespace

RingDocument::~RingDocument() { wipe(text); }

void read_ring_file(const std::string& path, std::string_view flag, RingDocument& out) {
  const auto fail = [&](const char* why) {
    return UsageError{"cannot read the key ring given to --" + std::string(flag) + ": " + why};
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw fail(std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw fail("not a regular file");
  }
  // Read one byte past the cap so that an oversized file is refused, not cut.
  out.text.assign(kMaxKeyRingFileSize + 1, '\0');
  std::size_t done = 0;
  while (done < out.text.size()) {
    const ssize_t n = ::read(fd, out.text.data() + done, out.text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      throw fail(std::strerror(errno));
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (done > kMaxKeyRingFileSize) throw fail("larger than 1 MiB");
  out.text.resize(done);
}

void write_ring_file(const std::string& path, std::string_view text) {
  const std::string tmp = path + ".tmp";
  const auto fail = [&](const char* why) { return UsageError{"cannot write the key ring " + path + ": " + why}; };
  // O_EXCL: a leftover temporary file (or a symlink planted there) is never
  // followed or reused.
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) throw fail(std::strerror(errno));
  std::string data(text);
  data.push_back('\n');
  std::size_t done = 0;
  bool ok = ::fchmod(fd, 0600) == 0;  // whatever the umask made of it
  while (ok && done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  wipe(data);
  const int saved = errno;
  if (!ok || ::fsync(fd) != 0) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw fail(std::strerror(ok ? errno : saved));
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int e = errno;
    ::unlink(tmp.c_str());
    throw fail(std::strerror(e));
  }
}

RingLock::RingLock(const std::string& path) {
  const std::string lock = path + ".lock";
  fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd_ < 0) throw UsageError{"cannot lock the key ring " + path + ": " + std::strerror(errno)};
  while (::flock(fd_, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    const int e = errno;
    ::close(fd_);
    fd_ = -1;
    throw UsageError{"cannot lock the key ring " + path + ": " + std::strerror(e)};
  }
}

RingLock::~RingLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

UsageError ring_error(const std::string& path, const Error& error) {
  return UsageError{"key ring " + path + ": " + std::string(errc_name(error.code())) + ": " +
                    std::string(error.detail())};
}

}  // namespace signet::cli
