// The OpenAPI document, the router and docs/api.md describe the same routes.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "adapters/http/api.hpp"
#include "adapters/http/internal/call.hpp"
#include "tests/api/api_world.hpp"

namespace chinjeol::api_testing {
namespace {

std::set<std::string> RouteKeys() {
  std::set<std::string> keys;
  for (const http::internal::RouteSpec& route : http::Api::Routes()) {
    keys.insert(std::string(route.method) + " " + route.pattern);
  }
  return keys;
}

TEST(OpenApiDocument, ListsExactlyTheRoutesOfTheRouter) {
  const boost::json::value document = ParseJson(http::Api::OpenApiDocument());
  ASSERT_TRUE(document.is_object());
  EXPECT_EQ(document.at("openapi").as_string(), "3.1.0");
  std::set<std::string> documented;
  for (const auto& [path, methods] : document.at("paths").as_object()) {
    for (const auto& [method, operation] : methods.as_object()) {
      std::string upper(method);
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.insert(upper + " " + std::string(path));
      EXPECT_TRUE(operation.as_object().contains("responses")) << path;
    }
  }
  EXPECT_EQ(documented, RouteKeys());
}

TEST(OpenApiDocument, ResolvesEverySchemaReference) {
  const std::string text = http::Api::OpenApiDocument();
  const boost::json::value document = ParseJson(text);
  const boost::json::object& schemas = document.at("components").at("schemas").as_object();
  const std::string marker = "#/components/schemas/";
  for (std::size_t at = text.find(marker); at != std::string::npos;
       at = text.find(marker, at + 1)) {
    const std::size_t end = text.find('"', at);
    const std::string name = text.substr(at + marker.size(), end - at - marker.size());
    EXPECT_TRUE(schemas.contains(name)) << name;
  }
}

TEST(ApiOutline, DocsApiMdNamesEveryRoute) {
  std::ifstream file(std::string(CHINJEOL_SOURCE_DIR) + "/docs/api.md");
  std::stringstream text;
  text << file.rdbuf();
  const std::string outline = text.str();
  for (const std::string& key : RouteKeys()) {
    const std::string pattern = key.substr(key.find(' ') + 1);
    EXPECT_NE(outline.find(pattern), std::string::npos) << key << " is not in docs/api.md";
  }
}

TEST(OpenApiDocument, IsServedAtApiOpenapiJson) {
  std::unique_ptr<ApiWorld> world;
  CHINJEOL_CREATE_API_WORLD(world, testing::Engine::kSqlite);
  const Reply reply = world->Get("/api/openapi.json");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.Header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(reply.body, http::Api::OpenApiDocument());
}

}  // namespace
}  // namespace chinjeol::api_testing
