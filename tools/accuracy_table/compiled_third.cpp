// accuracy_table: compiled<f‴> of every catalogue activation (see compiled_third.hpp).
#include "compiled_third.hpp"

#include <support/catalog_columns.hpp>

compiled_third_functions compiled_third() {
    compiled_third_functions out;
    actlab_test::visit_compiled_third([&](const actlab::activation& a, const auto& f) {
        out[std::string(a.name)] = [f](double at) { return f(at); };
    });
    return out;
}
