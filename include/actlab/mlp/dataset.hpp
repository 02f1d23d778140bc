// actlab: the data of the MLP — the TensorFlow Playground's four classification sets, its
// input features, and points read from a CSV file.
//
// The generators follow the Playground's src/dataset.ts draw for draw (same formulas, same
// order of random numbers), so with `seedrandom` and the same seed string they give the same
// points. Labels are ±1. `noise` is the Playground's slider divided by 100 (0 to 0.5).
#pragma once

#include <actlab/expr/error.hpp>
#include <actlab/mlp/seedrandom.hpp>

#include <cmath>
#include <cstddef>
#include <fstream>
#include <functional>
#include <numbers>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace actlab::mlp {

//! One labelled point of the plane; label is +1 or −1.
struct example {
    double x1 = 0;
    double x2 = 0;
    double label = 0;
};

//! A source of doubles in [0, 1) (seedrandom for the Playground's sets).
using uniform_source = std::function<double()>;

namespace detail {

inline double uniform(const uniform_source& r, double a, double b) { return r() * (b - a) + a; }

// The Playground's normalRandom: Marsaglia's polar method.
inline double normal(const uniform_source& r, double mean, double variance) {
    double v1 = 0, v2 = 0, s = 0;
    do {
        v1 = 2 * r() - 1;
        v2 = 2 * r() - 1;
        s = v1 * v1 + v2 * v2;
    } while (s > 1);
    const double result = std::sqrt(-2 * std::log(s) / s) * v1;
    return mean + std::sqrt(variance) * result;
}

inline double distance(double x, double y) { return std::sqrt(x * x + y * y); }

}  // namespace detail

//! Inside (+1) or outside (−1) a circle of radius 2.5; n/2 points each, radius 5 overall.
inline std::vector<example> circle_data(int n, double noise, const uniform_source& r) {
    std::vector<example> points;
    const double radius = 5;
    const auto add = [&](double r_min, double r_max) {
        for (int i = 0; i < n / 2; ++i) {
            const double rho = detail::uniform(r, r_min, r_max);
            const double angle = detail::uniform(r, 0, 2 * std::numbers::pi);
            const double x = rho * std::sin(angle);
            const double y = rho * std::cos(angle);
            const double noise_x = detail::uniform(r, -radius, radius) * noise;
            const double noise_y = detail::uniform(r, -radius, radius) * noise;
            const bool inside = detail::distance(x + noise_x, y + noise_y) < radius * 0.5;
            points.push_back({x, y, inside ? 1.0 : -1.0});
        }
    };
    add(0, radius * 0.5);
    add(radius * 0.7, radius);
    return points;
}

//! The sign of x1·x2, points kept 0.3 away from the axes.
inline std::vector<example> xor_data(int n, double noise, const uniform_source& r) {
    std::vector<example> points;
    const double padding = 0.3;
    for (int i = 0; i < n; ++i) {
        double x = detail::uniform(r, -5, 5);
        x += x > 0 ? padding : -padding;
        double y = detail::uniform(r, -5, 5);
        y += y > 0 ? padding : -padding;
        const double noise_x = detail::uniform(r, -5, 5) * noise;
        const double noise_y = detail::uniform(r, -5, 5) * noise;
        const bool positive = (x + noise_x) * (y + noise_y) >= 0;
        points.push_back({x, y, positive ? 1.0 : -1.0});
    }
    return points;
}

//! Two Gaussians at (2, 2) (+1) and (−2, −2) (−1); the variance grows from 0.5 to 4 with noise.
inline std::vector<example> gauss_data(int n, double noise, const uniform_source& r) {
    std::vector<example> points;
    const double t = (noise - 0) / 0.5;  // d3.scale.linear().domain([0, .5]).range([0.5, 4])
    const double variance = 0.5 * (1 - t) + 4 * t;
    const auto add = [&](double cx, double cy, double label) {
        for (int i = 0; i < n / 2; ++i) {
            const double x = detail::normal(r, cx, variance);
            const double y = detail::normal(r, cy, variance);
            points.push_back({x, y, label});
        }
    };
    add(2, 2, 1);
    add(-2, -2, -1);
    return points;
}

//! Two interleaved spirals, 1.75 turns each.
inline std::vector<example> spiral_data(int n, double noise, const uniform_source& r) {
    std::vector<example> points;
    const int half = n / 2;
    const auto add = [&](double delta_t, double label) {
        for (int i = 0; i < half; ++i) {
            const double rho = static_cast<double>(i) / half * 5;
            const double t = 1.75 * i / half * 2 * std::numbers::pi + delta_t;
            const double x = rho * std::sin(t) + detail::uniform(r, -1, 1) * noise;
            const double y = rho * std::cos(t) + detail::uniform(r, -1, 1) * noise;
            points.push_back({x, y, label});
        }
    };
    add(0, 1);
    add(std::numbers::pi, -1);
    return points;
}

//! The names of the generated sets: circle, xor, gauss, spiral.
inline constexpr std::string_view dataset_names[] = {"circle", "xor", "gauss", "spiral"};

