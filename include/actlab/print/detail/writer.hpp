// actlab: the precedence-aware printer behind to_text, to_latex and to_cpp (internal).
//
// One walk over the canonical form serves three dialects. Every printed piece carries how
// tightly it binds; a context that needs more wraps it in parentheses, so there are no
// redundant ones. The canonical form already fixes the order of terms and factors, which
// makes the output deterministic. Layout decisions shared by all dialects:
//   - a sum term with a negative coefficient is printed as a subtraction (1 − tanh(x)²);
//   - factors with negative exponents, and a coefficient 1/q, form a denominator (x/2, 1/√π);
//   - exponent 1/2 is a square root.
#pragma once

#include <actlab/expr/detail/greek.hpp>
#include <actlab/expr/detail/workspace.hpp>
#include <actlab/print/detail/numbers.hpp>

#include <string>
#include <utility>
#include <vector>

namespace actlab::detail {

enum class dialect { text, latex, cpp };

//! How tightly a printed piece binds, loosest first.
enum class binding : int { relation, sum, product, prefix, power, atom };

struct piece {
    std::string s;
    binding b = binding::atom;
};

class formula_printer {
public:
    formula_printer(const expr& f, dialect d) : f_(f), d_(d) {}

    std::string print() {
        const index root = f_.root();
        piece p = print_node(root);
        // A bare integer literal is an int, not an expr, in C++.
        if (d_ == dialect::cpp && is_int_literal(root)) return "expr(" + p.s + ")";
        return p.s;
    }

private:
    struct power_factor {
        index base;
        rational exponent;  // > 0
    };

    const expr& f_;
    dialect d_;

    const actlab::node& at(index i) const { return f_.nodes[i]; }
    index child(index i, int k) const { return f_.child(i, k); }
    bool is_num(index i) const { return at(i).kind == op::number; }
    const rational& num(index i) const { return f_.constants[at(i).aux]; }

    // --- punctuation per dialect ---------------------------------------------------------

    std::string minus() const { return d_ == dialect::text ? "−" : "-"; }
    std::string plus_sep() const { return d_ == dialect::latex ? "+" : " + "; }
    std::string minus_sep() const {
        return d_ == dialect::text ? " − " : d_ == dialect::latex ? "-" : " - ";
    }
    std::string group(const std::string& s) const {
        return d_ == dialect::latex ? "\\left(" + s + "\\right)" : "(" + s + ")";
    }
    std::string wrap(const piece& p, binding need) const { return p.b < need ? group(p.s) : p.s; }

    // --- numbers -------------------------------------------------------------------------

    static bool fits_int(const rational& r) {
        return r.den == 1 && r.num <= 2147483647 && r.num >= -2147483647;
    }
    static bool fits_long_long(int128 v) {
        return v <= 9223372036854775807LL && v >= -9223372036854775807LL;
    }

    bool is_int_literal(index i) const { return is_num(i) && fits_int(num(i)); }

    //! The number r, or -r when `negate`.
    piece number(const rational& r, bool negate = false) const {
        const bool neg = (r.num < 0) != negate;
        const std::string sign = neg ? minus() : "";
        const std::string dec = decimal_of(r);
        const std::string p = digits_of(r.num), q = digits_of(r.den);
        const binding signed_b = neg ? binding::prefix : binding::atom;
        switch (d_) {
            case dialect::text:
                if (!dec.empty()) return {sign + dec, signed_b};
                return {sign + p + "/" + q, binding::product};
            case dialect::latex:
                if (!dec.empty()) return {sign + dec, signed_b};
                return {sign + "\\frac{" + p + "}{" + q + "}", binding::product};
            case dialect::cpp:
                if (r.den == 1 && fits_int(r)) return {sign + p, signed_b};
                if (!dec.empty()) return {"constant(\"" + sign + dec + "\")", binding::atom};
                if (fits_long_long(r.num) && fits_long_long(r.den))
                    return {"ratio(" + sign + p + ", " + q + ")", binding::atom};
                return {"(constant(\"" + sign + p + "\") / constant(\"" + q + "\"))",
                        binding::atom};
        }
        return {};
    }

    // --- leaves --------------------------------------------------------------------------

