// Writes docs/reference/accuracy.md: for every catalogue activation and every reference column
// (f, f', f'', ∂f/∂p), the largest error in ulps of
//   - eval_certified in double over the ≥ 2000-point tables (tests/data/activations/*.csv),
//   - eval_certified in cpp_bin_float_50 and in mpfr_float at 100 digits (*.mp.csv),
//   - the printed (textbook) formula evaluated in double with actlab's kernels, for
//     comparison: it shows where the formula itself cancels or underflows,
//   - the fast paths, which evaluate the evaluation form: eval in float, double and long
//     double, compiled<f> in double (glibc libm), with their budgets
//     (tests/support/fast_accuracy.hpp),
// the mean time of one eval_certified call in double, and f‴ of the fast paths and of the
// printed formula in double against eval_certified in long double (no mpmath table has f‴).
//
//   accuracy_table [--out FILE]
#include <actlab/catalog.hpp>
#include <actlab/diff/derivative.hpp>
#include <actlab/eval/certified.hpp>
#include <actlab/eval/evaluate.hpp>
#include <support/fast_accuracy.hpp>
#include <support/reference_table.hpp>

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <boost/multiprecision/mpfr.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using boost::multiprecision::cpp_bin_float_50;
using boost::multiprecision::mpfr_float;

struct summary {
    double max_ulps = 0;
    double worst_x = 0;
    int points = 0;
    int wrong_class = 0;  // NaN, ±inf or 0 where the exact value is finite (and normal, for 0)
    int unresolved = 0;   // eval_certified did not converge
    std::vector<double> resolved_x;  // the points evaluated without an error, for the timing
};

//! CPU time of this process (the machine is shared: wall time would count the other jobs).
double cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

template <class T, class Evaluate>
summary measure(const actlab_test::reference_table& table, std::size_t column,
                const actlab::expr& g, long digits, long min_exponent, Evaluate evaluate) {
    summary s;
    mpfr_t reference, value;
    mpfr_init2(reference, 600);
    mpfr_init2(value, 600);
    for (std::size_t row = 0; row < table.x.size(); ++row) {
        if (!actlab_test::read_value(reference, table.values[row][column])) continue;
        T v{};
        try {
            v = evaluate(g, T(table.x[row]));
        } catch (const actlab::error&) {
            ++s.unresolved;  // reported as "did not converge", not as a value
            // Accepted only at an exact 0; otherwise it counts as a failure.
            if (!mpfr_zero_p(reference)) s.max_ulps = std::numeric_limits<double>::infinity();
            continue;
        }
        s.resolved_x.push_back(table.x[row]);
        actlab::detail::certified_target<T>::to_mpfr(value, v);
        double err = actlab_test::ulps(value, reference, digits, min_exponent);
        if constexpr (std::is_same_v<T, double>) {
            const double exact = std::fabs(mpfr_get_d(reference, MPFR_RNDN));
            const bool finite_exact = exact <= std::numeric_limits<double>::max();
            if (std::isnan(v) || (finite_exact && std::isinf(v)) ||
                (v == 0 && exact >= std::numeric_limits<double>::min())) {
                ++s.wrong_class;
                err = std::numeric_limits<double>::infinity();
            }
        }
        if (!(err <= s.max_ulps)) {
            s.max_ulps = err;
            s.worst_x = table.x[row];
        }
        ++s.points;
    }
    mpfr_clear(reference);
    mpfr_clear(value);
    return s;
}

//! Mean CPU time of one eval_certified<double>(g, x) over the points xs, in µs: the whole
//! loop timed at once (no clock reading per call), the fastest of three passes.
double certified_microseconds(const actlab::expr& g, const std::vector<double>& xs) {
    if (xs.empty()) return 0;
    double best = std::numeric_limits<double>::infinity();
    for (int pass = 0; pass < 3; ++pass) {
        const double start = cpu_seconds();
        for (const double x : xs) {
            volatile double v = actlab::eval_certified(g, x);
            (void)v;
        }
        best = std::min(best, cpu_seconds() - start);
    }
    return 1e6 * best / static_cast<double>(xs.size());
}

std::string ulps_text(double u) {
    if (std::isinf(u)) return "∞";
    if (std::isnan(u)) return "NaN";
    char buf[64];
    if (u < 1000)
        std::snprintf(buf, sizeof buf, "%.3f", u);
    else
        std::snprintf(buf, sizeof buf, "%.1e", u);
    return buf;
}

std::string x_text(double x) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", x);
    return buf;
}

std::string column_name(const std::string& c) {
    if (c == "f") return "f";
    if (c == "d1") return "f′";
    if (c == "d2") return "f″";
    if (c == "d3") return "f‴";
    return "∂f/∂" + c.substr(2);
}

