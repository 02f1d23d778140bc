// actlab: edit distance for "did you mean" hints (internal).
#pragma once

#include <algorithm>
#include <string_view>
#include <vector>

namespace actlab::detail {

//! Edit distance counting insertions, deletions, substitutions and swaps of two adjacent
//! characters (optimal string alignment, on bytes), for "did you mean" hints.
inline int edit_distance(std::string_view a, std::string_view b) {
    const std::size_t w = b.size() + 1;
    std::vector<int> d((a.size() + 1) * w);
    for (std::size_t i = 0; i <= a.size(); ++i) {
        for (std::size_t j = 0; j <= b.size(); ++j) {
            if (i == 0 || j == 0) {
                d[i * w + j] = static_cast<int>(i + j);
                continue;
            }
            int v = std::min(d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1);
            v = std::min(v, d[(i - 1) * w + j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                v = std::min(v, d[(i - 2) * w + j - 2] + 1);
            d[i * w + j] = v;
        }
    }
    return d.back();
}

}  // namespace actlab::detail
