// actlab mlp [--playground] [--dataset circle|xor|gauss|spiral | --data FILE.csv] ...
// actlab mlp compare --acts linear,relu,tanh,sigmoid,sin,square --seeds 20 ...
#include "mlp_command.hpp"
#include "mlp_experiments.hpp"  // mlp fit, mlp depth, --model (issue 17)

#include <actlab/catalog.hpp>
#include <actlab/expr/error.hpp>
#include <actlab/expr/parse.hpp>
#include <actlab/mlp/report.hpp>
#include <actlab/mlp/train.hpp>
#include <actlab/report/plot.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace actlab_cli {
namespace {

namespace mlp = actlab::mlp;

struct mlp_options {
    bool playground = false;
    std::string dataset = "circle";
    std::string data_file;
    double noise = 0;
    double train = 50;
    std::string features = "x1,x2";
    std::vector<std::string> seeds = {"0.12345"};
    int n_seeds = 0;
    std::string data_seed, init_seed, order_seed;
    std::string act = "tanh";
    std::string expr;
    std::string acts;  // compare
    std::string shape = "4,2";
    std::string output = "tanh";
    std::string loss = "mse";
    std::string optimizer = "sgd";
    double lr = 0.03;
    double momentum = 0.9;
    std::string init = "playground";
    std::string reg = "none";
    double reg_rate = 0;
    int batch = 10;
    long epochs = 100;
    std::string checkpoints;
    bool reshuffle = false;
    bool diagnostics = false;
    std::string format = "text";
    double target = 0.95;
    int threads = 0;
    std::string plot_boundary, plot_curves;
    bool keep_script = false;
};

mlp_options options;
CLI::App* mlp_cmd = nullptr;
CLI::App* compare_cmd = nullptr;

void add_options(CLI::App& c, bool compare) {
    auto& o = options;
    c.add_flag("--playground", o.playground,
               "the TensorFlow Playground exactly: its data, init, update, tanh output");
    c.add_option("--dataset", o.dataset, "circle, xor, gauss or spiral (500 points)");
    c.add_option("--data", o.data_file, "your own points: CSV x1,x2,label (label ±1 or 0/1)");
    c.add_option("--noise", o.noise, "noise 0..50 as in the Playground (default 0)");
    c.add_option("--train", o.train, "percentage of points that train (default 50)");
    c.add_option("--features", o.features, "x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2 (default x1,x2)");
    c.add_option("--seed", o.seeds, "seed string, or a comma-separated list")->delimiter(',');
    c.add_option("--seeds", o.n_seeds, "derive N seeds from --seed");
    c.add_option("--data-seed", o.data_seed, "seed of the data (default: the seed)");
    c.add_option("--init-seed", o.init_seed, "seed of the weights (default: seed/init)");
    c.add_option("--order-seed", o.order_seed, "seed of the batch order (default: seed/order)");
    if (compare)
        c.add_option("--acts", o.acts, "hidden activations to compare, comma-separated")
            ->required();
    else
        c.add_option("--act", o.act, "hidden activation(s): one, or one per layer (default tanh)");
    c.add_option("--expr", o.expr, "a formula in x as the hidden activation, e.g. \"x*sin(x)\"");
    c.add_option("--shape", o.shape, "hidden widths, e.g. 4,2 (0: no hidden layer)");
    c.add_option("--output", o.output, "output unit: tanh, sigmoid or linear");
    c.add_option("--loss", o.loss, "mse (½(out − y)²) or bce (needs --output sigmoid)");
    c.add_option("--optimizer", o.optimizer, "sgd, momentum or adam");
    c.add_option("--lr", o.lr, "learning rate (default 0.03)");
    c.add_option("--momentum", o.momentum, "momentum coefficient (default 0.9)");
    c.add_option("--init", o.init, "playground (U(-0.5,0.5), bias 0.1), xavier or he");
    c.add_option("--reg", o.reg, "none, l1 or l2");
    c.add_option("--reg-rate", o.reg_rate, "regularization rate (default 0)");
    c.add_option("--batch", o.batch, "batch size (default 10)");
    c.add_option("--epochs", o.epochs, "epochs (default 100)");
    c.add_option("--checkpoints", o.checkpoints, "epochs to report, e.g. 0,10,100");
    c.add_flag("--reshuffle", o.reshuffle, "new batch order every epoch");
    c.add_flag("--diagnostics", o.diagnostics, "gradient norms, saturated and dead fractions");
    c.add_option("--format", o.format, "text, md, latex, csv or json");
    c.add_option("--target", o.target, "test accuracy counted as reached (default 0.95)");
    c.add_option("--threads", o.threads, "threads (default: all cores)");
    c.add_option("--plot-boundary", o.plot_boundary, "decision boundary figure (.png/.svg/.pdf)");
    c.add_option("--plot-curves", o.plot_curves, "training curves figure (.png/.svg/.pdf)");
    c.add_flag("--keep-script", o.keep_script, "keep the gnuplot script FILE.gp");
}

[[noreturn]] void bad(const std::string& what) { throw actlab::error("actlab: mlp: " + what); }

std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> r;
    std::stringstream in(s);
    std::string item;
    while (std::getline(in, item, ',')) r.push_back(item);
    if (!s.empty() && s.back() == ',') r.emplace_back();
    return r;
}

