#include "adapters/system/sodium_password_hasher.hpp"

#include <gtest/gtest.h>

#include "adapters/digest/digest.hpp"
#include "adapters/system/secure_random.hpp"

namespace chinjeol::system {
namespace {

TEST(SodiumPasswordHasher, HashesWithArgon2idAndVerifies) {
  const SodiumPasswordHasher hasher;
  const Result<std::string> hash = hasher.Hash("포천시민원실2021!");
  ASSERT_TRUE(hash);
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_TRUE(hasher.Verify(*hash, "포천시민원실2021!"));
  EXPECT_FALSE(hasher.Verify(*hash, "포천시민원실2021?"));
  EXPECT_FALSE(hasher.NeedsRehash(*hash));
}

TEST(SodiumPasswordHasher, SaltsEveryHash) {
  const SodiumPasswordHasher hasher;
  EXPECT_NE(*hasher.Hash("same password 1"), *hasher.Hash("same password 1"));
}

TEST(SecureRandom, GivesDistinctValues) {
  EXPECT_NE(UnpredictableSeed(), UnpredictableSeed());
  const std::string token = RandomHex(16);
  EXPECT_EQ(token.size(), 32u);
  EXPECT_NE(token, RandomHex(16));
}

TEST(Sha256Hex, MatchesTheStandardTestVectors) {
  EXPECT_EQ(digest::Sha256Hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(digest::Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace chinjeol::system
