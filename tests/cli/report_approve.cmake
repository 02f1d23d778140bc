# Approval test of the actlab tool's text output (issue 14): runs the tool once per line of
# COMMANDS (arguments separated by spaces) and compares everything it printed, exactly, with
# the committed BASELINE. Regenerate a baseline by running the same commands by hand.
#   -DTOOL=<path> -DBASELINE=<file> -DCOMMANDS=<lines separated by '|'>
cmake_policy(VERSION 3.25)
string(REPLACE "|" ";" commands "${COMMANDS}")
set(all "")
foreach(command IN LISTS commands)
    separate_arguments(args UNIX_COMMAND "${command}")
    execute_process(COMMAND "${TOOL}" ${args} RESULT_VARIABLE rc OUTPUT_VARIABLE out
        ERROR_VARIABLE err TIMEOUT 120)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "actlab ${command}: exit status ${rc}\n${err}")
    endif()
    string(APPEND all "${out}")
endforeach()
file(READ "${BASELINE}" expected)
if(NOT all STREQUAL expected)
    get_filename_component(name "${BASELINE}" NAME)
    set(actual "${CMAKE_CURRENT_BINARY_DIR}/${name}.actual")
    file(WRITE "${actual}" "${all}")
    message(FATAL_ERROR "the output differs from the baseline:\ndiff ${BASELINE} ${actual}")
endif()
