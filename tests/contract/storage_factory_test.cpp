// The storage factory's URL handling and the SQL driver's engine-independent pieces.

#include "adapters/storage/storage_factory.hpp"

#include <gtest/gtest.h>

#include "adapters/storage/sql/postgres_connection.hpp"

namespace chinjeol::storage {
namespace {

TEST(OpenStorage, RefusesOtherUrlsNamingTheExpectedFormsWithoutEchoingThem) {
  for (const char* url : {"mysql://admin:s3cret@db/chinjeol", "chinjeol.db", "sqlite:", ""}) {
    Result<std::unique_ptr<ports::Storage>> storage = OpenStorage(url);
    ASSERT_FALSE(storage) << url;
    EXPECT_EQ(storage.error().code(), ErrorCode::kInvalidArgument) << url;
    EXPECT_NE(storage.error().message().find("sqlite:PATH"), std::string::npos);
    EXPECT_NE(storage.error().message().find("postgresql://"), std::string::npos);
    EXPECT_EQ(storage.error().message().find("s3cret"), std::string::npos);
  }
}

TEST(OpenStorage, ReportsAnUnreachableServerAsUnavailableWithoutThePassword) {
  Result<std::unique_ptr<ports::Storage>> storage =
      OpenStorage("postgresql://chinjeol:s3cret@127.0.0.1:1/chinjeol?connect_timeout=2");

  ASSERT_FALSE(storage);
  EXPECT_EQ(storage.error().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(storage.error().message().find("s3cret"), std::string::npos)
      << storage.error().message();
}

TEST(OpenStorage, ReportsAnUnopenableSqliteFileAsUnavailable) {
  Result<std::unique_ptr<ports::Storage>> storage =
      OpenStorage("sqlite:/nonexistent-directory/chinjeol.db");

  ASSERT_FALSE(storage);
  EXPECT_EQ(storage.error().code(), ErrorCode::kUnavailable);
  EXPECT_NE(storage.error().message().find("/nonexistent-directory/chinjeol.db"),
            std::string::npos);
}

TEST(OpenStorage, OpensAPrivateInMemorySqliteDatabase) {
  Result<std::unique_ptr<ports::Storage>> storage = OpenStorage("sqlite::memory:");

  ASSERT_TRUE(storage) << storage.error().message();
  ASSERT_TRUE(
      (*storage)->organisation().SaveDepartments({{"D01", "총무과", org::DepartmentGroup::kHq}}));
  Result<std::vector<org::Department>> departments = (*storage)->organisation().ListDepartments();
  ASSERT_TRUE(departments);
  EXPECT_EQ(departments->size(), 1u);
}

TEST(NumberPlaceholders, NumbersQuestionMarksOutsideQuotesAndComments) {
  EXPECT_EQ(sql::NumberPlaceholders("SELECT a FROM t WHERE b = ? AND c IN (?, ?)"),
            "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)");
  EXPECT_EQ(sql::NumberPlaceholders("SELECT '?', 'it''s ?', \"odd?\" -- what?\n, ? /* ? */ , ?"),
            "SELECT '?', 'it''s ?', \"odd?\" -- what?\n, $1 /* ? */ , $2");
  EXPECT_EQ(sql::NumberPlaceholders("SELECT 1"), "SELECT 1");
}

TEST(AppendCopyText, EscapesWhatCopyTextFormatReads) {
  std::string out;
  sql::AppendCopyText(out, "a\tb\nc\rd\\e \\N 한글");
  EXPECT_EQ(out, "a\\tb\\nc\\rd\\\\e \\\\N 한글");
}

}  // namespace
}  // namespace chinjeol::storage
