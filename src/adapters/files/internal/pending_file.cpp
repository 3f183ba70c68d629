#include "adapters/files/internal/pending_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace chinjeol::files::internal {

Result<PendingFile> PendingFile::Create(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string temp_path =
        path + ".tmp" + std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1));
    // O_EXCL: never reuse a file someone else made; mode 0666 so the umask decides, as for any
    // file the user creates.
    const int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      ::close(fd);
      return PendingFile(path, std::move(temp_path));
    }
    if (errno != EEXIST) {
      return InvalidArgument(path + ": cannot create the file (" + std::strerror(errno) + ")");
    }
  }
  return InvalidArgument(path + ": cannot create a temporary file beside it");
}

PendingFile::PendingFile(PendingFile&& other) noexcept
    : path_(std::move(other.path_)), temp_path_(std::move(other.temp_path_)) {
  other.temp_path_.clear();
}

PendingFile& PendingFile::operator=(PendingFile&& other) noexcept {
  if (this != &other) {
    if (!temp_path_.empty()) std::remove(temp_path_.c_str());
    path_ = std::move(other.path_);
    temp_path_ = std::move(other.temp_path_);
    other.temp_path_.clear();
  }
  return *this;
}

PendingFile::~PendingFile() {
  if (!temp_path_.empty()) std::remove(temp_path_.c_str());
}

Result<void> PendingFile::Commit() {
  if (temp_path_.empty()) return Internal(path_ + ": the file was already completed");
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    return Internal(path_ + ": cannot write the file (" + std::strerror(errno) + ")");
  }
  temp_path_.clear();
  return Ok();
}

}  // namespace chinjeol::files::internal
