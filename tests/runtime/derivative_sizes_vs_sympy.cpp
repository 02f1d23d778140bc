// Sizes and values of d<n>(f), n = 1..6, for the common activations.
//
// Sizes: actlab's tree (actlab::tree_size) is never larger than the tree of SymPy's plain,
// un-simplified sympy.diff(f, x, n), read from tests/data/sympy_derivative_sizes.csv (generated
// offline by tests/data/generate_sympy_derivative_sizes.py; no Python here). The table of
// docs/reference/derivative_sizes.md comes from tools/derivative_sizes.
//
// Values: a few derivative identities checked in double against a 200-bit MPFR reference.
#include <catch2/catch.hpp>

#include <bit>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <boost/multiprecision/mpfr.hpp>

#include "actlab/actlab.hpp"

namespace {

using actlab::expr;

struct activation {
    const char* name;
    expr f;
};

// The same functions as ACTIVATIONS in tests/data/generate_sympy_derivative_sizes.py, in the
// form SymPy differentiates: softplus at β = 1 (the catalogue's softplus(βx)/β is softplus(x)
// there), prelu as the Piecewise's where(x < 0, α·x, x) (the catalogue spells it as PyTorch
// does, max(0, x) + α·min(0, x): the same function). As in tools/derivative_sizes.
std::vector<activation> activations() {
    namespace a = actlab::activations;
    using actlab::x;
    return {
        {"identity", a::identity},
        {"relu", a::relu},
        {"sigmoid", a::sigmoid},
        {"tanh", a::tanh},
        {"softplus", actlab::substitute(a::softplus, "beta", 1)},
        {"gelu", a::gelu},
        {"silu", a::silu},
        {"mish", a::mish},
        {"prelu", actlab::where(x < 0, actlab::param("alpha", 0.25) * x, x)},
        {"sin", a::sin},
        {"square", a::square},
    };
}

struct sympy_row {
    std::string activation;
    int order = 0;
    long long count_ops = 0, tree = 0, dag = 0;
};

std::vector<sympy_row> read_sympy_sizes() {
    std::ifstream in(ACTLAB_TEST_DATA_DIR "/sympy_derivative_sizes.csv");
    REQUIRE(in);
    std::string line;
    REQUIRE(std::getline(in, line));
    REQUIRE(line == "activation,order,sympy_count_ops,sympy_tree_nodes,sympy_dag_nodes");
    std::vector<sympy_row> rows;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        for (char& c : line)
            if (c == ',') c = ' ';
        std::istringstream fields(line);
        sympy_row r;
        fields >> r.activation >> r.order >> r.count_ops >> r.tree >> r.dag;
        INFO("CSV line: " << line);
        REQUIRE(fields);
        rows.push_back(std::move(r));
    }
    return rows;
}

template <int N>
std::int64_t tree_of_derivative(const expr& f) {
    return actlab::tree_size(actlab::d<N>(f));
}

// d<order>(f) with d<N> as a user writes it (order 1..6).
std::int64_t derivative_tree_size(const expr& f, int order) {
    switch (order) {
        case 1: return tree_of_derivative<1>(f);
        case 2: return tree_of_derivative<2>(f);
        case 3: return tree_of_derivative<3>(f);
        case 4: return tree_of_derivative<4>(f);
        case 5: return tree_of_derivative<5>(f);
        case 6: return tree_of_derivative<6>(f);
    }
    FAIL("order out of range: " << order);
    return -1;
}

using big = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<200>>;

// Distance in representable doubles (finite values).
std::int64_t ulp_distance(double a, double b) {
    auto ordinal = [](double v) {
        const auto i = std::bit_cast<std::int64_t>(v);
        return i < 0 ? std::numeric_limits<std::int64_t>::min() - i : i;
    };
    return std::llabs(ordinal(a) - ordinal(b));
}

// |got − exact rounded to double| in ulp.
std::int64_t ulp_error(double got, const big& exact) {
    return ulp_distance(got, static_cast<double>(exact));
}

big sigma(const big& v) { return 1 / (1 + exp(-v)); }

}  // namespace

TEST_CASE("the SymPy reference covers every activation and order 1..6", "[derivative_sizes]") {
    const auto rows = read_sympy_sizes();
    const auto acts = activations();
    REQUIRE(rows.size() == acts.size() * 6);
    for (std::size_t k = 0; k < rows.size(); ++k) {
        INFO("row " << k);
        CHECK(rows[k].activation == acts[k / 6].name);
        CHECK(rows[k].order == static_cast<int>(k % 6) + 1);
    }
}

TEST_CASE("actlab's derivative tree is never larger than SymPy's un-simplified diff",
          "[derivative_sizes]") {
    const auto rows = read_sympy_sizes();
    const auto acts = activations();
    for (const auto& r : rows) {
        const activation* a = nullptr;
        for (const auto& candidate : acts)
            if (r.activation == candidate.name) a = &candidate;
        INFO(r.activation << ", d<" << r.order << ">");
        REQUIRE(a != nullptr);
        const std::int64_t ours = derivative_tree_size(a->f, r.order);
        CAPTURE(ours, r.tree);
        REQUIRE(ours <= r.tree);
    }
}

