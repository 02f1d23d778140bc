# custom_tool.*: the template of a tool of one's own (docs/examples/custom_tool/, issue 14),
# built as target mytool by tools/actlab/CMakeLists.txt, run on its own activations
# (squareplus, bent_identity) through run.cmake. cli.experiments_fresh: docs/notes/experiments-*
# are what the current code generates (experiments_fresh.cmake).
# Included from tests/cli/CMakeLists.txt; registered at the end of the top-level directory, when
# the targets exist.

# actlab_custom_tool_test(<name> <run.cmake -D arguments...>)
function(actlab_custom_tool_test name)
    add_test(NAME custom_tool.${name}
        COMMAND "${CMAKE_COMMAND}" "-DTOOL=$<TARGET_FILE:mytool>" "-DRUN_TIMEOUT=120" ${ARGN}
            -P "${PROJECT_SOURCE_DIR}/tests/cli/run.cmake")
    set_tests_properties(custom_tool.${name} PROPERTIES LABELS "cli;example" TIMEOUT 130)
endfunction()

function(_actlab_custom_tool_tests)
    if(NOT TARGET mytool)
        return()
    endif()
    # The user's activations get the whole analysis: f(0) = sqrt(4)/2 = 1; f' -> 0 and 1 at
    # -inf and +inf; no fixed point (x + sqrt(x^2 + 4) = 2x has no root).
    actlab_custom_tool_test(analyze "-DARGS=analyze\;squareplus\;--digits\;6"
        "-DSTDOUT_REGEX=^squareplus\\(x\\) = x/2 \\+ √\\(b \\+ x²\\)/2\n.*f\\(0\\): +1\n.*saturation: +f' -> 0 as x -> -inf, f' -> 1 as x -> \\+inf\n.*no real fixed point")
    actlab_custom_tool_test(analyze_alias "-DARGS=analyze\;Squareplus\;--format\;json"
        "-DJSON_VALID=ON" "-DJSON_CHECKS=activation=squareplus\;f0=1")
    actlab_custom_tool_test(show "-DARGS=show\;bent_identity"
        "-DSTDOUT_REGEX=^bent_identity\n.*fixed point x\\* = 0, f'\\(x\\*\\) = 1, neutral")
    actlab_custom_tool_test(report "-DARGS=report\;--acts\;relu,squareplus,bent_identity"
        "-DSTDOUT_REGEX=\nrelu .*\nsquareplus .*\nbent_identity .* 0n .*\n")
    actlab_custom_tool_test(list "-DARGS=list"
        "-DSTDOUT_REGEX=\nsquareplus \\(Squareplus\\)\n.*\nbent_identity\n")
    # The user's expression is the function its formula says: the same analysis as --expr
    # (only the name before "(x) = " differs).
    actlab_custom_tool_test(same_as_expr "-DARGS=analyze\;squareplus\;--digits\;10"
        "-DCOMPARE_ARGS=analyze\;--expr\;(x + sqrt(x*x + b))/2\;--param\;b=4\;--digits\;10"
        "-DCOMPARE_IGNORE_REGEX=(squareplus|\\(x \\+ sqrt\\(x\\*x \\+ b\\)\\)/2)\\(x\\) = ")
    actlab_custom_tool_test(unknown "-DARGS=analyze\;sqareplus" "-DEXPECT_RC=2"
        "-DSTDERR_REGEX=^actlab: unknown activation 'sqareplus' \\(did you mean 'squareplus'\\?\\)\n$")
    # The template outside actlab's tree, through FetchContent (custom_tool_fetch.cmake).
    add_test(NAME custom_tool.fetchcontent
        COMMAND "${CMAKE_COMMAND}" "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}"
            "-DWORK=${PROJECT_BINARY_DIR}/tests/cli/custom_tool_fetch"
            "-DCXX=${CMAKE_CXX_COMPILER}" "-DGENERATOR=${CMAKE_GENERATOR}"
            "-DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}"
            -P "${PROJECT_SOURCE_DIR}/tests/cli/custom_tool_fetch.cmake")
    set_tests_properties(custom_tool.fetchcontent PROPERTIES LABELS "cli;example" TIMEOUT 200)
    actlab_custom_tool_test(catalogue "-DARGS=analyze\;relu\;--digits\;3"
        "-DSTDOUT_REGEX=^relu\\(x\\) = max\\(0, x\\)")
endfunction()

function(_actlab_experiments_fresh_test)
    if(NOT TARGET actlab_cli)
        return()
    endif()
    add_test(NAME cli.experiments_fresh
        COMMAND "${CMAKE_COMMAND}" "-DTOOL=$<TARGET_FILE:actlab_cli>"
            "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}"
            "-DWORK=${PROJECT_BINARY_DIR}/tests/cli/experiments_fresh"
            -P "${PROJECT_SOURCE_DIR}/tests/cli/experiments_fresh.cmake")
    set_tests_properties(cli.experiments_fresh PROPERTIES LABELS cli TIMEOUT 300)
endfunction()

cmake_language(DEFER DIRECTORY "${PROJECT_SOURCE_DIR}" CALL _actlab_custom_tool_tests)
cmake_language(DEFER DIRECTORY "${PROJECT_SOURCE_DIR}" CALL _actlab_experiments_fresh_test)
