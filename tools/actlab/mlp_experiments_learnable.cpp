// actlab mlp --learn-act per-layer|per-unit --act prelu ... (issue 17: learnable activations).
#include "mlp_experiments_common.hpp"

#include <actlab/catalog.hpp>
#include <actlab/mlp/experiments/data.hpp>
#include <actlab/mlp/experiments/learnable.hpp>
#include <actlab/report/plot.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace actlab_cli::experiments {
namespace {

namespace ex = actlab::mlp::experiments;

std::string parameter_cell(const std::vector<double>& v) {
    if (v.size() == 1) return ex::rounded(v[0], 4);
    return ex::rounded(v[0], 4) + " [" + ex::rounded(v[1], 3) + ", " + ex::rounded(v[2], 3) + "]";
}

mlp::table learnable_table(const std::vector<ex::learnable_checkpoint>& cps) {
    mlp::table t;
    t.header = {"epoch", "train_loss", "test_accuracy"};
    for (std::size_t l = 0; l < cps[0].params.size(); ++l)
        for (const auto& [name, v] : cps[0].params[l])
            t.header.push_back("layer" + std::to_string(l + 1) + "." + name);
    for (const auto& c : cps) {
        std::vector<std::string> row = {std::to_string(c.epoch), ex::rounded(c.train_loss, 4),
                                        mlp::shortest(c.test_accuracy)};
        for (const auto& layer : c.params)
            for (const auto& [name, v] : layer) row.push_back(parameter_cell(v));
        t.rows.push_back(row);
    }
    return t;
}

void plot_learned(const ex::learnable_net& initial, const ex::learnable_net& learned) {
    actlab::plot p(model.plot_act, {.width = 900, .height = 600, .keep_script = model.keep_script});
    std::string body = "set xlabel 'z'\nset ylabel 'f(z)'\nset key top left\nset grid\nplot ";
    for (std::size_t l = 0; l + 1 < learned.layers.size(); ++l) {
        for (const auto* n : {&initial, &learned}) {
            const ex::learnable_layer& L = n->layers[l];
            std::vector<double> theta(L.n_params(), 0.0);  // per unit: the mean over units
            const int units = L.per_unit ? L.n_out : 1;
            for (int u = 0; u < units; ++u)
                for (std::size_t k = 0; k < theta.size(); ++k) theta[k] += L.theta_of(u)[k] / units;
            std::string rows;
            for (int i = 0; i <= 200; ++i) {
                double z = -4 + 8.0 * i / 200, a = 0, da = 0;
                L.act.apply(&z, &a, &da, 1, theta.data());
                rows += mlp::shortest(z) + " " + mlp::shortest(a) + "\n";
            }
            const std::string id = std::to_string(l) + (n == &initial ? "i" : "l");
            p.data("f" + id, rows);
            body += std::string(body.back() == ' ' ? "" : ", ") + "$f" + id +
                    " using 1:2 with lines " + (n == &initial ? "dt 2 " : "lw 2 ") +
                    "title 'layer " + std::to_string(l + 1) + " " + L.act.name +
                    (n == &initial ? " initial" : " learned") + "' noenhanced";
        }
    }
    p.run(body + "\n");
}

}  // namespace

int run_learnable(std::ostream& out, const mlp::train_options& t,
                  const std::vector<std::string>& seeds, const std::string& act,
                  const std::string& format) {
    std::vector<mlp::activation_kernel<double>> acts;
    std::vector<std::string> names;
    std::stringstream in(act);
    for (std::string n; std::getline(in, n, ',');) names.push_back(n);
    if (t.hidden.empty()) bad("--learn-act", "needs a hidden layer (--shape)");
    if (names.size() != 1 && names.size() != t.hidden.size())
        bad("--learn-act", "--act lists " + std::to_string(names.size()) + " activations for " +
                               std::to_string(t.hidden.size()) + " hidden layers");
    for (std::size_t l = 0; l < t.hidden.size(); ++l)
        acts.push_back(catalogue_kernel(actlab::at(names[names.size() == 1 ? 0 : l])));
    bool any = false;
    for (const auto& k : acts)
        for (const bool b : k.learnable) any = any || b;
    if (!any)
        bad("--learn-act",
            "no learnable parameter in '" + act + "' (prelu, swish, snake, apl, bspline)");
    const bool per_unit = model.learn_act == "per-unit";
    const auto str = [&](const std::string& v) { mlp::detail::json_string(out, v); };
    if (format == "json") out << "{\n  \"learn_act\": \"" << model.learn_act << "\", \"runs\": [";
    for (std::size_t s = 0; s < seeds.size(); ++s) {
        const ex::train_test d = ex::make_data(t, seeds[s]);
        ex::random_stream r(seeds[s] + "/init");
        ex::learnable_net n(static_cast<int>(t.features.size()), t.hidden, acts, per_unit, r);
        const ex::learnable_net initial = n;
        const auto cps = ex::train_learnable(n, d.train.x, d.train.y, d.test.x, d.test.y, t.epochs,
                                             t.update.learning_rate, t.batch, t.checkpoints);
        if (format == "text" || format == "md")
            out << (s ? "\n" : "") << "seed " << seeds[s] << ", " << act << ", " << model.learn_act
                << ":\n";
        if (format == "json") {
            out << (s ? ",\n" : "\n") << "    {\"seed\": ";
            str(seeds[s]);
            out << ", \"checkpoints\": [";
            for (std::size_t c = 0; c < cps.size(); ++c) {
                out << (c ? ",\n" : "\n") << "      {\"epoch\": " << cps[c].epoch
                    << ", \"train_loss\": ";
                str(mlp::shortest(cps[c].train_loss));
                out << ", \"test_accuracy\": ";
                str(mlp::shortest(cps[c].test_accuracy));
                out << ", \"parameters\": [";
                bool first = true;
                for (std::size_t l = 0; l < cps[c].params.size(); ++l)
                    for (const auto& [name, v] : cps[c].params[l]) {
                        out << (first ? "" : ", ") << "{\"layer\": " << l + 1 << ", \"name\": ";
                        first = false;
                        str(name);
                        const char* keys[] = {"mean", "min", "max"};
                        for (std::size_t k = 0; k < v.size(); ++k) {
                            out << ", \"" << (v.size() == 1 ? "value" : keys[k]) << "\": ";
                            str(mlp::shortest(v[k]));
                        }
                        out << "}";
                    }
                out << "]}";
            }
            out << "]}";
        } else {
            write_table(out, learnable_table(cps), format);
        }
        if (s == 0 && !model.plot_act.empty()) plot_learned(initial, n);
    }
    if (format == "json") out << "\n  ]\n}\n";
    if (format == "text")
        out << "\nAdam on weights, biases and the activations' learnable parameters (d(f, theta) "
               "from the symbolic engine); per unit: mean [min, max] over the layer's units\n";
    return 0;
}

}  // namespace actlab_cli::experiments
