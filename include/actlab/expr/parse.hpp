// actlab: parsing formulas typed as text (ASCII, or the Unicode that to_text prints).
#pragma once

#include <actlab/detail/edit_distance.hpp>
#include <actlab/expr/build.hpp>
#include <actlab/expr/decimal.hpp>
#include <actlab/expr/detail/greek.hpp>
#include <actlab/expr/error.hpp>

#include <algorithm>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace actlab {

//! A formula that `parse` cannot read: what() is "parse error at column C: <reason>".
class parse_error : public error {
public:
    parse_error(int column, const std::string& reason)
        : error("parse error at column " + std::to_string(column) + ": " + reason),
          column_(column) {}

    //! 1-based position of the problem, counted in Unicode code points.
    int column() const noexcept { return column_; }

private:
    int column_;
};

namespace detail {

//! Deepest nesting of parentheses, bars, calls, prefix operators and exponents.
inline constexpr int max_parse_depth = 200;

// --- characters -----------------------------------------------------------------------------

//! Decodes one UTF-8 code point at s[i]; -1 (one byte long) for a malformed sequence.
inline char32_t decode_utf8(std::string_view s, std::size_t i, std::size_t& length) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    length = 1;
    if (c < 0x80) return c;
    int extra = 0;
    char32_t cp = 0;
    if ((c & 0xe0) == 0xc0 && c >= 0xc2) {
        extra = 1;
        cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
        extra = 2;
        cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0 && c <= 0xf4) {
        extra = 3;
        cp = c & 0x07;
    } else {
        return static_cast<char32_t>(-1);
    }
    if (i + static_cast<std::size_t>(extra) >= s.size()) return static_cast<char32_t>(-1);
    for (int k = 1; k <= extra; ++k) {
        if ((b(i + k) & 0xc0) != 0x80) return static_cast<char32_t>(-1);
        cp = (cp << 6) | (b(i + k) & 0x3f);
    }
    const char32_t least[4] = {0, 0x80, 0x800, 0x10000};
    if (cp < least[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return static_cast<char32_t>(-1);
    length = static_cast<std::size_t>(extra) + 1;
    return cp;
}

inline int superscript_digit(char32_t c) {
    switch (c) {
        case U'⁰': return 0;
        case U'¹': return 1;
        case U'²': return 2;
        case U'³': return 3;
        default: return c >= U'⁴' && c <= U'⁹' ? static_cast<int>(c - U'⁴') + 4 : -1;
    }
}

inline bool name_start(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           (c >= 0x391 && c <= 0x3a9) || (c >= 0x3b1 && c <= 0x3c9);
}
inline bool name_continue(char32_t c) { return name_start(c) || (c >= '0' && c <= '9'); }

// --- tokens ---------------------------------------------------------------------------------

enum class token_kind {
    end,
    number,
    name,
    open,
    close,
    comma,
    plus,
    minus,
    times,
    divide,
    caret,
    root,
    bar,
    superscript,
    less,
    less_equal,
    greater,
    greater_equal,
    invalid,
};

struct token {
    token_kind kind = token_kind::end;
    std::string_view text;
    int column = 1;
    rational value{};
    bool in_range = true;
};

inline std::vector<token> tokenize(std::string_view s) {
    std::vector<token> out;
    std::size_t i = 0;
    int column = 1;
    while (i < s.size()) {
        std::size_t len = 1;
        const char32_t c = decode_utf8(s, i, len);
        token t;
        t.column = column;
        const std::size_t start = i;
        auto take = [&](token_kind k, std::size_t n) {
            t.kind = k;
            i += n;
            ++column;
        };
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
            c == 0xa0 || c == 0x2009 || c == 0x202f) {
            i += len;
            ++column;
            continue;
        }
        if ((c >= '0' && c <= '9') ||
            (c == '.' && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9')) {
            std::size_t j = i;
            while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
            if (j < s.size() && s[j] == '.') ++j;
            while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
            if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
                std::size_t k = j + 1;
                if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
                if (k < s.size() && s[k] >= '0' && s[k] <= '9') {
                    while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
                    j = k;
                }
            }
            t.kind = token_kind::number;
            t.text = s.substr(i, j - i);
            t.in_range = parse_decimal(t.text, t.value) == t.text.size();
            column += static_cast<int>(j - i);
            i = j;
            out.push_back(t);
            continue;
        }
        if (name_start(c)) {
            std::size_t j = i;
            int n = 0;
            for (std::size_t l = 1; j < s.size() && name_continue(decode_utf8(s, j, l)); j += l)
                ++n;
            t.kind = token_kind::name;
            t.text = s.substr(i, j - i);
            column += n;
            i = j;
            out.push_back(t);
            continue;
        }
        if (superscript_digit(c) >= 0 || c == U'⁻') {
            const bool negative = c == U'⁻';
            std::size_t j = negative ? i + len : i;
            int n = negative ? 1 : 0;
            int128 v = 0;
            bool digits = false;
            for (std::size_t l = 1; j < s.size(); j += l) {
                const int dg = superscript_digit(decode_utf8(s, j, l));
                if (dg < 0) break;
                digits = true;
                ++n;
                if (!mul_checked(v, 10, v) || !add_checked(v, dg, v)) t.in_range = false;
            }
            t.kind = digits ? token_kind::superscript : token_kind::invalid;
            t.text = s.substr(i, j - i);
            t.value = rational{negative ? -v : v, 1};
            column += n;
            i = j;
            out.push_back(t);
            continue;
        }
        const char next = i + 1 < s.size() ? s[i + 1] : '\0';
        switch (c) {
            case '(': take(token_kind::open, 1); break;
            case ')': take(token_kind::close, 1); break;
            case ',': take(token_kind::comma, 1); break;
            case '+': take(token_kind::plus, 1); break;
            case '-':
            case U'−': take(token_kind::minus, len); break;
            case '*':
                if (next == '*') {
                    take(token_kind::caret, 2);
                    ++column;
                } else {
                    take(token_kind::times, 1);
                }
                break;
            case U'·':
            case U'×':
            case U'⋅': take(token_kind::times, len); break;
            case '/':
            case U'÷': take(token_kind::divide, len); break;
            case '^': take(token_kind::caret, 1); break;
            case U'√': take(token_kind::root, len); break;
            case '|': take(token_kind::bar, 1); break;
            case '<':
                if (next == '=') {
                    take(token_kind::less_equal, 2);
                    ++column;
                } else {
                    take(token_kind::less, 1);
                }
                break;
            case '>':
                if (next == '=') {
                    take(token_kind::greater_equal, 2);
                    ++column;
                } else {
                    take(token_kind::greater, 1);
                }
                break;
            case U'≤': take(token_kind::less_equal, len); break;
            case U'≥': take(token_kind::greater_equal, len); break;
            default: take(token_kind::invalid, len); break;
        }
        t.text = s.substr(start, i - start);
        out.push_back(t);
    }
    token end;
    end.column = column;
    out.push_back(end);
    return out;
}

// --- functions ------------------------------------------------------------------------------

enum class call_kind { unary, min_max, sqrt, pow, clamp, where };

struct parse_function {
    std::string_view name;
    call_kind kind;
    op fn;  // for unary and min_max
    int arity;
};

inline const std::vector<parse_function>& parse_functions() {
    static const std::vector<parse_function> table = [] {
        std::vector<parse_function> t;
        for (const op_traits& s : op_table) {
            if (!is_named_function(s.kind)) continue;
            const bool binary = s.arity == 2;
            t.push_back(
                {s.ascii, binary ? call_kind::min_max : call_kind::unary, s.kind, binary ? 2 : 1});
            if (s.text != s.ascii) t.push_back({s.text, t.back().kind, s.kind, t.back().arity});
        }
        t.push_back({"sqrt", call_kind::sqrt, op::pow, 1});
        t.push_back({"pow", call_kind::pow, op::pow, 2});
        t.push_back({"clamp", call_kind::clamp, op::min, 3});
        t.push_back({"where", call_kind::where, op::where, 3});
        return t;
    }();
    return table;
}

inline const parse_function* find_function(std::string_view name) {
    for (const parse_function& f : parse_functions())
        if (f.name == name) return &f;
    return nullptr;
}

// --- syntax tree ----------------------------------------------------------------------------

enum class ast_kind {
    number,
    variable,
    pi,
    e,
    parameter,
    negate,
    add,
    subtract,
    multiply,
    divide,
    power,
    root,
    call,
    compare
};

//! A node of the syntax tree. Children come before parents, so the tree is built into
//! expressions in one forward pass without recursion.
struct ast_node {
    ast_kind kind = ast_kind::number;
    int child[3] = {-1, -1, -1};
    rational value{};                    // number
    int parameter = 0;                   // parameter: index into the given parameters
    const parse_function* fn = nullptr;  // call
    token_kind relation = token_kind::less;
};

class formula_parser {
public:
    formula_parser(std::string_view text, std::span<const expr> parameters)
        : tokens_(tokenize(text)), parameters_(parameters) {}

