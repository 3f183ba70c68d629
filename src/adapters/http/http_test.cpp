// The HTTP adapter's pieces without a server: routing, targets, strict JSON bodies, errors,
// static file types.
#include <gtest/gtest.h>

#include "adapters/http/client_address.hpp"
#include "adapters/http/http_message.hpp"
#include "adapters/http/json_body.hpp"
#include "adapters/http/rate_limiter.hpp"
#include "adapters/http/router.hpp"
#include "adapters/http/static_files.hpp"

namespace chinjeol::http {
namespace {

TEST(Router, MatchesTemplatesWithParametersAndTellsWrongMethods) {
  Router router;
  router.Add("GET", "/api/evaluations", 0);
  router.Add("GET", "/api/evaluations/{id}", 1);
  router.Add("POST", "/api/evaluations/{id}/review", 2);
  router.Add("PUT", "/api/evaluations/{id}", 3);

  Router::Match match = router.Find("GET", "/api/evaluations/42");
  ASSERT_EQ(match.outcome, Router::Outcome::kFound);
  EXPECT_EQ(match.route->id, 1U);
  ASSERT_EQ(match.params.size(), 1U);
  EXPECT_EQ(match.params[0].first, "id");
  EXPECT_EQ(match.params[0].second, "42");

  EXPECT_EQ(router.Find("POST", "/api/evaluations/42/review").route->id, 2U);
  match = router.Find("DELETE", "/api/evaluations/42");
  EXPECT_EQ(match.outcome, Router::Outcome::kWrongMethod);
  EXPECT_EQ(match.allowed_methods, (std::vector<std::string>{"GET", "PUT"}));
  EXPECT_EQ(router.Find("GET", "/api/evaluations/42/nothing").outcome, Router::Outcome::kNoPath);
  EXPECT_EQ(router.Find("GET", "/api/evaluations/").outcome, Router::Outcome::kNoPath);
  EXPECT_EQ(router.Find("GET", "/api").outcome, Router::Outcome::kNoPath);
}

TEST(ParseTarget, DecodesPathAndQueryIncludingKorean) {
  std::optional<ParsedTarget> target =
      ParseTarget("/api/employees?department=%ED%8F%AC%EC%B2%9C&page=2&flag&q=a+b");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->path, "/api/employees");
  ASSERT_EQ(target->query.size(), 4U);
  EXPECT_EQ(target->query[0].second, "포천");
  EXPECT_EQ(target->query[1].second, "2");
  EXPECT_EQ(target->query[2].first, "flag");
  EXPECT_EQ(target->query[3].second, "a b");
  EXPECT_FALSE(ParseTarget("/bad%zz"));
  EXPECT_FALSE(ParseTarget("/bad%4"));
  EXPECT_FALSE(ParseTarget("no-slash"));
}

TEST(ObjectReader, NamesMissingWrongAndUnknownFields) {
  const boost::json::object body =
      boost::json::parse(R"({"login": 7, "extra": true, "nested": {"x": 1}})").as_object();
  ObjectReader reader(body);
  EXPECT_FALSE(reader.String("login", ObjectReader::Need::kRequired));
  EXPECT_FALSE(reader.String("password", ObjectReader::Need::kRequired));
  EXPECT_FALSE(reader.Integer("count", ObjectReader::Need::kOptional));
  const boost::json::object* nested = reader.Object("nested", ObjectReader::Need::kOptional);
  ASSERT_NE(nested, nullptr);
  ObjectReader inner(*nested, "nested");
  EXPECT_FALSE(inner.Finish());
  EXPECT_EQ(inner.violations().at(0).field, "nested/x");
  Result<void> finished = reader.Finish();
  ASSERT_FALSE(finished);
  std::vector<std::string> fields;
  for (const FieldViolation& violation : finished.error().violations()) {
    fields.push_back(violation.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"login", "password", "extra"}));
}

TEST(ParseJsonObject, TellsNotJsonFromWrongContentType) {
  HttpRequest request;
  request.headers = {{"content-type", "application/json; charset=utf-8"}};
  request.body = R"({"a": 1})";
  boost::json::object object;
  EXPECT_FALSE(ParseJsonObject(request, object));
  EXPECT_EQ(object.at("a").as_int64(), 1);
  request.body = "{";
  EXPECT_EQ(ParseJsonObject(request, object)->status, 400);
  request.body = "[1]";
  EXPECT_EQ(ParseJsonObject(request, object)->status, 422);
  request.headers = {{"content-type", "text/plain"}};
  EXPECT_EQ(ParseJsonObject(request, object)->status, 415);
}