    piece named(index i) const {
        const bool is_pi = at(i).aux == static_cast<int>(named_constant::pi);
        switch (d_) {
            case dialect::text: return {is_pi ? "π" : "e"};
            case dialect::latex: return {is_pi ? "\\pi" : "e"};
            case dialect::cpp: return {is_pi ? "pi" : "e"};
        }
        return {};
    }

    piece parameter(index i) const {
        const parameter_info& info = f_.parameters[at(i).aux];
        const std::string_view name = info.name_view();
        const greek_letter* g = find_greek(name);
        switch (d_) {
            case dialect::text: return {std::string(g ? g->text : name)};
            case dialect::latex:
                if (g) return {std::string(g->latex)};
                if (name.size() == 1) return {std::string(name)};
                return {"\\mathrm{" + latex_escape(name) + "}"};
            case dialect::cpp:
                return {"param(\"" + cpp_escape(name) + "\", " + number(info.default_value).s +
                        ")"};
        }
        return {};
    }

    static std::string latex_escape(std::string_view s) {
        std::string out;
        for (const char c : s) {
            if (c == '_' || c == '#' || c == '$' || c == '%' || c == '&' || c == '{' || c == '}')
                out += '\\';
            out += c;
        }
        return out;
    }

    static std::string cpp_escape(std::string_view s) {
        static constexpr char hex[] = "0123456789abcdef";
        std::string out;
        for (const char c : s) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                out += '\\';
                out += c;
            } else if (u < 0x20 || u == 0x7f) {
                out += "\\x";
                out += hex[u >> 4];
                out += hex[u & 15];
            } else {
                out += c;
            }
        }
        return out;
    }

    // --- functions -----------------------------------------------------------------------

    //! A function argument; in C++ an integer literal becomes expr(n) so that std::exp(int)
    //! and friends from <cmath> are never chosen.
    std::string argument(index c) {
        piece p = print_node(c);
        if (d_ == dialect::cpp && is_int_literal(c)) return "expr(" + p.s + ")";
        return p.s;
    }

    //! The parenthesised argument list of a LaTeX function: plain parentheses around a leaf.
    std::string latex_call_args(index c, const std::string& inner) const {
        return at(c).count == 0 ? "(" + inner + ")" : "\\left(" + inner + "\\right)";
    }

    piece function(index i) {
        const op kind = at(i).kind;
        const op_traits& sp = traits(kind);
        const index c = child(i, 0);
        if (d_ == dialect::cpp) return {std::string(sp.ascii) + "(" + argument(c) + ")"};
        const std::string a = print_node(c).s;
        if (d_ == dialect::text) {
            if (kind == op::abs) return {"|" + a + "|"};
            return {std::string(sp.text) + "(" + a + ")"};
        }
        if (kind == op::abs) return {"\\left|" + a + "\\right|"};
        if (kind == op::exp) return {"e^{" + a + "}", binding::power};
        return {std::string(sp.latex) + latex_call_args(c, a)};
    }

    piece min_max(index i) {
        const op_traits& sp = traits(at(i).kind);
        const std::string a = print_node(child(i, 0)).s, b = print_node(child(i, 1)).s;
        switch (d_) {
            case dialect::text: return {std::string(sp.text) + "(" + a + ", " + b + ")"};
            case dialect::latex:
                return {std::string(sp.latex) + "\\left(" + a + ", " + b + "\\right)"};
            case dialect::cpp: return {std::string(sp.ascii) + "(" + a + ", " + b + ")"};
        }
        return {};
    }

    //! a < b; with a number on the left only, printed as b > a.
    std::string condition(index i) {
        if (at(i).kind != op::lt && at(i).kind != op::le) return print_node(i).s;
        index a = child(i, 0), b = child(i, 1);
        const bool strict = at(i).kind == op::lt;
        const bool flip = is_num(a) && !is_num(b);
        if (flip) std::swap(a, b);
        static constexpr const char* ops[3][4] = {
            {"<", "≤", ">", "≥"},
            {"<", "\\le", ">", "\\ge"},
            {"<", "<=", ">", ">="},
        };
        const char* o = ops[static_cast<int>(d_)][(flip ? 2 : 0) + (strict ? 0 : 1)];
        return print_node(a).s + " " + o + " " + print_node(b).s;
    }

    piece where(index i) {
        if (d_ != dialect::latex) {
            const std::string c = condition(child(i, 0));
            return {"where(" + c + ", " + print_node(child(i, 1)).s + ", " +
                    print_node(child(i, 2)).s + ")"};
        }
        // Nested wheres in the "otherwise" branch become further cases.
        std::string s = "\\begin{cases} ";
        index cur = i;
        for (; at(cur).kind == op::where; cur = child(cur, 2))
            s += print_node(child(cur, 1)).s + " & " + condition(child(cur, 0)) + "\\\\ ";
        s += print_node(cur).s + " & \\text{otherwise}\\end{cases}";
        return {s, binding::prefix};
    }

    // --- powers --------------------------------------------------------------------------

    //! The base of an even power: (−1 + σ(x))² is printed as (1 − σ(x))², the same value.
    //! Only a sum that starts with −1 (1 − σ and 1 − tanh² are how derivatives read);
    //! (−0.5 + 2.5·x)² stays as it is, beside its odd powers.
    piece even_base(index base, const rational& r) {
        const bool even = r.den == 1 && r.num % 2 == 0;
        if (even && at(base).kind == op::add && is_num(child(base, 0)) &&
            num(child(base, 0)) == rational{-1, 1})
            return sum(base, true);
        return print_node(base);
    }

    //! base^r for a number r (negative only where `divides` is false).
    piece power(index base, const rational& r) {
        if (r == rational{1, 1}) return print_node(base);
        const bool half = r == rational{1, 2};
        const bool integer = r.den == 1;
        const std::string sign = r.num < 0 ? minus() : "";
        switch (d_) {
            case dialect::text: {
                const std::string b = wrap(even_base(base, r), binding::atom);
                if (half) return {"√" + b, binding::prefix};
                if (integer) return {b + superscript_of(r.num), binding::power};
                return {b + "^(" + sign + digits_of(r.num) + "/" + digits_of(r.den) + ")",
                        binding::power};
            }
            case dialect::latex: {
                if (half) return {"\\sqrt{" + print_node(base).s + "}", binding::prefix};
                const std::string e =
                    sign + (integer ? digits_of(r.num)
                                    : "\\frac{" + digits_of(r.num) + "}{" + digits_of(r.den) + "}");
                const op k = at(base).kind;
                if (integer && r.num > 0 && is_unary_function(k) && k != op::exp && k != op::abs) {
                    const index c = child(base, 0);
                    return {std::string(traits(k).latex) + "^{" + e + "}" +
                                latex_call_args(c, print_node(c).s),
                            binding::power};
                }
                return {wrap(even_base(base, r), binding::atom) + "^{" + e + "}", binding::power};
            }
            case dialect::cpp:
                if (half) return {"sqrt(" + argument(base) + ")"};
                return {"pow(" +
                        (at(base).kind == op::add ? even_base(base, r).s : argument(base)) + ", " +
                        exponent(r) + ")"};
        }
        return {};
    }

    //! A C++ exponent: an integer, or ratio(p, q).
    std::string exponent(const rational& r) const {
        if (r.den == 1 || !fits_long_long(r.num) || !fits_long_long(r.den)) return number(r).s;
        return "ratio(" + std::string(r.num < 0 ? "-" : "") + digits_of(r.num) + ", " +
               digits_of(r.den) + ")";
    }

    //! base^exponent for an exponent that is not a number.
    piece general_power(index base, index exponent) {
        switch (d_) {
            case dialect::text:
                return {wrap(print_node(base), binding::atom) + "^" +
                            wrap(print_node(exponent), binding::prefix),
                        binding::power};
            case dialect::latex:
                return {wrap(print_node(base), binding::atom) + "^{" + print_node(exponent).s + "}",
                        binding::power};
            case dialect::cpp:
                return {"pow(" + print_node(base).s + ", " + print_node(exponent).s + ")"};
        }
        return {};
    }

    // --- products and sums -----------------------------------------------------------------

    bool numeric_power(index i) const { return at(i).kind == op::pow && is_num(child(i, 1)); }

    //! A power with a negative exponent that is printed as a denominator: b^-n as 1/b^n.
    //! Not when b is itself a power: the engine keeps (1/x)^-2 apart from 1/(1/x)², so
    //! that one is printed with its exponent, (1/x)⁻².
    bool divides(index i) const {
        return numeric_power(i) && num(child(i, 1)).num < 0 && !numeric_power(child(i, 0));
    }

    static rational magnitude_of(const rational& r) {
        return r.num < 0 && r.num != int128_min ? rational{-r.num, r.den} : r;
    }

    //! Joins LaTeX factors by juxtaposition; \cdot only between two numbers, a space only
    //! after a command name followed by a letter.
    static void latex_juxtapose(std::string& s, const std::string& next) {
        if (!s.empty() && !next.empty()) {
            const char last = s.back(), first = next.front();
            const auto digit = [](char c) { return (c >= '0' && c <= '9') || c == '.'; };
            const auto letter = [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            };
            if (digit(last) && digit(first)) {
                s += "\\cdot ";
            } else if (letter(last) && letter(first)) {
                std::size_t k = s.size();
                while (k > 0 && letter(s[k - 1])) --k;
                if (k > 0 && s[k - 1] == '\\') s += ' ';
            }
        }
        s += next;
    }

    std::string join_factors(const std::vector<piece>& parts) const {
        std::string s;
        for (const piece& p : parts) {
            const std::string w = wrap(p, binding::prefix);
            if (d_ == dialect::latex) {
                latex_juxtapose(s, w);
            } else {
                if (!s.empty()) s += d_ == dialect::text ? "·" : " * ";
                s += w;
            }
        }
        return s;
    }

    //! Whether a and b are the same expression (structurally).
    bool same(index a, index b) const {
        if (a == b) return true;
        const actlab::node &u = at(a), &v = at(b);
        if (u.kind != v.kind || u.count != v.count) return false;
        if (u.kind == op::number) return num(a) == num(b);
        if (u.count == 0) return u.aux == v.aux;
        for (int k = 0; k < u.count; ++k)
            if (!same(child(a, k), child(b, k))) return false;
        return true;
    }

    //! A factor of a numerator: printed as it is, or as base^exponent once a common power of
    //! a parameter has been cancelled against the denominator.
    struct top_factor {
        index c;
        bool reduced = false;
        power_factor p{};
    };

    //! β·σ(β·x)/β reads as σ(β·x): powers of a parameter common to the numerator and the
    //! denominator cancel (text and LaTeX only; the value is unchanged wherever the formula is
    //! defined, since β = 0 makes the denominator 0). Not for x, whose 0/0 would vanish, and
    //! not in C++, which must build the very same expression.
    void cancel_parameters(std::vector<top_factor>& tops, std::vector<power_factor>& dens) const {
        if (d_ == dialect::cpp) return;
        for (power_factor& b : dens) {
            if (at(b.base).kind != op::parameter || b.exponent.den != 1) continue;
            for (top_factor& t : tops) {
                const bool power = numeric_power(t.c) && num(child(t.c, 1)).den == 1;
                const index base = t.reduced ? t.p.base : power ? child(t.c, 0) : t.c;
                if (b.exponent.num == 0 || !same(base, b.base)) continue;
                if (!t.reduced)
                    t = {t.c, true, {base, power ? num(child(t.c, 1)) : rational{1, 1}}};
                const int128 m =
                    t.p.exponent.num < b.exponent.num ? t.p.exponent.num : b.exponent.num;
                t.p.exponent = rational{t.p.exponent.num - m, 1};
                b.exponent = rational{b.exponent.num - m, 1};
            }
        }
        std::erase_if(tops, [](const top_factor& t) { return t.reduced && t.p.exponent.num == 0; });
        std::erase_if(dens, [](const power_factor& b) { return b.exponent.num == 0; });
    }

    //! 1 − tanh(u)², the derivative of tanh, whose form a reader recognises: −1 + tanh(u)²
    //! is printed as −(1 − tanh(u)²) (see `signs`).
    bool tanh_form(index c) const {
        if (at(c).kind != op::add || at(c).count != 2) return false;
        const index a = child(c, 0), b = child(c, 1);
        return is_num(a) && num(a) == rational{-1, 1} && numeric_power(b) &&
               num(child(b, 1)) == rational{2, 1} && at(child(b, 0)).kind == op::tanh;
    }

    //! Which sum factors of a product are printed negated, and whether the product then
    //! carries a minus sign. −a·(−1 + b) reads better as a·(1 − b), and (−1 + a)·(−1 + b) as
    //! (1 − a)·(1 − b): sum factors whose first term is negative absorb the sign of the
    //! product, in pairs when the product is positive; a positive product with an odd number
    //! of them, one of them −1 + tanh(u)², reads as −(…)·(1 − tanh(u)²).
    std::pair<std::vector<index>, bool> signs(const std::vector<index>& factors, bool neg) const {
        std::vector<index> flippable;
        bool tanh_seen = false;
        for (const index c : factors) {
            if (at(c).kind != op::add || !negative_term(child(c, 0))) continue;
            flippable.push_back(c);
            tanh_seen = tanh_seen || tanh_form(c);
        }
        if (flippable.empty()) return {flippable, neg};
        if (flippable.size() % 2 == (neg ? 1u : 0u)) return {flippable, false};
        if (!neg && tanh_seen) return {flippable, true};
        // One stays as it is: the last one that is not −1 + tanh(u)², if there is one.
        auto keep = flippable.end() - 1;
        for (auto it = flippable.begin(); it != flippable.end(); ++it)
            if (!tanh_form(*it)) keep = it;
        flippable.erase(keep);
        return {flippable, false};
    }

    //! The factors of a product node that are neither numbers nor denominators.
    std::vector<index> plain_factors(index i) const {
        std::vector<index> out;
        if (at(i).kind != op::mul) return out;
        for (int k = 0; k < at(i).count; ++k)
            if (!is_num(child(i, k)) && !divides(child(i, k))) out.push_back(child(i, k));
        return out;
    }

    //! A product node (or a power with a negative exponent), negated when `negate`.
    piece product(index i, bool negate) {
        rational coeff{1, 1};
        std::vector<piece> top, bottom;
        std::vector<index> factors;
        std::vector<power_factor> dens;
        auto sort = [&](index c) {
            if (divides(c))
                dens.push_back({child(c, 0), magnitude_of(num(child(c, 1)))});
            else
                factors.push_back(c);
        };
        if (at(i).kind == op::mul) {
            for (int k = 0; k < at(i).count; ++k) {
                const index c = child(i, k);
                if (k == 0 && is_num(c))
                    coeff = num(c);
                else if (is_num(c))
                    top.push_back({wrap(number(num(c)), binding::atom)});
                else
                    sort(c);
            }
        } else {
            sort(i);
        }
        const bool neg = (coeff.num < 0) != negate;
        const rational a = magnitude_of(coeff);
        // The coefficient: an integer or an exact decimal in the numerator, 1/q as a
        // denominator, any other p/q split across the two.
        if (a.den == 1) {
            if (a.num != 1) top.insert(top.begin(), number(a));
        } else if (a.num == 1) {
            bottom.push_back(number(rational{a.den, 1}));
        } else if (!decimal_of(a).empty()) {
            top.insert(top.begin(), number(a));
        } else {
            top.insert(top.begin(), number(rational{a.num, 1}));
            bottom.push_back(number(rational{a.den, 1}));
        }
        const std::pair<std::vector<index>, bool> plan = signs(factors, neg);
        const auto flipped = [&](index c) {
            for (const index f : plan.first)
                if (f == c) return true;
            return false;
        };
        std::vector<top_factor> tops;
        for (const index c : factors) tops.push_back({c});
        cancel_parameters(tops, dens);
        for (const top_factor& t : tops)
            top.push_back(t.reduced      ? power(t.p.base, t.p.exponent)
                          : flipped(t.c) ? sum(t.c, true)
                                         : print_node(t.c));
        for (const power_factor& p : dens) bottom.push_back(power(p.base, p.exponent));
        return layout(
            top, bottom,
            tops.size() == 1 && !tops[0].reduced && at(tops[0].c).kind == op::add && !dens.empty(),
            dens.size() == 1 && dens[0].exponent == rational{1, 1} &&
                at(dens[0].base).kind == op::add,
            plan.second);
    }

    //! A product's numerator and denominator, laid out (and negated when `minus_sign`).
    //! Read left to right, a number times a lone sum is distributed by the engine, so
    //! 3·(1 + x)/y and 1/(3·(1 + x)) would not read back as they were built: print them as
    //! 3/y·(1 + x) and 1/(1 + x)/3 instead (`sum_above`, `sum_below`: the lone sum).
    piece layout(const std::vector<piece>& top, const std::vector<piece>& bottom, bool sum_above,
                 bool sum_below, bool minus_sign) const {
        piece out;
        const std::string upper = top.empty() ? "1" : join_factors(top);
        const std::string over = d_ == dialect::text ? "/" : " / ";
        const bool lone_sum_above = top.size() == 2 && sum_above;
        const bool lone_sum_below = bottom.size() == 2 && sum_below;
        if (d_ != dialect::latex && lone_sum_above) {
            const std::string lower =
                bottom.size() == 1 ? wrap(bottom[0], binding::prefix) : group(join_factors(bottom));
            out = {wrap(top[0], binding::prefix) + over + lower +
                       (d_ == dialect::text ? "·" : " * ") + wrap(top[1], binding::prefix),
                   binding::product};
        } else if (d_ != dialect::latex && lone_sum_below) {
            out = {upper + over + wrap(bottom[1], binding::prefix) + over +
                       wrap(bottom[0], binding::prefix),
                   binding::product};
        } else if (bottom.empty()) {
            out = {upper, top.size() == 1 ? top[0].b : binding::product};
        } else if (d_ == dialect::latex) {
            const auto part = [&](const std::vector<piece>& p) {
                return p.size() == 1 ? p[0].s : join_factors(p);
            };
            out = {"\\frac{" + (top.empty() ? "1" : part(top)) + "}{" + part(bottom) + "}",
                   binding::product};
        } else {
            const std::string lower =
                bottom.size() == 1 ? wrap(bottom[0], binding::prefix) : group(join_factors(bottom));
            out = {upper + over + lower, binding::product};
        }
        if (minus_sign) {
            out.s = minus() + out.s;
            if (out.b > binding::prefix) out.b = binding::prefix;
        }
        return out;
    }

    //! A product that can absorb a minus sign into a sum factor (see `product`).
    bool absorbs_sign(index t) const {
        if (at(t).kind != op::mul) return false;
        for (int k = 0; k < at(t).count; ++k)
            if (at(child(t, k)).kind == op::add && negative_term(child(child(t, k), 0)))
                return true;
        return false;
    }

    bool negative_term(index t) const {
        if (is_num(t)) return num(t).num < 0;
        return at(t).kind == op::mul && is_num(child(t, 0)) && num(child(t, 0)).num < 0;
    }

    piece term(index t, bool negate) {
        if (is_num(t)) return number(num(t), negate);
        if (at(t).kind == op::mul || divides(t)) return product(t, negate);
        return print_node(t);
    }

    //! A sum, or its negation when `negate` (every term changes sign, the order stays).
    piece sum(index i, bool negate = false) {
        std::string s;
        for (int k = 0; k < at(i).count; ++k) {
            const index t = child(i, k);
            const bool neg = negative_term(t) != negate;
            if (k > 0 && neg && absorbs_sign(t)) {
                s += plus_sep();  // a − b·(−1 + c) is a + b·(1 − c)
                s += wrap(term(t, negate), binding::product);
                continue;
            }
            if (k > 0 && !neg && at(t).kind == op::mul && signs(plain_factors(t), false).second) {
                s += minus_sep();  // a + b·(−1 + tanh(u)²) is a − b·(1 − tanh(u)²)
                s += wrap(term(t, !negate), binding::product);
                continue;
            }
            if (k > 0) s += neg ? minus_sep() : plus_sep();
            s += wrap(term(t, k > 0 ? neg != negate : negate), binding::product);
        }
        return {s, binding::sum};
    }

    // --- dispatch ------------------------------------------------------------------------

    piece print_node(index i) {
        switch (at(i).kind) {
            case op::number: return number(num(i));
            case op::named: return named(i);
            case op::parameter: return parameter(i);
            case op::variable: return {"x"};
            case op::min:
            case op::max: return min_max(i);
            case op::lt:
            case op::le: return {condition(i), binding::relation};
            case op::where: return where(i);
            case op::pow: {
                const index e = child(i, 1);
                if (!is_num(e)) return general_power(child(i, 0), e);
                if (divides(i)) return product(i, false);
                return power(child(i, 0), num(e));
            }
            case op::mul: return product(i, false);
            case op::add: return sum(i);
            default: return function(i);
        }
    }
};

}  // namespace actlab::detail