    std::vector<ast_node> parse() {
        if (peek().kind == token_kind::end) throw parse_error(1, "empty expression");
        parse_sum();
        const token& t = peek();
        if (t.kind == token_kind::close)
            fail_at(t, "unbalanced parentheses: ')' has no matching '('");
        if (t.kind != token_kind::end) unexpected(t, "an operator");
        return std::move(nodes_);
    }

private:
    std::vector<token> tokens_;
    std::size_t pos_ = 0;
    std::span<const expr> parameters_;
    std::vector<ast_node> nodes_;
    int depth_ = 0;

    struct depth_guard {
        formula_parser& p;
        explicit depth_guard(formula_parser& parser) : p(parser) {
            if (++p.depth_ > max_parse_depth)
                p.fail_at(p.peek(), "expression nested too deeply (more than " +
                                        std::to_string(max_parse_depth) + " levels)");
        }
        ~depth_guard() { --p.depth_; }
        depth_guard(const depth_guard&) = delete;
        depth_guard& operator=(const depth_guard&) = delete;
    };

    [[noreturn]] void fail_at(const token& t, const std::string& reason) const {
        throw parse_error(t.column, reason);
    }

    static std::string describe(const token& t) {
        return t.kind == token_kind::end ? "end of input" : "'" + std::string(t.text) + "'";
    }

