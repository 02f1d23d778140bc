// actlab mlp depth --act tanh --layers 50 --width 200 --sigma-w2 1 --sigma-b2 0.05 --seeds 10
// (issue 17: gradients across depth against the mean field).
#include "mlp_experiments_common.hpp"

#include <actlab/catalog.hpp>
#include <actlab/mlp/experiments/depth.hpp>
#include <actlab/report/meanfield.hpp>
#include <actlab/report/number.hpp>
#include <actlab/report/plot.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace actlab_cli::experiments {
namespace {

namespace ex = actlab::mlp::experiments;

struct depth_cli {
    std::string act = "tanh";
    std::string expr;
    int layers = 50;
    int width = 200;
    std::string sigma_w2 = "1", sigma_b2 = "0";
    int seeds = 10;
    std::string seed = "0";
    output_options output;
};

depth_cli depth;
CLI::App* depth_cmd = nullptr;

void register_depth(CLI::App& mlp) {
    depth_cmd = mlp.add_subcommand(
        "depth", "gradient norms across the layers of a random network against the mean field");
    auto& o = depth;
    auto& c = *depth_cmd;
    c.add_option("--act", o.act, "activation (catalogue name, default tanh)");
    c.add_option("--layers", o.layers, "depth L (default 50)");
    c.add_option("--width", o.width, "width N (default 200)");
    c.add_option("--sigma-w2", o.sigma_w2, "weight variance σ_w² (weights N(0, σ_w²/N))");
    c.add_option("--sigma-b2", o.sigma_b2, "bias variance σ_b² (default 0)");
    c.add_option("--seeds", o.seeds, "random networks (default 10)");
    c.add_option("--seed", o.seed, "the first seed string (default 0)");
    add_output_options(c, o.output, "figure of ln‖g_l‖² against the layer");
}

double decimal_arg(const std::string& text, const std::string& what, bool positive) {
    std::size_t used = 0;
    double v = NAN;
    try {
        v = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size() || !std::isfinite(v) || v < 0 || (positive && v == 0))
        bad("depth",
            what + " '" + text + "' must be a decimal number " + (positive ? "> 0" : ">= 0"));
    return v;
}

struct depth_result {
    ex::mean_field_prediction mf;
    std::vector<std::vector<double>> norms;  // per seed, per layer
    std::vector<double> slopes;              // per seed
    double mean_slope = 0, sd_slope = 0;
};

depth_result measure_depth(const mlp::activation_kernel<double>& k, const actlab::expr& f) {
    const auto& o = depth;
    ex::depth_options d{.layers = o.layers,
                        .width = o.width,
                        .sigma_w2 = decimal_arg(o.sigma_w2, "--sigma-w2", true),
                        .sigma_b2 = decimal_arg(o.sigma_b2, "--sigma-b2", false)};
    if (o.layers < 2 || o.layers > 10000) bad("depth", "--layers must be 2..10000");
    if (o.width < 1 || o.width > 4000) bad("depth", "--width must be 1..4000");
    if (static_cast<double>(o.width) * o.width * o.layers > 1e8)
        bad("depth", "--width² × --layers must be at most 1e8 (the weights are kept in memory)");
    if (o.seeds < 2 || o.seeds > 10000)
        bad("depth", "--seeds must be 2..10000 (a spread needs two)");
    if (o.seed.empty()) bad("depth", "--seed: an empty seed");
    if (o.output.threads < 0) bad("depth", "--threads must be >= 0");
    depth_result r;
    r.mf = ex::predict_mean_field(f, o.sigma_w2, o.sigma_b2);
    if (std::isfinite(r.mf.q_star) && r.mf.q_star > 0) d.q0 = r.mf.q_star;
    const std::vector<std::string> seeds = mlp::derive_seeds(o.seed, o.seeds);
    r.norms.resize(seeds.size());
    ex::parallel_for(seeds.size(), thread_count(o.output.threads),
                     [&](std::size_t s) { r.norms[s] = ex::gradient_norms(k, d, seeds[s]); });
    for (const auto& n : r.norms) r.slopes.push_back(ex::depth_slope(n));
    for (const double s : r.slopes) r.mean_slope += s / static_cast<double>(r.slopes.size());
    for (const double s : r.slopes)
        r.sd_slope +=
            (s - r.mean_slope) * (s - r.mean_slope) / static_cast<double>(r.slopes.size() - 1);
    r.sd_slope = std::sqrt(r.sd_slope);
    return r;
}

//! ln of the mean over seeds of ‖δ^l‖² / ‖δ^L‖² (what E‖δ^l‖²/E‖δ^L‖² = χ1^(L−l) predicts).
std::vector<double> mean_log_ratio(const depth_result& r) {
    const std::size_t L = r.norms[0].size();
    std::vector<double> v(L, 0.0);
    for (std::size_t l = 0; l < L; ++l) {
        for (const auto& n : r.norms) v[l] += n[l] / n[L - 1] / static_cast<double>(r.norms.size());
        v[l] = std::log(v[l]);
    }
    return v;
}

void plot_depth(const depth_result& r) {
    actlab::plot p(depth.output.plot,
                   {.width = 900, .height = 600, .keep_script = depth.output.keep_script});
    const std::vector<double> m = mean_log_ratio(r);
    const std::size_t L = m.size();
    std::string seeds_rows, mean_rows;
    for (const auto& n : r.norms) {
        for (std::size_t l = 0; l < L; ++l)
            seeds_rows +=
                std::to_string(l + 1) + " " + mlp::shortest(std::log(n[l] / n[L - 1])) + "\n";
        seeds_rows += "\n";
    }
    for (std::size_t l = 0; l < L; ++l)
        mean_rows += std::to_string(l + 1) + " " + mlp::shortest(m[l]) + "\n";
    p.data("seeds", seeds_rows);
    p.data("mean", mean_rows);
    std::string body =
        "set xlabel 'layer l'\nset ylabel 'ln(|g_l|^2/|g_L|^2)'\nset key top right\nset grid\n"
        "set title '" +
        depth.act + ", sigma_w^2 = " + depth.sigma_w2 + ", sigma_b^2 = " + depth.sigma_b2 +
        ", width " + std::to_string(depth.width) +
        "' noenhanced\nplot $seeds using 1:2 with lines lc rgb '#c0c0c0' title 'each seed', "
        "$mean using 1:2 with points pt 7 lc rgb '#0877bd' title 'ln mean over seeds'";
    if (std::isfinite(r.mf.chi1))
        body += ", " + mlp::shortest(std::log(r.mf.chi1)) + "*(" + std::to_string(L) +
                "-x) with lines lw 2 lc rgb '#f59322' title 'mean field: (L-l) ln chi1'";
    p.run(body + "\n");
}

void write_depth(std::ostream& out, const depth_result& r) {
    const std::vector<double> m = mean_log_ratio(r);
    const std::size_t L = m.size();
    const double ln_chi = std::log(r.mf.chi1);
    if (depth.output.format == "json") {
        const auto str = [&](const std::string& s) { mlp::detail::json_string(out, s); };
        out << "{\n  \"activation\": ";
        str(depth.act);
        out << ", \"sigma_w2\": ";
        str(depth.sigma_w2);
        out << ", \"sigma_b2\": ";
        str(depth.sigma_b2);
        out << ", \"width\": " << depth.width << ", \"layers\": " << L
            << ", \"seeds\": " << r.slopes.size() << ",\n  \"chi1\": ";
        str(actlab::report::text_or(r.mf.chi1_shown, ""));
        out << ", \"ln_chi1\": ";
        str(std::isfinite(ln_chi) ? ex::rounded(ln_chi, 6) : "");
        out << ", \"slope_mean\": ";
        str(mlp::shortest(r.mean_slope));
        out << ", \"slope_sd\": ";
        str(mlp::shortest(r.sd_slope));
        out << ",\n  \"rows\": [";
        for (std::size_t l = 0; l < L; ++l) {
            out << (l ? ",\n" : "\n") << "    {\"layer\": " << l + 1 << ", \"ln_ratio\": ";
            str(mlp::shortest(m[l]));
            out << ", \"ln_ratio_mean_field\": ";
            str(std::isfinite(ln_chi) ? mlp::shortest(ln_chi * static_cast<double>(L - 1 - l))
                                      : "");
            out << "}";
        }
        out << "\n  ]\n}\n";
        return;
    }
    mlp::table t;
    t.header = {"layer", "ln(E|g_l|^2/E|g_L|^2)", "mean field (L-l) ln chi1"};
    for (std::size_t l = 0; l < L; ++l)
        if (l == 0 || l + 1 == L || (L - 1 - l) % std::max<std::size_t>(1, L / 10) == 0)
            t.rows.push_back({std::to_string(l + 1), ex::rounded(m[l]),
                              std::isfinite(ln_chi)
                                  ? ex::rounded(ln_chi * static_cast<double>(L - 1 - l))
                                  : "unknown"});
    write_table(out, t, depth.output.format);
    if (depth.output.format != "text") return;
    out << "\nchi1 (mean field, " << actlab::report::text(r.mf.q_status)
        << "): " << actlab::report::text_or(r.mf.chi1_shown, "unknown")
        << "   ln chi1: " << (std::isfinite(ln_chi) ? ex::rounded(ln_chi, 4) : "unknown") << "\n"
        << "slope of ln|g_l|^2 against L - l, over " << r.slopes.size() << " seeds: mean "
        << ex::rounded(r.mean_slope, 3) << ", sd " << ex::rounded(r.sd_slope, 2) << "\n"
        << "g_l = dE/db^l, the gradient of layer l's biases, for a random error N(0, 1) at the top;"
           " weights N(0, sigma_w2/width), biases N(0, sigma_b2), input variance q*.\n";
}

}  // namespace

CLI::App* add_depth(CLI::App& mlp) {
    register_depth(mlp);
    return depth_cmd;
}

int run_depth(std::ostream& out) {
    const actlab::activation& a = actlab::at(depth.act);
    const mlp::activation_kernel<double> k = catalogue_kernel(a);
    const depth_result r = measure_depth(k, *a.definition);
    write_depth(out, r);
    if (!depth.output.plot.empty()) plot_depth(r);
    return 0;
}

}  // namespace actlab_cli::experiments
