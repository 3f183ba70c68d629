#include "app/services.hpp"

#include <fstream>
#include <sstream>

#include "adapters/codec/rubric_json.hpp"
#include "adapters/digest/digest.hpp"
#include "adapters/files/csv_table_source.hpp"
#include "adapters/files/table_files.hpp"
#include "adapters/http/serve.hpp"
#include "adapters/storage/storage_factory.hpp"
#include "adapters/system/audit_key.hpp"
#include "adapters/system/secure_random.hpp"
#include "adapters/system/sodium_password_hasher.hpp"
#include "app/embedded.hpp"

namespace chinjeol::app {
namespace {

Result<std::vector<rubric::Rubric>> ReadRubricFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return InvalidArgument(path + ": cannot open the file");
  std::ostringstream text;
  text << file.rdbuf();
  const std::string json = text.str();
  // A rubrics file has a "rubrics" array; anything else is read as one rubric.
  if (json.find("\"rubrics\"") != std::string::npos) {
    Result<codec::RubricFile> parsed = codec::ParseRubricFile(json, path);
    if (!parsed) return parsed.error();
    return std::move(parsed->rubrics);
  }
  Result<rubric::Rubric> rubric = codec::RubricFromJson(json);
  if (!rubric) {
    return InvalidArgument(path + ": " + rubric.error().message(), rubric.error().violations());
  }
  return std::vector<rubric::Rubric>{std::move(*rubric)};
}

}  // namespace

cli::Services MakeServices() {
  static const system::SodiumPasswordHasher hasher;
  cli::Services services;
  services.open_storage =
      [](std::string_view url,
         const std::string& audit_key_path) -> Result<std::unique_ptr<ports::Storage>> {
    Result<std::string> key = system::LoadOrCreateAuditKey(audit_key_path);
    if (!key) return key.error();
    return storage::OpenStorage(url, *key);
  };
  services.open_table = [](const std::string& path) { return files::OpenTableSource(path); };
  services.open_sink = [](std::string_view format, const std::string& path,
                          const std::string& sheet, std::ostream& standard_output) {
    return files::OpenTableSink(format, path, sheet, standard_output);
  };
  services.read_rubrics = ReadRubricFile;
  services.default_rubrics = codec::DefaultRubricFile().rubrics;
  services.default_holidays = []() -> std::unique_ptr<tables::TableSource> {
    Result<std::unique_ptr<files::CsvTableSource>> source = files::CsvTableSource::FromText(
        "holidays-kr.csv (built in)", std::string(internal::Embedded("holidays-kr.csv")));
    if (!source) throw std::logic_error("the built-in holiday list is unreadable");
    return std::move(*source);
  };
  services.hasher = &hasher;
  services.unpredictable_seed = system::UnpredictableSeed;
  services.sha256 = digest::Sha256Hex;
  services.serve = [](const cli::ServeRequest& request, std::ostream& out) {
    http::ServeOptions options;
    options.database_url = request.database_url;
    options.listen = request.listen;
    options.web_dir = request.web_dir;
    options.data_dir = request.data_dir;
    options.threads = request.threads;
    options.trusted_proxies = request.trusted_proxies;
    options.https = request.https;
    options.max_connections = request.max_connections;
    options.max_connections_per_address = request.max_connections_per_address;
    options.header_timeout =
        std::chrono::milliseconds(static_cast<std::int64_t>(request.header_timeout_seconds * 1000));
    // Read once: every server on one database must be given the same key file.
    Result<std::string> key = system::LoadOrCreateAuditKey(request.audit_key_path);
    if (!key) return Result<void>(key.error());
    http::ApiServices api;
    api.open_storage = [key = *key](std::string_view url) {
      return storage::OpenStorage(url, key);
    };
    api.open_table = [](const std::string& path) { return files::OpenTableSource(path); };
    api.hasher = &hasher;
    return http::Serve(options, api, out);
  };
  return services;
}

}  // namespace chinjeol::app
