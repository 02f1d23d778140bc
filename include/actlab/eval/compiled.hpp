// actlab: compiled evaluation — an expression value lifted into a type whose call inlines to
// straight-line code.
//
// `compiled<f>` is a stateless function object. Its call computes every node of f once, in
// the node order of the DAG (children before parents), into a local array that the optimiser
// turns into registers: shared subexpressions are computed once, constant subexpressions are
// folded at compile time (in double, with the same kernels as `eval`), integer powers are
// multiplications. The plan — which node is computed under which branch of which `where` —
// is a constant computed from the value, so the generated code has no loop and no dispatch.
//
// Math functions in double at run time: glibc libm (`std::exp`, `std::tanh`, `std::erf`,
// ...), not the constexpr kernels of actlab::math. The kernels compute in double-double to
// stay below 0.52 ulp and bit-identical between compile time and run time; that costs 2x to
// 20x the time of libm (erf: a series of up to 56 double-double terms), see
// docs/reference/compiled_benchmark.md. compiled<f> is the hot-loop path; `eval` is the
// bit-reproducible path. `compiled<f, compiled_math::actlab>` uses the kernels instead and is
// then bit-identical to `eval(f, v)`. In constant evaluation the kernels are always used.
// Other real types (float, long double, Boost.Multiprecision) use the same scalar functions
// as `eval` and give the same results.
#pragma once

#include <actlab/eval/evaluate.hpp>
#include <actlab/eval/evaluation_form.hpp>
#include <actlab/eval/scalar.hpp>
#include <actlab/expr/expression.hpp>

#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace actlab {

//! The math functions of `compiled<f>` in double at run time.
enum class compiled_math : unsigned char {
    libm,    //!< std::exp, std::tanh, std::erf, ... (glibc): fast, within a few ulp of eval
    actlab,  //!< the constexpr kernels of actlab::math: bit-identical to eval(f, v)
};

namespace detail {

//! Node kinds whose evaluation is a library call; a `where` arm without them is cheap
//! enough to be evaluated unconditionally and selected without a branch.
constexpr bool is_call(const expr& f, int i) {
    const node& n = f.nodes[i];
    if (tanh_shrink_argument(f, i) >= 0) return true;
    if (n.kind != op::pow) return traits(n.kind).calls_kernel;
    // x^k and x^(k/2) are multiplications and a square root; other powers call pow.
    const node& e = f.nodes[f.child(i, 1)];
    if (e.kind != op::number) return true;
    const int128 den = f.constants[e.aux].den;
    return den != 1 && den != 2;
}

//! Nodes that depend on neither x nor a parameter; in double their values are folded.
template <int N>
struct folded_constants {
    std::array<bool, N> is_constant{};
    std::array<double, N> value{};
};

template <int N>
constexpr folded_constants<N> fold_constants(const expr& f) {
    folded_constants<N> r;
    std::vector<double> v(N, 0.0);
    const std::vector<double> no_parameters;
    for (int i = 0; i < N; ++i) {
        const node& n = f.nodes[i];
        bool c = n.kind != op::variable && n.kind != op::parameter;
        for (int k = 0; k < n.count; ++k) c = c && r.is_constant[f.child(i, k)];
        if (!c) continue;
        r.is_constant[i] = true;
        if (n.kind == op::where)
            v[i] = v[f.child(i, v[f.child(i, 0)] != 0 ? 1 : 2)];
        else
            v[i] = node_value(f, i, v, 0.0, no_parameters);
        r.value[i] = v[i];
    }
    return r;
}

//! The evaluation plan: scopes of nodes computed together, in node order. Scope 0 holds what
//! the root needs unconditionally; each `where` in a scope owns one scope per arm with the
//! nodes only that arm needs. `share` names an earlier sigmoid/softplus of the same argument
//! or of its negation (σ(u)σ(−u) in the evaluation form of σ′), or a tanh of half of it
//! (tanh(u/2)·σ(u)·σ(−u) in σ″), computed before in this scope or an enclosing one, whose
//! e^−|u| is reused. `pair` marks the members of such a group that holds a tanh: its first
//! computes tanh(|u|/2) as well.
struct plan_sizes {
    int scopes = 0;
    int entries = 0;
};

template <int Scopes, int Entries>
struct plan {
    std::array<int, Scopes> start{}, count{};
    std::array<bool, Scopes> cheap{};  //!< no library call in the scope or its arms
    std::array<int, Entries> node{}, arm_a{}, arm_b{}, share{};
    std::array<bool, Entries> pair{};
};

struct plan_builder {
    const expr& f;
    std::vector<int> parent, start, count, node, arm_a, arm_b, share;
    std::vector<char> cheap, pair;

