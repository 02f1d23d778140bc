// The analyses need almost nothing of their caller's stack (issue 12): every catalogue
// activation analysed, and an orbit, a mean field and an edge of chaos, on a thread whose
// stack is 1 MB (glibc gives 8 MB, macOS 512 KB, musl 128 KB). An expr is ~30 KB; the
// analyses run on a stack of their own (detail/large_stack.hpp).
#include <actlab/analysis/analyze.hpp>
#include <actlab/analysis/meanfield.hpp>
#include <actlab/analysis/orbit.hpp>
#include <actlab/catalog.hpp>

#include <pthread.h>
#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

struct outcome {
    std::vector<std::string> failures;
    int analysed = 0;
};

void* analyse_everything(void* p) {
    outcome& out = *static_cast<outcome*>(p);
    for (const actlab::activation& a : actlab::catalog()) {
        try {
            const actlab::analysis_report r = actlab::analyze(*a.definition, {.digits = 20});
            if (r.digits == 20) ++out.analysed;
        } catch (const std::exception& e) {
            out.failures.push_back(std::string(a.name) + ": " + e.what());
        }
    }
    try {
        const auto o = actlab::orbit(actlab::sigmoid(actlab::x), "1", 1000);
        const auto m = actlab::mean_field(actlab::tanh(actlab::x), "1.5", "0.05");
        const auto e = actlab::edge_of_chaos(actlab::tanh(actlab::x), "0.05");
        if (o.steps.empty()) out.failures.push_back("orbit: no steps");
        (void)m;
        (void)e;
    } catch (const std::exception& e) {
        out.failures.push_back(std::string("orbit/meanfield/eoc: ") + e.what());
    }
    return nullptr;
}

}  // namespace

TEST_CASE("the catalogue is analysed on a thread with a 1 MB stack", "[analysis][stack]") {
    outcome out;
    pthread_attr_t attr;
    REQUIRE(pthread_attr_init(&attr) == 0);
    REQUIRE(pthread_attr_setstacksize(&attr, std::size_t{1} << 20) == 0);
    pthread_t thread;
    REQUIRE(pthread_create(&thread, &attr, &analyse_everything, &out) == 0);
    pthread_attr_destroy(&attr);
    REQUIRE(pthread_join(thread, nullptr) == 0);
    std::string failures;
    for (const std::string& f : out.failures) failures += f + "\n";
    INFO(failures);
    CHECK(out.failures.empty());
    CHECK(out.analysed == static_cast<int>(actlab::catalog().size()));
}
