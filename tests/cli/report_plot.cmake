# One figure kind of `actlab plot` (issue 14): the SVG exists, is well-formed XML (xmllint) and has SERIES plotted series (gnuplot's <g id="gnuplot_plot_N"> groups, distinct ids).
#   -DTOOL=<path> -DKIND=<kind> -DSERIES=<n> -DOUT=<file.svg> [-DACT=<activation>, sigmoid]
#   [-DLEGEND=<text>: a series title the SVG must contain]
cmake_policy(VERSION 3.25)
if(NOT DEFINED ACT)
    set(ACT sigmoid)
endif()
file(REMOVE "${OUT}")
execute_process(COMMAND "${TOOL}" plot ${ACT} --kind ${KIND} --compare relu,tanh -o "${OUT}"
    RESULT_VARIABLE rc ERROR_VARIABLE err TIMEOUT 200)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "actlab plot --kind ${KIND}: exit status ${rc}\n${err}")
endif()
find_program(XMLLINT xmllint)
if(NOT XMLLINT)
    message("xmllint (Debian libxml2-utils) not found: skipped")
    return()
endif()
# Distinct ids: the svg terminal writes a figure with an image (the phase diagram) in two passes,
# each with its gnuplot_plot_N groups.
execute_process(COMMAND "${XMLLINT}" --xpath
    "count(//*[local-name()='g'][starts-with(@id,'gnuplot_plot_')][not(@id = preceding::*[local-name()='g']/@id) and not(@id = ancestor::*[local-name()='g']/@id)])"
    "${OUT}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE n ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${OUT} is not well-formed XML: ${err}")
endif()
string(STRIP "${n}" n)
if(NOT n EQUAL SERIES)
    message(FATAL_ERROR "${OUT}: ${n} series, expected ${SERIES}")
endif()
if(DEFINED LEGEND)
    file(READ "${OUT}" svg)
    string(FIND "${svg}" "${LEGEND}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "${OUT}: no series titled '${LEGEND}'")
    endif()
endif()