    //! The double value of a is exactly r times that of b, r = ±1, ±2 or ±½ (a power of two:
    //! scaling by it commutes with rounding to nearest, and round to nearest is symmetric in
    //! the sign; products are folded left to right, sums term by term): equal nodes, numbers
    //! in that ratio, sums whose terms are, and products c·R and d·R, c·R and R (c = r), or R
    //! and d·R (d = 1/r), with R the same factors.
    constexpr bool scaled(int a, int b, const rational& r) const {
        if (a == b) return r == rational{1, 1};
        const auto& na = f.nodes[a];
        const auto& nb = f.nodes[b];
        const auto number = [&](int n, rational& v) {
            if (f.nodes[n].kind != op::number) return false;
            v = f.constants[f.nodes[n].aux];
            return true;
        };
        rational x{}, y{}, p{};
        if (number(a, x) && number(b, y)) return detail::mul(r, y, p) && p == x;
        if (na.kind == op::add && nb.kind == op::add && na.count == nb.count) {
            for (int k = 0; k < na.count; ++k)
                if (!scaled(f.child(a, k), f.child(b, k), r)) return false;
            return true;
        }
        // The factors of n from the first one on, compared with those of m (or m itself).
        const auto same_rest = [&](int n, int from, int m) {
            const int rest = f.nodes[n].count - from;
            if (f.nodes[m].kind != op::mul) return rest == 1 && f.child(n, from) == m;
            if (f.nodes[m].count != rest) return false;
            for (int k = 0; k < rest; ++k)
                if (f.child(n, from + k) != f.child(m, k)) return false;
            return true;
        };
        const bool ca = na.kind == op::mul && number(f.child(a, 0), x);
        const bool cb = nb.kind == op::mul && number(f.child(b, 0), y);
        if (ca && cb && na.count == nb.count) {
            bool same = true;
            for (int k = 1; k < na.count; ++k) same = same && f.child(a, k) == f.child(b, k);
            if (same) return detail::mul(r, y, p) && p == x;
        }
        if (ca && x == r && same_rest(a, 1, b)) return true;
        rational inverse{};
        return cb && detail::div(rational{1, 1}, r, inverse) && y == inverse && same_rest(b, 1, a);
    }

    //! σ, softplus and tanh whose arguments share e^−|a|: σ(a) and softplus(a) of a = ±u,
    //! tanh(b) of b = ±a/2 (tanh(b) = sign(b)·(1 − e)/(1 + e) with e = e^−2|b|).
    constexpr bool same_exp(int i, int j) const {
        const auto k = [&](int n) { return f.nodes[n].kind; };
        const auto exp_kind = [&](int n) {
            return k(n) == op::sigmoid || k(n) == op::softplus || k(n) == op::tanh;
        };
        if (!exp_kind(i) || !exp_kind(j)) return false;
        const int a = f.child(i, 0), b = f.child(j, 0);
        const bool ti = k(i) == op::tanh, tj = k(j) == op::tanh;
        const long long m = ti == tj ? 1 : 2;
        if (tj && !ti) return scaled(a, b, rational{m, 1}) || scaled(a, b, rational{-m, 1});
        if (ti && !tj) return scaled(b, a, rational{m, 1}) || scaled(b, a, rational{-m, 1});
        return scaled(a, b, rational{1, 1}) || scaled(a, b, rational{-1, 1});
    }

    constexpr int find_share(int scope, int i) const {
        for (int s = scope; s >= 0; s = parent[static_cast<std::size_t>(s)]) {
            const auto b = static_cast<std::size_t>(start[static_cast<std::size_t>(s)]);
            for (std::size_t e = b;
                 e < b + static_cast<std::size_t>(count[static_cast<std::size_t>(s)]); ++e)
                if (node[e] < i && same_exp(node[e], i)) return node[e];
        }
        return -1;
    }

    constexpr int build(int root, const std::vector<char>& available, int up) {
        const std::size_t n = static_cast<std::size_t>(f.n_nodes);
        std::vector<char> mark(n, 0);
        std::vector<int> stack{root};
        while (!stack.empty()) {
            const int i = stack.back();
            stack.pop_back();
            if (available[static_cast<std::size_t>(i)] || mark[static_cast<std::size_t>(i)])
                continue;
            mark[static_cast<std::size_t>(i)] = 1;
            // u − tanh(u) is computed from u alone (tanh_shrink_of).
            const int u = tanh_shrink_argument(f, i);
            if (u >= 0) {
                stack.push_back(u);
                continue;
            }
            const int children = f.nodes[i].kind == op::where ? 1 : f.nodes[i].count;
            for (int k = 0; k < children; ++k) stack.push_back(f.child(i, k));
        }
        const int id = static_cast<int>(start.size());
        parent.push_back(up);
        start.push_back(static_cast<int>(node.size()));
        count.push_back(0);
        cheap.push_back(1);
        for (int i = 0; i < f.n_nodes; ++i) {
            if (!mark[static_cast<std::size_t>(i)]) continue;
            node.push_back(i);
            arm_a.push_back(-1);
            arm_b.push_back(-1);
            share.push_back(find_share(id, i));
            ++count.back();
            if (is_call(f, i)) cheap[static_cast<std::size_t>(id)] = 0;
        }
        std::vector<char> inner = available;
        for (std::size_t i = 0; i < n; ++i) inner[i] = static_cast<char>(inner[i] || mark[i]);
        const auto b = static_cast<std::size_t>(start[static_cast<std::size_t>(id)]);
        for (std::size_t e = b;
             e < b + static_cast<std::size_t>(count[static_cast<std::size_t>(id)]); ++e) {
            const int w = node[e];
            if (f.nodes[w].kind != op::where) continue;
            const int a = build(f.child(w, 1), inner, id);
            const int c = build(f.child(w, 2), inner, id);
            arm_a[e] = a;
            arm_b[e] = c;
            if (!cheap[static_cast<std::size_t>(a)] || !cheap[static_cast<std::size_t>(c)])
                cheap[static_cast<std::size_t>(id)] = 0;
        }
        return id;
    }