//! Text for a markdown table cell: a literal | (as in |x|) would end the cell.
std::string table_cell(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == '|') out += '\\';
        out += c;
    }
    return out;
}

std::string fast_text(const actlab_test::fast_result& r) {
    std::string t = ulps_text(r.max_ulps);
    if (r.wrong > 0) t += " (" + std::to_string(r.wrong) + " wrong)";
    return t;
}

using compiled_results = std::map<std::pair<std::string, std::string>, actlab_test::fast_result>;

compiled_results measure_compiled() {
    compiled_results out;
    actlab_test::visit_compiled_columns([&](const actlab::activation& a, const std::string& column,
                                            const auto& f) {
        const auto table = actlab_test::read_reference_table(
            std::string(ACTLAB_TEST_DATA_DIR) + "/activations/" + std::string(a.name) + ".csv");
        for (std::size_t c = 0; c < table.columns.size(); ++c)
            if (table.columns[c] == column)
                out[{std::string(a.name), column}] =
                    actlab_test::measure_fast<double>(table, c, [&](double at) { return f(at); });
    });
    return out;
}

template <class T>
actlab_test::fast_result measure_eval(const actlab_test::reference_table& table, std::size_t c,
                                      const actlab::expr& g) {
    const actlab::expr form = actlab::evaluation_form(g);
    const std::vector<T> p = actlab::detail::parameter_values<T>(g, form, {});
    return actlab_test::measure_fast<T>(
        table, c, [&](T at) { return actlab::detail::evaluate(form, at, p); });
}

//! The f‴ results of one activation: the printed formula in double, and the fast paths.
struct third_results {
    summary printed;
    actlab_test::fast_result eval_float, eval_double, eval_long_double;
};

//! f‴ of eval (the evaluation form) in float, double and long double and of the printed
//! formula in double, against eval_certified in long double (correctly
//! rounded to 64 bits: its error is below 2⁻¹¹ ulp of double), at the rows of the double table.
third_results third_derivative(const actlab_test::reference_table& table, const actlab::expr& f) {
    const actlab::expr g = actlab::d(actlab::d(actlab::d(f)));
    actlab_test::reference_table t3;
    t3.columns = {"d3"};
    for (const double at : table.x) {
        try {
            const long double v = actlab::eval_certified(g, static_cast<long double>(at));
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.21Lg", v);
            t3.x.push_back(at);
            t3.values.push_back({std::isfinite(v) ? std::string(buf) : std::string("undef")});
        } catch (const actlab::error&) {
            // undefined at a kink, or below every long double: not a point of the comparison
        }
    }
    const auto printed = [&](const actlab::expr& e, double at) {
        return actlab::detail::evaluate(e, at, actlab::detail::parameter_values<double>(e, e, {}));
    };
    third_results r;
    r.printed = measure<double>(t3, 0, g, 53, -1021, printed);
    r.eval_float = measure_eval<float>(t3, 0, g);
    r.eval_double = measure_eval<double>(t3, 0, g);
    r.eval_long_double = measure_eval<long double>(t3, 0, g);
    return r;
}

//! The paths of a budget entry, as text.
std::string paths_text(unsigned paths) {
    if (paths == actlab_test::every_path) return "all";
    std::string out;
    const std::pair<unsigned, const char*> names[] = {
        {actlab_test::eval_float, "eval float"},
        {actlab_test::eval_double, "eval double"},
        {actlab_test::eval_long_double, "eval long double"},
        {actlab_test::compiled_double, "compiled<>"}};
    for (const auto& [bit, name] : names)
        if (paths & bit) out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
}

std::string bound_text(double x) {
    if (std::isinf(x)) return x < 0 ? "−∞" : "∞";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", x);
    return buf;
}

//! Where an entry applies and its budget there: "[from, to]: 60", or around a zero
//! "[from, to] ∋ x0 = …: 4 + K/|x − x0|".
std::string zone_text(const actlab_test::fast_budget& b, const std::string& column) {
    std::string out = "[" + bound_text(b.from) + ", " + bound_text(b.to) + "]";
    if (b.per_distance > 0) {
        char buf[160];
        std::snprintf(buf, sizeof buf, " ∋ x0 = %.15g: %g + %g/\\|x − x0\\|",
                      actlab_test::located_zero(b, column), b.ulps, b.per_distance);
        return out + buf;
    }
    return out + ": " + ulps_text(b.ulps);
}

