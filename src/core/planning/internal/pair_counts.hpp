#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace chinjeol::planning::internal {

// Counts per pair of small non-negative integers (monitor, department), in an open-addressing
// table: the planner updates millions of pairs and a node-based map would dominate its time.
// A pair whose count drops to zero is removed.
class PairCounts {
 public:
  explicit PairCounts(std::size_t expected_pairs = 16) {
    std::size_t capacity = 16;
    shift_ = 60;
    while (capacity < expected_pairs * 2) {
      capacity *= 2;
      --shift_;
    }
    keys_.assign(capacity, kEmpty);
    values_.assign(capacity, 0);
  }

  int Get(int first, int second) const {
    const std::uint64_t key = Key(first, second);
    for (std::size_t slot = Hash(key);; slot = (slot + 1) & (keys_.size() - 1)) {
      if (keys_[slot] == key) return values_[slot];
      if (keys_[slot] == kEmpty) return 0;
    }
  }

  // Adds `delta` and returns the new count.
  int Add(int first, int second, int delta) {
    if ((used_ + 1) * 10 > keys_.size() * 7) Grow();
    const std::uint64_t key = Key(first, second);
    std::size_t slot = Hash(key);
    while (keys_[slot] != key && keys_[slot] != kEmpty) slot = (slot + 1) & (keys_.size() - 1);
    if (keys_[slot] == kEmpty) {
      keys_[slot] = key;
      ++used_;
    }
    values_[slot] += delta;
    const int count = values_[slot];
    if (count == 0) Erase(slot);
    return count;
  }

  // Calls visit(first, second, count) for every pair with a positive count.
  template <typename Visit>
  void ForEach(Visit&& visit) const {
    for (std::size_t slot = 0; slot < keys_.size(); ++slot) {
      if (keys_[slot] != kEmpty && values_[slot] > 0) {
        visit(static_cast<int>(keys_[slot] >> 32), static_cast<int>(keys_[slot] & 0xFFFFFFFFu),
              values_[slot]);
      }
    }
  }

 private:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};

  static std::uint64_t Key(int first, int second) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(first)) << 32) |
           static_cast<std::uint32_t>(second);
  }
  // Fibonacci hashing: the top bits of the product depend on every bit of the key.
  std::size_t Hash(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_);
  }
  // Backward-shift deletion: later keys of the probe run move up, so no tombstones build up
  // while a local search adds and drops pairs millions of times.
  void Erase(std::size_t hole) {
    const std::size_t mask = keys_.size() - 1;
    for (std::size_t next = (hole + 1) & mask; keys_[next] != kEmpty; next = (next + 1) & mask) {
      const std::size_t home = Hash(keys_[next]);
      const bool stays =
          hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
      if (stays) continue;
      keys_[hole] = keys_[next];
      values_[hole] = values_[next];
      hole = next;
    }
    keys_[hole] = kEmpty;
    values_[hole] = 0;
    --used_;
  }

  void Grow() {
    --shift_;
    std::vector<std::uint64_t> keys(keys_.size() * 2, kEmpty);
    std::vector<int> values(keys.size(), 0);
    keys.swap(keys_);
    values.swap(values_);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] == kEmpty) continue;
      std::size_t slot = Hash(keys[i]);
      while (keys_[slot] != kEmpty) slot = (slot + 1) & (keys_.size() - 1);
      keys_[slot] = keys[i];
      values_[slot] = values[i];
    }
  }

  std::vector<std::uint64_t> keys_;
  std::vector<int> values_;
  std::size_t used_ = 0;
  int shift_ = 60;  // 64 - log2(capacity)
};

}  // namespace chinjeol::planning::internal