    //! The first node of the share group of node i.
    constexpr int head(int i, const std::vector<int>& shared_with) const {
        while (shared_with[static_cast<std::size_t>(i)] >= 0)
            i = shared_with[static_cast<std::size_t>(i)];
        return i;
    }

    //! Marks the entries of every share group of two or more that holds a tanh.
    constexpr void mark_pairs() {
        std::vector<int> shared_with(static_cast<std::size_t>(f.n_nodes), -1);
        for (std::size_t e = 0; e < node.size(); ++e)
            shared_with[static_cast<std::size_t>(node[e])] = share[e];
        pair.assign(node.size(), 0);
        for (std::size_t e = 0; e < node.size(); ++e) {
            if (share[e] < 0) continue;
            const int h = head(node[e], shared_with);
            bool tanh = f.nodes[h].kind == op::tanh;
            for (std::size_t m = 0; m < node.size(); ++m)
                tanh =
                    tanh || (f.nodes[node[m]].kind == op::tanh && head(node[m], shared_with) == h);
            if (!tanh) continue;
            for (std::size_t m = 0; m < node.size(); ++m)
                if (head(node[m], shared_with) == h) pair[m] = 1;
        }
    }

    constexpr explicit plan_builder(const expr& e) : f(e) {
        build(e.root(), std::vector<char>(static_cast<std::size_t>(e.n_nodes), 0), -1);
        mark_pairs();
    }
};

constexpr plan_sizes measure_plan(const expr& f) {
    const plan_builder b(f);
    return {static_cast<int>(b.start.size()), static_cast<int>(b.node.size())};
}

template <int Scopes, int Entries>
constexpr plan<Scopes, Entries> make_plan(const expr& f) {
    const plan_builder b(f);
    plan<Scopes, Entries> p;
    for (std::size_t s = 0; s < Scopes; ++s) {
        p.start[s] = b.start[s];
        p.count[s] = b.count[s];
        p.cheap[s] = b.cheap[s];
    }
    for (std::size_t e = 0; e < Entries; ++e) {
        p.node[e] = b.node[e];
        p.arm_a[e] = b.arm_a[e];
        p.arm_b[e] = b.arm_b[e];
        p.share[e] = b.share[e];
        p.pair[e] = b.pair[e] != 0;
    }
    return p;
}

//! Integer powers as products, in the order of detail::integer_power (so the same rounding).
template <int128 K, class T>
[[gnu::always_inline]] constexpr T power_by_squaring(const T& acc, const T& b, bool have_acc) {
    if constexpr (K == 0) {
        return have_acc ? acc : T(1);
    } else {
        const T next = (K & 1) ? (have_acc ? T(acc * b) : b) : acc;
        if constexpr (K > 1)
            return power_by_squaring<(K >> 1)>(next, T(b * b), have_acc || (K & 1));
        else
            return next;
    }
}

template <int128 K, class T>
[[gnu::always_inline]] constexpr T integer_power_of(const T& b) {
    if constexpr (K < 0) {
        return T(1 / integer_power_of<-K>(b));
    } else if constexpr (K > 64) {
        return integer_power(b, K);
    } else {
        return power_by_squaring<K>(b, b, false);
    }
}

//! c ? a : b without a branch (GCC turns a double ?: between computed values into a jump,
//! which mispredicts on inputs of random sign).
template <class T>
[[gnu::always_inline]] constexpr T select(bool c, const T& a, const T& b) {
    if constexpr (is_double<T>) {
        if (!std::is_constant_evaluated()) {
            const std::uint64_t m = -static_cast<std::uint64_t>(c);
            return std::bit_cast<double>((std::bit_cast<std::uint64_t>(a) & m) |
                                         (std::bit_cast<std::uint64_t>(b) & ~m));
        }
    }
    return c ? a : b;
}

//! Per-evaluation state: the node values and, for libm sigmoid/softplus/tanh, e^−|u| and
//! tanh(|u|/2).
template <class T, int N>
struct compiled_state {
    const T& at;
    const T* params;
    T v[N]{};
    T e[N]{};
    T t[N]{};  //!< tanh(|u|/2), for a group with a tanh
};

template <expr F, compiled_math M>
struct compiled_program {
    static constexpr int n = F.n_nodes;
    static constexpr folded_constants<n> constants = fold_constants<n>(F);
    static constexpr plan_sizes sizes = measure_plan(F);
    static constexpr plan<sizes.scopes, sizes.entries> steps =
        make_plan<sizes.scopes, sizes.entries>(F);

    template <class T>
    static constexpr bool use_libm() {
        return is_double<T> && M == compiled_math::libm;
    }

    template <int I, class T>
    [[gnu::always_inline]] static constexpr const T& arg(const compiled_state<T, n>& s, int k) {
        return s.v[F.child(I, k)];
    }