//! The budgets table of docs/reference/accuracy.md, from tests/support/fast_accuracy.hpp.
void write_budgets(std::ostringstream& md) {
    md << "\n## Budgets of the fast paths above 4 ulp\n\n"
          "From tests/support/fast_accuracy.hpp: each entry applies to the paths and the "
          "interval of x it names (`*`: every column of the activation); everywhere else the "
          "budget is 4 ulp and no wrong result (an infinite budget allows one). Around a zero "
          "x0 of the column (located by bisection with eval_certified to 1 ulp of double; 15 "
          "digits shown) the "
          "budget is 4 + K/|x − x0|: the value vanishes like x − x0 while the errors of the "
          "terms that cancel there do not. The tests `runtime.activation_accuracy_fast` and "
          "`runtime.activation_accuracy_compiled` check every table point and 3000 random "
          "points (400 in long double; references from eval_certified) against them. Each is "
          "what neither the evaluation form nor the evaluators' kernels remove: a zero of the "
          "function, a threshold decided against a rounded constant, a rounded function value "
          "in an argument (softplus in mish″), or the error of a library function; "
          "`unstabilised(f)` lists the sums that may still cancel.\n\n"
          "| activation | value | paths | where: budget (ulp) | reason |\n"
          "|---|---|---|---|---|\n";
    for (const actlab_test::fast_budget& b : actlab_test::fast_budgets) {
        const std::string column = b.column == "*" ? "*" : column_name(std::string(b.column));
        md << "| " << b.activation << " | " << column << " | " << paths_text(b.paths) << " | "
           << zone_text(b, std::string(b.column)) << " | " << table_cell(b.reason) << " |\n";
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::string out_path;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--out" && i + 1 < argc) {
            out_path = argv[++i];
        } else {
            std::cerr << "usage: accuracy_table [--out FILE]\n";
            return 2;
        }
    }
    mpfr_float::default_precision(100);
    const long mpfr_bits = mpfr_get_prec(mpfr_float(0).backend().data());
    const long no_subnormals = std::numeric_limits<long>::min() / 4;
    const auto certified = [](const actlab::expr& e, const auto& at) {
        return actlab::eval_certified(e, at);
    };
    const auto plain = [](const actlab::expr& e, double at) {
        return actlab::detail::evaluate(e, at, actlab::detail::parameter_values<double>(e, e, {}));
    };
    const compiled_results compiled = measure_compiled();

    std::ostringstream md;
    md << "# Accuracy of the catalogue activations\n\n"
          "Generated by `cmake --build --preset gcc --target accuracy_table && "
          "./build/gcc/tools/accuracy_table/accuracy_table --out docs/reference/accuracy.md` "
          "against the mpmath references of `tests/data/activations/` "
          "(`python3 tests/data/generate_activation_references.py`). Errors are in units in the "
          "last place of the target type at the exact value (the subnormal spacing below "
          "the smallest normal double).\n\n"
          "- **certified double / 50 / 100 digits**: `actlab::eval_certified` — the exact value "
          "enclosed by interval arithmetic (in double and float first the quick phase's "
          "double-double balls, then MPFR at rising precision), refined until both ends round "
          "to the same number, so every result is correctly rounded (≤ 0.5 ulp). Double over "
          "the "
          "≥ 2000-point tables (dense near 0, every kink and formula threshold, tails to "
          "|x| = 750); `cpp_bin_float_50` and `mpfr_float` at 100 digits over the ~110-point "
          "tables. The test `runtime.activation_accuracy` holds all of them to 0.5 ulp.\n"
          "- **printed, double**: the printed (textbook) expression evaluated in double by "
          "`eval`'s evaluator with actlab's kernels, without the rewrites of the evaluation "
          "form, for comparison (the evaluator's own kernels for u − tanh u, e^(c·r²), "
          "products below the normal range and rounded arguments of e^u, σ and erfc apply to "
          "it too). Where it is large the formula "
          "itself cancels (σ(1 − σ) for x ≳ 37, 1 − tanh² for x ≳ 19, 1 + erf(x/√2) for "
          "x ≲ −6); "
          "*wrong* counts results that are NaN, ±inf or 0 where the exact value is a finite "
          "(normal, for 0) number of the type.\n"
          "- **eval float / double / long double, compiled<> double**: the fast paths, which "
          "evaluate the evaluation form (`actlab::evaluation_form`, docs/design.md): `eval` in "
          "each type at the table points exact in that type, `compiled<f>` in double with "
          "glibc libm. Budget 4 ulp and no wrong result, except the entries listed (with "
          "their reasons) in tests/support/fast_accuracy.hpp and below; the tests "
          "`runtime.activation_accuracy_fast` and `runtime.activation_accuracy_compiled` "
          "hold them to it.\n"
          "- **f‴** rows: no mpmath table has f‴; the reference is eval_certified in long double "
          "(correctly rounded to 64 bits) at the points of the double table, and the certified "
          "columns are empty. f‴ has no budget: it is reported. Its compiled<> column is empty: "
          "compiled<f‴> of the whole catalogue took more than 6 CPU minutes to compile in this "
          "tool alone, too much for every CI build; compiled<> runs the same evaluation form as "
          "eval in double.\n"
          "- **µs/call**: mean CPU time of one certified double evaluation on this machine, "
          "over the points of the double table it resolves (the whole loop timed at once, the "
          "fastest of three passes; one run, indicative only). At commit 563acb5, before the "
          "evaluation form and the quick phase: gelu 312, gelu′ 144729, "
          "gelu″ 8.0, gelu_tanh 30.6, gelu_tanh′ 1452, gelu_tanh″ 3416, mish 12.7, mish′ 17.8, "
          "mish″ 51.9 (timed then with a clock reading around each call, ~0.2 µs more; "
          "docs/design.md, \"Certified evaluation: the quick phase\").\n\n"
          "| activation | value | points | certified double (max ulp) | at x | "
          "50 digits | 100 digits | µs/call | printed, double | wrong | eval float | eval double "
          "| eval long double | compiled<> double |\n"
          "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    double worst_certified = 0;
    int unresolved_total = 0;
    for (const actlab::activation& a : actlab::catalog()) {
        const std::string base =
            std::string(ACTLAB_TEST_DATA_DIR) + "/activations/" + std::string(a.name);
        const auto table = actlab_test::read_reference_table(base + ".csv");
        const auto mp = actlab_test::read_reference_table(base + ".mp.csv");
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            const actlab::expr g = actlab_test::column_expression(*a.definition, table.columns[c]);
            const summary cd = measure<double>(table, c, g, 53, -1021, certified);
            const summary pd = measure<double>(table, c, g, 53, -1021, plain);
            std::string mp50 = "—", mp100 = "—";
            for (std::size_t m = 0; m < mp.columns.size(); ++m) {
                if (mp.columns[m] != table.columns[c]) continue;
                const summary s50 = measure<cpp_bin_float_50>(
                    mp, m, g, std::numeric_limits<cpp_bin_float_50>::digits, no_subnormals,
                    certified);
                const summary s100 =
                    measure<mpfr_float>(mp, m, g, mpfr_bits, no_subnormals, certified);
                mp50 = ulps_text(s50.max_ulps);
                mp100 = ulps_text(s100.max_ulps);
                if (s50.unresolved + s100.unresolved > 0) {
                    mp50 += " (" + std::to_string(s50.unresolved) + " unresolved)";
                    mp100 += " (" + std::to_string(s100.unresolved) + " unresolved)";
                    unresolved_total += s50.unresolved + s100.unresolved;
                }
                worst_certified = std::max({worst_certified, s50.max_ulps, s100.max_ulps});
            }
            worst_certified = std::max(worst_certified, cd.max_ulps);
            const auto found = compiled.find({std::string(a.name), table.columns[c]});
            md << "| " << a.name << " | " << column_name(table.columns[c]) << " | " << cd.points
               << " | " << ulps_text(cd.max_ulps) << " | " << x_text(cd.worst_x) << " | " << mp50
               << " | " << mp100 << " | " << x_text(certified_microseconds(g, cd.resolved_x))
               << " | " << ulps_text(pd.max_ulps) << " | " << pd.wrong_class << " | "
               << fast_text(measure_eval<float>(table, c, g)) << " | "
               << fast_text(measure_eval<double>(table, c, g)) << " | "
               << fast_text(measure_eval<long double>(table, c, g)) << " | "
               << (found == compiled.end() ? std::string("—") : fast_text(found->second)) << " |\n";
            std::cerr << a.name << " " << table.columns[c] << " done\n";
        }
        const third_results t = third_derivative(table, *a.definition);
        md << "| " << a.name << " | f‴ | " << t.printed.points << " | — | — | — | — | — | "
           << ulps_text(t.printed.max_ulps) << " | " << t.printed.wrong_class << " | "
           << fast_text(t.eval_float) << " | " << fast_text(t.eval_double) << " | "
           << fast_text(t.eval_long_double) << " | — |\n";
    }
    md << "\nLargest certified error over every table and type: " << ulps_text(worst_certified)
       << " ulp. Unresolved (eval_certified reports \"did not converge\"): " << unresolved_total
       << " multiprecision evaluations (marked in the table), each of a value that is exactly 0 "
          "(any other would count as an infinite error): bspline″, exactly 0 on [−1, 1], at "
          "arguments whose exact rational does not fit 128 bits. eval_certified encloses the "
          "evaluation form, so the tails of gelu and gelu_tanh (1 + erf(x/√2), 1 + tanh(u) with u "
          "of order −1e7, which cancelled beyond the largest working precision) are erfc(−x/√2) "
          "and 2σ(2u) there, and resolve.\n";
    write_budgets(md);
    std::cout << md.str();
    if (!out_path.empty()) {
        std::ofstream out(out_path);
        out << md.str();
        if (!out) {
            std::cerr << "accuracy_table: cannot write " << out_path << "\n";
            return 1;
        }
    }
    return worst_certified <= 0.5 + 1e-6 ? 0 : 1;
}
