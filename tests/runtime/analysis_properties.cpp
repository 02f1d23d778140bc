// actlab::analyze's yes/no answers for every catalogue activation, against the textbook
// facts written out below (no numbers here: the numbers are checked against mpmath in
// analysis_nesting.cpp and analysis_ranges.cpp). Every answer must be proved or refuted with
// a reason; where the library honestly says "unknown" the row says so, and the test fails if
// that changes without this table being updated.
#include <actlab/analysis/analyze.hpp>
#include <actlab/analysis/asymptotic.hpp>
#include <actlab/catalog.hpp>

#include <actlab/report/analysis.hpp>
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

namespace {

using actlab::proof_status;

constexpr int T = 1, F = 0, U = -1;  // proved true, proved false (refuted), unknown

struct expected {
    const char* name;
    int linear, affine;
    int degree;  // -1: not a polynomial
    int universal;
    const char* parity;
    int periodic;
    const char* monotone;
    int bounded_above, bounded_below;
    const char* smoothness;
    int kinks;
    std::vector<std::pair<const char*, const char*>> dead;
    const char* slope_left;  // lim f' at −∞ ("" = no limit known)
    const char* slope_right;
    int idempotent;
};

// clang-format off
const std::vector<expected>& table() {
    static const std::vector<expected> rows = {
        {"identity",    T, T,  1, F, "odd",  F, "increasing",     F, F, "C-infinity",    0, {},                                    "1",    "1",    T},
        {"relu",        F, F, -1, T, "none", F, "non-decreasing", F, T, "C0",            1, {{"-inf", "0"}},                       "0",    "1",    T},
        {"leaky_relu",  F, F, -1, T, "none", F, "increasing",     F, F, "C0",            1, {},                                    "0.01", "1",    F},
        {"prelu",       F, F, -1, T, "none", F, "increasing",     F, F, "C0",            1, {},                                    "0.25", "1",    F},
        {"relu6",       F, F, -1, T, "none", F, "non-decreasing", T, T, "C0",            2, {{"-inf", "0"}, {"6", "inf"}},         "0",    "0",    T},
        {"elu",         F, F, -1, T, "none", F, "increasing",     F, T, "C1",            0, {},                                    "0",    "1",    F},
        {"selu",        F, F, -1, T, "none", F, "increasing",     F, T, "C0",            1, {},                                    "0",    "1.0507009873554804934", F},
        {"celu",        F, F, -1, T, "none", F, "increasing",     F, T, "C1",            0, {},                                    "0",    "1",    F},
        {"gelu",        F, F, -1, T, "none", F, "none",           F, T, "C-infinity",    0, {},                                    "0",    "1",    F},
        {"gelu_tanh",   F, F, -1, T, "none", F, "none",           F, T, "C-infinity",    0, {},                                    "0",    "1",    F},
        {"silu",        F, F, -1, T, "none", F, "none",           F, T, "C-infinity",    0, {},                                    "0",    "1",    F},
        {"swish",       F, F, -1, T, "none", F, "none",           F, T, "C-infinity",    0, {},                                    "0",    "1",    F},
        {"mish",        F, F, -1, T, "none", F, "none",           F, T, "C-infinity",    0, {},                                    "0",    "1",    F},
        {"softplus",    F, F, -1, T, "none", F, "increasing",     F, T, "C-infinity",    0, {},                                    "0",    "1",    F},
        {"softsign",    F, F, -1, T, "odd",  F, "increasing",     T, T, "C1",            0, {},                                    "0",    "0",    F},
        {"sigmoid",     F, F, -1, T, "none", F, "increasing",     T, T, "C-infinity",    0, {},                                    "0",    "0",    F},
        {"tanh",        F, F, -1, T, "odd",  F, "increasing",     T, T, "C-infinity",    0, {},                                    "0",    "0",    F},
        {"hardtanh",    F, F, -1, T, "odd",  F, "non-decreasing", T, T, "C0",            2, {{"-inf", "-1"}, {"1", "inf"}},        "0",    "0",    T},
        {"hardsigmoid", F, F, -1, T, "none", F, "non-decreasing", T, T, "C0",            2, {{"-inf", "-3"}, {"3", "inf"}},        "0",    "0",    F},
        {"hardswish",   F, F, -1, T, "none", F, "none",           F, T, "C0",            2, {{"-inf", "-3"}},                      "0",    "1",    F},
        {"logsigmoid",  F, F, -1, T, "none", F, "increasing",     T, F, "C-infinity",    0, {},                                    "1",    "0",    F},
        {"tanhshrink",  F, F, -1, T, "odd",  F, "increasing",     F, F, "C-infinity",    0, {},                                    "1",    "1",    F},
        {"softshrink",  F, F, -1, T, "odd",  F, "non-decreasing", F, F, "C0",            2, {{"-0.5", "0.5"}},                     "1",    "1",    F},
        {"hardshrink",  F, F, -1, T, "odd",  F, "non-decreasing", F, F, "discontinuous", 2, {{"-0.5", "0.5"}},                     "1",    "1",    T},
        {"threshold",   F, F, -1, T, "none", F, "none",           F, T, "discontinuous", 1, {{"-inf", "0.1"}},                     "0",    "1",    T},
        {"heaviside",   F, F, -1, T, "none", F, "non-decreasing", T, T, "discontinuous", 1, {{"-inf", "0"}, {"0", "inf"}},         "0",    "0",    F},
        {"abs",         F, F, -1, T, "even", F, "none",           F, T, "C0",            1, {},                                    "-1",   "1",    T},
        {"sin",         F, F, -1, T, "odd",  T, "none",           T, T, "C-infinity",    0, {},                                    "",     "",     F},
        {"cos",         F, F, -1, T, "even", T, "none",           T, T, "C-infinity",    0, {},                                    "",     "",     F},
        {"square",      F, F,  2, F, "even", F, "none",           F, T, "C-infinity",    0, {},                                    "-inf", "inf",  F},
        {"cube",        F, F,  3, F, "odd",  F, "increasing",     F, F, "C-infinity",    0, {},                                    "inf",  "inf",  F},
        {"gaussian",    F, F, -1, T, "even", F, "none",           T, T, "C-infinity",    0, {},                                    "0",    "0",    F},
        {"erf",         F, F, -1, T, "odd",  F, "increasing",     T, T, "C-infinity",    0, {},                                    "0",    "0",    F},
        {"snake",       F, F, -1, T, "none", F, "increasing",     F, F, "C-infinity",    0, {},                                    "",     "",     F},
        {"apl",         F, F, -1, T, "none", F, "none",           F, T, "C0",            3, {},                                    "-0.25","1",    F},
        {"bspline",     F, F, -1, T, "odd",  F, "none",           T, T, "C2",            0, {{"-inf", "-2.2"}, {"2.2", "inf"}},    "0",    "0",    F},
    };
    return rows;
}
// clang-format on

int as_int(const actlab::claim& c) {
    const auto v = c.value();
    return v ? (*v ? T : F) : U;
}

//! A claim with a value has a reason (its proof or witness); an unknown one says why.
void check_reason(const char* name, const char* what, const actlab::claim& c) {
    INFO(name << " " << what << ": " << actlab::to_string(c.status) << " '"
              << actlab::report::text(c.reason) << "'");
    CHECK(!c.reason.empty());
}

}  // namespace