    template <int I, class T, std::size_t... K>
    [[gnu::always_inline]] static constexpr T product(const compiled_state<T, n>& s,
                                                      std::index_sequence<K...>) {
        T r = s.v[F.child(I, 0)];
        ((r *= s.v[F.child(I, static_cast<int>(K) + 1)]), ...);
        if constexpr (scales_tiny<T> &&
                      (tiny_source(F.child(I, 0)) >= 0 ||
                       ((tiny_source(F.child(I, static_cast<int>(K) + 1)) >= 0) || ...))) {
            // One test on the product on the common path (tiny_product_bound).
            // std::fabs, not abs_of: a branch on the sign would mispredict on random signs.
            const T m = std::is_constant_evaluated() ? abs_of(r) : T(std::fabs(r));
            if (m < tiny_product_bound<T>()) [[unlikely]]
                return tiny_product<I>(
                    std::array<T, sizeof...(K) + 1>{s.v[F.child(I, 0)],
                                                    s.v[F.child(I, static_cast<int>(K) + 1)]...},
                    std::array<T, sizeof...(K) + 1>{
                        source_value<F.child(I, 0)>(s),
                        source_value<F.child(I, static_cast<int>(K) + 1)>(s)...},
                    std::array<T, sizeof...(K) + 1>{
                        rounding_of<F.child(I, 0)>(s),
                        rounding_of<F.child(I, static_cast<int>(K) + 1)>(s)...},
                    std::make_index_sequence<sizeof...(K) + 1>{});
        }
        return r;
    }

    //! The node whose value scaled_tiny (evaluate.hpp) needs to scale factor j: the argument
    //! of e^u, σ(u), softplus(u), erfc(u), r of e^(c·r²), through any tanh; -1 for other nodes.
    static constexpr int tiny_source(int j) {
        while (F.nodes[j].kind == op::tanh) j = F.child(j, 0);
        const op k = F.nodes[j].kind;
        if (k == op::exp) {
            const int r = square_exponent_of(j).first;
            return r >= 0 ? r : F.child(j, 0);
        }
        return k == op::sigmoid || k == op::softplus || k == op::erfc ? F.child(j, 0) : -1;
    }

    static constexpr int tiny_base(int j) {
        while (F.nodes[j].kind == op::tanh) j = F.child(j, 0);
        return j;
    }

    template <int J, class T>
    [[gnu::always_inline]] static constexpr T source_value(const compiled_state<T, n>& s) {
        if constexpr (tiny_source(J) >= 0)
            return s.v[tiny_source(J)];
        else
            return T(0);
    }

    //! The rounding δ of the argument of factor J (an e^u, σ(u) or erfc(u) whose argument is
    //! corrected, see corrects_argument), 0 for other factors.
    template <int J, class T>
    [[gnu::always_inline]] static constexpr T rounding_of(const compiled_state<T, n>& s) {
        if constexpr (corrects_argument<T>(J)) {
            constexpr op k = F.nodes[J].kind;
            if (!needs_correction(k, s.v[F.child(J, 0)])) return T(0);
            return argument_rounding<F.child(J, 0), k>(s);
        } else {
            return T(0);
        }
    }

    //! detail::product_of of evaluate.hpp, from the factors' values, the values their
    //! scaling needs and the roundings of their arguments (passed by value: the state stays
    //! in registers on the fast path).
    template <int I, class T, std::size_t N, std::size_t... K>
    [[gnu::noinline]] static constexpr T tiny_product(const std::array<T, N> v,
                                                      const std::array<T, N> w,
                                                      const std::array<T, N> d,
                                                      std::index_sequence<K...>) {
        const auto scaled_exp = [](const T& a) {
            return exp_times_scale(a, [](const T& b) { return plain<op::exp>(b); });
        };
        int scaled = 0;
        T p = 1;
        (
            [&] {
                constexpr int b = tiny_base(F.child(I, static_cast<int>(K)));
                constexpr op kind = tiny_source(F.child(I, static_cast<int>(K))) >= 0
                                        ? F.nodes[b].kind
                                        : op::number;
                const bool tiny = scaled < 2 && below_normal(v[K]);
                if constexpr (kind == op::exp) {
                    if (tiny) {
                        constexpr auto square = square_exponent_of(b);
                        ++scaled;
                        if constexpr (square.first < 0)
                            p *= correct_by(op::exp, scaled_exp(w[K]), w[K], d[K]);
                        else
                            p *= exp_scaled_square(w[K], to_real<T>(square.second), scaled_exp);
                        return;
                    }
                } else if constexpr (kind == op::erfc) {
                    if (tiny && w[K] > 0) {
                        ++scaled;
                        p *= correct_by(op::erfc, erfc_times_scale(w[K]), w[K], d[K]);
                        return;
                    }
                } else if constexpr (kind == op::sigmoid || kind == op::softplus) {
                    if (tiny && w[K] < 0) {
                        ++scaled;
                        // σ(u) is e^u there: corrected as e^u (d is 0 for softplus).
                        p *= correct_by(op::exp, scaled_exp(w[K]), w[K], d[K]);
                        return;
                    }
                }
                p *= v[K];
            }(),
            ...);
        if (scaled > 0) return T(p * tiny_unscale<T>(scaled));
        T r = v[0];
        ((K > 0 ? void(r *= v[K]) : void()), ...);
        return r;
    }

    static constexpr std::pair<int, rational> square_exponent_of(int j) {
        rational c{};
        const int r = square_exponent(F, j, c);
        return {r, c};
    }

    template <int I, class T, std::size_t... K>
    [[gnu::always_inline]] static constexpr T sum(const compiled_state<T, n>& s,
                                                  std::index_sequence<K...>) {
        T r = s.v[F.child(I, 0)];
        ((r += s.v[F.child(I, static_cast<int>(K) + 1)]), ...);
        return r;
    }