    [[noreturn]] void unexpected(const token& t, const std::string& expected) const {
        if (t.kind == token_kind::end) fail_at(t, "unexpected end of input, expected " + expected);
        if (is_relation(t.kind))
            fail_at(t, "a comparison is only allowed as the first argument of 'where'");
        fail_at(t, "expected " + expected + ", found " + describe(t));
    }

    const token& peek() const {
        const token& t = tokens_[pos_];
        if (t.kind == token_kind::invalid) {
            const auto c = static_cast<unsigned char>(t.text[0]);
            if (t.text == "⁻") fail_at(t, "expected superscript digits after '⁻'");
            if (c >= 0x80 && t.text.size() == 1) {
                static constexpr char hex[] = "0123456789abcdef";
                fail_at(t, std::string("invalid UTF-8 byte 0x") + hex[c >> 4] + hex[c & 15]);
            }
            if (c < 0x20 || c == 0x7f) fail_at(t, "unexpected control character");
            fail_at(t, "unexpected character '" + std::string(t.text) + "'");
        }
        return t;
    }
    const token& next() {
        const token& t = peek();
        if (t.kind != token_kind::end) ++pos_;
        return t;
    }
    bool accept(token_kind k) {
        if (peek().kind != k) return false;
        ++pos_;
        return true;
    }
    static bool is_relation(token_kind k) {
        return k == token_kind::less || k == token_kind::less_equal || k == token_kind::greater ||
               k == token_kind::greater_equal;
    }

