// actlab: the answer to a yes/no question — proved, refuted or unknown — with the argument
// that decides it, its numbers kept as values (needs MPFR). Rendered by
// <actlab/report/claim.hpp>.
#pragma once

#include <actlab/analysis/approx.hpp>

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace actlab {

enum class proof_status { proved, refuted, unknown };

inline const char* to_string(proof_status s) {
    return s == proof_status::proved    ? "proved"
           : s == proof_status::refuted ? "refuted"
                                        : "unknown";
}

//! What a proof or a refutation rests on.
enum class basis : unsigned char {
    none,                //!< no argument (unknown)
    canonical_form,      //!< two canonical forms are the same expression
    structure,           //!< the shape of the expression (degree, trig arguments, pieces)
    interval_enclosure,  //!< an interval enclosure over ℝ or a box
    witness,             //!< a point where the property fails, certified by enclosures
    asymptotic_expansion,
    root_isolation,  //!< roots isolated by interval arithmetic
    theorem,         //!< a published theorem applied to proved premises
    monotonicity,    //!< an argument from monotonicity
};

//! One value quoted in an argument: a result, a point (a double, shown to 17 digits), an
//! integer, or a formula or other text.
using argument_value = std::variant<approx, double, long long, std::string>;

//! An argument in words with its numbers kept as values: `form` has one "{}" per value, in
//! order. Built by concatenation (`"f(0) = {}" + value`); read by report::text(argument).
struct argument {
    std::string form;
    std::vector<argument_value> values;

    argument() = default;
    argument(const char* text) : form(text) {}  // NOLINT: a plain sentence is an argument
    argument(std::string text) : form(std::move(text)) {}  // NOLINT
    argument(std::string f, std::vector<argument_value> v)
        : form(std::move(f)), values(std::move(v)) {}

    bool empty() const { return form.empty(); }

    argument& operator+=(const argument& b) {
        form += b.form;
        values.insert(values.end(), b.values.begin(), b.values.end());
        return *this;
    }
    friend argument operator+(argument a, const argument& b) { return a += b; }
    friend argument operator+(argument a, const char* b) { return a += argument(b); }
    friend argument operator+(argument a, const std::string& b) { return a += argument(b); }
    friend argument operator+(const char* a, const argument& b) { return argument(a) += b; }
    friend argument operator+(const std::string& a, const argument& b) { return argument(a) += b; }
};

//! "{}" standing for one value in an argument.
inline argument cite(argument_value v) { return {"{}", {std::move(v)}}; }

//! A yes/no property: proved (with the argument), refuted (with a witness or a structural
//! reason), or unknown (with what was missing).
struct claim {
    proof_status status = proof_status::unknown;
    argument reason{};
    basis by = basis::none;

    //! true/false when proved/refuted, empty when unknown.
    std::optional<bool> value() const {
        if (status == proof_status::unknown) return std::nullopt;
        return status == proof_status::proved;
    }
};

}  // namespace actlab
