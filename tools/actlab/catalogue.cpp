// The tool's catalogue: actlab::catalog() and the extra activations of a custom tool
// (actlab_tool.hpp).
#include "actlab_tool.hpp"

#include <actlab/detail/edit_distance.hpp>
#include <actlab/expr/error.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace actlab_cli {

namespace {

std::vector<actlab::activation>& entries() {
    static std::vector<actlab::activation> all(actlab::catalog().begin(), actlab::catalog().end());
    return all;
}

//! Whether `a` answers to `name` (its name or an alias).
bool answers_to(const actlab::activation& a, std::string_view name) {
    if (actlab::detail::same_name(a.name, name)) return true;
    for (const std::string_view alias : a.aliases)
        if (actlab::detail::same_name(alias, name)) return true;
    return false;
}

const actlab::activation* find(std::string_view name) {
    for (const actlab::activation& a : entries())
        if (answers_to(a, name)) return &a;
    return nullptr;
}

}  // namespace

//! Appends `extra` to the catalogue; a name already taken throws std::logic_error.
void add_activations(std::span<const actlab::activation> extra) {
    for (const actlab::activation& a : extra) {
        if (a.definition == nullptr)
            throw std::logic_error("the custom activation '" + std::string(a.name) +
                                   "' has no definition");
        if (find(a.name))
            throw std::logic_error("the custom activation '" + std::string(a.name) +
                                   "' has the name of another activation");
        for (const std::string_view alias : a.aliases)
            if (find(alias))
                throw std::logic_error("the alias '" + std::string(alias) + "' of '" +
                                       std::string(a.name) + "' is taken");
        entries().push_back(a);
    }
}

std::span<const actlab::activation> catalogue() { return entries(); }

const actlab::activation& at(std::string_view name) {
    if (const actlab::activation* a = find(name)) return *a;
    // The did-you-mean: the custom names first (nearest within 2 edits), then the catalogue's.
    const std::string typed = actlab::detail::folded_name(name);
    const int limit = std::min(2, (static_cast<int>(typed.size()) - 1) / 2);
    for (std::size_t k = actlab::catalog().size(); k < entries().size(); ++k)
        if (actlab::detail::edit_distance(typed, actlab::detail::folded_name(entries()[k].name)) <=
            limit)
            throw actlab::error("actlab: unknown activation '" + std::string(name) +
                                "' (did you mean '" + std::string(entries()[k].name) + "'?)");
    return actlab::at(name);
}

}  // namespace actlab_cli
