// Gradients across depth: (sup|f′|)^L, (inf|f′|)^L and 1/sup|f′| shown only to digits that are
// right (issue 12: analyze gelu --digits 14 showed 4.540123993e52 for (sup|f′|)^1000, whose
// truth is 4.5401239923722…e52 — a power of an already rounded number). The truth here is the
// power of the 50-digit mpmath reference in tests/data/analysis/derivative_extrema.csv,
// computed at 4096 bits: its relative error is at most 1000·10^−50, so 46 digits of it are
// right (ref_digits = 46 below).
#include <actlab/analysis/analyze.hpp>
#include <actlab/catalog.hpp>

#include <mpfr.h>
#include <catch2/catch.hpp>
#include <support/analysis_check.hpp>

#include <string>

namespace {

using namespace actlab_test::analysis;

//! ref^power (or 1/ref) as a decimal string with 60 significant digits.
std::string power_of(const std::string& ref, int power, bool invert) {
    mpfr_t v;
    mpfr_init2(v, 4096);
    mpfr_set_str(v, ref.c_str(), 10, MPFR_RNDN);
    mpfr_abs(v, v, MPFR_RNDN);
    if (invert) mpfr_ui_div(v, 1, v, MPFR_RNDN);
    mpfr_pow_ui(v, v, static_cast<unsigned long>(power), MPFR_RNDN);
    char buffer[128];
    mpfr_snprintf(buffer, sizeof buffer, "%.59Re", v);
    mpfr_clear(v);
    return buffer;
}

}  // namespace

TEST_CASE("gelu's depth bounds are right to every digit shown, at many --digits",
          "[analysis][gradients]") {
    const csv_table t = read_csv("derivative_extrema.csv");
    std::string sup;
    for (const auto& row : t.rows)
        if (row[0] == "gelu") sup = row[2];
    REQUIRE(!sup.empty());
    const actlab::activation& gelu = actlab::at("gelu");
    for (const int digits : {12, 14, 18, 20, 23, 25, 29, 33, 39, 40}) {
        const actlab::analysis_report r = actlab::analyze(*gelu.definition, {.digits = digits});
        REQUIRE(r.depth_bounds.size() == 3);
        for (const auto& b : r.depth_bounds) {
            INFO("digits " << digits << ", L = " << b.depth);
            CHECK(value_mismatch(b.worst, power_of(sup, b.depth, false), 46, 1) == "");
        }
        INFO("digits " << digits << ", 1/sup|f'|");
        CHECK(value_mismatch(r.vanishing_weight, power_of(sup, 1, true), 46, 1) == "");
    }
}
