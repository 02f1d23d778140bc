// actlab: an argument and a claim in words (needs MPFR).
#pragma once

#include <actlab/analysis/claim.hpp>
#include <actlab/report/number.hpp>

#include <fmt/format.h>

#include <cstddef>
#include <string>
#include <type_traits>
#include <variant>

namespace actlab::report {

//! A point of an argument: the double to 17 significant digits ("0.5", "0.10000000000000001").
inline std::string point_text(double t) { return fmt::format("{:.17g}", t); }

inline std::string text(const argument_value& v) {
    return std::visit(
        [](const auto& x) -> std::string {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, approx>)
                return text(x);
            else if constexpr (std::is_same_v<T, double>)
                return point_text(x);
            else if constexpr (std::is_same_v<T, long long>)
                return std::to_string(x);
            else
                return x;
        },
        v);
}

//! The argument with each "{}" replaced by its value.
inline std::string text(const argument& a) {
    std::string out;
    std::size_t next = 0, from = 0;
    while (true) {
        const std::size_t at = a.form.find("{}", from);
        if (at == std::string::npos || next >= a.values.size()) break;
        out.append(a.form, from, at - from);
        out += text(a.values[next++]);
        from = at + 2;
    }
    out.append(a.form, from, std::string::npos);
    return out;
}

//! "yes", "no" or "unknown".
inline const char* yes_no(const claim& c) {
    const auto v = c.value();
    return v ? (*v ? "yes" : "no") : "unknown";
}

}  // namespace actlab::report
