// actlab: every real root of a smooth function on an interval (bounded or not), isolated by
// interval arithmetic and refined at two precisions (needs MPFR).
#pragma once

#include <actlab/analysis/tails.hpp>
#include <actlab/diff/derivative.hpp>
#include <actlab/eval/enclose.hpp>
#include <actlab/eval/mpfr_evaluator.hpp>

#include <atomic>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

namespace actlab {

//! What isolation found in one box.
enum class box_status {
    root,       //!< exactly one root, proved (a sign change where g is monotone)
    zero,       //!< g is 0 at the exact point lo = hi
    undecided,  //!< could not decide down to the smallest box: maybe a double root
};

struct root_box {
    double lo = 0, hi = 0;  //!< bounds of the box (±inf allowed for undecided tails)
    box_status status = box_status::undecided;
    //! Undecided because the search ran out of its budget (root_search_budget), not because
    //! subdivision reached the smallest box.
    bool out_of_budget = false;
};

//! The most roots one question refines (fixed points and 2-cycles per piece, critical points
//! per range): each costs two refinements at the working precisions (~1 ms at 50 digits), so
//! more are reported as a search budget exhausted. The catalogue's most: snake, 82.
inline constexpr long max_refined_roots = 3000;

//! What one isolate_roots call may spend, counted, not timed, so that the answer does not
//! depend on the machine: boxes examined, and enclosure work, an evaluation at b bits of
//! spellings with n nodes costing n·k^1.5, k = ⌈b/128⌉ (detail::evaluation_work; ~2·10⁶
//! units a second on the reference machine). What is left when either runs out is reported
//! undecided with out_of_budget set. The catalogue needs at most 2/3 of `work` in one call
//! (snake's range: 4.0·10⁶; docs/design.md, "Work budgets").
struct root_search_budget {
    long boxes = 20000;
    long work = 6000000;
};

//! The isolate_roots work of one whole analysis (analyze(): every range, fixed point and
//! 2-cycle search together); the catalogue's most is snake's 4.0·10⁶ (docs/design.md).
inline constexpr long analysis_work = 8000000;

namespace detail {

inline bool excludes_zero(const interval& v) { return v.valid() && (v.positive() || v.negative()); }

//! The work of one evaluation at b bits of spellings with `nodes` nodes: nodes·k^1.5 with
//! k = ⌈b/128⌉ (MPFR's sin, exp and products at 128·k bits cost about k^1.5 times more).
inline long evaluation_work(mpfr_prec_t b, long nodes) {
    const double k = static_cast<double>((b + 127) / 128);
    return nodes * std::lround(k * std::sqrt(k));
}

//! The sign of g at the exact double t, certified (0 if it cannot be decided at `bits`).
//! `work`, when given, is charged evaluation_work(b, nodes) per evaluation at b bits
//! (root_search_budget).
inline int certified_sign(const enclosure_forms& g, double t, mpfr_prec_t bits,
                          long* work = nullptr, long nodes = 1) {
    for (mpfr_prec_t b = bits; b <= 4096; b *= 2) {
        if (work) *work -= evaluation_work(b, nodes);
        const interval v = g(box_interval(t, t, b));
        if (!v.valid()) return 0;
        if (v.positive()) return 1;
        if (v.negative()) return -1;
        if (v.is_zero()) return 0;
    }
    return 0;
}

//! The most work (root_search_budget units) one isolate_roots call has spent in this
//! process: how near the catalogue comes to the budget (docs/design.md).
inline std::atomic<long>& root_search_most_work() {
    static std::atomic<long> n{0};
    return n;
}

//! The work left to the whole analysis on this thread (analysis_budget_scope sets it; null:
//! only each call's own budget counts), so that an analysis of many hard questions ends too.
inline thread_local long* analysis_work_left = nullptr;

//! All the work isolate_roots has spent in this process (for the budget notes).
inline std::atomic<long>& root_search_total_work() {
    static std::atomic<long> n{0};
    return n;
}

}  // namespace detail

//! Gives the analyses run in its lifetime on this thread `work` units of isolate_roots work
//! together (root_search_budget); an outer scope stays in force.
class analysis_budget_scope {
public:
    explicit analysis_budget_scope(long work) : left_(work) {
        if (!detail::analysis_work_left) {
            detail::analysis_work_left = &left_;
            owner_ = true;
        }
    }
    ~analysis_budget_scope() {
        if (owner_) detail::analysis_work_left = nullptr;
    }
    analysis_budget_scope(const analysis_budget_scope&) = delete;
    analysis_budget_scope& operator=(const analysis_budget_scope&) = delete;

private:
    long left_;
    bool owner_ = false;
};

//! Every root of g on [a, b] (a may be −inf, b +inf): boxes each holding exactly one root
//! (proved), exact zeros at box ends, and the boxes no subdivision down to `min_width`
//! decided. The rest of [a, b] is proved free of roots. Unbounded ends are handled as one
//! box [±bound, ±inf] each, decided by enclosures of g and g′ there.
inline std::vector<root_box> isolate_roots(const expr& g, double a, double b, double bound = 64,
                                           double min_width = 1e-9, mpfr_prec_t bits = 128,
                                           root_search_budget* shared = nullptr) {
    root_search_budget own;
    root_search_budget& budget = shared ? *shared : own;
    const expr dg = d(g);
    std::vector<root_box> out;
    const auto add_zero = [&](double t) {
        for (const root_box& r : out)
            if (r.status == box_status::zero && r.lo == t) return;
        out.push_back({t, t, box_status::zero});
    };
    struct box {
        double lo, hi;
    };
    std::vector<box> todo;
    const double lo_in = std::max(a, -bound), hi_in = std::min(b, bound);
    if (a < -bound) todo.push_back({a, -bound});
    if (b > bound) todo.push_back({bound, b});
    // The bounded part in 64 first boxes, so that the stack stays shallow.
    if (lo_in < hi_in) {
        const int n = 64;
        for (int k = 0; k < n; ++k) {
            const double l = lo_in + (hi_in - lo_in) * k / n;
            const double h = k + 1 == n ? hi_in : lo_in + (hi_in - lo_in) * (k + 1) / n;
            todo.push_back({l, h});
        }
    }
    // An enclosure that touches 0 only at an end is often a rounding artefact (1 − tanh²
    // far out rounds to [0, tiny]): retry at higher precision before subdividing.
    const enclosure_forms g_forms(g), dg_forms(dg);
    const long work0 = budget.work;
    const long g_weight = g_forms.nodes(), dg_weight = dg_forms.nodes();
    const auto spend = [&](mpfr_prec_t at, long weight) {
        const long w = detail::evaluation_work(at, weight);
        budget.work -= w;
        if (detail::analysis_work_left) *detail::analysis_work_left -= w;
    };
    const auto exhausted = [&] {
        return budget.work < 0 || (detail::analysis_work_left && *detail::analysis_work_left < 0);
    };
    const auto enclosure = [&](const enclosure_forms& h, const box& bx) {
        const long weight = &h == &g_forms ? g_weight : dg_weight;
        spend(bits, weight);
        interval v = h(detail::box_interval(bx.lo, bx.hi, bits));
        // Tails are left to tail_root_free (more precision does not help with ∞·0 there).
        if (!std::isfinite(bx.lo) || !std::isfinite(bx.hi)) return v;
        for (mpfr_prec_t more = 4 * bits; more <= 8192 && v.valid() && !detail::excludes_zero(v) &&
                                          (mpfr_zero_p(v.lower()) || mpfr_zero_p(v.upper()));
             more *= 4) {
            spend(more, weight);
            v = h(detail::box_interval(bx.lo, bx.hi, more));
        }
        return v;
    };
    const auto sign_at = [&](double t) {
        const long before = budget.work;
        const int sign = detail::certified_sign(g_forms, t, bits, &budget.work, g_weight);
        if (detail::analysis_work_left) *detail::analysis_work_left -= before - budget.work;
        return sign;
    };
    while (!todo.empty()) {
        const box bx = todo.back();
        todo.pop_back();
        if (--budget.boxes < 0 || exhausted()) {
            out.push_back({bx.lo, bx.hi, box_status::undecided, true});
            continue;
        }
        const interval v = enclosure(g_forms, bx);
        if (detail::excludes_zero(v)) continue;
        const bool finite = std::isfinite(bx.lo) && std::isfinite(bx.hi);
        const interval dv = enclosure(dg_forms, bx);
        // g′ ≥ 0 or ≤ 0 on the box: g is monotone there, and, being analytic and not
        // identically 0 (it is nonzero at some end), has at most one zero in the box.
        const bool monotone =
            dv.valid() && (mpfr_sgn(dv.lower()) >= 0 || mpfr_sgn(dv.upper()) <= 0);
        if (monotone && finite) {
            const int sl = sign_at(bx.lo), sh = sign_at(bx.hi);
            if (sl != 0 || sh != 0) {
                if (sl == 0 && bx.lo > a) add_zero(bx.lo);
                if (sh == 0 && bx.hi < b) add_zero(bx.hi);
                if (sl != 0 && sh != 0 && sl != sh) out.push_back({bx.lo, bx.hi, box_status::root});
                continue;
            }
        }
        if (!finite) {
            // A tail: monotone g whose value at the finite end moves away from 0.
            const double end = std::isfinite(bx.lo) ? bx.lo : bx.hi;
            const int s = sign_at(end);
            if (monotone && s != 0) {
                const bool increasing = mpfr_sgn(dv.lower()) >= 0;
                const bool away =
                    std::isfinite(bx.lo) ? (increasing == (s > 0)) : (increasing == (s < 0));
                if (away) continue;
            }
            // The tail as a whole: monotone refinement towards the limit at ±∞.
            if (std::fabs(end) == bound && tail_root_free(g, std::isfinite(bx.lo), bound)) continue;
            out.push_back({bx.lo, bx.hi, box_status::undecided});
            continue;
        }
        if (bx.hi - bx.lo <= min_width * std::max(1.0, std::fabs(bx.lo))) {
            out.push_back({bx.lo, bx.hi, box_status::undecided});
            continue;
        }
        const double mid = bx.lo + (bx.hi - bx.lo) / 2;
        todo.push_back({mid, bx.hi});
        todo.push_back({bx.lo, mid});
    }
    const long spent = work0 - budget.work;
    detail::root_search_total_work() += spent;
    for (long seen = detail::root_search_most_work().load();
         spent > seen && !detail::root_search_most_work().compare_exchange_weak(seen, spent);) {
    }
    std::sort(out.begin(), out.end(),
              [](const root_box& p, const root_box& q) { return p.lo < q.lo; });
    return out;
}

namespace detail {

//! The evaluations of g made by bisect_root on this thread (for the timing notes).
inline std::atomic<long>& bisect_root_evaluations() {
    static std::atomic<long> n{0};
    return n;
}

}  // namespace detail

//! The root of g in [lo, hi] (a sign change) at `bits`, to the last bit: the same point
//! bisection reaches (the bracket shrinks to two neighbouring numbers) in far fewer steps.
//! Each step takes the Illinois point of the certified bracket (regula falsi with the value
//! kept at an end halved when that end stays twice), and bisects instead when that point
//! falls outside the bracket or the bracket has not halved within three steps; so at most
//! about 3·(bits + 64) evaluations, typically a few dozen where bisection takes bits + 64.
inline mpfr_float bisect_root(const expr& g, double lo, double hi, mpfr_prec_t bits) {
    mpfr_evaluator G(g, bits);
    std::vector<mpfr_float> numbers;  // a, b, m, fa, fb, fm, t, w, w3
    for (int i = 0; i < 9; ++i) numbers.push_back(make_mpfr(bits));
    mpfr_ptr a = detail::ptr(numbers[0]), b = detail::ptr(numbers[1]), m = detail::ptr(numbers[2]);
    mpfr_ptr fa = detail::ptr(numbers[3]), fb = detail::ptr(numbers[4]),
             fm = detail::ptr(numbers[5]);
    mpfr_ptr t = detail::ptr(numbers[6]), w = detail::ptr(numbers[7]), w3 = detail::ptr(numbers[8]);
    std::atomic<long>& evaluations = detail::bisect_root_evaluations();
    mpfr_set_d(a, lo, MPFR_RNDN);
    mpfr_set_d(b, hi, MPFR_RNDN);
    mpfr_set(fa, G(a), MPFR_RNDN);
    mpfr_set(fb, G(b), MPFR_RNDN);
    evaluations += 2;
    const auto sign = [](mpfr_srcptr v) { return mpfr_sgn(v); };
    const int sa = sign(fa);
    const bool secant_ok =
        mpfr_number_p(fa) && mpfr_number_p(fb) && sa != 0 && sign(fb) != 0 && sa != sign(fb);
    int kept = 0;  // the end kept by the last steps: −1 a, +1 b
    mpfr_sub(w3, b, a, MPFR_RNDN);
    for (int k = 0; k < 3 * (static_cast<int>(bits) + 64); ++k) {
        mpfr_add(m, a, b, MPFR_RNDN);
        mpfr_div_2ui(m, m, 1, MPFR_RNDN);
        if (mpfr_equal_p(m, a) || mpfr_equal_p(m, b)) break;
        mpfr_sub(w, b, a, MPFR_RNDN);
        bool bisect = !secant_ok;
        if (k % 3 == 0) {  // the bracket must halve every three steps
            mpfr_mul_2ui(t, w, 1, MPFR_RNDN);
            if (k > 0 && mpfr_cmp(t, w3) > 0) bisect = true;
            mpfr_set(w3, w, MPFR_RNDN);
        }
        if (!bisect) {  // m = b − fb (b − a)/(fb − fa), strictly inside (a, b)
            mpfr_sub(t, fb, fa, MPFR_RNDN);
            mpfr_div(t, w, t, MPFR_RNDN);
            mpfr_mul(t, t, fb, MPFR_RNDN);
            mpfr_sub(t, b, t, MPFR_RNDN);
            if (mpfr_number_p(t) && mpfr_cmp(t, a) > 0 && mpfr_cmp(t, b) < 0)
                mpfr_set(m, t, MPFR_RNDN);
        }
        mpfr_set(fm, G(m), MPFR_RNDN);
        ++evaluations;
        const int sm = sign(fm);
        if (sm == 0) return std::move(numbers[2]);
        if (sm == sa) {
            mpfr_swap(a, m);
            mpfr_swap(fa, fm);
            if (kept == 1) mpfr_div_2ui(fb, fb, 1, MPFR_RNDN);  // b kept twice: Illinois
            kept = 1;
        } else {
            mpfr_swap(b, m);
            mpfr_swap(fb, fm);
            if (kept == -1) mpfr_div_2ui(fa, fa, 1, MPFR_RNDN);
            kept = -1;
        }
    }
    mpfr_add(m, a, b, MPFR_RNDN);
    mpfr_div_2ui(m, m, 1, MPFR_RNDN);
    return std::move(numbers[2]);
}

}  // namespace actlab
