// actlab show: everything about one activation — the formula and three derivatives, every
// property with its proof or witness, ranges, fixed points, nesting and depth tables.
#include "report_commands.hpp"

#include <actlab/diff/derivative.hpp>
#include <actlab/print/printer.hpp>
#include <actlab/report/analysis.hpp>
#include <actlab/report/notes.hpp>

#include <memory>
#include <string>

namespace actlab_cli {

namespace {

struct show_options {
    target_options what;
    std::string format = "text";
    int digits = 6;
};

//! The formula and its first three derivatives, in the chosen spelling.
void write_derivatives(std::ostream& out, const actlab::expr& f, const std::string& format) {
    const auto spell = [&](const actlab::expr& g) {
        return format == "latex" ? actlab::to_latex(g)
               : format == "cpp" ? actlab::to_cpp(g)
                                 : actlab::to_text(g);
    };
    auto g = std::make_unique<actlab::expr>(f);
    const char* names[] = {"f(x)    = ", "f'(x)   = ", "f''(x)  = ", "f'''(x) = "};
    for (int k = 0; k < 4; ++k) {
        if (k > 0) *g = actlab::d(*g);
        out << names[k] << spell(*g) << "\n";
    }
}

int run_show(std::ostream& out, const show_options& o) {
    namespace r = actlab::report;
    const target t = resolve_target(o.what);
    const auto results = r::analyze_all({{t.name, t.f}}, o.digits, 1);
    if (!results.front().report) throw actlab::error(results.front().error);
    if (o.format == "json") {
        r::write_json(out, t.name, *results.front().report);
        return 0;
    }
    out << t.name << "\n\n";
    write_derivatives(out, *t.f, o.format);
    if (o.format != "text") return 0;
    out << "\n";
    r::write_text(out, t.name, *results.front().report);
    out << "\nnesting: f^n(x0) for n -> infinity\n"
        << r::to_terminal(r::nesting_table(results, o.digits));
    const auto deeper = r::analyze_all({{t.name, t.f}}, o.digits + 4, 1);
    if (deeper.front().report)
        out << "\ndepth: the gradient product P_L along the orbit from x0 = 1\n"
            << r::to_terminal(r::depth_table(deeper, o.digits));
    return 0;
}

}  // namespace

subcommand add_show_command(CLI::App& app) {
    auto o = std::make_shared<show_options>();
    CLI::App* cmd = app.add_subcommand("show", "everything about one activation");
    cmd->footer("Example: actlab show sigmoid;  actlab show --expr \"x*sigmoid(x)\" --format json");
    o->what.add_to(*cmd);
    cmd->add_option("--format", o->format,
                    "text (everything), latex or cpp (the formulas), json (the analysis)")
        ->check(CLI::IsMember({"text", "latex", "cpp", "json"}));
    cmd->add_option("--digits", o->digits, "significant digits at most (1..100, default 6)")
        ->check(CLI::Range(1, 100));
    return {cmd, [o](std::ostream& out) { return run_show(out, *o); }};
}

}  // namespace actlab_cli
