// actlab: figures through gnuplot — write the data files and a script next to the output,
// run `gnuplot`, remove the scratch files (unless asked to keep the script).
//
// The terminal follows the output's extension: .svg → svg, .pdf → pdfcairo, .png → pngcairo.
//
// **Example**:
// ```
// actlab::plot p("curves.png", {.width = 800, .height = 500});
// p.data("loss", "0 0.5\n100 0.02\n");
// p.run("plot $loss with lines title 'test loss'");
// ```
#pragma once

#include <actlab/expr/error.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace actlab {

//! Options of a figure.
struct plot_options {
    int width = 900;  //!< pixels (svg, png) or points × 1/72 in (pdf)
    int height = 600;
    bool keep_script = false;         //!< leave FILE.gp (with its data inline) next to the figure
    std::string gnuplot = "gnuplot";  //!< the program to run
};

//! One figure: named data blocks, then a gnuplot script that uses them as $name.
class plot {
public:
    explicit plot(std::string output, plot_options o = {})
        : output_(std::move(output)), o_(std::move(o)) {}

    //! A data block the script reads as $name (whitespace-separated columns, one row a line,
    //! an empty line between gnuplot "blocks").
    void data(const std::string& name, std::string rows) {
        blocks_.emplace_back(name, std::move(rows));
    }

    //! The terminal line for the output's extension; throws for an unknown one.
    std::string terminal() const {
        const std::string ext = std::filesystem::path(output_).extension().string();
        const std::string size = std::to_string(o_.width) + "," + std::to_string(o_.height);
        if (ext == ".svg")
            return "set terminal svg size " + size + " dynamic background rgb 'white'";
        if (ext == ".png") return "set terminal pngcairo size " + size;
        if (ext == ".pdf")
            return "set terminal pdfcairo size " + std::to_string(o_.width / 72.0) + "in," +
                   std::to_string(o_.height / 72.0) + "in";
        throw error("actlab: figure '" + output_ + "': use .svg, .png or .pdf");
    }

    //! The whole script: terminal, output, the data blocks, then `body`.
    std::string script(std::string_view body) const {
        std::string s = terminal() + "\nset output '" + output_ + "'\n";
        for (const auto& [name, rows] : blocks_) s += "$" + name + " << EOD\n" + rows + "EOD\n";
        s += body;
        s += "\nunset output\n";
        return s;
    }

    //! Writes the script and runs gnuplot on it; throws actlab::error when gnuplot fails.
    void run(std::string_view body) const {
        const std::string text = script(body);
        const std::string path = output_ + ".gp";
        {
            std::ofstream f(path);
            if (!f) throw error("actlab: cannot write '" + path + "'");
            f << text;
        }
        const std::string command = o_.gnuplot + " '" + path + "' 2>&1";
        std::string messages;
        if (FILE* p = popen(command.c_str(), "r")) {
            char buffer[256];
            while (std::fgets(buffer, sizeof buffer, p)) messages += buffer;
            const int status = pclose(p);
            if (!o_.keep_script) std::filesystem::remove(path);
            if (status != 0) {
                const auto nl = messages.find('\n');
                throw error("actlab: gnuplot failed for '" + output_ +
                            "': " + messages.substr(0, nl));
            }
        } else {
            throw error("actlab: cannot run gnuplot");
        }
    }

private:
    std::string output_;
    plot_options o_;
    std::vector<std::pair<std::string, std::string>> blocks_;
};

}  // namespace actlab
