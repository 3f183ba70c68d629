#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace chinjeol::testing {

// What one command line run printed and returned.
struct CliRun {
  int status = 0;
  std::string out;
  std::string err;
};

// A fresh temporary folder, removed at the end of the test.
class TempFolder {
 public:
  TempFolder();
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `text` to a file in the folder and returns its path.
  std::string Write(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

// Runs chinjeol's command line in this process with the real adapters (app::MakeServices), as
// `chinjeol --db DB args...`; `input` is standard input.
CliRun RunChinjeol(const std::string& database, const std::vector<std::string>& args,
                   const std::string& input = "");

}  // namespace chinjeol::testing
