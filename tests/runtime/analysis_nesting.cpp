// actlab::analyze's fixed points against tests/data/analysis/fixed_points.csv (mpmath, 50
// digits; written by tests/data/generate_analysis_references.py, whose comments prove each
// listed set complete): every isolated fixed point with f'(x*) and its stability, every
// interval of fixed points with its ends and whether they belong to it, and nothing more.
//
// Conventions of the table (see the script): kind point | interval | none; interval rows are
// "lo..hi" (±inf allowed) with derivative 1 and stability neutral, and the note says "open at
// <end>" for an end that is not fixed (every other finite end is closed); derivative "undef"
// at a kink whose one-sided derivatives differ; snake has the infinite family x = kπ, of which
// the rows list |k| <= 3.
//
// Digits: analyze at 50 digits; every shown x and f'(x*) must be the reference rounded to the
// digits it shows (decimal_mismatch), with at least kMinDigits = 40 of them.
// Intervals: the library reports one interval per smooth piece on which f = x, so adjacent
// intervals sharing an end that belongs to one of them are merged before the comparison
// (bspline is f = x on five spline pieces covering [-1, 1]). Intervals have no derivative or
// stability in the library's report; those two columns are checked for points only.
// Neutral points: the reference note says from which sides the iterates come; the library's
// note must say the same ("attracting from both sides ...", "attracting from the left,
// repelling to the right").
#include <actlab/analysis/analyze.hpp>
#include <actlab/catalog.hpp>
#include <support/reference_table.hpp>

#include <mpfr.h>
#include <actlab/report/analysis.hpp>
#include <catch2/catch.hpp>
#include <support/analysis_check.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace actlab_test::analysis;

}  // namespace

// ---- fixed points ----------------------------------------------------------------------------

namespace {

constexpr int kDigits = 50;
constexpr int kRefDigits = 50;  //!< the table's significant digits (55 checked by the script)
constexpr int kMinDigits = 40;

double approx(const std::string& text) {
    if (text == "inf") return HUGE_VAL;
    if (text == "-inf") return -HUGE_VAL;
    return std::strtod(text.c_str(), nullptr);
}

bool close_to(const actlab::approx& shown, const std::string& ref) {
    if (!shown.known()) return false;
    const double a = approx(actlab::report::text(shown)), b = approx(ref);
    if (std::isinf(a) || std::isinf(b)) return a == b;
    return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(b));
}

//! x/π is an integer (to 40 digits): a member of snake's family x = kπ.
bool multiple_of_pi(const actlab::approx& x) {
    if (!x.known()) return false;
    mpfr_t v, p;
    mpfr_inits2(512, v, p, static_cast<mpfr_ptr>(nullptr));
    mpfr_set_str(v, actlab::report::text(x).c_str(), 10, MPFR_RNDN);
    mpfr_const_pi(p, MPFR_RNDN);
    mpfr_div(v, v, p, MPFR_RNDN);
    mpfr_set(p, v, MPFR_RNDN);
    mpfr_round(p, p);
    mpfr_sub(v, v, p, MPFR_RNDN);
    mpfr_abs(v, v, MPFR_RNDN);
    const bool ok = mpfr_cmp_ui_2exp(v, 1, -130) < 0;
    mpfr_clears(v, p, static_cast<mpfr_ptr>(nullptr));
    return ok;
}

//! The sides a neutral point attracts from, read from the reference table's note.
std::optional<actlab::neutral_approach> expected_sides(const std::string& note) {
    if (note.find("attracting from both sides") != std::string::npos)
        return actlab::neutral_approach::both_sides;
    if (note.find("attracting from the left and repelling to the right") != std::string::npos)
        return actlab::neutral_approach::from_left;
    return std::nullopt;
}

struct fixed_interval {
    actlab::approx lo, hi;
    bool lo_closed = false, hi_closed = false;
};