TEST_CASE("every catalogue activation's properties are the textbook ones, with reasons",
          "[analysis][properties]") {
    REQUIRE(table().size() == actlab::catalog().size());
    for (const expected& e : table()) {
        const actlab::analysis_report r =
            actlab::analyze(*actlab::at(e.name).definition, {.digits = 20});
        INFO(e.name);
        CHECK(as_int(r.linear) == e.linear);
        CHECK(as_int(r.affine) == e.affine);
        CHECK(r.polynomial_degree.value_or(-1) == e.degree);
        CHECK(as_int(r.polynomial) == (e.degree >= 0 ? T : F));
        CHECK(as_int(r.universal_approximator) == e.universal);
        CHECK(std::string(actlab::report::text(r.parity)) == e.parity);
        CHECK(as_int(r.periodic) == e.periodic);
        CHECK(std::string(actlab::report::text(r.monotone)) == e.monotone);
        CHECK(as_int(r.bounded_above) == e.bounded_above);
        CHECK(as_int(r.bounded_below) == e.bounded_below);
        CHECK(actlab::report::text(r.smoothness) == e.smoothness);
        CHECK(r.kinks.size() == static_cast<std::size_t>(e.kinks));
        REQUIRE(r.dead_regions.size() == e.dead.size());
        for (std::size_t k = 0; k < e.dead.size(); ++k) {
            CHECK(actlab::report::text(r.dead_regions[k].lo) == e.dead[k].first);
            CHECK(actlab::report::text(r.dead_regions[k].hi) == e.dead[k].second);
        }
        CHECK(actlab::report::text(r.derivative_limit_left) == e.slope_left);
        CHECK(actlab::report::text(r.derivative_limit_right) == e.slope_right);
        CHECK(as_int(r.idempotent) == e.idempotent);
        for (const auto& [what, c] : std::vector<std::pair<const char*, const actlab::claim*>>{
                 {"linear", &r.linear},
                 {"affine", &r.affine},
                 {"polynomial", &r.polynomial},
                 {"universal", &r.universal_approximator},
                 {"even", &r.even},
                 {"odd", &r.odd},
                 {"periodic", &r.periodic},
                 {"monotone", &r.monotone_claim},
                 {"bounded_above", &r.bounded_above},
                 {"bounded_below", &r.bounded_below},
                 {"idempotent", &r.idempotent},
                 {"fixed points complete", &r.fixed_points_complete},
                 {"two-cycles complete", &r.two_cycles_complete}})
            check_reason(e.name, what, *c);
    }
}