//! The set called `name` (one of dataset_names); throws actlab::error otherwise.
inline std::vector<example> make_dataset(std::string_view name, int n, double noise,
                                         const uniform_source& r) {
    if (name == "circle") return circle_data(n, noise, r);
    if (name == "xor") return xor_data(n, noise, r);
    if (name == "gauss") return gauss_data(n, noise, r);
    if (name == "spiral") return spiral_data(n, noise, r);
    throw error("actlab: unknown dataset '" + std::string(name) +
                "' (circle, xor, gauss, spiral, or --data FILE.csv)");
}

//! The Playground's Fisher–Yates shuffle (a random index below the counter, then the swap).
template <class T>
void playground_shuffle(std::vector<T>& v, const uniform_source& r) {
    std::size_t counter = v.size();
    while (counter > 0) {
        const auto index = static_cast<std::size_t>(std::floor(r() * static_cast<double>(counter)));
        --counter;
        std::swap(v[counter], v[index]);
    }
}

//! Train and test sets: the first ⌊n·percent/100⌋ points train.
struct split_data {
    std::vector<example> train;
    std::vector<example> test;
};

inline split_data split(const std::vector<example>& data, double train_percent) {
    const auto k = static_cast<std::size_t>(
        std::floor(static_cast<double>(data.size()) * train_percent / 100));
    return {{data.begin(), data.begin() + static_cast<std::ptrdiff_t>(k)},
            {data.begin() + static_cast<std::ptrdiff_t>(k), data.end()}};
}

//! The Playground's input features, in its order (the order of the network's inputs).
enum class feature : unsigned char { x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2 };

inline constexpr std::string_view feature_names[] = {"x1",   "x2",    "x1sq", "x2sq",
                                                     "x1x2", "sinx1", "sinx2"};
inline constexpr std::string_view playground_feature_names[] = {
    "x", "y", "xSquared", "ySquared", "xTimesY", "sinX", "sinY"};

//! The features named in a comma-separated list (ours or the Playground's names), in the
//! Playground's order whatever the order of the list; throws on an unknown or empty list.
inline std::vector<feature> parse_features(std::string_view list) {
    bool on[7] = {};
    std::size_t begin = 0;
    while (begin <= list.size()) {
        std::size_t end = list.find(',', begin);
        if (end == std::string_view::npos) end = list.size();
        const std::string_view name = list.substr(begin, end - begin);
        bool known = false;
        for (int k = 0; k < 7; ++k)
            if (name == feature_names[k] || name == playground_feature_names[k])
                known = on[k] = true;
        if (!known)
            throw error("actlab: unknown feature '" + std::string(name) +
                        "' (x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2)");
        begin = end + 1;
    }
    std::vector<feature> r;
    for (int k = 0; k < 7; ++k)
        if (on[k]) r.push_back(static_cast<feature>(k));
    return r;
}

//! The value of feature f at (x1, x2), as the Playground computes it.
inline double feature_value(feature f, double x1, double x2) {
    switch (f) {
        case feature::x1: return x1;
        case feature::x2: return x2;
        case feature::x1sq: return x1 * x1;
        case feature::x2sq: return x2 * x2;
        case feature::x1x2: return x1 * x2;
        case feature::sinx1: return std::sin(x1);
        case feature::sinx2: return std::sin(x2);
    }
    return 0;
}

//! Points from CSV text: one `x1,x2,label` per line, label ±1 or 0/1 (0 becomes −1); a first
//! line that does not start with a number is a header. `where` names the source in errors.
inline std::vector<example> parse_csv(std::string_view text, std::string_view where) {
    std::vector<example> points;
    std::istringstream in{std::string(text)};
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        const auto fail = [&](const std::string& what) {
            throw error("actlab: " + std::string(where) + ":" + std::to_string(number) + ": " +
                        what);
        };
        double v[3] = {};
        std::size_t pos = 0;
        for (int k = 0; k < 3; ++k) {
            const std::size_t end = k < 2 ? line.find(',', pos) : line.size();
            if (end == std::string::npos) fail("expected x1,x2,label");
            const std::string field = line.substr(pos, end - pos);
            std::size_t used = 0;
            try {
                v[k] = std::stod(field, &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (used == 0 || field.find_first_not_of(" \t", used) != std::string::npos ||
                !std::isfinite(v[k])) {
                if (number == 1 && k == 0 && points.empty()) goto next_line;  // a header
                fail("'" + field + "' is not a finite number");
            }
            pos = end + 1;
        }
        if (v[2] != 1 && v[2] != -1 && v[2] != 0)
            fail("label must be 1 or -1 (or 1 or 0), got '" + line.substr(line.rfind(',') + 1) +
                 "'");
        points.push_back({v[0], v[1], v[2] == 0 ? -1.0 : v[2]});
    next_line:;
    }
    if (points.empty()) throw error("actlab: " + std::string(where) + ": no data points");
    return points;
}

//! Points from a CSV file (see parse_csv).
inline std::vector<example> read_csv(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw error("actlab: cannot read '" + path + "'");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_csv(text.str(), path);
}

}  // namespace actlab::mlp
