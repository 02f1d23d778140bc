// actlab::mean_field and actlab::edge_of_chaos against tests/data/analysis/meanfield.csv and
// eoc.csv (mpmath at 40 and 50 digits, agreeing to 32, printed to 30; written by
// tests/data/generate_analysis_references.py).
//
// Conventions of the tables (see the script): q_star is a number, "diverges" (no finite q*:
// q_status "diverges") or "degenerate" (every q is a fixed point: q_status "degenerate");
// q_star = 0 means the q map contracts to 0 (q_status "zero"); "null" marks a quantity that
// does not exist (the library must show none); xi = inf where chi = 1. eoc.csv: sigma_w2 where
// chi1 = 1 and q* there ("null": q* diverges, "degenerate": every q is fixed, 0: q_status zero).
//
// Digits: mean_field at 20 digits, every shown number the reference rounded to the digits it
// shows (decimal_mismatch), at least kMinDigits = 15 of them; edge_of_chaos at 15 digits, at
// least kEocMinDigits = 12. An unknown (empty) value where the reference has one is a failure.
// Run time: every row of both tables runs by default (times logged per row).
#include <actlab/analysis/meanfield.hpp>
#include <actlab/catalog.hpp>
#include <actlab/expr/parse.hpp>
#include <actlab/report/meanfield.hpp>
#include <support/reference_table.hpp>

#include <mpfr.h>
#include <catch2/catch.hpp>
#include <support/analysis_check.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace actlab_test::analysis;

}  // namespace

// ---- mean field ------------------------------------------------------------------------------

namespace {

constexpr int kDigits = 20;
constexpr int kEocDigits = 15;
constexpr int kRefDigits = 30;  //!< the tables' significant digits (32 checked by the script)
constexpr int kMinDigits = 15;
constexpr int kEocMinDigits = 12;

// Every row runs by default (the library takes well under a second per mean-field point and a
// few seconds per edge-of-chaos row at these digits; the per-row times are logged as warnings).

std::string text_of(const actlab::approx& a) {
    return a.known() ? actlab::report::text(a) + " (" + std::to_string(a.digits()) + " digits)"
                     : "unknown";
}

using actlab::mean_field_status;

//! The status a reference cell names: "diverges", "degenerate", 0 (zero) or a number.
mean_field_status status_of(const std::string& q) {
    if (q == "diverges") return mean_field_status::diverges;
    if (q == "degenerate") return mean_field_status::degenerate;
    return q == "0" ? mean_field_status::zero : mean_field_status::fixed_point;
}

//! One number against its reference cell: "null" means it must not be shown.
void check_value(const char* what, const actlab::approx& shown, const std::string& ref,
                 int min_digits) {
    if (ref == "any") return;  // a value the table does not pin
    if (ref == "null") {
        INFO(what << ": does not exist; library " << text_of(shown));
        CHECK_FALSE(shown.known());
        return;
    }
    const std::string m = value_mismatch(shown, ref, kRefDigits, min_digits);
    INFO(what << ": " << m);
    CHECK(m.empty());
}

void check_mean_field(const csv_table& t, const std::vector<std::string>& row) {
    const auto at = [&](const char* c) -> const std::string& { return row[t.column(c)]; };
    const std::string& name = at("activation");
    const auto t0 = std::chrono::steady_clock::now();
    const actlab::mean_field_report r = actlab::mean_field(
        *actlab::at(name).definition, at("sigma_w2"), at("sigma_b2"), {.digits = kDigits});
    WARN("mean_field " << name << " (" << at("sigma_w2") << ", " << at("sigma_b2")
                       << "): " << seconds_since(t0) << " s");
    INFO(name << " sigma_w2 = " << at("sigma_w2") << ", sigma_b2 = " << at("sigma_b2")
              << "; library q_status '" << actlab::report::text(r.q_status) << "', q* "
              << text_of(r.q_star) << ", chi1 " << text_of(r.chi1) << ", c* " << text_of(r.c_star)
              << ", chi_c " << text_of(r.chi_c) << ", xi_c " << text_of(r.xi_c) << ", xi_grad "
              << text_of(r.xi_grad));
    const std::string& q = at("q_star");
    CHECK(r.q_status == status_of(q));
    if (q != "diverges" && q != "degenerate") check_value("q*", r.q_star, q, kMinDigits);
    check_value("chi1", r.chi1, at("chi1"), kMinDigits);
    check_value("c*", r.c_star, at("c_star"), kMinDigits);
    check_value("chi_c", r.chi_c, at("chi_c"), kMinDigits);
    check_value("xi_c", r.xi_c, at("xi_c"), kMinDigits);
    check_value("xi_grad", r.xi_grad, at("xi_grad"), kMinDigits);
}

void check_edge(const csv_table& t, const std::vector<std::string>& row) {
    const auto at = [&](const char* c) -> const std::string& { return row[t.column(c)]; };
    const std::string& name = at("activation");
    const auto t0 = std::chrono::steady_clock::now();
    const actlab::edge_of_chaos_report r =
        actlab::edge_of_chaos(*actlab::at(name).definition, at("sigma_b2"), {.digits = kEocDigits});
    WARN("edge_of_chaos " << name << " (" << at("sigma_b2") << "): " << seconds_since(t0) << " s");
    INFO(name << " sigma_b2 = " << at("sigma_b2") << " (reference note: " << at("note")
              << "); library sigma_w2 " << (r.sigma_w2 ? text_of(*r.sigma_w2) : "none")
              << ", q_status '" << actlab::report::text(r.q_status) << "', q* " << text_of(r.q_star)
              << ", note '" << actlab::report::note(r) << "'");
    {
        INFO("sigma_w2: the reference has " << at("sigma_w2"));
        CHECK(r.sigma_w2.has_value());
    }
    if (r.sigma_w2) check_value("sigma_w2", *r.sigma_w2, at("sigma_w2"), kEocMinDigits);
    const std::string& q = at("q_star");
    if (q == "degenerate") {
        CHECK(r.q_status == mean_field_status::degenerate);
    } else if (q == "null") {
        check_value("q*", r.q_star, q, kEocMinDigits);
    } else {
        CHECK(r.q_status == status_of(q));
        check_value("q*", r.q_star, q, kEocMinDigits);
    }
}

}  // namespace

