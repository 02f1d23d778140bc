// analyze and list: what an activation is, and what the catalogue holds.
#include "commands.hpp"

#include <actlab/analysis/analyze.hpp>
#include <actlab/catalog.hpp>
#include <actlab/print/printer.hpp>
#include <actlab/report/analysis.hpp>

namespace actlab_cli {

int analyze(std::ostream& out, const activation& a, int digits, bool json) {
    const actlab::analysis_report r = actlab::analyze(a.f, {.digits = digits});
    if (json)
        actlab::report::write_json(out, a.name, r);
    else
        actlab::report::write_text(out, a.name, r);
    return 0;
}

int list(std::ostream& out) {
    for (const actlab::activation& a : actlab_cli::catalogue()) {
        out << a.name;
        for (std::size_t k = 0; k < a.aliases.size(); ++k)
            out << (k ? ", " : " (") << a.aliases[k] << (k + 1 == a.aliases.size() ? ")" : "");
        out << "\n    " << actlab::to_text(*a.definition) << "\n";
    }
    return 0;
}

}  // namespace actlab_cli
