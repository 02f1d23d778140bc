// activation_docs: writes the reference page of the activation catalogue,
// docs/reference/activations.md, from actlab::catalog() — names, aliases, descriptions,
// references, parameters, formulas and first derivatives (text and LaTeX), kinks and notes.
//
// Usage: activation_docs [--out FILE] [--check FILE]
//   --out    write the page to FILE instead of standard output
//   --check  compare the page with FILE; exit status 1 if they differ
// Exit status: 0 on success, 1 if --check finds a difference, 2 on a usage or I/O error.
//
// Everything is computed at run time (derivatives, kinks, printing), so the tool builds with
// the compilers' default constexpr limits. The output has no timestamps and no
// floating-point formatting: numbers are printed exactly by actlab's printers. The kinks and
// whether f or f′ jumps there are the library's (actlab::kinks, actlab::kind_of: exact, or
// disjoint enclosures in MPFR), with the switch-deciding parameters at their defaults
// (actlab::switches_at_defaults).
#include <actlab/analysis/smoothness.hpp>
#include <actlab/catalog.hpp>
#include <actlab/diff/derivative.hpp>
#include <actlab/diff/kinks.hpp>
#include <actlab/print/printer.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::string_view regenerate =
    "cmake --build --preset gcc --target activation_docs && "
    "./build/gcc/tools/activation_docs/activation_docs --out docs/reference/activations.md";

// A Markdown table cell: '|' (as in |x|) would end the cell.
std::string cell(std::string_view s) {
    std::string out;
    for (const char c : s) {
        if (c == '|') out += '\\';
        out += c;
    }
    return out;
}

std::string code(std::string_view s) { return "`" + std::string(s) + "`"; }

std::string aliases_of(const actlab::activation& a) {
    if (a.aliases.empty()) return "—";
    std::string s;
    for (std::size_t k = 0; k < a.aliases.size(); ++k) s += (k ? ", " : "") + code(a.aliases[k]);
    return s;
}

void write_parameters(std::ostream& out, const actlab::activation& a) {
    if (a.parameters.empty()) {
        out << "**Parameters**: none.\n\n";
        return;
    }
    out << "**Parameters** (defaults exact):\n\n"
           "| name | default | learnable | meaning |\n"
           "|---|---|:-:|---|\n";
    for (std::size_t k = 0; k < a.parameters.size(); ++k) {
        const actlab::parameter_doc& p = a.parameters[k];
        const actlab::expr value(a.definition->parameters[k].default_value);
        out << "| " << code(p.name) << " | " << actlab::to_text(value) << " | "
            << (p.learnable ? "yes" : "no") << " | " << cell(p.meaning) << " |\n";
    }
    out << "\n";
}

void write_formula(std::ostream& out, std::string_view label, std::string_view latex_label,
                   const actlab::expr& f) {
    out << "**" << label << "** = " << code(actlab::to_text(f)) << "\n\n"
        << "$" << latex_label << " = " << actlab::to_latex(f) << "$\n\n";
}

void write_kinks(std::ostream& out, const actlab::expr& f) {
    std::vector<actlab::kink> ks;
    try {
        ks = actlab::kinks(actlab::switches_at_defaults(f));
    } catch (const actlab::error& e) {
        out << "**Kinks**: not computed (" << e.what() << ").\n\n";
        return;
    }
    if (ks.empty()) {
        out << "**Kinks**: none; f is smooth.\n\n";
        return;
    }
    out << "**Kinks** (located with the parameters at their defaults; one-sided values exact; "
           "f′(x₀) by the convention of docs/design.md; the last column at the defaults):\n\n"
           "| x₀ | f(x₀⁻) | f(x₀⁺) | f′(x₀⁻) | f′(x₀⁺) | f′(x₀) | |\n"
           "|--:|---|---|---|---|---|---|\n";
    for (const actlab::kink& k : ks) {
        const actlab::switch_kind sk = actlab::kind_of(k);
        const char* kind = sk == actlab::switch_kind::jump              ? "f jumps"
                           : sk == actlab::switch_kind::derivative_jump ? "f′ jumps"
                           : sk == actlab::switch_kind::continuous      ? "f′ continuous"
                                                                        : "undecided";
        out << "| " << cell(actlab::to_text(k.at)) << " | " << cell(actlab::to_text(k.left_value))
            << " | " << cell(actlab::to_text(k.right_value)) << " | "
            << cell(actlab::to_text(k.left_derivative)) << " | "
            << cell(actlab::to_text(k.right_derivative)) << " | "
            << cell(actlab::to_text(k.derivative_at)) << " | " << kind << " |\n";
    }
    out << "\n";
}

