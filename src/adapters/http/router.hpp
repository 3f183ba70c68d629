#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chinjeol::http {

// Maps a method and a path to a route registered with a template such as
// "/api/evaluations/{id}/review"; a "{name}" segment matches any one non-empty segment.
class Router {
 public:
  struct Route {
    std::string method;
    std::string pattern;
    std::size_t id = 0;
    std::vector<std::string> segments;  // of the pattern; "{name}" for a parameter
  };

  enum class Outcome { kFound, kNoPath, kWrongMethod };
  struct Match {
    Outcome outcome = Outcome::kNoPath;
    const Route* route = nullptr;
    std::vector<std::pair<std::string, std::string>> params;
    std::vector<std::string> allowed_methods;  // kWrongMethod: what the path does take
  };

  void Add(std::string method, std::string pattern, std::size_t id);
  Match Find(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace chinjeol::http
