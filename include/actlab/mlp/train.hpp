// actlab: training runs — data, network and epochs from one set of options, the checkpoints
// (loss and accuracy on the train and test sets, diagnostics), several seeds on several
// threads with the same results whatever the number of threads.
//
// Seeds are strings, as in the TensorFlow Playground. In Playground mode one seedrandom
// stream gives, in this order, the data, the shuffle and the weights (the Playground's
// order), and the training order is never reshuffled. Otherwise three streams: the data from
// `data_seed` (default: the seed), the weights from `init_seed` (default: seed + "/init"),
// the batch order from `order_seed` (default: seed + "/order").
#pragma once

#include <actlab/mlp/batch.hpp>
#include <actlab/mlp/network.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace actlab::mlp {

//! Everything one run needs besides the seed and the activations.
struct train_options {
    std::string dataset = "circle";  //!< circle, xor, gauss, spiral
    std::vector<example> points;     //!< user data (--data); used when not empty
    int n_points = 500;
    double noise = 0;  //!< 0 to 0.5
    double train_percent = 50;
    std::vector<feature> features = {feature::x1, feature::x2};
    std::vector<int> hidden = {4, 2};
    init_kind init = init_kind::playground;
    loss_kind loss = loss_kind::half_mse;
    update_options update;
    int batch = 10;
    long epochs = 100;
    std::vector<long> checkpoints;                 //!< epochs at which to measure (sorted)
    bool reshuffle = false;                        //!< new batch order every epoch
    bool playground = false;                       //!< one stream: data, shuffle, weights
    bool diagnostics = false;                      //!< gradient norms, saturated/dead fractions
    std::string data_seed, init_seed, order_seed;  //!< empty: derived from the run's seed
};

//! Per-layer diagnostics at a checkpoint (over the training set).
struct layer_diagnostics {
    double gradient_norm = 0;  //!< ‖∂E/∂(W, b)‖₂ of the mean loss over the training set
    double saturated = 0;      //!< fraction of (unit, example) with |f′(z)| < 0.01
    double dead = 0;           //!< fraction of units with f′(z) = 0 on every example
};

struct checkpoint {
    long epoch = 0;
    double train_loss = 0, test_loss = 0, train_accuracy = 0, test_accuracy = 0;
    std::vector<layer_diagnostics> layers;
};

//! One training run.
struct run_result {
    std::string activation;  //!< the hidden activations, comma-separated
    std::string seed;
    std::vector<checkpoint> checkpoints;
    std::optional<long> diverged_at;  //!< epoch at which a weight or the loss became NaN/inf
    network<double> net;              //!< the trained network
    split_data data;                  //!< its data (inputs before feature mapping)
};

namespace detail {

struct featured {
    std::vector<double> x;  // row-major, features per example
    std::vector<double> y;
    int width = 0;
    std::size_t size() const { return y.size(); }
    const double* row(std::size_t k) const { return &x[k * static_cast<std::size_t>(width)]; }
};

inline featured map_features(const std::vector<example>& pts, const std::vector<feature>& f) {
    featured r;
    r.width = static_cast<int>(f.size());
    for (const example& p : pts) {
        for (const feature g : f) r.x.push_back(feature_value(g, p.x1, p.x2));
        r.y.push_back(p.label);
    }
    return r;
}

//! The target of a ±1 label for the output unit: 0/1 for a sigmoid output, ±1 otherwise.
inline double target(double label, bool zero_one) { return zero_one ? (label + 1) / 2 : label; }

}  // namespace detail