TEST_CASE("mean_field: every row of meanfield.csv matches mpmath", "[analysis][meanfield]") {
    const csv_table t = read_csv("meanfield.csv");
    REQUIRE(t.rows.size() == 23);
    fewest_digits_passed() = 1 << 30;
    for (const auto& row : t.rows) check_mean_field(t, row);
    WARN("fewest digits of a value that passed: " << fewest_digits_passed());
}

TEST_CASE("edge_of_chaos: every row of eoc.csv matches mpmath", "[analysis][meanfield][eoc]") {
    const csv_table t = read_csv("eoc.csv");
    REQUIRE(t.rows.size() == 15);
    fewest_digits_passed() = 1 << 30;
    for (const auto& row : t.rows) check_edge(t, row);
    WARN("fewest digits of a value that passed: " << fewest_digits_passed());
}

// Poole et al. 2016's chaotic tanh at sigma_b2 = 0: c* = 0 (the correlation map is odd in c),
// once "unknown" for everything (meanfield_odd.csv, generate_meanfield_odd_references.py).
TEST_CASE("mean_field: tanh at sigma_b2 = 0 matches mpmath (c* = 0)", "[analysis][meanfield]") {
    const csv_table t = read_csv("meanfield_odd.csv");
    REQUIRE(t.rows.size() == 2);
    for (const auto& row : t.rows) check_mean_field(t, row);
}

// GELU's edge of chaos (eoc_gelu.csv, generate_meanfield_eoc_references.py), once "none": at
// sigma_b2 = 0 q* = 0 with sigma_w2 = 1/f'(0)^2 = 4 (the map rises above q there); at sigma_b2 >
// 0 an unstable fixed point (slope > 1), said so in the reason.
TEST_CASE("edge_of_chaos: GELU matches mpmath (eoc_gelu.csv)", "[analysis][meanfield][eoc]") {
    const csv_table t = read_csv("eoc_gelu.csv");
    REQUIRE(t.rows.size() == 5);
    for (const auto& row : t.rows) {
        const auto at = [&](const char* c) -> const std::string& { return row[t.column(c)]; };
        const actlab::edge_of_chaos_report r = actlab::edge_of_chaos(
            *actlab::at("gelu").definition, at("sigma_b2"), {.digits = kEocDigits});
        INFO("sigma_b2 = " << at("sigma_b2") << "; note '" << actlab::report::note(r) << "'");
        REQUIRE(r.sigma_w2.has_value());
        check_value("sigma_w2", *r.sigma_w2, at("sigma_w2"), kEocMinDigits);
        using kind = actlab::mean_field_reason::kind;
        if (at("q_star") == "0") {
            CHECK(r.q_status == mean_field_status::zero);
            CHECK(r.q_star.is_zero());
            CHECK(r.reason.k == kind::edge_at_zero_repels);
        } else {
            CHECK(r.q_status == mean_field_status::fixed_point);
            check_value("q*", r.q_star, at("q_star"), kEocMinDigits);
            CHECK((r.reason.k == kind::edge_q_unstable) == (at("note") == "unstable fixed point"));
        }
    }
}

// The activations whose Gaussian expectations are closed forms (analysis/meanfield/closed_form.hpp
// and the homogeneous and erf cases): meanfield_closed.csv, mpmath's truncated-normal moments and
// one quadrature over z1 (generate_meanfield_closed_references.py). Among them the rows that
// once ran out of budget: hardtanh and selu at (1.5, 0.05) and SELU's defining setting (1, 0),
// where q* = 1 and c* = 1.42e-63 (E[selu(z)] = -1.2e-32 with PyTorch's constants).
TEST_CASE("mean_field: the closed forms match mpmath (meanfield_closed.csv)",
          "[analysis][meanfield]") {
    const csv_table t = read_csv("meanfield_closed.csv");
    REQUIRE(t.rows.size() == 8);
    fewest_digits_passed() = 1 << 30;
    for (const auto& row : t.rows) check_mean_field(t, row);
    WARN("fewest digits of a value that passed: " << fewest_digits_passed());
}

// Work that cannot finish is bounded and said so, never a hang: the quadratures have a budget
// of evaluations, and running out of it makes the values unknown with the reason.
TEST_CASE("mean_field: bounded work ends in a marked unknown", "[analysis][meanfield]") {
    // sin(40x): the Gaussian sums of a fast oscillation do not settle within their budget
    // (hardtanh at (1.5, 0.05), the case here before, now converges by its closed form).
    const actlab::mean_field_report r =
        actlab::mean_field(actlab::parse("sin(40*x)"), "1.5", "0.05", {.digits = 20});
    INFO("q_status " << actlab::report::text(r.q_status) << ", note "
                     << actlab::report::text(r.reason));
    using kind = actlab::mean_field_reason::kind;
    CHECK(r.q_status == mean_field_status::unknown);
    CHECK((r.reason.k == kind::evaluation_budget || r.reason.k == kind::sums_not_converged ||
           r.reason.k == kind::too_many_nodes));
    CHECK_FALSE(r.q_star.known());
    CHECK_FALSE(r.chi1.known());
}
