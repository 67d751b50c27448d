// Random numbers for the synthetic data generator: small, fast and reproducible.
//
// Never seeded from the clock or std::random_device: the same seed gives the same
// stream on every machine, so `gongxin gen --seed S` writes byte-identical files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace gongxin::generator {

// SplitMix64 finaliser: a stateless 64-bit mix (bijective), used to derive seeds.
constexpr uint64_t Mix64(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// A seed for stream `stream` of run seed `seed` (e.g. one stream per chunk).
constexpr uint64_t StreamSeed(uint64_t seed, uint64_t stream) {
  return Mix64(Mix64(seed) ^ Mix64(stream + 0x5851F42D4C957F2Dull));
}

// xoshiro256** (Blackman and Vigna), seeded through SplitMix64.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t x = seed;
    for (uint64_t& word : s_) {
      x += 0x9E3779B97F4A7C15ull;
      uint64_t z = x;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      word = z ^ (z >> 31);
    }
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n); n > 0. Lemire's multiply-shift (bias below 2^-32 for the
  // small n used here, and deterministic, which is what matters).
  uint32_t Below(uint32_t n) {
    return static_cast<uint32_t>(((Next() >> 32) * static_cast<uint64_t>(n)) >> 32);
  }
  // Uniform in [lo, hi], both inclusive; lo <= hi.
  int64_t Range(int64_t lo, int64_t hi) {
    const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
    if (span <= 0xFFFFFFFFull) return lo + Below(static_cast<uint32_t>(span));
    return lo + static_cast<int64_t>(Next() % span);
  }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }

  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Below(static_cast<uint32_t>(items.size()))];
  }

 private:
  static constexpr uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// Picks an index by weight: `cumulative` holds running sums of the weights.
size_t PickWeighted(Rng& rng, std::span<const double> cumulative);

// A keyed bijection of [0, n): a 4-round Feistel network on the smallest even power of
// two >= n, with cycle walking. Distinct inputs below n give distinct outputs below n;
// used to give every person a distinct (birth date, sequence) pair.
class Permutation {
 public:
  Permutation(uint64_t n, uint64_t key);
  uint64_t operator()(uint64_t x) const;
  uint64_t size() const { return n_; }

 private:
  uint64_t Round(uint64_t x) const;
  uint64_t n_;
  int half_bits_ = 1;
  uint64_t half_mask_ = 1;
  uint64_t keys_[4];
};

}  // namespace gongxin::generator
