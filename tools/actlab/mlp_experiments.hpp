// The notes' experiments on the MLP: `actlab mlp fit` (universal approximation by width),
// `actlab mlp depth` (gradients across depth against the mean field) and the models of
// `actlab mlp --model activations-only|kan`.
#pragma once

#include <actlab/catalog.hpp>
#include <actlab/mlp/activation.hpp>
#include <actlab/mlp/train.hpp>

#include <CLI/CLI.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace actlab_cli {

//! Registers `mlp fit` and `mlp depth` on the `mlp` subcommand, and `--model` (with its
//! options) on `mlp` itself.
void add_experiment_commands(CLI::App& mlp);

//! Runs `mlp fit` or `mlp depth` when one was parsed: its exit status; −1 otherwise.
int run_experiment_commands(std::ostream& out);

//! True when `mlp --model M` asked for a model other than the MLP.
bool other_model();

//! The compiled kernel of catalogue activation `a` (mlp::catalog_kernel<double>). Defined in
//! mlp_command.cpp, the one translation unit of the tool that builds the catalogue's
//! compile-time table (the heaviest thing in the tool to compile: about 3 GB and minutes).
actlab::mlp::activation_kernel<double> catalogue_kernel(const actlab::activation& a);

//! Runs the model asked for by --model on the data and seeds of `mlp` (`keep_script`: the
//! --keep-script of `mlp`, for the figure of --plot-act).
int run_model(std::ostream& out, const actlab::mlp::train_options& t,
              const std::vector<std::string>& seeds, const std::string& act,
              const std::string& format, bool keep_script);

}  // namespace actlab_cli
