#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/auth/password_hasher.hpp"
#include "core/common/result.hpp"
#include "core/ports/storage.hpp"
#include "core/rubric/rubric.hpp"
#include "core/tables/table_sink.hpp"
#include "core/tables/table_source.hpp"

namespace chinjeol::cli {

// What `chinjeol serve` was asked for.
struct ServeRequest {
  std::string database_url;
  std::string listen = "127.0.0.1:8080";
  std::string web_dir;         // empty: looked up next to the program and in the source tree
  std::string data_dir;        // recordings and uploads
  std::string audit_key_path;  // the audit chain's key file (see AuditKeyPath)
  std::size_t threads = 0;     // 0: one worker per core
  std::vector<std::string> trusted_proxies;  // whose X-Forwarded-For names the client
  bool https = false;                        // Secure cookies and Strict-Transport-Security
  std::size_t max_connections = 0;           // 0: from the open-file limit
  std::size_t max_connections_per_address = 64;
  double header_timeout_seconds = 10;
};

// The adapters the command line works with, handed over by app/main (the CLI never reaches
// another adapter itself).
struct Services {
  // Opens the database with the audit chain's key read from (or, the first time, created in)
  // the file `audit_key_path`.
  std::function<Result<std::unique_ptr<ports::Storage>>(std::string_view url,
                                                        const std::string& audit_key_path)>
      open_storage;
  std::function<Result<std::unique_ptr<tables::TableSource>>(const std::string& path)> open_table;
  // format: csv, json or xlsx; an empty path means `standard_output` (not for xlsx).
  std::function<Result<std::unique_ptr<tables::TableSink>>(
      std::string_view format, const std::string& path, const std::string& sheet_name,
      std::ostream& standard_output)>
      open_sink;
  // Reads a rubric JSON file (one rubric, or a file shaped like data/rubrics.json).
  std::function<Result<std::vector<rubric::Rubric>>(const std::string& path)> read_rubrics;
  std::vector<rubric::Rubric> default_rubrics;
  std::function<std::unique_ptr<tables::TableSource>()> default_holidays;
  const auth::PasswordHasher* hasher = nullptr;
  std::function<std::uint64_t()> unpredictable_seed;
  // SHA-256 as lower-case hex, for the plan's commitment.
  std::function<std::string(std::string_view)> sha256;
  // Runs the web server in the foreground until SIGINT/SIGTERM (the HTTP adapter, via app/).
  std::function<Result<void>(const ServeRequest& request, std::ostream& out)> serve;
};

// The audit chain's key file: the --audit-key option, else CHINJEOL_AUDIT_KEY, else
// "chinjeol-audit.key" next to the data folder (`data_dir`, default chinjeol-data).
std::string AuditKeyPath(const std::string& option, const std::string& data_dir);

// Runs one command line (CONTRACT.md "Commands"). Exit status: 0 success, 2 bad input (with a
// reason naming the file, line and column on `err`), 1 anything else.
int Run(int argc, const char* const* argv, const Services& services, std::istream& in,
        std::ostream& out, std::ostream& err);

// Exit status for an error: 2 for problems with the input, 1 otherwise.
int ExitStatusFor(const Error& error);

// Writes an error for people: the first line names the first problem's file, line and column.
void PrintError(std::ostream& err, const Error& error);

}  // namespace chinjeol::cli
