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
//! or of its negation (σ(u)σ(−u) in the evaluation form of σ′), computed before in this scope
//! or an enclosing one, whose e^−|u| is reused.
struct plan_sizes {
    int scopes = 0;
    int entries = 0;
};

template <int Scopes, int Entries>
struct plan {
    std::array<int, Scopes> start{}, count{};
    std::array<bool, Scopes> cheap{};  //!< no library call in the scope or its arms
    std::array<int, Entries> node{}, arm_a{}, arm_b{}, share{};
};

struct plan_builder {
    const expr& f;
    std::vector<int> parent, start, count, node, arm_a, arm_b, share;
    std::vector<char> cheap;

    //! b is −a, with the same magnitude in double bit for bit: a = (−1)·b, a = (−1)·r₁⋯r_k
    //! and b = r₁⋯r_k, or a = c·r and b = (−c)·r (round to nearest is symmetric in the sign,
    //! so |c·r| = |(−c)·r|; products are folded left to right).
    constexpr bool negation(int a, int b) const {
        const auto minus_one = [&](int n) {
            const auto& m = f.nodes[n];
            return m.kind == op::number && f.constants[m.aux] == rational{-1, 1};
        };
        const auto& na = f.nodes[a];
        const auto& nb = f.nodes[b];
        if (na.kind == op::mul && na.count == 2 && minus_one(f.child(a, 0)) && f.child(a, 1) == b)
            return true;
        if (nb.kind == op::mul && nb.count == 2 && minus_one(f.child(b, 0)) && f.child(b, 1) == a)
            return true;
        if (na.kind != op::mul || nb.kind != op::mul) return false;
        // a = (−1)·r₁⋯r_k and b = r₁⋯r_k (or the other way round): −βx and βx.
        const auto minus_rest = [&](int m, int p) {
            if (f.nodes[m].count != f.nodes[p].count + 1 || !minus_one(f.child(m, 0))) return false;
            for (int k = 0; k < f.nodes[p].count; ++k)
                if (f.child(m, k + 1) != f.child(p, k)) return false;
            return true;
        };
        if (minus_rest(a, b) || minus_rest(b, a)) return true;
        if (na.count != nb.count) return false;
        const auto& ca = f.nodes[f.child(a, 0)];
        const auto& cb = f.nodes[f.child(b, 0)];
        if (ca.kind != op::number || cb.kind != op::number) return false;
        const rational& x = f.constants[ca.aux];
        const rational& y = f.constants[cb.aux];
        if (!(x.num == -y.num && x.den == y.den)) return false;
        for (int k = 1; k < na.count; ++k)
            if (f.child(a, k) != f.child(b, k)) return false;
        return true;
    }

    //! σ and softplus of u or −u share e^−|u|.
    constexpr bool same_exp(int i, int j) const {
        const auto k = [&](int n) { return f.nodes[n].kind; };
        const bool ki = k(i) == op::sigmoid || k(i) == op::softplus;
        const bool kj = k(j) == op::sigmoid || k(j) == op::softplus;
        if (!ki || !kj) return false;
        const int a = f.child(i, 0), b = f.child(j, 0);
        return a == b || negation(a, b);
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

    constexpr explicit plan_builder(const expr& e) : f(e) {
        build(e.root(), std::vector<char>(static_cast<std::size_t>(e.n_nodes), 0), -1);
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

//! Per-evaluation state: the node values and, for libm sigmoid/softplus, e^−|u|.
template <class T, int N>
struct compiled_state {
    const T& at;
    const T* params;
    T v[N]{};
    T e[N]{};
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
        return r;
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
    template <int I, int Share>
    [[gnu::always_inline]] static double exp_minus_abs(compiled_state<double, n>& s, double u) {
        if constexpr (Share >= 0) {
            s.e[I] = s.e[Share];
        } else {
            s.e[I] = std::exp(-std::fabs(u));
        }
        return s.e[I];
    }

    template <int I, int Share, class T>
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
                    return call<op::pow, I, Share>(s, arg<I>(s, 0));
                }
            } else {
                return call<op::pow, I, Share>(s, arg<I>(s, 0));
            }
        } else {
            return call<nd.kind, I, Share>(s, arg<I>(s, 0));
        }
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
    template <op K, int I, int Share, class T>
    [[gnu::always_inline]] static constexpr T call(compiled_state<T, n>& s, const T& u) {
        if constexpr (use_libm<T>()) {
            if (!std::is_constant_evaluated()) return libm_call<K, I, Share>(s, u);
        }
        if constexpr (K == op::exp)
            return exp_of(u);
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

    template <op K, int I, int Share>
    [[gnu::always_inline]] static double libm_call(compiled_state<double, n>& s, double u) {
        if constexpr (K == op::exp)
            return std::exp(u);
        else if constexpr (K == op::expm1)
            return std::expm1(u);
        else if constexpr (K == op::log)
            return std::log(u);
        else if constexpr (K == op::log1p)
            return std::log1p(u);
        else if constexpr (K == op::tanh)
            return std::tanh(u);
        else if constexpr (K == op::erf)
            return std::erf(u);
        else if constexpr (K == op::erfc)
            return std::erfc(u);
        else if constexpr (K == op::sin)
            return std::sin(u);
        else if constexpr (K == op::cos)
            return std::cos(u);
        else if constexpr (K == op::sigmoid) {
            const double e = exp_minus_abs<I, Share>(s, u);
            return select(u >= 0, 1.0, e) / (1.0 + e);
        } else if constexpr (K == op::softplus) {
            const double e = exp_minus_abs<I, Share>(s, u);
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
            s.v[i] = node_value<i, steps.share[E]>(s);
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