    int add_node(ast_node n) {
        nodes_.push_back(n);
        return static_cast<int>(nodes_.size()) - 1;
    }
    int add_node(ast_kind k, int a, int b = -1, int c = -1) {
        ast_node n;
        n.kind = k;
        n.child[0] = a;
        n.child[1] = b;
        n.child[2] = c;
        return add_node(n);
    }

    // sum := product (('+' | '-') product)*
    int parse_sum() {
        int left = parse_product();
        for (;;) {
            if (accept(token_kind::plus))
                left = add_node(ast_kind::add, left, parse_product());
            else if (accept(token_kind::minus))
                left = add_node(ast_kind::subtract, left, parse_product());
            else
                return left;
        }
    }

    // product := unary (('*' | '/') unary)*
    int parse_product() {
        int left = parse_unary();
        for (;;) {
            if (accept(token_kind::times))
                left = add_node(ast_kind::multiply, left, parse_unary());
            else if (accept(token_kind::divide))
                left = add_node(ast_kind::divide, left, parse_unary());
            else
                return left;
        }
    }

    // unary := ('-' | '+' | '√') unary | power       (so −x² is −(x²))
    int parse_unary() {
        const depth_guard guard(*this);
        if (accept(token_kind::minus)) return add_node(ast_kind::negate, parse_unary());
        if (accept(token_kind::plus)) return parse_unary();
        if (accept(token_kind::root)) return add_node(ast_kind::root, parse_unary());
        return parse_power();
    }

    // power := postfix ('^' unary)?                    (right-associative: 2^3^2 is 2^9)
    int parse_power() {
        const int base = parse_postfix();
        if (!accept(token_kind::caret)) return base;
        return add_node(ast_kind::power, base, parse_unary());
    }

    // postfix := primary superscript*
    int parse_postfix() {
        int base = parse_primary();
        while (peek().kind == token_kind::superscript) {
            const token& t = next();
            if (!t.in_range) fail_at(t, "exponent out of range: " + std::string(t.text));
            ast_node n;
            n.kind = ast_kind::number;
            n.value = t.value;
            base = add_node(ast_kind::power, base, add_node(n));
        }
        return base;
    }

    // primary := number | name | name '(' arguments ')' | '(' sum ')' | '|' sum '|'
    int parse_primary() {
        const token& t = peek();
        switch (t.kind) {
            case token_kind::number: {
                next();
                if (!t.in_range) fail_at(t, "number out of range: " + std::string(t.text));
                ast_node n;
                n.value = t.value;
                return add_node(n);
            }
            case token_kind::name: return parse_name();
            case token_kind::open: {
                next();
                const int inner = parse_sum();
                expect_close(t);
                return inner;
            }
            case token_kind::bar: {
                next();
                const int inner = parse_sum();
                const token& c = peek();
                if (c.kind == token_kind::end)
                    fail_at(t, "unbalanced '|': this '|' is never closed");
                if (c.kind != token_kind::bar) unexpected(c, "'|'");
                next();
                ast_node n;
                n.kind = ast_kind::call;
                n.fn = find_function("abs");
                n.child[0] = inner;
                return add_node(n);
            }
            case token_kind::close: fail_at(t, "expected an operand, found ')'");
            default: unexpected(t, "an operand");
        }
    }

    void expect_close(const token& open) {
        const token& c = peek();
        if (c.kind == token_kind::end) fail_at(open, "unbalanced parentheses: '(' is never closed");
        if (c.kind != token_kind::close) unexpected(c, "')'");
        next();
    }

