// actlab mlp fit | mlp depth | mlp --model activations-only|kan | mlp --learn-act (issue 17):
// the options of the models and the dispatch. Each command lives in its own translation unit
// (mlp_experiments_{fit,depth,kan,learnable,stack}.cpp) so that none is heavy to compile; the
// catalogue's compiled kernels come from mlp_command.cpp (`catalogue_kernel`).
#include "mlp_experiments_common.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace actlab_cli {

namespace experiments {

model_cli model;

namespace {

CLI::App* fit_cmd = nullptr;
CLI::App* depth_cmd = nullptr;

void add_model(CLI::App& mlp) {
    auto& o = model;
    mlp.add_option("--model", o.model, "mlp (default), activations-only or kan")
        ->check(CLI::IsMember({"mlp", "activations-only", "kan"}));
    mlp.add_option("--depth", o.depth, "activations-only: activations stacked (default 3)");
    mlp.add_flag("--learn-params", o.learn,
                 "activations-only: train the activation's learnable parameters");
    mlp.add_option("--grid", o.grid, "kan: spline grid intervals (pykan default 5)");
    mlp.add_option("--spline-order", o.order, "kan: spline order k (pykan default 3)");
    mlp.add_option("--grid-extend", o.grid_extend, "kan: epochs at which the grid is doubled")
        ->delimiter(',');
    mlp.add_option("--learn-act", o.learn_act,
                   "train the activations' parameters with the weights: per-layer or per-unit")
        ->check(CLI::IsMember({"per-layer", "per-unit"}));
    mlp.add_option("--plot-act", o.plot_act,
                   "--learn-act: the learned activations against their initial shape (figure)");
}

}  // namespace

}  // namespace experiments

void add_experiment_commands(CLI::App& mlp) {
    experiments::fit_cmd = experiments::add_fit(mlp);
    experiments::depth_cmd = experiments::add_depth(mlp);
    experiments::add_model(mlp);
}

int run_experiment_commands(std::ostream& out) {
    using namespace experiments;
    if (fit_cmd && fit_cmd->parsed()) return run_fit(out);
    if (depth_cmd && depth_cmd->parsed()) return run_depth(out);
    return -1;
}

bool other_model() {
    return experiments::model.model != "mlp" || !experiments::model.learn_act.empty();
}

int run_model(std::ostream& out, const actlab::mlp::train_options& t,
              const std::vector<std::string>& seeds, const std::string& act,
              const std::string& format, bool keep_script) {
    using namespace experiments;
    model.keep_script = keep_script;
    if (!model.learn_act.empty() && model.model != "mlp")
        bad("--learn-act", "trains the MLP's activations (not with --model " + model.model + ")");
    if (!model.learn_act.empty()) return run_learnable(out, t, seeds, act, format);
    if (model.model == "activations-only") return run_activations_only(out, t, seeds, act, format);
    return run_kan(out, t, seeds, format);
}

}  // namespace actlab_cli
