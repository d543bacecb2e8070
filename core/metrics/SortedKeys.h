#pragma once
// Internal helpers of dl_metrics (not part of the public API): an order-preserving
// float -> uint32 key mapping and an LSD radix sort on such keys. Sorting 4-byte
// keys instead of (score, label) structs keeps 70-million-pixel evaluations within
// a few hundred MB and well under a second per sort.
#include "common/Error.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace dl::metrics_detail {

// Maps a float to an unsigned key whose integer order equals the float order.
// -0 and +0 map to the same key so that they are treated as a tie.
inline std::uint32_t orderedKey(float score)
{
    if (std::isnan(score))
        throw Error("anomaly score is NaN; metrics need finite or infinite scores");
    if (score == 0.0f)
        score = 0.0f;
    std::uint32_t bits;
    std::memcpy(&bits, &score, sizeof bits);
    // Negative floats: reverse their order by flipping all bits; positive: lift above negatives.
    return (bits & 0x80000000u) ? ~bits : (bits | 0x80000000u);
}

inline float scoreFromKey(std::uint32_t key)
{
    std::uint32_t bits = (key & 0x80000000u) ? (key & 0x7fffffffu) : ~key;
    float score;
    std::memcpy(&score, &bits, sizeof score);
    return score;
}

// Stable LSD radix sort, ascending by keyOf(element) (a uint32). Three passes of
// 11/11/10 bits; a pass whose digit is the same for all elements is skipped, which
// is common for scores in a narrow range. Needs one temporary copy of the data.
template <typename T, typename KeyOf>
void radixSortByKey(std::vector<T>& values, KeyOf keyOf)
{
    constexpr int kPasses = 3;
    constexpr int kShifts[kPasses] = {0, 11, 22};
    constexpr std::uint32_t kMasks[kPasses] = {0x7ffu, 0x7ffu, 0x3ffu};
    constexpr std::size_t kBuckets = 2048;

    const std::size_t count = values.size();
    if (count < 2)
        return;
    std::vector<std::array<std::size_t, kBuckets>> histograms(kPasses);
    for (auto& h : histograms)
        h.fill(0);
    for (const T& v : values) {
        const std::uint32_t key = keyOf(v);
        for (int p = 0; p < kPasses; ++p)
            ++histograms[p][(key >> kShifts[p]) & kMasks[p]];
    }

    std::vector<T> scratch;
    std::vector<T>* source = &values;
    std::vector<T>* target = &scratch;
    for (int p = 0; p < kPasses; ++p) {
        auto& histogram = histograms[p];
        const std::uint32_t firstDigit = (keyOf(values.front()) >> kShifts[p]) & kMasks[p];
        if (histogram[firstDigit] == count)
            continue; // every element has this digit: the pass would not move anything
        if (scratch.empty())
            scratch.resize(count);
        std::size_t offset = 0;
        for (auto& bucket : histogram) { // counts -> start offsets
            const std::size_t n = bucket;
            bucket = offset;
            offset += n;
        }
        T* out = target->data();
        for (const T& v : *source)
            out[histogram[(keyOf(v) >> kShifts[p]) & kMasks[p]]++] = v;
        std::swap(source, target);
    }
    if (source != &values)
        values.swap(*source);
}

inline void radixSortKeys(std::vector<std::uint32_t>& keys)
{
    radixSortByKey(keys, [](std::uint32_t k) { return k; });
}

// Walks two ascending key arrays from the top, calling visit(key, positives, negatives)
// once per distinct key in descending order: the "ties grouped" sweep all metrics share.
template <typename Visit>
void forEachGroupDescending(const std::vector<std::uint32_t>& positiveKeys,
                            const std::vector<std::uint32_t>& negativeKeys, Visit visit)
{
    std::size_t p = positiveKeys.size();
    std::size_t n = negativeKeys.size();
    while (p > 0 || n > 0) {
        std::uint32_t key = 0;
        if (p > 0)
            key = positiveKeys[p - 1];
        if (n > 0 && (p == 0 || negativeKeys[n - 1] > key))
            key = negativeKeys[n - 1];
        std::uint64_t positives = 0;
        std::uint64_t negatives = 0;
        while (p > 0 && positiveKeys[p - 1] == key) {
            --p;
            ++positives;
        }
        while (n > 0 && negativeKeys[n - 1] == key) {
            --n;
            ++negatives;
        }
        visit(key, positives, negatives);
    }
}

} // namespace dl::metrics_detail
