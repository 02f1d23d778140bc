# Compile settings for actlab's OWN targets (tests, examples, tools, benchmarks).
# Nothing here is attached to the `actlab` interface target, so projects that
# consume actlab never inherit our warnings, -Werror or constexpr limits.

include_guard(GLOBAL)

# Warnings (as errors unless ACTLAB_WERROR=OFF) for every target we build.
add_library(actlab_warnings INTERFACE)
if(MSVC)
    target_compile_options(actlab_warnings INTERFACE /W4 /permissive- $<$<BOOL:${ACTLAB_WERROR}>:/WX>)
else()
    target_compile_options(actlab_warnings INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow $<$<BOOL:${ACTLAB_WERROR}>:-Werror>)
endif()

# Generous constant-evaluation budgets: the static tests run the symbolic engine at compile time.
# Test targets only; examples and tools must work with the compilers' default limits, like users.
add_library(actlab_constexpr_limits INTERFACE)
target_compile_options(actlab_constexpr_limits INTERFACE
    $<$<CXX_COMPILER_ID:GNU>:-fconstexpr-ops-limit=4294967296 -fconstexpr-loop-limit=10000000>
    $<$<CXX_COMPILER_ID:Clang>:-fconstexpr-steps=200000000>)

# actlab_own_target(<target>)
#   Marks <target> as one of ours: strict ISO C++ (no GNU extensions) and the warning set.
function(actlab_own_target target)
    set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF)
    target_link_libraries(${target} PRIVATE actlab::actlab actlab_warnings)
endfunction()

# actlab_sources(<out-var> <dir>)
#   The *.cpp files directly in <dir>, re-globbed at build time so that adding a file needs no
#   CMake change. Sorted, so target and test order does not depend on the file system.
function(actlab_sources out dir)
    file(GLOB files CONFIGURE_DEPENDS "${dir}/*.cpp")
    list(SORT files)
    set(${out} "${files}" PARENT_SCOPE)
endfunction()