//! The loss and accuracy of a network over a set (the Playground's getLoss for ½MSE).
inline std::pair<double, double> evaluate(network<double>& net, const detail::featured& d,
                                          loss_kind loss, bool zero_one) {
    double total = 0;
    std::size_t right = 0;
    for (std::size_t k = 0; k < d.size(); ++k) {
        const double out = net.forward(d.row(k));
        const double t = detail::target(d.y[k], zero_one);
        if (loss == loss_kind::half_mse) {
            total += 0.5 * std::pow(out - t, 2);
        } else {
            const double z = net.layers.back().z[0];  // stable: softplus(z) − t·z
            total += std::max(z, 0.0) + std::log1p(std::exp(-std::fabs(z))) - t * z;
        }
        const bool positive = out >= (zero_one ? 0.5 : 0.0);
        right += positive == (d.y[k] > 0);
    }
    const auto n = static_cast<double>(d.size());
    return {d.size() ? total / n : std::numeric_limits<double>::quiet_NaN(),
            d.size() ? static_cast<double>(right) / n : std::numeric_limits<double>::quiet_NaN()};
}

namespace detail {

// ½MSE: dE/d(out) = out − t. BCE with a sigmoid output: dE/dz = σ(z) − t, the same
// expression, passed to backward as dE/dz.
inline double output_derivative(double out, double t) { return out - t; }

inline std::vector<layer_diagnostics> diagnose(network<double> net, const featured& d,
                                               loss_kind loss, bool zero_one) {
    std::vector<layer_diagnostics> r(net.layers.size());
    std::vector<std::vector<char>> alive(net.layers.size());
    for (std::size_t l = 0; l < net.layers.size(); ++l) {
        alive[l].assign(static_cast<std::size_t>(net.layers[l].outputs), 0);
        std::fill(net.layers[l].gw.begin(), net.layers[l].gw.end(), 0.0);
        std::fill(net.layers[l].gb.begin(), net.layers[l].gb.end(), 0.0);
    }
    for (std::size_t k = 0; k < d.size(); ++k) {
        const double out = net.forward(d.row(k));
        net.backward(d.row(k), output_derivative(out, target(d.y[k], zero_one)),
                     loss == loss_kind::bce);
        for (std::size_t l = 0; l < net.layers.size(); ++l)
            for (std::size_t j = 0; j < alive[l].size(); ++j) {
                const double g = std::fabs(net.layers[l].da[j]);
                if (g != 0) alive[l][j] = 1;
                if (g < 0.01) r[l].saturated += 1;
            }
    }
    const auto n = static_cast<double>(d.size());
    for (std::size_t l = 0; l < net.layers.size(); ++l) {
        const auto& L = net.layers[l];
        double s = 0;
        for (const double g : L.gw) s += (g / n) * (g / n);
        for (const double g : L.gb) s += (g / n) * (g / n);
        r[l].gradient_norm = std::sqrt(s);
        r[l].saturated /= n * static_cast<double>(L.outputs);
        r[l].dead = static_cast<double>(std::count(alive[l].begin(), alive[l].end(), 0)) /
                    static_cast<double>(L.outputs);
    }
    return r;
}

inline bool finite_network(const network<double>& net) {
    for (const auto& L : net.layers) {
        for (const double w : L.w)
            if (!std::isfinite(w)) return false;
        for (const double b : L.b)
            if (!std::isfinite(b)) return false;
        for (const double p : L.params)
            if (!std::isfinite(p)) return false;
    }
    return true;
}

}  // namespace detail

//! Trains a network epoch by epoch on a training set (inputs after the feature mapping):
//! the examples of a batch go through batch_trainer together, and the update follows every
//! `batch`-th example of an epoch — the Playground's rule, so an incomplete last batch carries
//! over into the next epoch. Bit-identical to `forward` + `backward` per example. The inputs
//! are laid out in the kernel's blocks once per order of the examples (once per run unless
//! the order is reshuffled).
class epoch_trainer {
public:
    //! zero_one: targets 0/1 (a sigmoid output) instead of ±1; bce: the loss is the binary
    //! cross-entropy (its dE/dz is passed to the output unit).
    epoch_trainer(network<double>& net, const detail::featured& data, int batch, bool zero_one,
                  bool bce)
        : net_(&net),
          data_(&data),
          batch_(static_cast<std::size_t>(std::max(batch, 1))),
          bce_(bce),
          trainer_(net, std::min<std::size_t>(batch_, max_chunk)),
          all_targets_(data.size()) {
        for (std::size_t k = 0; k < data.size(); ++k)
            all_targets_[k] = detail::target(data.y[k], zero_one);
    }

