// The orbit report (include/actlab/report/orbit.hpp): the typed orbit_report rendered as the
// `actlab orbit` text, JSON, Markdown, LaTeX and CSV; x0 kept exactly as typed.
#include <actlab/analysis/orbit.hpp>
#include <actlab/catalog.hpp>
#include <actlab/report/orbit.hpp>

#include <mpfr.h>
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

namespace {

using namespace actlab;

mpfr_float at(const char* s) {
    mpfr_float v = make_mpfr(128);
    mpfr_set_str(v.backend().data(), s, 10, MPFR_RNDN);
    return v;
}

//! A report by hand: x_1 = 0.25, P_1 = −1.2346·10^(−10^30) (beyond MPFR's range),
//! log10 |P_1| = −10^30; n = 2 unknown; underflow found at n = 2.
orbit_report sample() {
    orbit_report r;
    r.x0 = *detail::parse_decimal("0.50");
    r.depth = 2;
    r.digits = 5;
    const mpz_int e("-1000000000000000000000000000000");
    orbit_step one;
    one.n = 1;
    one.x = wide_approx(agree_digits(at("0.25"), at("0.25"), 5));
    one.grad_product =
        agree_digits(at("-1.23456").backend().data(), e, at("-1.23456").backend().data(), e, 5);
    one.log10_abs_grad_product = agree_digits(at("-1e30"), at("-1e30"), 5);
    orbit_step two;
    two.n = 2;
    r.steps = {one, two};
    r.double_underflow_depth = 2;
    r.double_subnormal_depth = 1;
    r.double_underflow_status = r.double_subnormal_status = depth_search::found;
    r.searched_depth = 10000;
    r.steps_working = r.steps_check = 2;
    r.out_of_range_from = 3;
    return r;
}

template <class Write>
std::string written(Write&& write) {
    std::ostringstream out;
    write(out);
    return out.str();
}

}  // namespace

TEST_CASE("orbit report: x0 exactly as typed", "[report][orbit]") {
    using detail::parse_decimal;
    CHECK(parse_decimal("1") == decimal_digits{false, "1", 1});
    CHECK(parse_decimal("-0.050") == decimal_digits{true, "5", -1});
    CHECK(parse_decimal("1e-3") == decimal_digits{false, "1", -2});
    CHECK(parse_decimal("+12.5E+2") == decimal_digits{false, "125", 4});
    CHECK(parse_decimal(".5") == decimal_digits{false, "5", 0});
    CHECK(parse_decimal("0.000") == decimal_digits{});
    for (const char* bad : {"", ".", "-", "abc", "1e", "1e+", "1.2.3", "1 ", " 1", "0x10", "inf",
                            "nan", "1e1234567890123456", "1,5"})
        CHECK_FALSE(parse_decimal(bad).has_value());
    CHECK(report::decimal_text(*parse_decimal("0.50")) == "0.5");
    CHECK_THROWS_WITH(orbit(sigmoid(x), "1,5", 3), Catch::Contains("x0 is not a finite decimal"));
    CHECK_THROWS_WITH(orbit(sigmoid(x), "1e999999999999", 3),
                      Catch::Contains("x0 is not a finite decimal"));
}

