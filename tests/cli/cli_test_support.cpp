#include "tests/cli/cli_test_support.hpp"

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>

#include "adapters/cli/cli.hpp"
#include "app/services.hpp"

namespace chinjeol::testing {

TempFolder::TempFolder() {
  std::random_device device;
  path_ = std::filesystem::temp_directory_path() /
          ("chinjeol-test-" + std::to_string(device()) + std::to_string(device()));
  std::filesystem::create_directories(path_);
}

TempFolder::~TempFolder() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempFolder::Write(const std::string& name, const std::string& text) const {
  const std::filesystem::path file = path_ / name;
  std::ofstream(file, std::ios::binary) << text;
  return file.string();
}

CliRun RunChinjeol(const std::string& database, const std::vector<std::string>& args,
                   const std::string& input) {
  static const cli::Services services = app::MakeServices();
  // One audit key file for the whole test run (created by the first command), unless a test
  // names its own.
  static const TempFolder key_folder;
  std::vector<std::string> words = {"chinjeol", "--db", database};
  if (std::find(args.begin(), args.end(), "--audit-key") == args.end()) {
    words.push_back("--audit-key");
    words.push_back((key_folder.path() / "chinjeol-audit.key").string());
  }
  words.insert(words.end(), args.begin(), args.end());
  std::vector<const char*> argv;
  for (const std::string& word : words) argv.push_back(word.c_str());
  std::istringstream in(input);
  std::ostringstream out, err;
  CliRun run;
  run.status = cli::Run(static_cast<int>(argv.size()), argv.data(), services, in, out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

}  // namespace chinjeol::testing