TEST_CASE("periods, convergence laws and depth bounds", "[analysis][properties]") {
    const auto report = [](const char* name) {
        return actlab::analyze(*actlab::at(name).definition, {.digits = 30});
    };
    // sin and cos: 2π, the fundamental period (T/k excluded by witnesses and the slope bound).
    for (const char* name : {"sin", "cos"}) {
        const auto r = report(name);
        INFO(name);
        CHECK(actlab::report::text(r.period) == "6.28318530717958647692528676656");
    }
    // tanh: neutral at 0, x_n ~ sqrt(3/(2n)) = (1.5/n)^(1/2) (issue text); sin: (3/n)^(1/2).
    {
        const auto r = report("tanh");
        REQUIRE(r.fixed_points.size() == 1);
        CHECK(actlab::report::text(r.fixed_points[0].convergence) ==
              "algebraic: x_n - x* ~ +-(1.5/n)^(1/2)");
        CHECK(actlab::report::text(report("sin").fixed_points.at(0).convergence) ==
              "algebraic: x_n - x* ~ +-(3/n)^(1/2)");
    }
    // sigmoid: geometric with ratio f'(x*) = 0.2247…; cube at 0: order 3 (x → x³).
    {
        const auto r = report("sigmoid");
        REQUIRE(r.fixed_points.size() == 1);
        CHECK(actlab::report::text(r.fixed_points[0].convergence) ==
              "geometric: |x_n - x*| ~ C*0.22470434812414652082^n");
        const auto c = report("cube");
        REQUIRE(c.fixed_points.size() == 3);
        CHECK(actlab::report::text(c.fixed_points[1].convergence) ==
              "order 3: x_(n+1) - x* ~ 1*(x_n - x*)^3");
    }
    // softsign: x_n = x_0/(1 + n x_0) ~ 1/n from either side of the kinked fixed point 0.
    {
        const auto r = report("softsign");
        REQUIRE(r.fixed_points.size() == 1);
        CHECK(actlab::report::text(r.fixed_points[0].convergence) ==
              "left: algebraic: x_n - x* ~ -(1/n) (from the left); right: algebraic: x_n - x* ~ "
              "+(1/n) (from the right)");
    }
    // sigma' <= 1/4: a weightless chain vanishes like 4^-L; |w| >= 4 is needed not to.
    {
        const auto r = report("sigmoid");
        CHECK(actlab::report::text(r.sup_abs_derivative) == "0.25");
        CHECK(actlab::report::text(r.inf_abs_derivative) == "0");
        CHECK(actlab::report::text(r.vanishing_weight) == "4");
        CHECK(actlab::report::gradient_note(r).find(
                  "must vanish (geometrically) for |w| < 1/0.25") != std::string::npos);
    }
    // No 2-cycle for a non-decreasing map (proved), none for cos or sin (interval search).
    for (const char* name : {"sigmoid", "tanh", "relu", "cos", "sin", "gaussian", "square"}) {
        const auto r = report(name);
        INFO(name);
        CHECK(r.two_cycles.empty());
        CHECK(r.two_cycles_complete.status == proof_status::proved);
    }
}

TEST_CASE("a 2-cycle is found and paired", "[analysis][properties]") {
    // f(x) = -x^3 + ... has no simple closed form cycle; use f(x) = 1 - x^2 on its 2-cycle
    // {0, 1}: f(0) = 1, f(1) = 0 (and fixed points (-1 ± sqrt 5)/2, which are not listed).
    using namespace actlab;
    const analysis_report r = analyze(1 - pow(x, 2), {.digits = 20});
    REQUIRE(r.two_cycles.size() == 1);
    CHECK(report::text(r.two_cycles[0].first) == "0");
    CHECK(report::text(r.two_cycles[0].second) == "1");
    REQUIRE(r.fixed_points.size() == 2);
    CHECK(report::text(r.fixed_points[0].x) == "-1.6180339887498948482");
    CHECK(report::text(r.fixed_points[1].x) == "0.6180339887498948482");  // 20 digits, the last a 0
}

TEST_CASE("limits at infinity from the asymptotic expansion", "[analysis][asymptotic]") {
    using namespace actlab;
    const auto limit = [](const expr& g, bool right) { return asymptotic::behaviour(g, right); };
    // x·σ(x) → 0 from below at −∞; gelu′ → 1 from above at +∞; softplus(x) − x → 0⁺.
    auto b = limit(x * sigmoid(x), false);
    REQUIRE(b.known);
    CHECK(b.limit == expr(0));
    CHECK(b.approach == -1);
    b = limit(d(x * (1 + erf(x / sqrt(expr(2)))) / 2), true);
    REQUIRE(b.known);
    CHECK(b.limit == expr(1));
    CHECK(b.approach == 1);
    b = limit(softplus(x) - x, true);
    REQUIRE(b.known);
    CHECK(b.limit == expr(0));
    CHECK(b.approach == 1);
    // growth, and what the scale cannot decide
    CHECK(limit(x + pow(sin(x), 2), true).limit_infinite == 1);
    CHECK_FALSE(limit(sin(x), true).known);
    CHECK_FALSE(limit(x * sin(x), true).known);
    CHECK_FALSE(limit(log(x), true).known);
}
