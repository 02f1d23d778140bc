// The report layer: numbers as text (report/number.hpp), arguments (report/claim.hpp), and one
// table rendered as terminal text, JSON, Markdown, LaTeX and CSV (report/table.hpp).
#include <actlab/analysis/approx.hpp>
#include <actlab/report/claim.hpp>
#include <actlab/report/number.hpp>
#include <actlab/report/table.hpp>
#include <support/decimal.hpp>

#include <mpfr.h>
#include <catch2/catch.hpp>

#include <string>

namespace {

using namespace actlab;

//! s (a decimal) at `bits`, as a two-precision result that agreed on `digits` digits.
approx value(const char* s, int digits, mpfr_prec_t bits = 200) {
    mpfr_float v = make_mpfr(bits);
    mpfr_set_str(v.backend().data(), s, 10, MPFR_RNDN);
    return approx::known_to(v.backend().data(), digits);
}

}  // namespace

TEST_CASE("approx: the digits two precisions agree on, formatted as decimal did", "[report]") {
    const precisions p{20};
    CHECK(p.working() == working_bits(20));
    CHECK(p.check() == check_bits(20));
    // 1/3 at the two precisions: 20 digits (the exact agreement of a rational is never claimed
    // beyond them), the same text as the old decimal type.
    const approx third = two_precision(p, [](mpfr_prec_t bits) {
        mpfr_float v = make_mpfr(bits);
        mpfr_set_ui(v.backend().data(), 1, MPFR_RNDN);
        mpfr_div_ui(v.backend().data(), v.backend().data(), 3, MPFR_RNDN);
        return v;
    });
    REQUIRE(third.known());
    mpfr_float a = make_mpfr(p.working()), b = make_mpfr(p.check());
    mpfr_set_ui(a.backend().data(), 1, MPFR_RNDN);
    mpfr_div_ui(a.backend().data(), a.backend().data(), 3, MPFR_RNDN);
    mpfr_set_ui(b.backend().data(), 1, MPFR_RNDN);
    mpfr_div_ui(b.backend().data(), b.backend().data(), 3, MPFR_RNDN);
    const decimal old = agree(a.backend().data(), b.backend().data(), 20);
    CHECK(report::text(third) == old.text);
    CHECK(third.digits() == old.digits);
    CHECK(report::text(third) == "0.33333333333333333333");

    // Disagreeing from the first digit: unknown.
    mpfr_set_ui(b.backend().data(), 2, MPFR_RNDN);
    CHECK_FALSE(agree_digits(a, b, 20).known());
    CHECK(report::text_or(agree_digits(a, b, 20), "unknown") == "unknown");

    CHECK(report::text(approx::infinity(1)) == "inf");
    CHECK(report::text(approx::infinity(-1)) == "-inf");
    CHECK(report::text(approx::zero()) == "0");
    CHECK(report::text(value("-2.5e-602", 2)) == "-2.5e-602");
    CHECK(report::text(value("1234.5", 3)) == "1230");
    CHECK(report::text(value("0.000001234", 4)) == "0.000001234");
    CHECK(report::text(value("0.0000001234", 4)) == "1.234e-7");
    CHECK(report::text(abs(value("-0.25", 5))) == "0.25");
    CHECK(value("0.25", 5) == value("0.2500001", 5));
    CHECK_FALSE(value("0.25", 5) == value("0.2501", 5));
    CHECK(mpfr_cmp_d(value("0.1234567", 3).shown_value(53).backend().data(), 0.123) == 0);
}

TEST_CASE("argument: values in the words, rendered by the report layer", "[report]") {
    const argument a = "f(0) = " + cite(value("0.5", 10)) + ", witness at x = " + cite(0.1) + " (" +
                       cite(3LL) + " boxes)";
    CHECK(report::text(a) == "f(0) = 0.5, witness at x = 0.10000000000000001 (3 boxes)");
    const claim c{proof_status::refuted, a, basis::witness};
    CHECK(std::string(report::yes_no(c)) == "no");
    CHECK(report::text(argument("no values")) == "no values");
}

TEST_CASE("table: one model, five renderers", "[report]") {
    report::table t{{{"name", "activation", ""},
                     {"formula", "f(x)", ""},
                     {"sup", "sup f", ""},
                     {"range", "range f", ""},
                     {"ua", "UA", ""},
                     {"time", "time", "s"}}};
    t.add({report::text_cell{"sig_moid"},
           report::math_cell{"1/(1 + exp(-x))", "\\frac{1}{1+e^{-x}}"},
           report::number{value("0.65904606", 20), 4},
           report::interval_cell{{approx::zero()}, {value("1", 5)}, false, false},
           claim{proof_status::proved, "Leshno", basis::theorem}, report::measured{0.156, 2}});
    t.add({report::text_cell{"a|b, \"c\""}, report::math_cell{"x", "x"},
           report::number{value("-1.5e-30", 3)},
           report::interval_cell{{approx::infinity(-1)}, {approx{}}, false, std::nullopt}, claim{},
           report::measured{2, 1}});
    CHECK_THROWS(t.add({report::text_cell{"short"}}));

    CHECK(report::to_terminal(t) ==
          "activation  f(x)             sup f     range f    UA   time (s)\n"
          "---------------------------------------------------------------\n"
          "sig_moid    1/(1 + exp(-x))  0.659     (0, 1)     yes  0.16\n"
          "a|b, \"c\"    x                -1.5e-30  (-inf, ?>  ?    2.0\n");
    CHECK(report::to_json(t) ==
          "[\n  {\"name\": \"sig_moid\", \"formula\": \"1/(1 + exp(-x))\", \"sup\": \"0.659\", "
          "\"range\": {\"inf\": \"0\", \"sup\": \"1\", \"inf_attained\": false, "
          "\"sup_attained\": false}, \"ua\": true, \"time\": 0.16},\n"
          "  {\"name\": \"a|b, \\\"c\\\"\", \"formula\": \"x\", \"sup\": \"-1.5e-30\", "
          "\"range\": {\"inf\": \"-inf\", \"sup\": null, \"inf_attained\": false, "
          "\"sup_attained\": null}, \"ua\": null, \"time\": 2.0}\n]\n");
    CHECK(report::to_markdown(t) ==
          "| activation | f(x) | sup f | range f | UA | time (s) |\n"
          "|---|---|---|---|---|---|\n"
          "| sig_moid | $\\frac{1}{1+e^{-x}}$ | 0.659 | (0, 1) | yes | 0.16 |\n"
          "| a\\|b, \"c\" | $x$ | −1.5e-30 | (−∞, ?⟩ | ? | 2.0 |\n");
    CHECK(report::to_latex(t) ==
          "\\begin{tabular}{llllll}\n\\toprule\n"
          "activation & f(x) & sup f & range f & UA & time (s) \\\\\n\\midrule\n"
          "sig\\_moid & $\\frac{1}{1+e^{-x}}$ & $0.659$ & $(0, 1)$ & yes & 0.16 \\\\\n"
          "a|b, \"c\" & $x$ & $-1.5 \\cdot 10^{-30}$ & $(-\\infty, ?\\rangle$ & ? & 2.0 \\\\\n"
          "\\bottomrule\n\\end{tabular}\n");
    CHECK(report::to_csv(t) ==
          "name,formula,sup,range,ua,time\n"
          "sig_moid,1/(1 + exp(-x)),0.659,\"(0, 1)\",yes,0.16\n"
          "\"a|b, \"\"c\"\"\",x,-1.5e-30,\"(-inf, ?>\",?,2.0\n");
}