    int parse_name() {
        const token& t = next();
        const std::string_view name = t.text;
        if (peek().kind == token_kind::open) {
            if (const parse_function* f = find_function(name)) return parse_call(t, *f);
            std::vector<std::string_view> candidates;
            for (const parse_function& f : parse_functions()) candidates.push_back(f.name);
            fail_at(t,
                    "unknown function '" + std::string(name) + "'" + suggestion(name, candidates));
        }
        if (name == "x") return add_node(ast_kind::variable, -1);
        if (name == "pi" || name == "π") return add_node(ast_kind::pi, -1);
        if (name == "e") return add_node(ast_kind::e, -1);
        for (std::size_t k = 0; k < parameters_.size(); ++k) {
            if (parameter_matches(parameters_[k], name)) {
                ast_node n;
                n.kind = ast_kind::parameter;
                n.parameter = static_cast<int>(k);
                return add_node(n);
            }
        }
        if (find_function(name))
            fail_at(peek(), "expected '(' after the function name '" + std::string(name) + "'");
        std::vector<std::string_view> candidates = {"x", "pi", "e"};
        for (const expr& p : parameters_) candidates.push_back(p.parameters[0].name_view());
        for (const parse_function& f : parse_functions()) candidates.push_back(f.name);
        fail_at(t, "unknown name '" + std::string(name) + "'" + suggestion(name, candidates));
    }

    static bool parameter_matches(const expr& p, std::string_view name) {
        const std::string_view own = p.parameters[0].name_view();
        if (own == name) return true;
        const greek_letter* g = find_greek(name);
        return g != nullptr && (own == g->ascii || own == g->text);
    }

    static std::string suggestion(std::string_view name,
                                  const std::vector<std::string_view>& candidates) {
        // At most 2 edits, and fewer than half the characters: "foo" is not a typo of "log".
        const int limit = std::min(2, (static_cast<int>(name.size()) - 1) / 2);
        int best = limit + 1;
        std::string_view found;
        for (const std::string_view c : candidates) {
            const int dist = edit_distance(name, c);
            if (dist < best) {
                best = dist;
                found = c;
            }
        }
        return found.empty() ? "" : "; did you mean '" + std::string(found) + "'?";
    }

    int parse_call(const token& name, const parse_function& f) {
        const token& open = next();
        std::vector<int> args;
        if (peek().kind != token_kind::close) {
            for (;;) {
                args.push_back(parse_argument(f.kind == call_kind::where && args.empty()));
                const token& t = peek();
                if (t.kind == token_kind::end)
                    fail_at(open, "unbalanced parentheses: '(' is never closed");
                if (t.kind == token_kind::close) break;
                if (t.kind != token_kind::comma) unexpected(t, "',' or ')'");
                next();
            }
        }
        next();
        if (static_cast<int>(args.size()) != f.arity)
            fail_at(name, "'" + std::string(f.name) + "' takes " + std::to_string(f.arity) +
                              " argument" + (f.arity == 1 ? "" : "s") + ", not " +
                              std::to_string(args.size()));
        ast_node n;
        n.kind = ast_kind::call;
        n.fn = &f;
        for (std::size_t k = 0; k < args.size(); ++k) n.child[k] = args[k];
        return add_node(n);
    }