TEST_CASE("tree_size and dag_size count leaves and every occurrence", "[derivative_sizes]") {
    using namespace actlab;
    CHECK(tree_size(x) == 1);
    CHECK(dag_size(x) == 1);
    // A number is one leaf whatever its sign or denominator, as in SymPy.
    CHECK(tree_size(expr(-1)) == 1);
    CHECK(tree_size(ratio(-1, 2)) == 1);
    // sin(x)·exp(sin(x)): sin(x) occurs twice in the tree (mul, sin, x, exp, sin, x), once in
    // the DAG (x, sin, exp, mul).
    const expr f = sin(x) * exp(sin(x));
    CHECK(tree_size(f) == 6);
    CHECK(dag_size(f) == 4);
}

TEST_CASE("derivative identities, structurally", "[derivative_sizes]") {
    using namespace actlab;
    const expr s = sigmoid(x);
    CHECK(d(sigmoid(x)) == s * (1 - s));
    CHECK(d(softplus(x)) == s);
    CHECK(d<2>(softplus(x)) == d(sigmoid(x)));
    CHECK(d(tanh(x)) == 1 - pow(tanh(x), 2));
    CHECK(d<4>(sin(x)) == sin(x));
    CHECK(d<6>(sin(x)) == -sin(x));
    CHECK(d(x * x) == 2 * x);
    CHECK(d<2>(x * x) == expr(2));
    CHECK(d<3>(x * x) == expr(0));
    CHECK(d(max(0, x)) == step(x));
    CHECK(d<2>(max(0, x)) == expr(0));
    const expr alpha = param("alpha", 0.25);
    CHECK(d(where(x < 0, alpha * x, x)) == where(x < 0, alpha, 1));
    CHECK(d<2>(where(x < 0, alpha * x, x)) == expr(0));
    // d<n> is n applications of d.
    CHECK(d<3>(x * tanh(softplus(x))) == d(d(d(x * tanh(softplus(x))))));
}

TEST_CASE("derivative identities, by value within 4 ulp", "[derivative_sizes]") {
    using namespace actlab;
    // Points where the identities are well conditioned in double: near 0.3 the expanded
    // forms do not cancel much (at x = 2.5, say, σ'' = σ(1 − 3σ + 2σ²) loses ~4 bits).
    const double v = 0.3;
    const big b = v;  // exact
    const big s = sigma(b);

    SECTION("sigmoid'' = σ(1 − σ)(1 − 2σ)") {
        const double got = eval(d<2>(sigmoid(x)), v);
        CAPTURE(got);
        CHECK(ulp_error(got, s * (1 - s) * (1 - 2 * s)) <= 4);
    }
    SECTION("sigmoid' = σ(1 − σ), softplus' = σ, softplus'' = σ(1 − σ)") {
        CHECK(ulp_error(eval(d(sigmoid(x)), v), s * (1 - s)) <= 4);
        CHECK(ulp_error(eval(d(softplus(x)), v), s) <= 4);
        CHECK(ulp_error(eval(d<2>(softplus(x)), v), s * (1 - s)) <= 4);
    }
    SECTION("tanh' = 1 − tanh², tanh'' = −2 tanh (1 − tanh²)") {
        const big t = tanh(b);
        CHECK(ulp_error(eval(d(tanh(x)), v), 1 - t * t) <= 4);
        CHECK(ulp_error(eval(d<2>(tanh(x)), v), -2 * t * (1 - t * t)) <= 4);
    }
    SECTION("gelu' = Φ(x) + x φ(x)") {
        const big big_pi = acos(big(-1));
        const big phi = exp(-b * b / 2) / sqrt(2 * big_pi);
        const big cdf = (1 + erf(b / sqrt(big(2)))) / 2;
        const double got = eval(d(x * (1 + erf(x / sqrt(expr(2)))) / 2), v);
        CAPTURE(got);
        CHECK(ulp_error(got, cdf + b * phi) <= 4);
    }
    SECTION("silu' = σ(1 + x(1 − σ))") {
        CHECK(ulp_error(eval(d(x * sigmoid(x)), v), s * (1 + b * (1 - s))) <= 4);
    }
    SECTION("mish' = tanh(softplus) + x σ (1 − tanh²(softplus))") {
        const big t = tanh(log1p(exp(b)));
        CHECK(ulp_error(eval(d(x * tanh(softplus(x))), v), t + b * s * (1 - t * t)) <= 4);
    }
    SECTION("sin'''' = sin, sin''' = −cos") {
        CHECK(ulp_error(eval(d<4>(sin(x)), v), sin(b)) <= 4);
        CHECK(ulp_error(eval(d<3>(sin(x)), v), -cos(b)) <= 4);
    }
    SECTION("prelu' is α left of 0 and 1 right of it; relu' is the step with H(0) = ½") {
        const expr prelu = where(x < 0, param("alpha", 0.25) * x, x);
        CHECK(eval(d(prelu), -2.0) == 0.25);
        CHECK(eval(d(prelu), -2.0, {{"alpha", 0.1}}) == 0.1);
        CHECK(eval(d(prelu), 2.0) == 1.0);
        CHECK(eval(d(max(0, x)), -1.0) == 0.0);
        CHECK(eval(d(max(0, x)), 0.0) == 0.5);
        CHECK(eval(d(max(0, x)), 1.0) == 1.0);
    }
}