long parse_long(const std::string& s, const std::string& what) {
    std::size_t used = 0;
    long v = 0;
    try {
        v = std::stol(s, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != s.size()) bad(what + " '" + s + "' is not an integer");
    return v;
}

mlp::activation_kernel<double> kernel_named(const std::string& name) {
    const actlab::activation& a = actlab::at(name);
    return mlp::catalog_kernel<double>(a);
}

mlp::activation_kernel<double> hidden_kernel(const std::string& name) {
    if (name == "expr") {
        if (options.expr.empty()) bad("activation 'expr' needs --expr FORMULA");
        return mlp::formula_kernel<double>(actlab::parse(options.expr), options.expr);
    }
    return kernel_named(name);
}

std::vector<int> parse_shape(const std::string& s) {
    std::vector<int> widths;
    for (const std::string& w : split_list(s)) {
        const long v = parse_long(w, "--shape width");
        if (v < 0 || v > 4096) bad("--shape width " + w + " must be 1..4096 (or 0 alone)");
        widths.push_back(static_cast<int>(v));
    }
    if (widths.size() == 1 && widths[0] == 0) return {};
    for (const int w : widths)
        if (w == 0) bad("--shape: a hidden layer of width 0 (use --shape 0 for no hidden layer)");
    return widths;
}

// The activation settings: compare gives one per name (all hidden layers alike); otherwise one
// setting whose layers take --act in turn (one name for all layers, or one per layer).
std::vector<mlp::activation_setting> settings(const std::vector<int>& widths) {
    const mlp::activation_kernel<double> out =
        kernel_named(options.output == "linear" ? "identity" : options.output);
    std::vector<mlp::activation_setting> r;
    const auto all_alike = [&](const std::string& name) {
        mlp::activation_setting s;
        const auto k = hidden_kernel(name);
        s.kernels.assign(widths.size(), k);
        s.kernels.push_back(out);
        return s;
    };
    if (compare_cmd->parsed()) {
        for (const std::string& name : split_list(options.acts)) r.push_back(all_alike(name));
        return r;
    }
    std::vector<std::string> names = split_list(options.act);
    if (!options.expr.empty() && options.act == "tanh") names = {"expr"};
    if (names.size() <= 1) return {all_alike(names.empty() ? "tanh" : names[0])};
    if (names.size() != widths.size())
        bad("--act lists " + std::to_string(names.size()) + " activations for " +
            std::to_string(widths.size()) + " hidden layers");
    mlp::activation_setting s;
    for (const std::string& n : names) s.kernels.push_back(hidden_kernel(n));
    s.kernels.push_back(out);
    return {s};
}

template <class E>
E choose(const std::string& value, const std::string& what,
         std::initializer_list<std::pair<const char*, E>> choices) {
    std::string names;
    for (const auto& [n, e] : choices) {
        if (value == n) return e;
        names += (names.empty() ? "" : ", ") + std::string(n);
    }
    bad("unknown " + what + " '" + value + "' (" + names + ")");
}

std::vector<long> parse_checkpoints(long epochs) {
    std::vector<long> r;
    if (options.checkpoints.empty()) {
        for (long m = 1; m <= epochs; m *= 10)
            for (const long k : {1L, 2L, 5L})
                if (k * m <= epochs) r.push_back(k * m);
        r.insert(r.begin(), 0);
        r.push_back(epochs);
    } else {
        for (const std::string& c : split_list(options.checkpoints)) {
            const long v = parse_long(c, "--checkpoints epoch");
            if (v < 0 || v > epochs) bad("--checkpoints epoch " + c + " is not in 0..--epochs");
            r.push_back(v);
        }
    }
    std::sort(r.begin(), r.end());
    r.erase(std::unique(r.begin(), r.end()), r.end());
    return r;
}

void check_ranges() {
    const auto& o = options;
    if (!(o.lr > 0) || !std::isfinite(o.lr)) bad("--lr must be a positive number");
    if (o.batch < 1) bad("--batch must be at least 1");
    if (o.epochs < 0 || o.epochs > 100000000) bad("--epochs must be 0..100000000");
    if (!(o.noise >= 0 && o.noise <= 50)) bad("--noise must be 0..50");
    if (!(o.train > 0 && o.train < 100)) bad("--train must be a percentage in (0, 100)");
    if (!(o.reg_rate >= 0) || !std::isfinite(o.reg_rate)) bad("--reg-rate must be >= 0");
    if (!(o.momentum >= 0 && o.momentum < 1)) bad("--momentum must be in [0, 1)");
    if (o.n_seeds < 0 || o.n_seeds > 100000) bad("--seeds must be 1..100000");
    if (!(o.target >= 0 && o.target <= 1)) bad("--target must be in [0, 1]");
    if (o.threads < 0) bad("--threads must be >= 0");
    for (const char* f : {"text", "md", "latex", "csv", "json"})
        if (o.format == f) return;
    bad("unknown --format '" + o.format + "' (text, md, latex, csv, json)");
}

mlp::train_options train_options(const std::vector<int>& widths) {
    const auto& o = options;
    check_ranges();
    mlp::train_options t;
    t.playground = o.playground;
    t.dataset = o.dataset;
    if (!o.data_file.empty())
        t.points = mlp::read_csv(o.data_file);
    else if (std::find(std::begin(mlp::dataset_names), std::end(mlp::dataset_names), o.dataset) ==
             std::end(mlp::dataset_names))
        bad("unknown dataset '" + o.dataset + "' (circle, xor, gauss, spiral, or --data FILE.csv)");
    t.noise = o.noise / 100;
    t.train_percent = o.train;
    t.features = mlp::parse_features(o.features);
    t.hidden = widths;
    t.init = choose<mlp::init_kind>(o.init, "--init",
                                    {{"playground", mlp::init_kind::playground},
                                     {"xavier", mlp::init_kind::xavier},
                                     {"he", mlp::init_kind::he}});
    t.loss = choose<mlp::loss_kind>(
        o.loss, "--loss", {{"mse", mlp::loss_kind::half_mse}, {"bce", mlp::loss_kind::bce}});
    t.update.learning_rate = o.lr;
    t.update.momentum = o.momentum;
    t.update.optimizer = choose<mlp::optimizer_kind>(o.optimizer, "--optimizer",
                                                     {{"sgd", mlp::optimizer_kind::sgd},
                                                      {"momentum", mlp::optimizer_kind::momentum},
                                                      {"adam", mlp::optimizer_kind::adam}});
    t.update.regularization =
        choose<mlp::regularization_kind>(o.reg, "--reg",
                                         {{"none", mlp::regularization_kind::none},
                                          {"l1", mlp::regularization_kind::l1},
                                          {"l2", mlp::regularization_kind::l2}});
    t.update.regularization_rate = o.reg_rate;
    choose<int>(o.output, "--output", {{"tanh", 0}, {"sigmoid", 1}, {"linear", 2}});
    if (t.loss == mlp::loss_kind::bce && o.output != "sigmoid")
        bad("--loss bce needs --output sigmoid");
    if (o.playground &&
        (t.init != mlp::init_kind::playground || t.loss != mlp::loss_kind::half_mse ||
         t.update.optimizer != mlp::optimizer_kind::sgd || o.output != "tanh" || o.reshuffle))
        bad("--playground trains as the Playground: no --init, --loss, --optimizer, --output, "
            "--reshuffle");
    t.batch = o.batch;
    t.epochs = o.epochs;
    t.checkpoints = parse_checkpoints(o.epochs);
    t.reshuffle = o.reshuffle;
    t.diagnostics = o.diagnostics;
    t.data_seed = o.data_seed;
    t.init_seed = o.init_seed;
    t.order_seed = o.order_seed;
    return t;
}

// ---- figures -------------------------------------------------------------------------------

std::string boundary_block(mlp::run_result& r, const mlp::train_options& t) {
    std::string rows;
    const int n = 80;
    std::vector<double> in(t.features.size());
    for (int i = 0; i < n; ++i) {
        for (int j = 0; j < n; ++j) {
            const double x1 = -6 + 12.0 * i / (n - 1), x2 = -6 + 12.0 * j / (n - 1);
            for (std::size_t k = 0; k < in.size(); ++k)
                in[k] = mlp::feature_value(t.features[k], x1, x2);
            double out = r.net.forward(in.data());
            if (options.output == "sigmoid") out = 2 * out - 1;
            rows += mlp::shortest(x1) + " " + mlp::shortest(x2) + " " +
                    mlp::shortest(std::clamp(out, -1.0, 1.0)) + "\n";
        }
        rows += "\n";
    }
    return rows;
}

std::string points_block(const std::vector<mlp::example>& pts) {
    std::string rows;
    for (const auto& e : pts)
        rows +=
            mlp::shortest(e.x1) + " " + mlp::shortest(e.x2) + " " + mlp::shortest(e.label) + "\n";
    return rows;
}

// One panel per activation setting (its first seed), the Playground's colours.
void plot_boundary(std::vector<mlp::run_result>& runs, std::size_t per_setting,
                   const mlp::train_options& t) {
    const std::size_t panels = runs.size() / per_setting;
    const int cols = static_cast<int>(std::min<std::size_t>(panels, 3));
    const int rows_n = static_cast<int>((panels + 2) / 3);
    actlab::plot p(
        options.plot_boundary,
        {.width = 420 * cols, .height = 400 * rows_n, .keep_script = options.keep_script});
    std::string body =
        "set palette defined (-1 '#f59322', 0 '#e8eaeb', 1 '#0877bd')\nset cbrange [-1:1]\n"
        "set xrange [-6:6]\nset yrange [-6:6]\nset size ratio -1\nunset colorbox\n"
        "set multiplot layout " +
        std::to_string(rows_n) + "," + std::to_string(cols) + "\n";
    for (std::size_t k = 0; k < panels; ++k) {
        mlp::run_result& r = runs[k * per_setting];
        const std::string id = std::to_string(k);
        p.data("grid" + id, boundary_block(r, t));
        p.data("train" + id, points_block(r.data.train));
        p.data("test" + id, points_block(r.data.test));
        const double acc = r.checkpoints.empty() ? NAN : r.checkpoints.back().test_accuracy;
        body += "set title '" + r.activation + " (seed " + r.seed + "): test accuracy " +
                mlp::shortest(std::round(acc * 1000) / 1000) + "' noenhanced\n";
        body += "plot $grid" + id + " using 1:2:3 with image notitle, $train" + id +
                " using 1:2 with points pt 7 ps 0.9 lc rgb 'white' notitle, $train" + id +
                " using 1:2:3 with points pt 7 ps 0.6 lc palette notitle, $test" + id +
                " using 1:2:3 with points pt 6 ps 0.8 lc rgb 'black' notitle\n";
    }
    p.run(body + "unset multiplot\n");
}

void plot_curves(const std::vector<mlp::run_result>& runs) {
    actlab::plot p(options.plot_curves,
                   {.width = 900, .height = 550, .keep_script = options.keep_script});
    std::string body =
        "set xlabel 'epoch'\nset ylabel 'test loss'\nset key outside right\nset logscale y\nset "
        "grid\nplot ";
    for (std::size_t k = 0; k < runs.size(); ++k) {
        std::string rows;
        for (const auto& c : runs[k].checkpoints)
            if (c.test_loss > 0)
                rows += std::to_string(c.epoch) + " " + mlp::shortest(c.test_loss) + "\n";
        p.data("run" + std::to_string(k), rows);
        body += std::string(k ? ", " : "") + "$run" + std::to_string(k) +
                " using 1:2 with linespoints title '" + runs[k].activation + " " + runs[k].seed +
                "' noenhanced";
    }
    p.run(body + "\n");
}

}  // namespace

