// orbit: x_n = f^n(x0) and the gradient product P_n across depth, rendered by the report layer
// (include/actlab/report/orbit.hpp) as text, JSON, Markdown, LaTeX or CSV.
#include "commands.hpp"

#include <actlab/analysis/orbit.hpp>
#include <actlab/report/orbit.hpp>

#include <algorithm>

namespace actlab_cli {

int orbit(std::ostream& out, const activation& a, const std::string& x0, long depth, bool every,
          int digits, const std::string& format) {
    // The underflow search goes past depth only as far as the depth asks for: to 100·depth,
    // at least 10^4, at most 10^6 steps (the output says how far it searched).
    const long horizon = std::clamp(100 * depth, 10000L, 1000000L);
    const actlab::orbit_report r =
        actlab::orbit(a.f, x0, depth, {.digits = digits, .every = every, .horizon = horizon});
    actlab::report::write_orbit(out, a.name, r, format);
    return 0;
}

}  // namespace actlab_cli
