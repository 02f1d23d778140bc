// actlab: interval evaluation of an expression — an enclosure of f over an interval of x
// (needs MPFR: link actlab::mpfr).
#pragma once

#include <actlab/eval/evaluate.hpp>
#include <actlab/eval/interval.hpp>

#include <span>
#include <string_view>
#include <vector>

namespace actlab {

//! A parameter given as an interval for one enclosure.
struct parameter_interval {
    std::string_view name;
    interval value;
};

namespace detail {

inline void named_interval(interval& r, named_constant c) {
    if (c == named_constant::pi) {
        mpfr_const_pi(r.lower(), iv::down);
        mpfr_const_pi(r.upper(), iv::up);
    } else {
        mpfr_set_ui(r.lower(), 1, iv::down);
        mpfr_set_ui(r.upper(), 1, iv::up);
        mpfr_exp(r.lower(), r.lower(), iv::down);
        mpfr_exp(r.upper(), r.upper(), iv::up);
    }
}

//! log or log1p on an interval whose part below the domain's edge `edge` comes only from
//! rounding (clipped), undefined when the whole interval lies below it.
inline void log_like(interval& r, const interval& a, long edge, iv::mpfr_unary g) {
    if (!a.valid() || mpfr_cmp_si(a.upper(), edge) < 0) return r.set_invalid();
    interval clipped = a;
    if (mpfr_cmp_si(clipped.lower(), edge) < 0) mpfr_set_si(clipped.lower(), edge, iv::down);
    iv::increasing(r, clipped, g);
}

inline void interval_node(const expr& f, int i, std::vector<interval>& v, const interval& at,
                          const std::vector<interval>& params) {
    const node& n = f.nodes[i];
    interval& r = v[static_cast<std::size_t>(i)];
    const auto c = [&](int k) -> const interval& {
        return v[static_cast<std::size_t>(f.child(i, k))];
    };
    switch (n.kind) {
        case op::number: return iv::set_rational(r, f.constants[n.aux]);
        case op::named: return named_interval(r, static_cast<named_constant>(n.aux));
        case op::parameter: r = params[n.aux]; return;
        case op::variable: r = at; return;
        case op::exp: return iv::increasing(r, c(0), mpfr_exp);
        case op::expm1: return iv::increasing(r, c(0), mpfr_expm1);
        case op::log: return log_like(r, c(0), 0, mpfr_log);
        case op::log1p: return log_like(r, c(0), -1, mpfr_log1p);
        case op::abs: return iv::abs(r, c(0));
        case op::sign: return iv::step_like(r, c(0), -1, 0.0, 1);
        case op::step: return iv::step_like(r, c(0), 0, 0.5, 1);
        case op::tanh: return iv::increasing(r, c(0), mpfr_tanh);
        case op::sigmoid: return iv::increasing(r, c(0), iv::sigmoid);
        case op::softplus: return iv::increasing(r, c(0), iv::softplus);
        case op::erf: return iv::increasing(r, c(0), mpfr_erf);
        case op::erfc: return iv::decreasing(r, c(0), mpfr_erfc);
        case op::sin: return iv::periodic(r, c(0), false);
        case op::cos: return iv::periodic(r, c(0), true);
        case op::min:
            mpfr_min(r.lower(), c(0).lower(), c(1).lower(), iv::down);
            mpfr_min(r.upper(), c(0).upper(), c(1).upper(), iv::up);
            return;
        case op::max:
            mpfr_max(r.lower(), c(0).lower(), c(1).lower(), iv::down);
            mpfr_max(r.upper(), c(0).upper(), c(1).upper(), iv::up);
            return;
        case op::lt: return iv::compare(r, c(0), c(1), true);
        case op::le: return iv::compare(r, c(0), c(1), false);
        case op::where: return;  // the walker selects or joins the branches
        case op::pow: {
            const int ex = f.child(i, 1);
            if (f.nodes[ex].kind == op::number)
                return iv::rational_power(r, c(0), f.constants[f.nodes[ex].aux]);
            interval t(r.precision());  // b^p = exp(p·log b)
            log_like(t, c(0), 0, mpfr_log);
            iv::mul(t, t, c(1));
            return iv::increasing(r, t, mpfr_exp);
        }
        case op::mul: {
            r = c(0);
            for (int k = 1; k < n.count; ++k) {
                interval t(r.precision());
                iv::mul(t, r, c(k));
                r.swap(t);
            }
            return;
        }
        case op::add: {
            r = c(0);
            for (int k = 1; k < n.count; ++k) iv::add(r, r, c(k));
            return;
        }
    }
}

}  // namespace detail

//! An interval that contains f(t) for every t in `at`, with every parameter at its exact
//! default or at a given interval, computed with endpoints of at.precision() bits. Invalid
//! (NaN endpoints) if f may be undefined there. A `where` whose condition is undecided on
//! `at` gives the hull of both branches.
inline interval enclose(const expr& f, const interval& at,
                        std::span<const parameter_interval> given = {}) {
    const mpfr_prec_t bits = at.precision();
    std::vector<interval> params;
    params.reserve(static_cast<std::size_t>(f.n_parameters));
    for (int k = 0; k < f.n_parameters; ++k) {
        params.emplace_back(bits);
        detail::iv::set_rational(params.back(), f.parameters[k].default_value);
    }
    for (const auto& g : given) {
        bool found = false;
        for (int k = 0; k < f.n_parameters; ++k) {
            if (f.parameters[k].name_view() == g.name) {
                params[static_cast<std::size_t>(k)] = g.value;
                found = true;
            }
        }
        if (!found) detail::fail("actlab: enclose: no parameter of that name in the expression");
    }
    std::vector<interval> v(static_cast<std::size_t>(f.n_nodes), interval(bits));
    return detail::walk(
        f, v, [&](int i) { detail::interval_node(f, i, v, at, params); },
        [](const interval& c) {
            if (!c.valid()) return 0;
            if (mpfr_cmp_ui(c.lower(), 1) >= 0) return 1;
            if (mpfr_sgn(c.upper()) <= 0) return 2;
            return 0;
        },
        [bits](const interval& a, const interval& b) {
            interval h(bits);
            detail::iv::hull(h, a, b);
            return h;
        });
}

}  // namespace actlab
