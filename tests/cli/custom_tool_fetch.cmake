# custom_tool.fetchcontent: the template docs/examples/custom_tool/ as a user builds it, outside
# actlab's tree — FetchContent with -DFETCHCONTENT_SOURCE_DIR_ACTLAB=<this repository> (the
# template README's way to use a clone; FETCHCONTENT_FULLY_DISCONNECTED, so nothing is
# downloaded). The template is copied to WORK and configured with the compiler and generator of
# the calling build; the commands that build mytool (`ninja -t commands mytool`; with another
# generator only the configuration is checked) must compile the template's main.cpp and
# tools/actlab/ and link actlab_cli_lib. It is not built here:
# that compiles the whole tool a second time (minutes of CPU); the tests custom_tool.* run the
# same sources built in-tree.
#   -DSOURCE_DIR=<repository> -DWORK=<scratch directory> -DCXX=<compiler> -DGENERATOR=<generator>
#   -DMAKE_PROGRAM=<ninja>
cmake_policy(VERSION 3.25)
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
file(COPY "${SOURCE_DIR}/docs/examples/custom_tool/" DESTINATION "${WORK}/src")
execute_process(COMMAND "${CMAKE_COMMAND}" -S "${WORK}/src" -B "${WORK}/build" -G "${GENERATOR}"
        "-DCMAKE_CXX_COMPILER=${CXX}" -DCMAKE_BUILD_TYPE=Release
        "-DFETCHCONTENT_SOURCE_DIR_ACTLAB=${SOURCE_DIR}" -DFETCHCONTENT_FULLY_DISCONNECTED=ON
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "configuring the template with FetchContent failed (${rc}):\n${out}\n${err}")
endif()
if(GENERATOR MATCHES "Ninja")
    execute_process(COMMAND "${MAKE_PROGRAM}" -C "${WORK}/build" -t commands mytool
        RESULT_VARIABLE rc OUTPUT_VARIABLE plan ERROR_VARIABLE err TIMEOUT 60)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "the template's build has no target mytool (${rc}):\n${err}")
    endif()
    foreach(file "${WORK}/src/main.cpp" "tools/actlab/main.cpp" "libactlab_cli_lib.a")
        string(FIND "${plan}" "${file}" at)
        if(at EQUAL -1)
            message(FATAL_ERROR "building mytool would not compile or link ${file}:\n${plan}")
        endif()
    endforeach()
endif()
file(REMOVE_RECURSE "${WORK}")
