// actlab mlp --model activations-only --act tanh --depth 3 (issue 17: a network of activations
// only, and the nesting analysis of why it fails).
#include "mlp_experiments_common.hpp"

#include <actlab/catalog.hpp>
#include <actlab/mlp/experiments/activations_only.hpp>
#include <actlab/mlp/experiments/data.hpp>

#include <string>
#include <vector>

namespace actlab_cli::experiments {
namespace {

namespace ex = actlab::mlp::experiments;

}  // namespace

int run_activations_only(std::ostream& out, const mlp::train_options& t,
                         const std::vector<std::string>& seeds, const std::string& act,
                         const std::string& format) {
    if (model.depth < 1 || model.depth > 1000)
        bad("--model activations-only", "--depth must be 1..1000");
    if (act.find(',') != std::string::npos)
        bad("--model activations-only", "one --act for the whole stack");
    const actlab::activation& a = actlab::at(act);
    const mlp::activation_kernel<double> k = catalogue_kernel(a);
    mlp::table tab;
    tab.header = {"activation", "depth", "seed", "train_accuracy", "test_accuracy"};
    double mean = 0;
    int at_most_07 = 0;
    for (const std::string& seed : seeds) {
        const ex::train_test d = ex::make_data(t, seed);
        ex::stack_model m(k, model.depth);
        if (model.learn) ex::train_stack(m, d.train.x, d.train.y, t.epochs, t.update.learning_rate);
        const double tr = ex::stack_accuracy(m, d.train.x, d.train.y);
        const double te = ex::stack_accuracy(m, d.test.x, d.test.y);
        mean += te / static_cast<double>(seeds.size());
        at_most_07 += te <= 0.7 ? 1 : 0;
        tab.rows.push_back(
            {act, std::to_string(model.depth), seed, mlp::shortest(tr), mlp::shortest(te)});
    }
    const std::vector<std::string> why = ex::nesting_reasons(*a.definition);
    if (format == "json") {
        const auto str = [&](const std::string& s) { mlp::detail::json_string(out, s); };
        out << "{\n  \"model\": \"activations-only\", \"activation\": ";
        str(act);
        out << ", \"depth\": " << model.depth << ", \"mean_test_accuracy\": ";
        str(mlp::shortest(mean));
        out << ", \"runs_at_most_0.7\": " << at_most_07 << ",\n  \"runs\": [";
        for (std::size_t r = 0; r < tab.rows.size(); ++r) {
            out << (r ? ",\n" : "\n") << "    {\"seed\": ";
            str(tab.rows[r][2]);
            out << ", \"train_accuracy\": ";
            str(tab.rows[r][3]);
            out << ", \"test_accuracy\": ";
            str(tab.rows[r][4]);
            out << "}";
        }
        out << "\n  ],\n  \"nesting\": [";
        for (std::size_t r = 0; r < why.size(); ++r) {
            out << (r ? ", " : "");
            str(why[r]);
        }
        out << "]\n}\n";
        return 0;
    }
    write_table(out, tab, format);
    if (format != "text") return 0;
    out << "\nmean test accuracy " << ex::rounded(mean, 3) << "; " << at_most_07 << " of "
        << seeds.size() << " runs at most 0.7 (chance is about 0.5)\n"
        << "out(x) = sum_i f^" << model.depth << "(x_i), label sign(out); no weights, no biases"
        << (model.learn ? "; the activation's learnable parameters trained (Adam, per layer)" : "")
        << "\nwhy (the nesting analysis of " << act << "):\n";
    for (const std::string& line : why) out << "  " << line << "\n";
    return 0;
}

}  // namespace actlab_cli::experiments