    // sigmoid and softplus in libm, in the stable forms of scalar.hpp:
    //   σ(u) = (u ≥ 0 ? 1 : e)/(1 + e), softplus(u) = max(u, 0) + log1p(e), e = e^−|u|,
    // branch-free (random signs do not mispredict), no overflow, full relative accuracy.
    // With `Pair` (a tanh in the group), also t = tanh(|u|/2) = (1 − e)/(1 + e) with 1 − e
    // from expm1 where |u| < log 2 (e > ½: e − 1 would cancel) and from the exp elsewhere
    // (exact for e ≤ ½): one library call either way, so tanh(b) = sign(b)·t with |u| = 2|b|
    // (what glibc's tanh computes) costs no call of its own.
    template <int I, int Share, bool Pair>
    [[gnu::always_inline]] static double exp_minus_abs(compiled_state<double, n>& s, double u) {
        if constexpr (Share >= 0) {
            s.e[I] = s.e[Share];
            s.t[I] = s.t[Share];
        } else if constexpr (Pair) {  // the first of its group
            const double a = -std::fabs(u);
            double m = 0;
            if (a > -0.6931471805599453) {
                m = std::expm1(a);
                s.e[I] = 1.0 + m;
            } else {
                s.e[I] = std::exp(a);
                m = s.e[I] - 1.0;
            }
            const double c = rounding_of_exp<I>(s, u);
            s.e[I] -= c;
            s.t[I] = -(m - c) / (1.0 + s.e[I]);
        } else {
            s.e[I] = std::exp(-std::fabs(u));
            s.e[I] -= rounding_of_exp<I>(s, u);
        }
        return s.e[I];
    }

    //! For the first σ of a share group whose argument u is rounded (corrects_argument): the
    //! first-order change of e = e^−|u| from the rounding δ of u, sign(u)·δ·e, so that every σ,
    //! softplus and tanh of the group computed from e is corrected at once (one double-double
    //! u per group, where |u| ≥ 1: e's condition number |u| is below 1 elsewhere); 0 otherwise.
    template <int I>
    [[gnu::always_inline]] static double rounding_of_exp(compiled_state<double, n>& s, double u) {
        if constexpr (F.nodes[I].kind == op::sigmoid && corrects_argument<double>(I)) {
            if (std::fabs(u) < 1.0) return 0.0;
            const double delta = argument_rounding<F.child(I, 0), op::sigmoid>(s);
            if (!(std::fabs(delta) <= std::numeric_limits<double>::max())) return 0.0;
            return s.e[I] * (u < 0 ? -delta : delta);
        } else {
            return 0.0;
        }
    }

    template <int I, int Share, bool Pair, class T>
    [[gnu::always_inline]] static constexpr T node_value(compiled_state<T, n>& s) {
        constexpr node nd = F.nodes[I];
        if constexpr (nd.kind == op::number) {
            return to_real<T>(F.constants[nd.aux]);
        } else if constexpr (nd.kind == op::named) {
            return named_value<T>(static_cast<named_constant>(nd.aux));
        } else if constexpr (nd.kind == op::parameter) {
            return s.params[nd.aux];
        } else if constexpr (nd.kind == op::variable) {
            return s.at;
        } else if constexpr (nd.kind == op::mul) {
            return product<I>(s, std::make_index_sequence<nd.count - 1u>{});
        } else if constexpr (constexpr int u = tanh_shrink_argument(F, I); u >= 0) {
            return tanh_shrink_of(s.v[u], [](const T& a) { return plain<op::tanh>(a); });
        } else if constexpr (nd.kind == op::add) {
            return sum<I>(s, std::make_index_sequence<nd.count - 1u>{});
        } else if constexpr (nd.kind == op::min) {
            return arg<I>(s, 1) < arg<I>(s, 0) ? arg<I>(s, 1) : arg<I>(s, 0);
        } else if constexpr (nd.kind == op::max) {
            return arg<I>(s, 0) < arg<I>(s, 1) ? arg<I>(s, 1) : arg<I>(s, 0);
        } else if constexpr (nd.kind == op::lt) {
            return arg<I>(s, 0) < arg<I>(s, 1) ? T(1) : T(0);
        } else if constexpr (nd.kind == op::le) {
            return arg<I>(s, 0) <= arg<I>(s, 1) ? T(1) : T(0);
        } else if constexpr (nd.kind == op::abs) {
            return abs_of(arg<I>(s, 0));
        } else if constexpr (nd.kind == op::sign) {
            return sign_of(arg<I>(s, 0));
        } else if constexpr (nd.kind == op::step) {
            return step_of(arg<I>(s, 0));
        } else if constexpr (nd.kind == op::pow) {
            constexpr node e = F.nodes[F.child(I, 1)];
            if constexpr (e.kind == op::number) {
                constexpr rational r = F.constants[e.aux];
                if constexpr (r.den == 1) {
                    return integer_power_of<r.num>(arg<I>(s, 0));
                } else if constexpr (r.den == 2) {
                    return integer_power_of<r.num>(square_root(arg<I>(s, 0)));
                } else {
                    return call<op::pow, I, Share, Pair>(s, arg<I>(s, 0));
                }
            } else {
                return call<op::pow, I, Share, Pair>(s, arg<I>(s, 0));
            }
        } else if constexpr (corrects_argument<T>(I)) {
            const T value = call<nd.kind, I, Share, Pair>(s, arg<I>(s, 0));
            // σ with libm: corrected through the e^−|u| of its share group (rounding_of_exp).
            if constexpr (nd.kind == op::sigmoid && use_libm<T>()) {
                if (!std::is_constant_evaluated()) return value;
            }
            if (!needs_correction(nd.kind, arg<I>(s, 0))) return value;
            return correct_by(nd.kind, value, arg<I>(s, 0),
                              argument_rounding<F.child(I, 0), nd.kind>(s));
        } else {
            return call<nd.kind, I, Share, Pair>(s, arg<I>(s, 0));
        }
    }

