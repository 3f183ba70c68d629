#include "adapters/system/sodium_password_hasher.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace chinjeol::system