CLI::App* add_mlp_command(CLI::App& app) {
    mlp_cmd =
        app.add_subcommand("mlp", "train small networks: the TensorFlow Playground and beyond");
    mlp_cmd->footer("Example: actlab mlp --playground --dataset circle --act relu --shape 4,2");
    add_options(*mlp_cmd, false);
    compare_cmd =
        mlp_cmd->add_subcommand("compare", "accuracy statistics of several activations over seeds");
    compare_cmd->footer(
        "Example: actlab mlp compare --acts linear,relu,sin --dataset circle --seeds 20");
    add_options(*compare_cmd, true);
    add_experiment_commands(*mlp_cmd);
    return mlp_cmd;
}

int run_mlp(std::ostream& out) {
    if (const int rc = run_experiment_commands(out); rc >= 0) return rc;
    const std::vector<int> widths = parse_shape(options.shape);
    const mlp::train_options t = train_options(widths);
    const auto sets = settings(widths);
    std::vector<std::string> seeds;
    for (const std::string& s : options.seeds)
        if (s.empty()) bad("--seed: an empty seed");
    if (options.n_seeds > 0) {
        if (options.seeds.size() != 1) bad("--seeds N derives from one --seed");
        seeds = mlp::derive_seeds(options.seeds[0], options.n_seeds);
    } else {
        seeds = options.seeds;
    }
    if (other_model())
        return run_model(out, t, seeds, options.act, options.format, options.keep_script);
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    std::vector<mlp::run_result> runs =
        mlp::train_all(t, sets, seeds, options.threads ? options.threads : static_cast<int>(cores));
    const auto stats = mlp::summaries(runs, options.target);
    if (options.format == "json") {
        mlp::write_json(out, runs, stats, options.target);
    } else if (compare_cmd->parsed() || runs.size() > 1) {
        if (!compare_cmd->parsed()) {
            mlp::render(out, mlp::checkpoint_table(runs, options.diagnostics), options.format);
            out << '\n';
        }
        mlp::render(out, mlp::summary_table(stats, options.target), options.format);
    } else {
        mlp::render(out, mlp::checkpoint_table(runs, options.diagnostics), options.format);
    }
    if (options.format == "text")
        for (const auto& r : runs)
            if (r.diverged_at)
                out << "diverged: " << r.activation << " seed " << r.seed << " at epoch "
                    << *r.diverged_at << " (NaN or inf; stopped)\n";
    if (!options.plot_boundary.empty()) plot_boundary(runs, seeds.size(), t);
    if (!options.plot_curves.empty()) plot_curves(runs);
    return 0;
}

// For the experiments' translation units (mlp_experiments_*.cpp, issue 17): the catalogue's
// compiled table is built here only.
mlp::activation_kernel<double> catalogue_kernel(const actlab::activation& a) {
    return mlp::catalog_kernel<double>(a);
}

}  // namespace actlab_cli
