// What the translation units of the notes' experiments share (mlp_experiments*.cpp, one per
// command or model, so that none is heavy to compile): bad input, threads, the table and
// figure options, and the entry points each TU defines. Internal to the tool.
#pragma once

#include "mlp_experiments.hpp"

#include <actlab/expr/error.hpp>
#include <actlab/mlp/report.hpp>
#include <actlab/mlp/train.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

namespace actlab_cli::experiments {

namespace mlp = actlab::mlp;

[[noreturn]] inline void bad(const std::string& command, const std::string& what) {
    throw actlab::error("actlab: mlp " + command + ": " + what);
}

inline int thread_count(int asked) {
    return asked > 0 ? asked : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

inline void write_table(std::ostream& out, const mlp::table& t, const std::string& format) {
    mlp::render(out, t, format);
}

//! The options of a table and its figure, shared by `mlp fit` and `mlp depth`.
struct output_options {
    std::string format = "text";
    std::string plot;
    bool keep_script = false;
    int threads = 0;
};

inline void add_output_options(CLI::App& c, output_options& o, const std::string& figure) {
    c.add_option("--format", o.format, "text, md, csv or json")
        ->check(CLI::IsMember({"text", "md", "csv", "json"}));
    c.add_option("--plot", o.plot, figure + " (.svg/.png/.pdf)");
    c.add_flag("--keep-script", o.keep_script, "keep the gnuplot script FILE.gp");
    c.add_option("--threads", o.threads, "threads (default: all cores)");
}

//! The options of `mlp --model activations-only|kan` and `mlp --learn-act`.
struct model_cli {
    std::string model = "mlp";
    int depth = 3;
    bool learn = false;
    int grid = 5;
    int order = 3;
    std::vector<int> grid_extend;  // epochs at which the KAN's grid doubles
    std::string learn_act;         // per-layer or per-unit
    std::string plot_act;
    bool keep_script = false;  // mlp's --keep-script, for the --plot-act figure
};

extern model_cli model;

// mlp_experiments_fit.cpp
CLI::App* add_fit(CLI::App& mlp);
int run_fit(std::ostream& out);
// mlp_experiments_depth.cpp
CLI::App* add_depth(CLI::App& mlp);
int run_depth(std::ostream& out);
// mlp_experiments_kan.cpp
int run_kan(std::ostream& out, const mlp::train_options& t, const std::vector<std::string>& seeds,
            const std::string& format);
// mlp_experiments_learnable.cpp
int run_learnable(std::ostream& out, const mlp::train_options& t,
                  const std::vector<std::string>& seeds, const std::string& act,
                  const std::string& format);
// mlp_experiments_stack.cpp
int run_activations_only(std::ostream& out, const mlp::train_options& t,
                         const std::vector<std::string>& seeds, const std::string& act,
                         const std::string& format);

}  // namespace actlab_cli::experiments
