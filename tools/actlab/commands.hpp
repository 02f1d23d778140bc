// The subcommands of the actlab tool: each runs one analysis and writes text or JSON.
#pragma once

#include "actlab_tool.hpp"

#include <actlab/catalog.hpp>
#include <actlab/expr/expression.hpp>

#include <ostream>
#include <span>
#include <string>

namespace actlab_cli {

//! The activation a command works on: its display name (catalogue name or the formula as
//! typed) and its expression.
struct activation {
    std::string name;
    actlab::expr f;
};

//! Appends a custom tool's activations to catalogue() (catalogue.cpp); a name or alias
//! already taken throws std::logic_error.
void add_activations(std::span<const actlab::activation> extra);

int list(std::ostream& out);
int analyze(std::ostream& out, const activation& a, int digits, bool json);
//! format: text, json, md, latex or csv.
int orbit(std::ostream& out, const activation& a, const std::string& x0, long depth, bool every,
          int digits, const std::string& format);
//! format: text, json, md, latex or csv.
int meanfield(std::ostream& out, const activation& a, const std::string& sigma_w2,
              const std::string& sigma_b2, int digits, const std::string& format);
int eoc(std::ostream& out, const activation& a, const std::string& sigma_b2, int digits,
        const std::string& format);

}  // namespace actlab_cli