    //! e^u (not e^(c·r²)), σ(u) and erfc(u) of a rounded argument u: corrected for its
    //! rounding as in eval (argument_correction, scalar.hpp).
    template <class T>
    static constexpr bool corrects_argument(int i) {
        const op k = F.nodes[i].kind;
        const bool kind =
            k == op::sigmoid || k == op::erfc || (k == op::exp && square_exponent_of(i).first < 0);
        return std::is_floating_point_v<T> && kind && rounded_argument(F, i);
    }

    //! The rounding δ = U − u of the argument u of node J of a function of kind K (U: the
    //! arithmetic above the non-arithmetic nodes done exactly). With libm at run time, where
    //! long double is the x87 format (64 bits) and |u| is below wide_argument_limit (scalar.hpp),
    //! U is computed in long double (wide_node; about 10 x87 operations for gelu_tanh's cubic,
    //! where double-double without FMA takes about 120, 15 ns a call); elsewhere, and in
    //! constant evaluation, as hi + lo (twofold_node). The x87 path assumes the default x87
    //! precision control (64 bits: Linux, macOS, MinGW-w64).
    template <int J, op K, class T>
    [[gnu::always_inline]] static constexpr T argument_rounding(const compiled_state<T, n>& s) {
        const T& u = s.v[J];
        if constexpr (use_libm<T>() && std::numeric_limits<long double>::digits == 64) {
            constexpr double limit = wide_argument_limit<long double, double>(F, J, K);
            if constexpr (limit > 0) {
                if (!std::is_constant_evaluated() && std::fabs(u) <= limit)
                    return static_cast<double>(wide_node<J>(s) - static_cast<long double>(u));
            }
        }
        const twofold<T> e = twofold_node<J>(s);
        return T(T(e.hi - u) + e.lo);
    }

    //! Node J in long double: the arithmetic above the non-arithmetic nodes (their double
    //! values), input-free subtrees folded at compile time from their double-double values.
    template <int J>
    [[gnu::always_inline]] static long double wide_node(const compiled_state<double, n>& s) {
        using W = long double;
        constexpr node nd = F.nodes[J];
        if constexpr (F.nodes[J].kind == op::softplus) {
            // u + log1p(e^(−u)) in W (softplus_twofold, scalar.hpp).
            const double u = s.v[F.child(J, 0)];
            if (u >= 1.0) return static_cast<W>(u) + static_cast<W>(std::log1p(std::exp(-u)));
            return static_cast<W>(s.v[J]);
        } else if constexpr (!twofold_arithmetic(F, J)) {
            return static_cast<W>(s.v[J]);
        } else if constexpr (constants.is_constant[J]) {
            // The double-double value (as in twofold_node; about 2^−100) rounded to W.
            constexpr twofold<double> c =
                twofold_value<double>(F, J, [](int j) { return constants.value[j]; });
            constexpr W v = static_cast<W>(c.hi) + static_cast<W>(c.lo);
            return v;
        } else if constexpr (nd.kind == op::pow) {
            constexpr rational r = F.constants[F.nodes[F.child(J, 1)].aux];
            W b = wide_node<F.child(J, 0)>(s);
            if constexpr (r.den == 2) b = std::sqrt(b);
            return integer_power_of<r.num>(b);
        } else {
            return wide_fold<J>(s, std::make_index_sequence<nd.count - 1u>{});
        }
    }

    template <int J, std::size_t... K>
    [[gnu::always_inline]] static long double wide_fold(const compiled_state<double, n>& s,
                                                        std::index_sequence<K...>) {
        long double r = wide_node<F.child(J, 0)>(s);
        if constexpr (F.nodes[J].kind == op::add)
            ((r += wide_node<F.child(J, static_cast<int>(K) + 1)>(s)), ...);
        else
            ((r *= wide_node<F.child(J, static_cast<int>(K) + 1)>(s)), ...);
        return r;
    }

    //! twofold_value (scalar.hpp) of node J, unrolled; constants folded in double.
    template <int J, class T>
    [[gnu::always_inline]] static constexpr twofold<T> twofold_node(const compiled_state<T, n>& s) {
        constexpr node nd = F.nodes[J];
        if constexpr (F.nodes[J].kind == op::softplus) {
            return softplus_twofold(s.v[F.child(J, 0)], s.v[J]);
        } else if constexpr (!twofold_arithmetic(F, J)) {
            return {s.v[J], T(0)};
        } else if constexpr (is_double<T> && constants.is_constant[J]) {
            constexpr twofold<double> c =
                twofold_value<double>(F, J, [](int j) { return constants.value[j]; });
            return c;
        } else if constexpr (nd.kind == op::number) {
            return twofold_of<T>(F.constants[nd.aux]);
        } else if constexpr (nd.kind == op::named) {
            return twofold_named<T>(static_cast<named_constant>(nd.aux));
        } else if constexpr (nd.kind == op::pow) {
            constexpr rational r = F.constants[F.nodes[F.child(J, 1)].aux];
            twofold<T> b = twofold_node<F.child(J, 0)>(s);
            if constexpr (r.den == 2) b = twofold_sqrt(b);
            if constexpr (r.num == 1) {
                return b;
            } else if constexpr (r.num == 2) {
                return twofold_mul(b, b);
            } else if constexpr (r.num == 3) {  // in the order of twofold_power
                return twofold_mul(b, twofold_mul(b, b));
            } else {
                return twofold_power(b, static_cast<int>(r.num));
            }
        } else {
            return twofold_fold<J>(s, std::make_index_sequence<nd.count - 1u>{});
        }
    }