TEST_CASE("orbit report: text, JSON, Markdown, LaTeX and CSV", "[report][orbit]") {
    const orbit_report r = sample();
    const std::string big = "1.2346e-1000000000000000000000000000000";
    CHECK(written([&](std::ostream& o) { report::write_orbit(o, "f", r, "text"); }) ==
          "orbit of f from x0 = 0.5, 5 significant digits (agreeing at two precisions)\n"
          "P_n = f'(x_0)·f'(x_1)···f'(x_{n-1})\n\n"
          "n = 1\n  x_n          = 0.25\n  P_n          = -" +
              big +
              "\n  log10 |P_n|  = -1e30\n"
              "n = 2\n  x_n          = unknown\n  P_n          = unknown\n"
              "  log10 |P_n|  = unknown\n\n"
              "IEEE double: |P_n| < 2^-1022 (subnormal) from n = 1, < 2^-1074 (underflow to 0) "
              "from n = 2 (searched to n = 10000)\n"
              "(steps computed: 2 and 2; values beyond MPFR's exponent range could not be "
              "carried from n = 3)\n");
    CHECK(written([&](std::ostream& o) { report::write_orbit(o, "f", r, "csv"); }) ==
          "n,x,grad_product,log10_abs_grad_product\n1,0.25,-" + big + ",-1e30\n2,?,?,?\n");
    const std::string md = written([&](std::ostream& o) { report::write_orbit(o, "f", r, "md"); });
    CHECK(md.find("| 1 | 0.25 | −" + big + " | −1e30 |\n") != std::string::npos);
    CHECK(md.find("| n | x_n | P_n | log10 \\|P_n\\| |\n") != std::string::npos);
    const std::string latex =
        written([&](std::ostream& o) { report::write_orbit(o, "f", r, "latex"); });
    CHECK(latex.find("1 & $0.25$ & $-1.2346 \\cdot 10^{-1000000000000000000000000000000}$ & "
                     "$-1 \\cdot 10^{30}$ \\\\\n") != std::string::npos);
    CHECK(latex.find("\\toprule") != std::string::npos);
    CHECK(latex.rfind("% (steps computed: 2 and 2;", std::string::npos) != std::string::npos);
    const std::string json =
        written([&](std::ostream& o) { report::write_orbit(o, "f", r, "json"); });
    CHECK(json.find("\"grad_product\": \"-" + big + "\"") != std::string::npos);
    CHECK(json.find("\"x\": null") != std::string::npos);
    CHECK(json.find("\"x0\": \"0.5\"") != std::string::npos);
    CHECK(json.find("\"double_underflow_status\": \"found\"") != std::string::npos);
}

TEST_CASE("orbit report: how the underflow search ended", "[report][orbit]") {
    orbit_report r = sample();
    r.double_underflow_depth.reset();
    r.double_subnormal_depth.reset();
    r.double_underflow_status = depth_search::none_proved;
    r.double_subnormal_status = depth_search::none;
    r.out_of_range_from.reset();
    r.invariant = orbit_invariant{agree_digits(at("0"), at("0"), 6),
                                  agree_digits(at("0.659046"), at("0.659046"), 6), 64,
                                  agree_digits(at("0.224704"), at("0.224704"), 6)};
    r.invariant_at_both = true;
    CHECK(report::underflow_summary(r) ==
          "IEEE double: |P_n| < 2^-1022 (subnormal): none up to 10000, < 2^-1074 (underflow to "
          "0): none up to 10000 (proved) (searched to n = 10000)");
    CHECK(report::search_note(r) ==
          "steps computed: 2 and 2; no further underflow: the orbit stays in J = [0, 0.659046] "
          "at n = 64, min |f'| there >= 0.224704");
    r.invariant_at_both = false;
    r.stopped_beyond_range = 40;
    r.invariant.reset();
    r.double_underflow_status = depth_search::unknown;
    CHECK(report::text(r.double_underflow_status, 10) == "unknown");
    CHECK(report::search_note(r) ==
          "steps computed: 2 and 2; the search stopped at n = 40: x_n is beyond MPFR's exponent "
          "range");
}

TEST_CASE("orbit report: a computed orbit renders its typed values", "[report][orbit]") {
    // sigmoid from 1: x_1 = sigmoid(1) = 0.7310585786..., P_1 = sigmoid'(1) = 0.1966119332...
    const orbit_report r = orbit(sigmoid(x), "1", 7, {.digits = 10, .horizon = 0});
    REQUIRE(r.steps.size() == 4);
    CHECK(report::text(r.steps[0].x) == "0.7310585786");
    CHECK(report::text(r.steps[0].grad_product) == "0.1966119332");
    CHECK(r.steps[0].x.narrow().has_value());
    CHECK(r.double_underflow_status == depth_search::none);
    const std::string csv =
        written([&](std::ostream& o) { report::write_orbit(o, "sigmoid", r, "csv"); });
    CHECK(csv.rfind("n,x,grad_product,log10_abs_grad_product\n1,0.7310585786,0.1966119332,", 0) ==
          0);
}
