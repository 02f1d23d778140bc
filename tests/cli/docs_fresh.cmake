# The docs freshness test (issue 14): docs/notes/ holds what the current code generates.
# Regenerates the pages into WORK with scripts/regenerate-docs --into, then compares with the
# committed docs/notes/: every page exactly (the generated tables are text), and for every
# figure the gnuplot script kept with --keep-script (FILE.svg.gp: the data inline and the
# script), not the rendered SVG, whose bytes depend on the gnuplot version. A committed figure
# or script that no page makes any more is an error too. The MLP experiments' pages and figures
# (experiments-*, written whole by docs/notes/experiments-regenerate.sh, which trains networks)
# are not regenerated here: their pages are compared with themselves, their figures skipped;
# cli.experiments_fresh (experiments_fresh.cmake) checks them.
#   -DTOOL=<actlab> -DSOURCE_DIR=<repository> -DWORK=<scratch directory>
cmake_policy(VERSION 3.25)
file(REMOVE_RECURSE "${WORK}")
execute_process(COMMAND bash "${SOURCE_DIR}/scripts/regenerate-docs" --tool "${TOOL}"
        --into "${WORK}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 280)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "scripts/regenerate-docs failed (status ${rc}):\n${err}")
endif()
set(committed_dir "${SOURCE_DIR}/docs/notes")
file(GLOB_RECURSE committed RELATIVE "${committed_dir}" "${committed_dir}/*.md"
    "${committed_dir}/*.gp" "${committed_dir}/*.svg")
file(GLOB_RECURSE fresh RELATIVE "${WORK}" "${WORK}/*.md" "${WORK}/*.gp" "${WORK}/*.svg")
set(problems "")
foreach(f IN LISTS fresh)
    if(NOT f IN_LIST committed)
        string(APPEND problems "  not committed: docs/notes/${f}\n")
    elseif(NOT f MATCHES "\\.svg$")
        file(READ "${committed_dir}/${f}" a)
        file(READ "${WORK}/${f}" b)
        if(NOT a STREQUAL b)
            string(APPEND problems "  differs: diff docs/notes/${f} ${WORK}/${f}\n")
        endif()
    endif()
endforeach()
foreach(f IN LISTS committed)
    if(NOT f IN_LIST fresh AND NOT f MATCHES "^experiments-")
        string(APPEND problems "  made by no page any more: docs/notes/${f}\n")
    endif()
endforeach()
if(problems)
    message(FATAL_ERROR "docs/notes/ is not what the current code generates "
        "(run scripts/regenerate-docs):\n${problems}")
endif()