    //! One epoch over the examples in `order` (indices into the training set).
    void epoch(const std::vector<std::size_t>& order, const update_options& u) {
        if (order != laid_out_) lay_out(order);
        const std::size_t stride = trainer_.stride();
        const auto width = static_cast<std::size_t>(data_->width);
        for (std::size_t c = 0; c < chunks_.size(); ++c) {
            trainer_.accumulate_block(&blocks_[c * width * stride], &targets_[c * stride],
                                      chunks_[c].size, bce_);
            if (chunks_[c].update) net_->update(u);
        }
    }

    //! Examples per batch_trainer pass at most (larger batches are split; same bits).
    static constexpr std::size_t max_chunk = 32;

private:
    struct chunk {
        std::size_t size;
        bool update;  // the batch is complete after this chunk
    };

    network<double>* net_;
    const detail::featured* data_;
    std::size_t batch_;
    bool bce_;
    batch_trainer trainer_;
    std::vector<double> all_targets_;
    std::vector<std::size_t> laid_out_;  // the order of the blocks below
    std::vector<chunk> chunks_;          // an epoch's passes: at most max_chunk, never across
                                         // the end of a batch
    std::vector<double> blocks_, targets_;

    void lay_out(const std::vector<std::size_t>& order) {
        laid_out_ = order;
        chunks_.clear();
        const std::size_t stride = trainer_.stride(), total = order.size();
        for (std::size_t k = 0; k < total;) {
            const std::size_t n = std::min({batch_ - k % batch_, total - k, stride});
            k += n;
            chunks_.push_back({n, k % batch_ == 0});
        }
        const auto width = static_cast<std::size_t>(data_->width);
        blocks_.assign(chunks_.size() * width * stride, 0.0);
        targets_.assign(chunks_.size() * stride, 0.0);
        std::size_t k = 0;
        for (std::size_t c = 0; c < chunks_.size(); ++c)
            for (std::size_t e = 0; e < chunks_[c].size; ++e, ++k) {
                for (std::size_t i = 0; i < width; ++i)
                    blocks_[(c * width + i) * stride + e] = data_->row(order[k])[i];
                targets_[c * stride + e] = all_targets_[order[k]];
            }
    }
};

//! One run: data from the seed, a network with the given activations (one per hidden layer,
//! then the output's), trained for o.epochs with checkpoints.
inline run_result train(const train_options& o, const std::string& seed,
                        const std::vector<activation_kernel<double>>& acts) {
    run_result run;
    run.seed = seed;
    bool alike = true;
    for (std::size_t l = 0; l + 1 < acts.size(); ++l) {
        run.activation += (l ? "," : "") + acts[l].name;
        alike = alike && acts[l].name == acts[0].name;
    }
    if (alike && acts.size() > 1) run.activation = acts[0].name;  // one name for all layers
    if (acts.size() == 1) run.activation = "none";
    seedrandom data_stream(o.data_seed.empty() ? seed : o.data_seed);
    seedrandom init_stream(o.init_seed.empty() ? seed + "/init" : o.init_seed);
    seedrandom order_stream(o.order_seed.empty() ? seed + "/order" : o.order_seed);
    const uniform_source data_r = [&] { return data_stream(); };
    const uniform_source init_r =
        o.playground ? data_r : uniform_source([&] { return init_stream(); });
    const uniform_source order_r = [&] { return order_stream(); };

    std::vector<example> points =
        o.points.empty() ? make_dataset(o.dataset, o.n_points, o.noise, data_r) : o.points;
    playground_shuffle(points, data_r);
    run.data = split(points, o.train_percent);
    const detail::featured train_set = detail::map_features(run.data.train, o.features);
    const detail::featured test_set = detail::map_features(run.data.test, o.features);
    run.net =
        make_network<double>(static_cast<int>(o.features.size()), o.hidden, acts, o.init, init_r);
    network<double>& net = run.net;
    const bool zero_one = acts.back().name == "sigmoid";
    std::vector<std::size_t> order(train_set.size());
    std::iota(order.begin(), order.end(), std::size_t{0});

    std::size_t next = 0;
    const auto measure = [&](long epoch) {
        checkpoint c;
        c.epoch = epoch;
        std::tie(c.train_loss, c.train_accuracy) = evaluate(net, train_set, o.loss, zero_one);
        std::tie(c.test_loss, c.test_accuracy) = evaluate(net, test_set, o.loss, zero_one);
        if (o.diagnostics) c.layers = detail::diagnose(net, train_set, o.loss, zero_one);
        run.checkpoints.push_back(std::move(c));
    };
    while (next < o.checkpoints.size() && o.checkpoints[next] == 0) {
        measure(0);
        ++next;
    }
    epoch_trainer trainer(net, train_set, o.batch, zero_one, o.loss == loss_kind::bce);
    for (long epoch = 1; epoch <= o.epochs; ++epoch) {
        if (o.reshuffle) playground_shuffle(order, order_r);
        trainer.epoch(order, o.update);
        const bool finite = detail::finite_network(net);
        const bool wanted = next < o.checkpoints.size() && o.checkpoints[next] == epoch;
        if (wanted || !finite) measure(epoch);
        if (wanted) ++next;
        if (!finite) {
            run.diverged_at = epoch;
            break;
        }
    }
    return run;
}