    //! One argument of a call; the condition of `where` is a comparison.
    int parse_argument(bool condition) {
        const token& first = peek();
        const int left = parse_sum();
        const bool relation = is_relation(peek().kind);
        if (!condition) return left;
        if (!relation)
            fail_at(first, "the first argument of 'where' must be a comparison such as 'x < 0'");
        ast_node n;
        n.kind = ast_kind::compare;
        n.relation = next().kind;
        n.child[0] = left;
        n.child[1] = parse_sum();
        return add_node(n);
    }
};

//! Builds one syntax-tree node from the expressions of its children. Kept out of the loop
//! in `build` because the expression temporaries make its stack frame large.
[[gnu::noinline]] inline expr build_node(const ast_node& n,
                                         const std::vector<std::unique_ptr<expr>>& v,
                                         std::span<const expr> parameters) {
    const auto c = [&](int k) -> const expr& { return *v[static_cast<std::size_t>(n.child[k])]; };
    switch (n.kind) {
        case ast_kind::number: return expr(n.value);
        case ast_kind::variable: return actlab::x;
        case ast_kind::pi: return actlab::pi;
        case ast_kind::e: return actlab::e;
        case ast_kind::parameter: return parameters[static_cast<std::size_t>(n.parameter)];
        case ast_kind::negate: return -c(0);
        case ast_kind::add: return c(0) + c(1);
        case ast_kind::subtract: return c(0) - c(1);
        case ast_kind::multiply: return c(0) * c(1);
        case ast_kind::divide: return c(0) / c(1);
        case ast_kind::power: return actlab::pow(c(0), c(1));
        case ast_kind::root: return actlab::sqrt(c(0));
        case ast_kind::compare:
            switch (n.relation) {
                case token_kind::less: return (c(0) < c(1)).value;
                case token_kind::less_equal: return (c(0) <= c(1)).value;
                case token_kind::greater: return (c(0) > c(1)).value;
                default: return (c(0) >= c(1)).value;
            }
        case ast_kind::call: break;
    }
    switch (n.fn->kind) {
        case call_kind::min_max:
            return n.fn->fn == op::min ? actlab::min(c(0), c(1)) : actlab::max(c(0), c(1));
        case call_kind::sqrt: return actlab::sqrt(c(0));
        case call_kind::pow: return actlab::pow(c(0), c(1));
        case call_kind::clamp: return actlab::clamp(c(0), c(1), c(2));
        case call_kind::where: return actlab::where(condition{c(0)}, c(1), c(2));
        case call_kind::unary: break;
    }
    return apply(n.fn->fn, c(0));
}

//! Turns the syntax tree into an expression through the public builders, children first.
inline expr build(const std::vector<ast_node>& nodes, std::span<const expr> parameters) {
    std::vector<std::unique_ptr<expr>> v(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        v[i] = std::make_unique<expr>(build_node(nodes[i], v, parameters));
        for (const int k : nodes[i].child)
            if (k >= 0)
                v[static_cast<std::size_t>(k)].reset();  // a tree: each child has one parent
    }
    return *v.back();
}

inline void check_parameters(std::span<const expr> parameters) {
    for (const expr& p : parameters) {
        if (p.n_nodes != 1 || p.nodes[0].kind != op::parameter)
            throw error(
                "actlab: parse(text, parameters) needs parameters made by param(name, default)");
        const std::string_view name = p.parameters[0].name_view();
        if (name == "x" || name == "e" || name == "pi" || name == "π" ||
            find_function(name) != nullptr)
            throw error("actlab: parse(text, parameters): the parameter name '" +
                        std::string(name) + "' is reserved");
    }
}

}  // namespace detail

//! Reads a formula: + − * / ^ (or **), unary minus (−x^2 is −(x^2); ^ is right-associative),
//! parentheses, exact decimals (0.044715 is 44715/10^6), x, pi or π, e, the parameters given
//! (by name, or as the Greek letter: α for "alpha"), the functions exp expm1 log log1p sqrt
//! abs sign step tanh sigmoid (σ) softplus erf erfc sin cos min max clamp pow where(cond, a, b)
//! with cond one of < <= > >= ≤ ≥, and everything `to_text` prints (·, −, √, |u|,
//! superscripts, x/y). The result equals the same formula written in C++:
//!
//! **Example**: `parse("x*tanh(log1p(exp(x)))") == x * tanh(log1p(exp(x)))`;
//! `parse("where(x < 0, alpha*x, x)", {param("alpha", 0.25)})`.
//!
//! Throws `parse_error` (with the column) for malformed text, and the engine's
//! `actlab::error` when the expression exceeds the capacity of `expr`.
inline expr parse(std::string_view text, std::span<const expr> parameters) {
    detail::check_parameters(parameters);
    const std::vector<detail::ast_node> tree = detail::formula_parser(text, parameters).parse();
    return detail::build(tree, parameters);
}

inline expr parse(std::string_view text, std::initializer_list<expr> parameters = {}) {
    return parse(text, std::span<const expr>(parameters.begin(), parameters.size()));
}

}  // namespace actlab