//! The library's intervals, adjacent ones merged (see the file comment).
std::vector<fixed_interval> merged_intervals(const actlab::analysis_report& r) {
    std::vector<fixed_interval> in;
    for (const actlab::interval_report& v : r.fixed_intervals)
        in.push_back({v.lo, v.hi, v.lo_closed, v.hi_closed});
    std::sort(in.begin(), in.end(), [](const fixed_interval& a, const fixed_interval& b) {
        return approx(actlab::report::text(a.lo)) < approx(actlab::report::text(b.lo));
    });
    std::vector<fixed_interval> out;
    for (const fixed_interval& v : in) {
        if (!out.empty() && out.back().hi.known() && out.back().hi == v.lo &&
            (out.back().hi_closed || v.lo_closed)) {
            out.back().hi = v.hi;
            out.back().hi_closed = v.hi_closed;
        } else {
            out.push_back(v);
        }
    }
    return out;
}

std::string describe(const actlab::analysis_report& r) {
    std::ostringstream o;
    o << "library points:";
    for (const auto& p : r.fixed_points)
        o << " {x " << actlab::report::text_or(p.x, "?") << ", f' "
          << actlab::report::text_or(p.derivative, "?") << ", " << actlab::report::text(p.kind)
          << ", '" << actlab::report::note(p) << "'}";
    o << "; intervals:";
    for (const actlab::interval_report& v : r.fixed_intervals)
        o << " " << actlab::report::interval_text(v);
    o << "; complete: " << actlab::to_string(r.fixed_points_complete.status) << " ("
      << actlab::report::text(r.fixed_points_complete.reason) << ")";
    return o.str();
}

}  // namespace