TEST(ErrorResponse, MapsEveryCodeAndHidesInternalDetails) {
  EXPECT_EQ(ToHttpStatus(ErrorCode::kInvalidArgument), 422);
  EXPECT_EQ(ToHttpStatus(ErrorCode::kNotFound), 404);
  EXPECT_EQ(ToHttpStatus(ErrorCode::kAlreadyExists), 409);
  EXPECT_EQ(ToHttpStatus(ErrorCode::kFailedPrecondition), 409);
  EXPECT_EQ(ToHttpStatus(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(ToHttpStatus(ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(ToHttpStatus(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(ToHttpStatus(ErrorCode::kInternal), 500);
  const HttpResponse internal = ErrorResponse(Internal("SELECT secret FROM users failed"));
  EXPECT_EQ(internal.status, 500);
  EXPECT_EQ(internal.body.find("SELECT"), std::string::npos);
  const HttpResponse invalid = ErrorResponse(InvalidArgument("bad", {{"answers/3", "too high"}}));
  EXPECT_EQ(
      invalid.body,
      R"({"error":{"code":"invalid_argument","message":"bad","fields":[{"field":"answers/3","message":"too high"}]}})");
}

TEST(ContentTypeFor, KnowsTheWebPagesTypes) {
  EXPECT_EQ(ContentTypeFor("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("/assets/app-1a2b.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("style.css"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("logo.svg"), "image/svg+xml");
  EXPECT_EQ(ContentTypeFor("font.woff2"), "font/woff2");
  EXPECT_EQ(ContentTypeFor("unknown.bin"), "application/octet-stream");
}

TEST(ClientAddress, BelievesForwardedForOnlyFromTrustedProxies) {
  const std::vector<std::string> proxies = {"10.0.0.5", "10.0.0.6"};
  EXPECT_EQ(ClientAddress("203.0.113.7", "198.51.100.1", proxies), "203.0.113.7");
  EXPECT_EQ(ClientAddress("10.0.0.5", "198.51.100.1", proxies), "198.51.100.1");
  // The rightmost address that is not one of ours; what the client wrote to its left is not.
  EXPECT_EQ(ClientAddress("10.0.0.5", "1.2.3.4, 198.51.100.1, 10.0.0.6", proxies), "198.51.100.1");
  EXPECT_EQ(ClientAddress("10.0.0.5", "", proxies), "10.0.0.5");
  EXPECT_EQ(ClientAddress("10.0.0.5", "not-an-address", proxies), "10.0.0.5");
  EXPECT_EQ(ClientAddress("::ffff:10.0.0.5", "2001:db8::1", proxies), "2001:db8::1");
  EXPECT_EQ(ClientAddress("198.51.100.1", "10.0.0.5", {}), "198.51.100.1");
}

TEST(NetworkOf, KeepsThePrefixOfIpv4AndIpv6Addresses) {
  EXPECT_EQ(NetworkOf("203.0.113.77", 24, 64), "203.0.113.0/24");
  EXPECT_EQ(NetworkOf("203.0.113.77", 32, 64), "203.0.113.77/32");
  EXPECT_EQ(NetworkOf("2001:db8:1:2:3:4:5:6", 24, 64), "2001:db8:1:2::/64");
  EXPECT_EQ(NetworkOf("::ffff:203.0.113.77", 24, 64), "203.0.113.0/24");
  EXPECT_TRUE(IsIpAddress("::1"));
  EXPECT_FALSE(IsIpAddress("localhost"));
}

TEST(RateLimiter, GivesABurstThenTokensAtTheRate) {
  RateLimiter limiter(3, 1);  // three at once, then one a second
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Take("a", 100.0), 0);
  EXPECT_NEAR(limiter.Take("a", 100.0), 1.0, 1e-9);
  EXPECT_EQ(limiter.Take("b", 100.0), 0);  // another client's own bucket
  EXPECT_NEAR(limiter.Take("a", 100.5), 0.5, 1e-9);
  EXPECT_EQ(limiter.Take("a", 101.0), 0);
  RateLimiter small(1, 1, 2);  // at most two clients remembered
  EXPECT_EQ(small.Take("a", 0.0), 0);
  EXPECT_EQ(small.Take("b", 0.0), 0);
  EXPECT_EQ(small.Take("c", 0.0), 0);  // forgets rather than grows
}

}  // namespace
}  // namespace chinjeol::http