//! One activation setting of a comparison: the kernels of the hidden layers and the output.
struct activation_setting {
    std::vector<activation_kernel<double>> kernels;
};

//! Runs every (setting, seed) pair on `threads` threads; results in the order
//! settings × seeds, identical for any number of threads.
inline std::vector<run_result> train_all(const train_options& o,
                                         const std::vector<activation_setting>& settings,
                                         const std::vector<std::string>& seeds, int threads) {
    const std::size_t n = settings.size() * seeds.size();
    std::vector<run_result> results(n);
    std::atomic<std::size_t> next{0};
    const auto work = [&] {
        for (std::size_t k = next++; k < n; k = next++)
            results[k] = train(o, seeds[k % seeds.size()], settings[k / seeds.size()].kernels);
    };
    const int t = std::max(1, std::min<int>(threads, static_cast<int>(n)));
    std::vector<std::thread> pool;
    for (int i = 1; i < t; ++i) pool.emplace_back(work);
    work();
    for (std::thread& th : pool) th.join();
    return results;
}

//! N seeds derived from one: the seed itself, then seed + "#1", seed + "#2", ...
inline std::vector<std::string> derive_seeds(const std::string& seed, int n) {
    std::vector<std::string> r;
    for (int k = 0; k < n; ++k) r.push_back(k == 0 ? seed : seed + "#" + std::to_string(k));
    return r;
}

//! Accuracy statistics over runs (at their last checkpoint).
struct summary {
    int runs = 0;
    double mean_test_accuracy = 0, min_test_accuracy = 0, max_test_accuracy = 0;
    double mean_test_loss = 0;
    int reached_target = 0;  //!< runs with test accuracy ≥ target
    int diverged = 0;
};

inline summary summarize(const std::vector<const run_result*>& runs, double target_accuracy) {
    summary s;
    s.min_test_accuracy = std::numeric_limits<double>::infinity();
    s.max_test_accuracy = -s.min_test_accuracy;
    for (const run_result* r : runs) {
        if (r->diverged_at) ++s.diverged;
        if (r->checkpoints.empty()) continue;
        const checkpoint& c = r->checkpoints.back();
        ++s.runs;
        s.mean_test_accuracy += c.test_accuracy;
        s.mean_test_loss += c.test_loss;
        s.min_test_accuracy = std::min(s.min_test_accuracy, c.test_accuracy);
        s.max_test_accuracy = std::max(s.max_test_accuracy, c.test_accuracy);
        if (c.test_accuracy >= target_accuracy) ++s.reached_target;
    }
    if (s.runs) {
        s.mean_test_accuracy /= s.runs;
        s.mean_test_loss /= s.runs;
    }
    return s;
}

}  // namespace actlab::mlp
