#include "adapters/system/audit_key.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace chinjeol::system {
namespace {

class AuditKeyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "chinjeol-key-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    folder_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }
  std::string folder_;
};

TEST_F(AuditKeyTest, CreatesAPrivateKeyOnFirstUseAndReadsTheSameKeyAfterwards) {
  const std::string path = folder_ + "/audit.key";
  const Result<std::string> created = LoadOrCreateAuditKey(path);
  ASSERT_TRUE(created) << created.error().message();
  EXPECT_EQ(created->size(), 32U);
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600U);
  const Result<std::string> again = LoadOrCreateAuditKey(path);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *created);
  // Nothing else is left in the folder (no temporary file).
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(folder_),
                          std::filesystem::directory_iterator()),
            1);
}

TEST_F(AuditKeyTest, ProcessesStartingTogetherShareOneKey) {
  const std::string path = folder_ + "/audit.key";
  std::vector<std::string> keys(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    threads.emplace_back([&, i] {
      const Result<std::string> key = LoadOrCreateAuditKey(path);
      if (key) keys[i] = *key;
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& key : keys) EXPECT_EQ(key, keys.front());
  EXPECT_EQ(keys.front().size(), 32U);
}

TEST_F(AuditKeyTest, RefusesAKeyFileOthersMayRead) {
  const std::string path = folder_ + "/audit.key";
  ASSERT_TRUE(LoadOrCreateAuditKey(path));
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  const Result<std::string> refused = LoadOrCreateAuditKey(path);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(refused.error().message().find("chmod 600"), std::string::npos);
}

TEST_F(AuditKeyTest, RefusesAFileThatHoldsNoKey) {
  const std::string path = folder_ + "/audit.key";
  {
    std::ofstream file(path);
    file << "not a key\n";
  }
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  const Result<std::string> refused = LoadOrCreateAuditKey(path);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace chinjeol::system