TEST_CASE("analyze: fixed points, fixed intervals and stability match mpmath",
          "[analysis][nesting]") {
    const csv_table t = read_csv("fixed_points.csv");
    const std::size_t c_act = t.column("activation"), c_kind = t.column("kind"),
                      c_x = t.column("x"), c_d = t.column("derivative"),
                      c_st = t.column("stability"), c_note = t.column("note");
    std::vector<std::string> names;
    for (const auto& row : t.rows)
        if (std::find(names.begin(), names.end(), row[c_act]) == names.end())
            names.push_back(row[c_act]);
    REQUIRE(names.size() == 35);
    fewest_digits_passed() = 1 << 30;
    for (const std::string& name : names) {
        const auto analysed = analyze_or_fail(name, kDigits);
        if (!analysed) continue;
        const actlab::analysis_report& r = *analysed;
        INFO(name << ": " << describe(r));
        std::vector<const std::vector<std::string>*> points, intervals;
        bool none = false;
        for (const auto& row : t.rows) {
            if (row[c_act] != name) continue;
            if (row[c_kind] == "point") points.push_back(&row);
            if (row[c_kind] == "interval") intervals.push_back(&row);
            if (row[c_kind] == "none") none = true;
        }
        if (none) {
            CHECK(r.fixed_points.empty());
            CHECK(r.fixed_intervals.empty());
            continue;
        }
        // Isolated points: each reference point once, with its derivative and stability.
        std::vector<bool> used(r.fixed_points.size(), false);
        for (const auto* row : points) {
            const std::string& x = (*row)[c_x];
            INFO("reference point x = " << x << ", f' = " << (*row)[c_d] << ", " << (*row)[c_st]);
            std::size_t found = r.fixed_points.size();
            for (std::size_t k = 0; k < r.fixed_points.size(); ++k)
                if (!used[k] && close_to(r.fixed_points[k].x, x)) found = k;
            CHECK(found < r.fixed_points.size());  // missing fixed point
            if (found == r.fixed_points.size()) continue;
            used[found] = true;
            const actlab::fixed_point_report& p = r.fixed_points[found];
            const std::string mx = value_mismatch(p.x, x, kRefDigits, kMinDigits);
            {
                INFO("x: " << mx);
                CHECK(mx.empty());
            }
            if ((*row)[c_d] == "undef") {
                INFO("f'(x*) does not exist; library: '" << actlab::report::text(p.derivative)
                                                         << "'");
                CHECK_FALSE(p.derivative.known());
            } else {
                const std::string md =
                    value_mismatch(p.derivative, (*row)[c_d], kRefDigits, kMinDigits);
                INFO("f'(x*): " << md);
                CHECK(md.empty());
            }
            CHECK(actlab::report::text(p.kind) == (*row)[c_st]);
            if ((*row)[c_st] == "neutral") {
                const auto sides = expected_sides((*row)[c_note]);
                REQUIRE(sides.has_value());
                INFO("library note '" << actlab::report::note(p) << "'");
                CHECK(p.approach == sides);
            }
        }
        // No extra points (snake: other members of the family x = kπ are no extras).
        for (std::size_t k = 0; k < r.fixed_points.size(); ++k) {
            if (used[k]) continue;
            if (name == "snake" && multiple_of_pi(r.fixed_points[k].x)) continue;
            INFO("extra fixed point x = " << actlab::report::text(r.fixed_points[k].x));
            CHECK(used[k]);
        }
        // Intervals: ends, and which ends belong to the set.
        const std::vector<fixed_interval> merged = merged_intervals(r);
        CHECK(merged.size() == intervals.size());
        std::vector<bool> matched(merged.size(), false);
        for (const auto* row : intervals) {
            const std::string& text = (*row)[c_x];
            const std::size_t dots = text.find("..");
            REQUIRE(dots != std::string::npos);
            const std::string lo = text.substr(0, dots), hi = text.substr(dots + 2);
            const std::string& note = (*row)[c_note];
            INFO("reference interval " << text << " (" << note << ")");
            std::size_t found = merged.size();
            for (std::size_t k = 0; k < merged.size(); ++k)
                if (!matched[k] && close_to(merged[k].lo, lo) && close_to(merged[k].hi, hi))
                    found = k;
            CHECK(found < merged.size());  // missing interval
            if (found == merged.size()) continue;
            matched[found] = true;
            const fixed_interval& v = merged[found];
            const std::string ml = value_mismatch(v.lo, lo, kRefDigits, kMinDigits);
            const std::string mh = value_mismatch(v.hi, hi, kRefDigits, kMinDigits);
            {
                INFO("lower end: " << ml);
                CHECK(ml.empty());
            }
            {
                INFO("upper end: " << mh);
                CHECK(mh.empty());
            }
            const auto closed = [&](const std::string& end) {
                return note.find("open at " + end) == std::string::npos;
            };
            if (lo != "-inf") {
                INFO("is the lower end " << lo << " fixed?");
                CHECK(v.lo_closed == closed(lo));
            }
            if (hi != "inf") {
                INFO("is the upper end " << hi << " fixed?");
                CHECK(v.hi_closed == closed(hi));
            }
        }
    }
    WARN("fewest digits of a value that passed: " << fewest_digits_passed());
}

// tanh(10^10 x): the fixed points ±x* with x* = 1 − 2e^(−2·10^10) + … show as ±1 to 50 digits,
// and f′(x*) = 10^10·sech²(10^10 x*) ≈ 4·10^10·e^(−2·10^10) is positive. The printed form
// 10^10 − 10^10·tanh² cancels to an exact 0 at both precisions (tanh rounds to 1): f′(x*) was
// shown as 0, with the false law "superlinear (f′(x*) = 0)". Now unknown, and no law claimed.
TEST_CASE("analyze: f'(x*) that cancels to 0 at both precisions is not shown as 0",
          "[analysis][nesting]") {
    const actlab::analysis_report r =
        actlab::analyze(actlab::tanh(10000000000 * actlab::x), {.digits = 30, .two_cycles = false});
    REQUIRE(r.fixed_points.size() == 3);
    for (const auto& fp : r.fixed_points) {
        INFO(actlab::report::text(fp.x));
        if (fp.x.is_zero()) {
            CHECK(actlab::report::text(fp.derivative) == "10000000000");
            CHECK(fp.kind == actlab::stability::repelling);
            continue;
        }
        CHECK(fp.kind == actlab::stability::attracting);
        CHECK_FALSE(fp.derivative.known());
        CHECK(fp.convergence.empty());
    }
}
