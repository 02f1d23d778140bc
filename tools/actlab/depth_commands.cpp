// orbit, meanfield, eoc: gradients and signals across depth.
#include "commands.hpp"
#include "json.hpp"

#include <actlab/analysis/meanfield.hpp>

#include <algorithm>
#include <iomanip>

namespace actlab_cli {

namespace {

std::string text_of(const actlab::decimal& d) { return d.known() ? d.text : "unknown"; }

template <class T>
std::string text_of(const std::optional<T>& v) {
    if (!v) return "none";
    if constexpr (std::is_same_v<T, long>)
        return std::to_string(*v);
    else
        return text_of(*v);
}

}  // namespace

int meanfield(std::ostream& out, const activation& a, const std::string& sigma_w2,
              const std::string& sigma_b2, int digits, bool json) {
    const actlab::mean_field_report r =
        actlab::mean_field(a.f, sigma_w2, sigma_b2, {.digits = digits});
    if (json) {
        json_writer w(out);
        w.begin_object();
        w.key("activation").value(a.name);
        w.key("sigma_w2").value(r.sigma_w2);
        w.key("sigma_b2").value(r.sigma_b2);
        w.key("digits").integer(r.digits);
        w.key("q_status").value(r.q_status);
        w.key("q_star").value(r.q_star);
        w.key("chi1").value(r.chi1);
        w.key("c_star").value(r.c_star);
        w.key("chi_c").value(r.chi_c);
        w.key("xi_c").value(r.xi_c);
        w.key("xi_grad").value(r.xi_grad);
        w.key("note").value(r.note);
        w.end_object();
        return 0;
    }
    out << "mean field of " << a.name << " at sigma_w2 = " << r.sigma_w2
        << ", sigma_b2 = " << r.sigma_b2 << " (" << r.digits << " digits)\n"
        << "  q*       = "
        << (r.q_status == "diverges"     ? std::string("inf")
            : r.q_status == "degenerate" ? std::string("any q")
                                         : text_of(r.q_star))
        << "  (" << r.q_status << ")\n"
        << "  chi1     = " << text_of(r.chi1) << "\n"
        << "  c*       = " << text_of(r.c_star) << "\n"
        << "  chi_c    = " << text_of(r.chi_c) << "\n"
        << "  xi_c     = " << text_of(r.xi_c) << "\n"
        << "  xi_grad  = " << text_of(r.xi_grad) << "\n";
    if (!r.note.empty()) out << "  note: " << r.note << "\n";
    return 0;
}

int eoc(std::ostream& out, const activation& a, const std::string& sigma_b2, int digits,
        bool json) {
    const actlab::edge_of_chaos_report r = actlab::edge_of_chaos(a.f, sigma_b2, {.digits = digits});
    if (json) {
        json_writer w(out);
        w.begin_object();
        w.key("activation").value(a.name);
        w.key("sigma_b2").value(r.sigma_b2);
        w.key("digits").integer(r.digits);
        w.key("sigma_w2").value(r.sigma_w2);
        w.key("q_star").value(r.q_star);
        w.key("q_status").value(r.q_status);
        w.key("note").value(r.note);
        w.end_object();
        return 0;
    }
    out << "edge of chaos of " << a.name << " at sigma_b2 = " << r.sigma_b2 << ": ";
    if (r.sigma_w2)
        out << "sigma_w2 = " << text_of(*r.sigma_w2) << " (q* = "
            << (r.q_status == "diverges"     ? std::string("inf")
                : r.q_status == "degenerate" ? std::string("any: every q is a fixed point")
                                             : text_of(r.q_star))
            << ")\n";
    else
        out << "none — " << r.note << "\n";
    return 0;
}

}  // namespace actlab_cli
