// actlab: the data of `actlab mlp` (dataset, noise, split, features, seed) for the notes' other
// models, drawn exactly as `mlp::train` draws it, so one seed gives the MLP and these models the
// same points.
#pragma once

#include <actlab/mlp/dataset.hpp>
#include <actlab/mlp/seedrandom.hpp>
#include <actlab/mlp/train.hpp>

#include <string>
#include <vector>

namespace actlab::mlp::experiments {

//! Feature rows and ±1 labels.
struct labelled {
    std::vector<std::vector<double>> x;
    std::vector<double> y;
};

struct train_test {
    labelled train, test;
};

inline labelled to_rows(const std::vector<example>& pts, const std::vector<feature>& f) {
    labelled r;
    for (const example& p : pts) {
        std::vector<double>& row = r.x.emplace_back();
        for (const feature g : f) row.push_back(feature_value(g, p.x1, p.x2));
        r.y.push_back(p.label);
    }
    return r;
}

//! The train and test rows of run `seed` under the options o (as mlp::train makes them).
inline train_test make_data(const train_options& o, const std::string& seed) {
    seedrandom stream(o.data_seed.empty() ? seed : o.data_seed);
    const uniform_source r = [&] { return stream(); };
    std::vector<example> points =
        o.points.empty() ? make_dataset(o.dataset, o.n_points, o.noise, r) : o.points;
    playground_shuffle(points, r);
    const split_data s = split(points, o.train_percent);
    return {to_rows(s.train, o.features), to_rows(s.test, o.features)};
}

}  // namespace actlab::mlp::experiments
