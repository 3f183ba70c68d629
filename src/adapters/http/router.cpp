#include "adapters/http/router.hpp"

namespace chinjeol::http {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> segments;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const std::size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash);
  }
  return segments;
}

bool IsParameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool MatchSegments(const std::vector<std::string>& want, const std::vector<std::string_view>& have,
                   std::vector<std::pair<std::string, std::string>>& params) {
  if (want.size() != have.size()) return false;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (!IsParameter(want[i]) && want[i] != have[i]) return false;
  }
  params.clear();
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (IsParameter(want[i])) {
      if (have[i].empty()) return false;
      params.emplace_back(want[i].substr(1, want[i].size() - 2), std::string(have[i]));
    }
  }
  return true;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, std::size_t id) {
  std::vector<std::string> segments;
  for (const std::string_view segment : Segments(pattern)) segments.emplace_back(segment);
  routes_.push_back({std::move(method), std::move(pattern), id, std::move(segments)});
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  Match match;
  if (path.size() > 1 && path.back() == '/') return match;
  const std::vector<std::string_view> have = Segments(path);
  std::vector<std::pair<std::string, std::string>> params;
  for (const Route& route : routes_) {
    if (!MatchSegments(route.segments, have, params)) continue;
    if (route.method == method) {
      match.outcome = Outcome::kFound;
      match.route = &route;
      match.params = std::move(params);
      match.allowed_methods.clear();
      return match;
    }
    match.outcome = Outcome::kWrongMethod;
    match.allowed_methods.push_back(route.method);
  }
  return match;
}

}  // namespace chinjeol::http
