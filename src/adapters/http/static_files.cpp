#include "adapters/http/static_files.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <utility>

#include "adapters/http/json_body.hpp"

namespace chinjeol::http {
namespace {

bool IsFile(const std::string& path, struct stat* info = nullptr) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0 || !S_ISREG(status.st_mode)) return false;
  if (info != nullptr) *info = status;
  return true;
}

std::string ExecutableDir() {
  std::array<char, 4096> buffer{};
  const ssize_t length = ::readlink("/proc/self/exe", buffer.data(), buffer.size() - 1);
  if (length <= 0) return {};
  std::string path(buffer.data(), static_cast<std::size_t>(length));
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

// Whether a decoded path stays inside the folder: no "..", no NUL, no backslash.
bool IsSafe(std::string_view path) {
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) {
    return false;
  }
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::string_view segment = path.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (segment == "..") return false;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return true;
}

bool HasExtension(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  const std::string_view name = path.substr(slash == std::string_view::npos ? 0 : slash + 1);
  return name.find('.') != std::string_view::npos;
}

HttpResponse FileResponse(const std::string& path, const struct stat& info,
                          const HttpRequest& request, bool immutable) {
  HttpResponse response;
  const std::string etag = "\"" + std::to_string(info.st_size) + "-" +
                           std::to_string(static_cast<long long>(info.st_mtime)) + "\"";
  response.SetHeader("ETag", etag);
  response.SetHeader("Cache-Control",
                     immutable ? "public, max-age=31536000, immutable" : "no-cache");
  response.SetHeader("X-Content-Type-Options", "nosniff");
  if (request.Header("if-none-match") == etag) {
    response.status = 304;
    return response;
  }
  const std::string_view type = ContentTypeFor(path);
  response.SetHeader("Content-Type", std::string(type));
  if (type.starts_with("text/html")) {
    response.SetHeader("Content-Security-Policy",
                       "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: "
                       "blob:; media-src 'self' blob:; frame-ancestors 'none'");
    response.SetHeader("X-Frame-Options", "DENY");
    response.SetHeader("Referrer-Policy", "no-referrer");
  }
  response.file_path = path;
  return response;
}

}  // namespace

std::string_view ContentTypeFor(std::string_view file_name) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".otf", "font/otf"},
      {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".wasm", "application/wasm"},
      {".pdf", "application/pdf"},
      {".csv", "text/csv; charset=utf-8"},
  };
  for (const auto& [extension, type] : kTypes) {
    if (file_name.ends_with(extension)) return type;
  }
  return "application/octet-stream";
}

std::string FindWebDir(const std::string& requested) {
  if (!requested.empty()) return requested;
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("CHINJEOL_WEB"); env != nullptr && *env != '\0') {
    candidates.emplace_back(env);
  }
  const std::string exe = ExecutableDir();
  if (!exe.empty()) {
    candidates.push_back(exe + "/web");
    candidates.push_back(exe + "/web/dist");
    candidates.push_back(exe + "/../web/dist");
  }
#ifdef CHINJEOL_SOURCE_WEB_DIR
  candidates.emplace_back(CHINJEOL_SOURCE_WEB_DIR);
#endif
  for (const std::string& candidate : candidates) {
    if (IsFile(candidate + "/index.html")) return candidate;
  }
  return {};
}

HttpResponse ServeStatic(const std::string& web_dir, const HttpRequest& request) {
  if (web_dir.empty()) {
    return ErrorResponse(
        NotFound("웹 화면 파일이 없습니다 (web/dist를 빌드하거나 --web DIR을 주세요)"));
  }
  if (!IsSafe(request.path)) return ErrorResponse(NotFound("찾을 수 없습니다"));
  std::string relative = request.path;
  if (relative.ends_with('/')) relative += "index.html";
  struct stat info {};
  const std::string path = web_dir + relative;
  if (IsFile(path, &info)) {
    // Bundled assets carry a content hash in their names and never change.
    const bool immutable = relative.starts_with("/assets/");
    return FileResponse(path, info, request, immutable);
  }
  if (HasExtension(relative)) return ErrorResponse(NotFound("찾을 수 없습니다"));
  const std::string index = web_dir + "/index.html";
  if (!IsFile(index, &info)) return ErrorResponse(NotFound("찾을 수 없습니다"));
  return FileResponse(index, info, request, false);
}

}  // namespace chinjeol::http
