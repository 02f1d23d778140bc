// compiled<g> for every column g of the catalogue's reference tables (f, f′, f″ and the
// derivatives in the learnable parameters), each made at compile time. Shared by
// tests/runtime/activation_accuracy_compiled.cpp and tools/accuracy_table.
#pragma once

#include <actlab/catalog.hpp>
#include <actlab/diff/derivative.hpp>
#include <actlab/eval/compiled.hpp>

#include <string>
#include <utility>

namespace actlab_test {

namespace detail {

template <std::size_t K>
constexpr actlab::expr definition = *actlab::catalog()[K].definition;

template <std::size_t K, std::size_t J, class Visit>
void visit_parameter(Visit& visit) {
    constexpr actlab::activation a = actlab::catalog()[K];
    if constexpr (J < a.parameters.size()) {
        if constexpr (a.parameters[J].learnable) {
            constexpr actlab::expr g = actlab::d(definition<K>, a.parameters[J].name);
            visit(a, "d_" + std::string(a.parameters[J].name), actlab::compiled<g>{});
        }
    }
}

template <std::size_t K, class Visit, std::size_t... J>
void visit_activation(Visit& visit, std::index_sequence<J...>) {
    constexpr actlab::activation a = actlab::catalog()[K];
    constexpr actlab::expr f = definition<K>;
    constexpr actlab::expr d1 = actlab::d(f);
    constexpr actlab::expr d2 = actlab::d(d1);
    visit(a, std::string("f"), actlab::compiled<f>{});
    visit(a, std::string("d1"), actlab::compiled<d1>{});
    visit(a, std::string("d2"), actlab::compiled<d2>{});
    (visit_parameter<K, J>(visit), ...);
}

template <class Visit, std::size_t... K>
void visit_all(Visit& visit, std::index_sequence<K...>) {
    (visit_activation<K>(visit, std::make_index_sequence<actlab::expr::max_parameters>{}), ...);
}

}  // namespace detail

//! Calls visit(activation, column, compiled<g>{}) for every column g of every catalogue
//! activation's reference table (f, d1, d2, d_<learnable parameter>), each compiled<> made at
//! compile time.
template <class Visit>
void visit_compiled_columns(Visit visit) {
    detail::visit_all(visit, std::make_index_sequence<actlab::catalog().size()>{});
}

}  // namespace actlab_test
