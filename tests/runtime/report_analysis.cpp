// The analysis in words (report/analysis.hpp): enums, convergence laws, fixed-point notes,
// ranges and the gradient note, rendered from typed results built here by hand.
#include <actlab/analysis/results.hpp>
#include <actlab/report/analysis.hpp>

#include <mpfr.h>
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

namespace {

using namespace actlab;

approx value(const char* s, int digits) {
    mpfr_float v = make_mpfr(200);
    mpfr_set_str(v.backend().data(), s, 10, MPFR_RNDN);
    return approx::known_to(v.backend().data(), digits);
}

}  // namespace

TEST_CASE("report: enums and laws in words", "[report]") {
    CHECK(std::string(report::text(parity_kind::odd)) == "odd");
    CHECK(std::string(report::text(monotonicity::non_decreasing)) == "non-decreasing");
    CHECK(report::text(smoothness_class{smoothness_class::kind::finite, 1}) == "C1");
    CHECK(report::text(smoothness_class{smoothness_class::kind::at_least, 4}) == "at least C4");
    CHECK(report::text(smoothness_class{smoothness_class::kind::infinite, 0}) == "C-infinity");
    CHECK(std::string(report::text(stability::neutral)) == "neutral");

    convergence_law tanh_law{convergence_law::kind::algebraic, value("1.5", 20), 3};
    CHECK(report::text(tanh_law) == "algebraic: x_n - x* ~ +-(1.5/n)^(1/2)");
    convergence_law left{convergence_law::kind::algebraic, value("2", 20), 2};
    left.approach = convergence_law::sign::minus;
    left.applies = convergence_law::side::left;
    convergence_law right{convergence_law::kind::geometric, value("0.5", 20)};
    right.alternating = true;
    right.applies = convergence_law::side::right;
    CHECK(report::text(std::vector<convergence_law>{left, right}) ==
          "left: algebraic: x_n - x* ~ -(2/n) (from the left); right: geometric: |x_n - x*| ~ "
          "C*0.5^n (alternating sides)");

    fixed_point_report p;
    p.approach = neutral_approach::from_right;
    p.one_sided = std::pair{value("1", 5), value("1", 5)};
    CHECK(report::note(p) ==
          "attracting from the right, repelling to the left; a switching point: f'(x-) = 1, "
          "f'(x+) = 1");
    fixed_point_report q;
    q.certified = false;
    CHECK(report::note(q) == "sign change not certified at the refined point");
}

TEST_CASE("report: the text report's range line and gradient note", "[report]") {
    extremum_report e;
    e.inf = approx::zero();
    e.sup = value("1", 50);
    e.inf_attained = e.sup_attained = false;
    const std::string line = report::range_line("f ", e);
    INFO(line);
    CHECK(line == "  f  in (0, 1)  inf (not attained), sup (not attained)\n");
    e.sup_attained = true;
    e.argsup = value("3", 50);
    CHECK(report::range_line("f'", e) ==
          "  f' in (0, 1]  inf (not attained), sup (attained at x = 3)\n");
    e.inf_attained.reset();
    CHECK(report::range_line("f'", e) == "  f' in [0, 1]  inf, sup (attained at x = 3)\n");

    analysis_report r;
    r.gradients_known = true;
    r.sup_abs_derivative = value("0.25", 50);
    r.inf_abs_derivative = approx::zero();
    const std::string note = report::gradient_note(r);
    INFO(note);
    CHECK(note.find("lies between 0 and (|w|*0.25)^L;") != std::string::npos);
    CHECK(note.find("must vanish (geometrically) for |w| < 1/0.25") != std::string::npos);
    CHECK(note.find("no weight scale rules out vanishing") != std::string::npos);
    r.gradients_known = false;
    CHECK(report::gradient_note(r) == "the range of f' is not known, so no depth bounds");
}
