# Runs one compile-fail check (the `ko` twin of a tests/compile_fail/*.cpp file):
#   cmake -DSOURCE=<file.cpp> -DBUILD_DIR=<build tree> -DTARGET=<name>_ko [-DCONFIG=<cfg>] -P <this>
# Passes only if building TARGET fails AND the build output matches the regular expression on the
# first line of SOURCE (`// expect: <regex>`, CMake regex syntax). The regex is read from the
# source here rather than passed on the command line, so it needs no quoting.

foreach(var SOURCE BUILD_DIR TARGET)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "actlabCompileFail.cmake: -D${var}=... is required")
    endif()
endforeach()

file(STRINGS "${SOURCE}" first_line LIMIT_COUNT 1)
if(NOT first_line MATCHES "^// expect:[ \t]*(.+)$")
    message(FATAL_ERROR "${SOURCE}: the first line must be `// expect: <regex>`")
endif()
string(STRIP "${CMAKE_MATCH_1}" expect)

set(config_args "")
if(CONFIG)
    set(config_args --config "${CONFIG}")
endif()
execute_process(
    COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}" --target "${TARGET}" ${config_args}
    RESULT_VARIABLE status
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)

if(status EQUAL 0)
    message("${output}")
    message(FATAL_ERROR "FAIL: ${TARGET} compiled, but it must fail with: ${expect}")
endif()
if(NOT output MATCHES "${expect}")
    message("${output}")
    message(FATAL_ERROR "FAIL: ${TARGET} failed to compile, but not with: ${expect}")
endif()
message(STATUS "OK: ${TARGET} fails to compile with: ${CMAKE_MATCH_0}")