    template <int J, class T, std::size_t... K>
    [[gnu::always_inline]] static constexpr twofold<T> twofold_fold(const compiled_state<T, n>& s,
                                                                    std::index_sequence<K...>) {
        twofold<T> r = twofold_node<F.child(J, 0)>(s);
        if constexpr (F.nodes[J].kind == op::add)
            ((r = twofold_add(r, twofold_node<F.child(J, static_cast<int>(K) + 1)>(s))), ...);
        else
            ((r = twofold_mul(r, twofold_node<F.child(J, static_cast<int>(K) + 1)>(s))), ...);
        return r;
    }

    template <class T>
    [[gnu::always_inline]] static constexpr T square_root(const T& u) {
        if constexpr (use_libm<T>()) {
            if (!std::is_constant_evaluated()) return std::sqrt(u);
        }
        return sqrt_of(u);
    }

    //! The library function of node I at u. For pow: u^(p/q) (an exact exponent other than
    //! an integer or a half-integer) or u^w (w an expression, the second child of I).
    //! exp or tanh of u: libm in double at run time, else the kernel.
    template <op K, class T>
    [[gnu::always_inline]] static constexpr T plain(const T& u) {
        if constexpr (use_libm<T>()) {
            if (!std::is_constant_evaluated()) return K == op::exp ? std::exp(u) : std::tanh(u);
        }
        return K == op::exp ? exp_of(u) : tanh_of(u);
    }

    //! e^u of node I; e^(c·r²) through exp_scaled_square (the rounding of r² removed).
    template <int I, class T>
    [[gnu::always_inline]] static constexpr T exp_node(compiled_state<T, n>& s, const T& u) {
        constexpr auto square = square_exponent_of(I);
        if constexpr (square.first < 0) {
            return plain<op::exp>(u);
        } else {
            return exp_scaled_square(s.v[square.first], to_real<T>(square.second),
                                     [](const T& a) { return plain<op::exp>(a); });
        }
    }

    template <op K, int I, int Share, bool Pair, class T>
    [[gnu::always_inline]] static constexpr T call(compiled_state<T, n>& s, const T& u) {
        if constexpr (use_libm<T>()) {
            if (!std::is_constant_evaluated()) return libm_call<K, I, Share, Pair>(s, u);
        }
        if constexpr (K == op::exp)
            return exp_node<I>(s, u);
        else if constexpr (K == op::expm1)
            return expm1_of(u);
        else if constexpr (K == op::log)
            return log_of(u);
        else if constexpr (K == op::log1p)
            return log1p_of(u);
        else if constexpr (K == op::tanh)
            return tanh_of(u);
        else if constexpr (K == op::sigmoid)
            return sigmoid_of(u);
        else if constexpr (K == op::softplus)
            return softplus_of(u);
        else if constexpr (K == op::erf)
            return erf_of(u);
        else if constexpr (K == op::erfc)
            return erfc_of(u);
        else if constexpr (K == op::sin)
            return sin_of(u);
        else if constexpr (K == op::cos)
            return cos_of(u);
        else if constexpr (F.nodes[F.child(I, 1)].kind == op::number)
            return rational_power(u, F.constants[F.nodes[F.child(I, 1)].aux]);
        else
            return real_power(u, arg<I>(s, 1));
    }

    template <op K, int I, int Share, bool Pair>
    [[gnu::always_inline]] static double libm_call(compiled_state<double, n>& s, double u) {
        if constexpr (K == op::exp)
            return exp_node<I>(s, u);
        else if constexpr (K == op::expm1)
            // Below −log 2, e^u − 1 does not cancel (e^u < ½: e^u's error is below ¼ ulp of
            // the difference, which rounds once), and glibc's exp is faster than its expm1.
            return u < -0.6931471805599453 ? std::exp(u) - 1.0 : std::expm1(u);
        else if constexpr (K == op::log)
            return std::log(u);
        else if constexpr (K == op::log1p)
            return std::log1p(u);
        else if constexpr (K == op::tanh) {
            if constexpr (Share < 0 && !Pair) return std::tanh(u);
            exp_minus_abs<I, Share, Pair>(s, 2 * u);
            return std::copysign(s.t[I], u);
        } else if constexpr (K == op::erf)
            return std::erf(u);
        else if constexpr (K == op::erfc)
            return std::erfc(u);
        else if constexpr (K == op::sin)
            return std::sin(u);
        else if constexpr (K == op::cos)
            return std::cos(u);
        else if constexpr (K == op::sigmoid) {
            const double e = exp_minus_abs<I, Share, Pair>(s, u);
            return select(u >= 0, 1.0, e) / (1.0 + e);
        } else if constexpr (K == op::softplus) {
            const double e = exp_minus_abs<I, Share, Pair>(s, u);
            return (u > 0 ? u : 0.0) + std::log1p(e);
        } else if constexpr (F.nodes[F.child(I, 1)].kind == op::number) {
            constexpr rational r = F.constants[F.nodes[F.child(I, 1)].aux];
            constexpr double p = to_double(r);
            // Odd roots of negative numbers are real, as in detail::rational_power.
            if constexpr (r.den % 2 == 1) {
                const double v = std::pow(std::fabs(u), p);
                return u < 0 && r.num % 2 != 0 ? -v : v;
            } else {
                return std::pow(u, p);
            }
        } else {
            return std::pow(u, arg<I>(s, 1));
        }
    }

