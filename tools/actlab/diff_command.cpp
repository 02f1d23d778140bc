// actlab diff: a derivative as text, LaTeX or C++ (dⁿf/dxⁿ, or ∂f/∂θ with --wrt).
#include "report_commands.hpp"

#include <actlab/catalog.hpp>
#include <actlab/diff/derivative.hpp>
#include <actlab/expr/error.hpp>
#include <actlab/expr/parse.hpp>
#include <actlab/print/printer.hpp>

#include <memory>
#include <string>

namespace actlab_cli {

target resolve_target(const target_options& o) {
    if (!o.name.empty() && !o.formula.empty())
        throw actlab::error("actlab: give a NAME or --expr, not both");
    if (!o.formula.empty()) {
        std::vector<actlab::expr> params;
        for (const std::string& p : o.parameters) {
            const auto eq = p.find('=');
            if (eq == std::string::npos || eq == 0)
                throw actlab::error("actlab: --param needs name=value, got '" + p + "'");
            params.push_back(actlab::param(p.substr(0, eq), actlab::parse(p.substr(eq + 1))));
        }
        return {o.formula, std::make_shared<const actlab::expr>(actlab::parse(o.formula, params))};
    }
    if (!o.parameters.empty()) throw actlab::error("actlab: --param goes with --expr");
    if (o.name.empty()) throw actlab::error("actlab: give an activation NAME or --expr FORMULA");
    const actlab::activation& a = actlab_cli::at(o.name);
    return {std::string(a.name), std::make_shared<const actlab::expr>(*a.definition)};
}

namespace {

struct diff_options {
    target_options what;
    int order = 1;
    std::string wrt;
    std::string format = "text";
};

int run_diff(std::ostream& out, const diff_options& o) {
    const target t = resolve_target(o.what);
    auto g = std::make_unique<actlab::expr>(*t.f);
    if (!o.wrt.empty()) {
        bool found = false;
        for (std::size_t k = 0; k < t.f->n_parameters; ++k)
            found = found || t.f->parameters[k].name_view() == o.wrt;
        if (!found)
            throw actlab::error("actlab: diff: '" + t.name + "' has no parameter '" + o.wrt + "'");
    }
    for (int k = 0; k < o.order; ++k)
        *g = o.wrt.empty() ? actlab::d(*g) : actlab::d(*g, std::string_view(o.wrt));
    if (o.format == "latex")
        out << actlab::to_latex(*g) << "\n";
    else if (o.format == "cpp")
        out << actlab::to_cpp(*g) << "\n";
    else
        out << actlab::to_text(*g) << "\n";
    return 0;
}

}  // namespace

subcommand add_diff_command(CLI::App& app) {
    auto o = std::make_shared<diff_options>();
    CLI::App* cmd = app.add_subcommand("diff", "a derivative of an activation, ready to paste");
    cmd->footer("Example: actlab diff sigmoid --format latex;  actlab diff swish --wrt beta");
    o->what.add_to(*cmd);
    cmd->add_option("--order", o->order, "how many times (1..4, default 1)")
        ->check(CLI::Range(1, 4));
    cmd->add_option("--wrt", o->wrt, "a parameter instead of x, e.g. beta");
    cmd->add_option("--format", o->format, "text, latex or cpp")
        ->check(CLI::IsMember({"text", "latex", "cpp"}));
    return {cmd, [o](std::ostream& out) { return run_diff(out, *o); }};
}

}  // namespace actlab_cli
