// actlab mlp --model kan --shape 0 --dataset circle --grid-extend 50 (issue 17: a Kolmogorov–Arnold
// network, its edges read symbolically).
#include "mlp_experiments_common.hpp"

#include <actlab/mlp/experiments/data.hpp>
#include <actlab/mlp/experiments/kan.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace actlab_cli::experiments {
namespace {

namespace ex = actlab::mlp::experiments;

std::string edge_formula(const ex::edge_reading& e) {
    std::string arg = "x";
    if (e.inner)
        arg = ex::rounded(e.c, 3) + "*x" +
              (e.d == 0 ? "" : (e.d > 0 ? " + " : " - ") + ex::rounded(std::fabs(e.d), 3));
    std::string g = e.shape == "x"     ? arg
                    : e.shape == "x^2" ? "x^2"
                    : e.shape == "x^3" ? "x^3"
                    : e.shape == "abs" ? "|x|"
                                       : e.shape + "(" + arg + ")";
    return ex::rounded(e.a, 4) + "*" + g + (e.b >= 0 ? " + " : " - ") +
           ex::rounded(std::fabs(e.b), 4);
}

struct kan_run {
    std::string seed;
    double train_accuracy = 0, test_accuracy = 0;
    std::vector<std::string> edges;  // "l:i->j"
    std::vector<ex::edge_reading> readings;
};

double kan_accuracy(const ex::kan& k, const ex::labelled& d) {
    int right = 0;
    for (std::size_t i = 0; i < d.x.size(); ++i)
        right += ((k(d.x[i]) > 0 ? 1.0 : -1.0) == d.y[i]) ? 1 : 0;
    return d.x.empty() ? 0 : static_cast<double>(right) / static_cast<double>(d.x.size());
}

void write_kan(std::ostream& out, const std::vector<kan_run>& runs, const std::string& format) {
    if (format == "json") {
        const auto str = [&](const std::string& s) { mlp::detail::json_string(out, s); };
        out << "{\n  \"model\": \"kan\", \"grid\": " << model.grid
            << ", \"spline_order\": " << model.order << ",\n  \"runs\": [";
        for (std::size_t r = 0; r < runs.size(); ++r) {
            out << (r ? ",\n" : "\n") << "    {\"seed\": ";
            str(runs[r].seed);
            out << ", \"train_accuracy\": ";
            str(mlp::shortest(runs[r].train_accuracy));
            out << ", \"test_accuracy\": ";
            str(mlp::shortest(runs[r].test_accuracy));
            out << ", \"edges\": [";
            for (std::size_t e = 0; e < runs[r].edges.size(); ++e) {
                out << (e ? ", " : "") << "{\"edge\": ";
                str(runs[r].edges[e]);
                out << ", \"shape\": ";
                str(runs[r].readings[e].shape);
                out << ", \"formula\": ";
                str(edge_formula(runs[r].readings[e]));
                out << ", \"r2\": ";
                str(ex::rounded(runs[r].readings[e].r2, 6));
                out << "}";
            }
            out << "]}";
        }
        out << "\n  ]\n}\n";
        return;
    }
    mlp::table t;
    t.header = {"seed", "train_accuracy", "test_accuracy", "edges read as"};
    for (const auto& r : runs) {
        std::string shapes;
        for (const auto& e : r.readings) shapes += (shapes.empty() ? "" : ",") + e.shape;
        t.rows.push_back(
            {r.seed, mlp::shortest(r.train_accuracy), mlp::shortest(r.test_accuracy), shapes});
    }
    write_table(out, t, format);
    if (format != "text") return;
    out << "\nthe edges of seed " << runs[0].seed
        << " (a*g(x) + b for g = x, x^2, x^3, |x|; a*g(c*x + d) + b for sin, tanh, exp and every "
           "catalogue activation, c and d on a grid, a and b by least squares; the reading chosen "
           "by pykan's suggest_symbolic score with equal weights: lowest 0.5*complexity + "
           "0.5*log2(1 + 1e-5 - R^2), "
           "complexity 1, 2, 3, 3, 2, 3, 2, catalogue 4; on the range of the edge's inputs):\n";
    for (std::size_t e = 0; e < runs[0].edges.size(); ++e)
        out << "  phi " << runs[0].edges[e] << "(x) ~ " << edge_formula(runs[0].readings[e])
            << "   R^2 " << ex::rounded(runs[0].readings[e].r2, 6) << "\n";
    out << "KAN: phi(x) = w_b*silu(x) + w_s*spline(x), B-splines of order " << model.order << " on "
        << model.grid << " grid intervals over each input's range (pykan's defaults); Adam, "
        << "squared loss on the +-1 labels, label sign(out)\n";
}

}  // namespace

int run_kan(std::ostream& out, const mlp::train_options& t, const std::vector<std::string>& seeds,
            const std::string& format) {
    if (model.grid < 1 || model.grid > 1000) bad("--model kan", "--grid must be 1..1000");
    if (model.order < 1 || model.order > 10) bad("--model kan", "--spline-order must be 1..10");
    for (const int e : model.grid_extend)
        if (e < 0 || e >= t.epochs)
            bad("--model kan",
                "--grid-extend epoch " + std::to_string(e) + " is not in 0..--epochs-1");
    std::vector<int> shape{static_cast<int>(t.features.size())};
    shape.insert(shape.end(), t.hidden.begin(), t.hidden.end());
    shape.push_back(1);
    std::vector<kan_run> runs(seeds.size());
    ex::parallel_for(seeds.size(), thread_count(0), [&](std::size_t s) {
        const ex::train_test d = ex::make_data(t, seeds[s]);
        ex::random_stream r(seeds[s] + "/init");
        ex::kan k(shape, model.grid, model.order, r);
        k.fit_grids(d.train.x, model.grid);
        ex::train_kan(k, d.train.x, d.train.y, t.epochs, t.update.learning_rate, t.batch,
                      model.grid_extend);
        kan_run& run = runs[s];
        run.seed = seeds[s];
        run.train_accuracy = kan_accuracy(k, d.train);
        run.test_accuracy = kan_accuracy(k, d.test);
        for (std::size_t l = 0; l < k.layers.size(); ++l)
            for (int i = 0; i < k.layers[l].n_in; ++i)
                for (int j = 0; j < k.layers[l].n_out; ++j) {
                    run.edges.push_back(std::to_string(l) + ":" + std::to_string(i) + "->" +
                                        std::to_string(j));
                    run.readings.push_back(ex::read_kan_edge(k, l, i, j, d.train.x));
                }
    });
    write_kan(out, runs, format);
    return 0;
}

}  // namespace actlab_cli::experiments
