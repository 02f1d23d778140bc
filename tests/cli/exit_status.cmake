# Runs the examples of docs/reference/exit_status.md: each row "| N | meaning | `actlab …` |"
# whose example is a command must end with status N (run with the shell, so the example may
# redirect), and a failure must write one line on stderr.
#   cmake -DTOOL=<actlab> -DDOC=<exit_status.md> -P exit_status.cmake
cmake_policy(VERSION 3.25)
file(STRINGS "${DOC}" rows ENCODING UTF-8 REGEX "^\\| *[0-9]+ \\|")
set(examples 0)
foreach(row IN LISTS rows)
    if(NOT row MATCHES "^\\| *([0-9]+) \\|.*\\| `actlab ([^`]*)` \\|$")
        continue()
    endif()
    set(status "${CMAKE_MATCH_1}")
    set(command "\"${TOOL}\" ${CMAKE_MATCH_2}")
    execute_process(COMMAND sh -c "${command}" RESULT_VARIABLE rc OUTPUT_VARIABLE out
        ERROR_VARIABLE err TIMEOUT 60)
    if(NOT rc STREQUAL status)
        message(FATAL_ERROR "${command}: exit status ${rc}, the table says ${status}\n${err}")
    endif()
    if(NOT status STREQUAL "0")
        string(REGEX MATCHALL "\n" lines "${err}")
        list(LENGTH lines n)
        if(NOT n EQUAL 1 OR NOT err MATCHES "^actlab: " OR NOT out STREQUAL "")
            message(FATAL_ERROR "${command}: a failure must be one stderr line and no stdout:\n"
                                "${out}\n---\n${err}")
        endif()
    endif()
    math(EXPR examples "${examples} + 1")
endforeach()
if(examples LESS 3)
    message(FATAL_ERROR "${DOC}: found ${examples} examples, expected at least 3")
endif()
