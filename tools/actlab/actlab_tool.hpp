// The actlab tool as a library (CMake target actlab::cli): build a tool of your own, with
// activations of your own beside the catalogue's (issue 14; the template project is
// docs/examples/custom_tool/).
//
//     inline constexpr actlab::expr my_act = actlab::x * actlab::tanh(actlab::x);
//     inline constexpr actlab::activation mine[] = {{.name = "my_act", .definition = &my_act}};
//     int main(int argc, char** argv) { return actlab_cli::run(argc, argv, mine); }
#pragma once

#include <actlab/catalog.hpp>

#include <span>
#include <string_view>

namespace actlab_cli {

//! The actlab tool on argv (every subcommand, `actlab --help`), with `extra` activations
//! beside the catalogue: their names and aliases work wherever a catalogue NAME does, `list`
//! and `report` show them after the catalogue's. Returns the exit status
//! (docs/reference/exit_status.md); a name of `extra` that is a catalogue name or alias, or
//! given twice, is an internal error (status 3). `extra` must outlive the call.
int run(int argc, char** argv, std::span<const actlab::activation> extra = {});

//! The catalogue and then the extra activations of run().
std::span<const actlab::activation> catalogue();

//! The activation called `name` (name or alias, spelt as actlab::find accepts) among
//! catalogue(); an unknown name throws actlab::error with a did-you-mean, as actlab::at.
const actlab::activation& at(std::string_view name);

}  // namespace actlab_cli
