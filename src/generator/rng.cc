#include "generator/rng.h"

#include <algorithm>

namespace gongxin::generator {

size_t PickWeighted(Rng& rng, std::span<const double> cumulative) {
  const double x = rng.Unit() * cumulative.back();
  const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), x);
  return std::min<size_t>(static_cast<size_t>(it - cumulative.begin()), cumulative.size() - 1);
}

Permutation::Permutation(uint64_t n, uint64_t key) : n_(n < 2 ? 2 : n) {
  int bits = 2;
  while ((uint64_t{1} << bits) < n_) bits += 2;
  half_bits_ = bits / 2;
  half_mask_ = (uint64_t{1} << half_bits_) - 1;
  for (int i = 0; i < 4; ++i) keys_[i] = Mix64(key + 0x632BE59BD9B4E019ull * (i + 1));
}

uint64_t Permutation::Round(uint64_t x) const {
  uint64_t left = x >> half_bits_, right = x & half_mask_;
  for (uint64_t k : keys_) {
    const uint64_t f = Mix64(right ^ k) & half_mask_;
    const uint64_t next = left ^ f;
    left = right;
    right = next;
  }
  return (left << half_bits_) | right;
}

uint64_t Permutation::operator()(uint64_t x) const {
  // Cycle walking: the domain is at most 4 times n, so this ends after a few rounds.
  x %= n_;
  do {
    x = Round(x);
  } while (x >= n_);
  return x;
}

}  // namespace gongxin::generator