void write_entry(std::ostream& out, const actlab::activation& a) {
    out << "## " << a.name << "\n\n"
        << a.description << "\n\n"
        << "- **C++**: " << code("actlab::activations::" + std::string(a.name)) << "\n"
        << "- **Aliases**: " << aliases_of(a) << "\n"
        << "- **Reference**: " << (a.reference.empty() ? "—" : a.reference) << "\n\n";
    write_parameters(out, a);
    write_formula(out, "f(x)", "f(x)", *a.definition);
    write_formula(out, "f′(x)", "f'(x)", actlab::d(*a.definition));
    write_kinks(out, *a.definition);
    if (!a.note.empty()) out << "**Note**: " << a.note << "\n\n";
}

void write_page(std::ostream& out) {
    out << "# Activation reference\n"
           "\n"
           "<!-- Generated by tools/activation_docs from actlab::catalog() "
           "(include/actlab/catalog.hpp); do not edit by hand. Regenerate with: "
        << regenerate
        << " -->\n"
           "\n"
           "Every activation of the catalogue: `actlab::find(name)` and `actlab::at(name)` "
           "accept the name or an alias, case-insensitively, with '-', '_' and ' ' "
           "equivalent. Formulas are the expressions `actlab::activations::<name>` as "
           "`actlab::to_text` and `actlab::to_latex` print them (the canonical form: numbers "
           "first in sums, arguments of min and max sorted, 1/√2 as √2/2); f′ is `actlab::d`. "
           "`step` is the Heaviside step H with H(0) = ½, `where(c, a, b)` is a where c holds "
           "and b elsewhere.\n"
           "\n"
           "Regenerate:\n"
           "\n"
           "```sh\n"
        << regenerate
        << "\n"
           "```\n"
           "\n"
           "| activation | aliases | f(x) |\n"
           "|---|---|---|\n";
    for (const actlab::activation& a : actlab::catalog()) {
        const std::string text = actlab::to_text(*a.definition);
        const bool long_formula = text.size() > 120;
        out << "| [" << a.name << "](#" << a.name << ") | " << aliases_of(a) << " | "
            << (long_formula ? "see below" : cell(code(text))) << " |\n";
    }
    out << "\n";
    for (const actlab::activation& a : actlab::catalog()) write_entry(out, a);
}

int usage(const char* argv0) {
    std::cerr << "usage: " << argv0 << " [--out FILE] [--check FILE]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::string out_path, check_path;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if ((arg == "--out" || arg == "--check") && i + 1 < argc) {
            (arg == "--out" ? out_path : check_path) = argv[++i];
        } else if (arg == "--help" || arg == "-h") {
            usage(argv[0]);
            return 0;
        } else {
            std::cerr << "activation_docs: unexpected argument " << arg << "\n";
            return usage(argv[0]);
        }
    }

    std::ostringstream page;
    write_page(page);

    if (!check_path.empty()) {
        std::ifstream in(check_path, std::ios::binary);
        if (!in) {
            std::cerr << "activation_docs: cannot read " << check_path << "\n";
            return 2;
        }
        const std::string committed{std::istreambuf_iterator<char>(in), {}};
        if (committed != page.str()) {
            std::cerr << "activation_docs: " << check_path
                      << " is out of date; regenerate it with: " << regenerate << "\n";
            return 1;
        }
        std::cout << "activation_docs: " << check_path << " is up to date\n";
    }
    if (!out_path.empty()) {
        std::ofstream file(out_path, std::ios::binary);
        file << page.str();
        file.close();
        if (!file) {
            std::cerr << "activation_docs: cannot write " << out_path << "\n";
            return 2;
        }
    } else if (check_path.empty()) {
        std::cout << page.str();
        if (!std::cout) return 2;
    }
    return 0;
}
