// meanfield, eoc: signals across depth in a wide random network (the mean-field theory).
#include "commands.hpp"

#include <actlab/analysis/meanfield.hpp>
#include <actlab/report/meanfield.hpp>
#include <actlab/report/table.hpp>

#include <string>

namespace actlab_cli {

namespace {

//! A one-row report table in a --format other than text.
std::string rendered(const actlab::report::table& t, const std::string& format) {
    namespace r = actlab::report;
    if (format == "json") return r::to_json_object(t);
    if (format == "md") return r::to_markdown(t);
    if (format == "latex") return r::to_latex(t);
    return r::to_csv(t);
}

}  // namespace

int meanfield(std::ostream& out, const activation& a, const std::string& sigma_w2,
              const std::string& sigma_b2, int digits, const std::string& format) {
    const actlab::mean_field_report r =
        actlab::mean_field(a.f, sigma_w2, sigma_b2, {.digits = digits});
    out << (format == "text" ? actlab::report::mean_field_text(a.name, r)
                             : rendered(actlab::report::mean_field_table(a.name, r), format));
    return 0;
}

int eoc(std::ostream& out, const activation& a, const std::string& sigma_b2, int digits,
        const std::string& format) {
    const actlab::edge_of_chaos_report r = actlab::edge_of_chaos(a.f, sigma_b2, {.digits = digits});
    out << (format == "text" ? actlab::report::edge_of_chaos_text(a.name, r)
                             : rendered(actlab::report::edge_of_chaos_table(a.name, r), format));
    return 0;
}

}  // namespace actlab_cli
