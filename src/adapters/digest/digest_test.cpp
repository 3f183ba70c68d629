#include "adapters/digest/digest.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace chinjeol::digest {
namespace {

TEST(Sha256Hex, MatchesTheStandardsVectors) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(HmacSha256Hex, MatchesRfc4231) {
  // RFC 4231, test case 2 (a short key) and test case 6 (a key longer than the block).
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(HmacSha256Hex(std::string(131, '\xaa'),
                          "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(FileSha256Hex, HashesAFileInPiecesAndCountsItsBytes) {
  const std::string path = ::testing::TempDir() + "/digest-test.bin";
  {
    std::ofstream out(path, std::ios::binary);
    const std::string block(100000, 'x');
    out << block << block;
  }
  std::int64_t size = 0;
  EXPECT_EQ(FileSha256Hex(path, size), Sha256Hex(std::string(200000, 'x')));
  EXPECT_EQ(size, 200000);
  std::remove(path.c_str());
  EXPECT_EQ(FileSha256Hex(path, size), "");
}

}  // namespace
}  // namespace chinjeol::digest
