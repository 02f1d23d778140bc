// The `actlab mlp` subcommand (and `actlab mlp compare`): train small networks on the
// Playground's data, reproduce the Playground's numbers, compare activations over seeds.
#pragma once

#include <CLI/CLI.hpp>

#include <ostream>

namespace actlab_cli {

//! Registers `mlp` and `mlp compare` on app; returns the `mlp` subcommand.
CLI::App* add_mlp_command(CLI::App& app);

//! Runs the parsed `mlp` command; throws actlab::error on bad input (exit status 2).
int run_mlp(std::ostream& out);

}  // namespace actlab_cli
