#pragma once

#include <string>

#include "core/common/result.hpp"

namespace chinjeol::files::internal {

// An output file written under a temporary name beside its final path and renamed into place by
// Commit(), so that a failed or abandoned export leaves no half-written file. The temporary file
// is removed unless committed. Movable, not copyable.
class PendingFile {
 public:
  // Creates the empty temporary file. kInvalidArgument naming `path` when its folder cannot be
  // written.
  static Result<PendingFile> Create(const std::string& path);

  PendingFile(PendingFile&& other) noexcept;
  PendingFile& operator=(PendingFile&& other) noexcept;
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;
  ~PendingFile();

  const std::string& path() const { return path_; }
  // Where to write until Commit().
  const std::string& temp_path() const { return temp_path_; }
  // Renames the temporary file to path(), replacing any file there. kInternal on failure.
  Result<void> Commit();

 private:
  PendingFile(std::string path, std::string temp_path)
      : path_(std::move(path)), temp_path_(std::move(temp_path)) {}

  std::string path_;
  std::string temp_path_;  // empty once committed or moved from
};

}  // namespace chinjeol::files::internal