    template <int S, class T, std::size_t... K>
    [[gnu::always_inline]] static constexpr void run_entries(compiled_state<T, n>& s,
                                                             std::index_sequence<K...>) {
        (run_entry<steps.start[S] + static_cast<int>(K)>(s), ...);
    }

    template <int S, class T>
    [[gnu::always_inline]] static constexpr void run_scope(compiled_state<T, n>& s) {
        run_entries<S>(s, std::make_index_sequence<static_cast<std::size_t>(steps.count[S])>{});
    }

    template <int E, class T>
    [[gnu::always_inline]] static constexpr void run_entry(compiled_state<T, n>& s) {
        constexpr int i = steps.node[E];
        if constexpr (is_double<T> && constants.is_constant[i]) {
            s.v[i] = constants.value[i];
        } else if constexpr (F.nodes[i].kind == op::where) {
            constexpr int a = steps.arm_a[E], b = steps.arm_b[E];
            const bool first = s.v[F.child(i, 0)] != T(0);
            // Both arms free of library calls: compute both and select (a blend, no branch);
            // a NaN or inf of the other arm is computed but never selected. Otherwise, and
            // always in constant evaluation, only the selected arm is computed.
            if constexpr (steps.cheap[a] && steps.cheap[b]) {
                if (!std::is_constant_evaluated()) {
                    run_scope<a>(s);
                    run_scope<b>(s);
                    s.v[i] = select(first, s.v[F.child(i, 1)], s.v[F.child(i, 2)]);
                    return;
                }
            }
            if (first) {
                run_scope<a>(s);
                s.v[i] = s.v[F.child(i, 1)];
            } else {
                run_scope<b>(s);
                s.v[i] = s.v[F.child(i, 2)];
            }
        } else {
            s.v[i] = node_value<i, steps.share[E], steps.pair[E]>(s);
        }
    }

    template <class T>
    [[gnu::always_inline]] static constexpr T run(const T& at, const T* params) {
        compiled_state<T, n> s{at, params};
        run_scope<0>(s);
        return s.v[F.root()];
    }
};

}  // namespace detail

//! f as a type: a stateless function object whose call is straight-line code.
//!
//! `compiled<f>{}(v)` is f(v) with the parameters at their defaults, for any real type T;
//! `compiled<f>{}(v, params)` takes the parameter values in the expression's parameter order
//! (`f.parameters[0..n_parameters)`). In double the math functions are glibc's at run time
//! (see the top of this header; `compiled<f, compiled_math::actlab>` for bit-identity with
//! eval) and the call is a constant expression.
//!
//! **Example**:
//! ```
//! constexpr expr mish = x * tanh(softplus(x));
//! const compiled<mish> f;
//! const compiled<d(mish)> df;
//! for (double& v : data) v = f(v) * df(v);
//! ```
template <expr F, compiled_math M = compiled_math::libm>
struct compiled {
    //! The expression this type computes.
    static constexpr const expr& value = F;
    //! Number of parameters (the size of the span of parameter values).
    static constexpr int parameter_count = F.n_parameters;

    template <class T>
    constexpr T operator()(const T& v) const {
        if constexpr (form.n_parameters == 0) {
            return program::run(v, static_cast<const T*>(nullptr));
        } else {
            T p[form.n_parameters];
            for (int k = 0; k < form.n_parameters; ++k)
                p[k] = detail::to_real<T>(form.parameters[k].default_value);
            return program::run(v, p);
        }
    }

    //! f(v) with all parameter values given, in the expression's parameter order.
    template <class T>
    constexpr T operator()(const T& v, std::span<const std::type_identity_t<T>> params) const {
        if (params.size() != static_cast<std::size_t>(parameter_count))
            detail::fail("actlab: compiled<f>(v, params) needs one value per parameter of f");
        if constexpr (form.n_parameters == 0) {
            return program::run(v, static_cast<const T*>(nullptr));
        } else {
            T p[form.n_parameters];
            for (int k = 0; k < form.n_parameters; ++k)
                p[k] = params[static_cast<std::size_t>(parameter_of_form[k])];
            return program::run(v, p);
        }
    }

private:
    //! What is computed: F's evaluation form (the same function, without the cancellations
    //! of the printed formula), whose parameters are a subset of F's, maybe in another order.
    static constexpr expr form = evaluation_form(F);
    static constexpr std::array<int, expr::max_parameters> parameter_of_form = [] {
        std::array<int, expr::max_parameters> m{};
        for (int k = 0; k < form.n_parameters; ++k)
            for (int j = 0; j < F.n_parameters; ++j)
                if (F.parameters[j].name_view() == form.parameters[k].name_view()) m[k] = j;
        return m;
    }();
    using program = detail::compiled_program<form, M>;
};

}  // namespace actlab
