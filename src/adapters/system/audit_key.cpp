#include "adapters/system/audit_key.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace chinjeol::system {
namespace {

constexpr std::size_t kKeyBytes = 32;

std::string Parent(const std::string& path) {
  std::string trimmed = path;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
  const std::size_t slash = trimmed.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return trimmed.substr(0, slash);
}

std::string Reason() { return std::strerror(errno); }

Error Unavailable(std::string message) {
  return Error(ErrorCode::kUnavailable, std::move(message));
}

Result<std::string> ReadKey(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    return Unavailable("감사 로그 키 파일을 열 수 없습니다 (cannot open the audit key " + path +
                       ": " + Reason() + ")");
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return InvalidArgument("감사 로그 키 파일이 일반 파일이 아닙니다 (the audit key " + path +
                           " is not a regular file)");
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    ::close(fd);
    return FailedPrecondition(
        "감사 로그 키 파일을 다른 사용자가 읽거나 쓸 수 있습니다 (the audit key " + path +
        " is open to other users: chmod 600 it)");
  }
  if (info.st_uid != ::geteuid()) {
    ::close(fd);
    return FailedPrecondition(
        "감사 로그 키 파일의 소유자가 이 프로그램의 사용자가 아닙니다 (the audit key " + path +
        " belongs to another user)");
  }
  std::array<char, 256> text{};
  std::size_t size = 0;
  for (;;) {
    const ssize_t got = ::read(fd, text.data() + size, text.size() - size);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    size += static_cast<std::size_t>(got);
    if (size == text.size()) break;
  }
  ::close(fd);
  std::string key(kKeyBytes, '\0');
  std::size_t key_size = 0;
  const char* end = nullptr;
  const int parsed = sodium_hex2bin(reinterpret_cast<unsigned char*>(key.data()), key.size(),
                                    text.data(), size, " \n\r\t", &key_size, &end);
  sodium_memzero(text.data(), text.size());
  if (parsed != 0 || key_size != kKeyBytes || end != text.data() + size) {
    sodium_memzero(key.data(), key.size());
    return InvalidArgument("감사 로그 키 파일이 64자리 16진수 키가 아닙니다 (the audit key " +
                           path + " does not hold 64 hex digits)");
  }
  return key;
}

// Writes a fresh key to a private temporary file and links it into place: the file appears
// whole or not at all, and of two processes creating it at once, one wins and both read it.
Result<void> CreateKey(const std::string& path) {
  std::array<unsigned char, kKeyBytes> key{};
  randombytes_buf(key.data(), key.size());
  std::array<char, kKeyBytes * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), key.data(), key.size());
  sodium_memzero(key.data(), key.size());
  std::string text(hex.data(), kKeyBytes * 2);
  text += '\n';
  sodium_memzero(hex.data(), hex.size());
  std::string temporary = path + ".XXXXXX";
  const int fd = ::mkstemp(temporary.data());  // mode 0600
  if (fd < 0) {
    sodium_memzero(text.data(), text.size());
    return Unavailable("감사 로그 키 파일을 만들 수 없습니다 (cannot create the audit key " + path +
                       ": " + Reason() + ")");
  }
  ::fchmod(fd, S_IRUSR | S_IWUSR);
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t put = ::write(fd, text.data() + written, text.size() - written);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) break;
    written += static_cast<std::size_t>(put);
  }
  sodium_memzero(text.data(), text.size());
  const bool whole = written == kKeyBytes * 2 + 1 && ::fsync(fd) == 0;
  ::close(fd);
  if (!whole) {
    ::unlink(temporary.c_str());
    return Unavailable("감사 로그 키 파일을 쓸 수 없습니다 (cannot write the audit key " + path +
                       ")");
  }
  const int linked = ::link(temporary.c_str(), path.c_str());
  const int link_error = errno;
  ::unlink(temporary.c_str());
  if (linked != 0 && link_error != EEXIST) {
    errno = link_error;
    return Unavailable("감사 로그 키 파일을 만들 수 없습니다 (cannot create the audit key " + path +
                       ": " + Reason() + ")");
  }
  // The folder entry too, so that a crash does not lose the key of rows already written.
  const int dir = ::open(Parent(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return Ok();
}

}  // namespace

Result<std::string> LoadOrCreateAuditKey(const std::string& path) {
  if (path.empty()) return InvalidArgument("the audit key file is not named");
  if (sodium_init() < 0) return Internal("libsodium could not start");
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) {
    if (errno != ENOENT) {
      return Unavailable("감사 로그 키 파일을 열 수 없습니다 (cannot open the audit key " + path +
                         ": " + Reason() + ")");
    }
    if (Result<void> created = CreateKey(path); !created) return created.error();
  }
  return ReadKey(path);
}

}  // namespace chinjeol::system
