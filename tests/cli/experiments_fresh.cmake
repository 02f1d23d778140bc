# cli.experiments_fresh: docs/notes/experiments-*.md (the MLP experiments, issue 17) and their
# figures' data and gnuplot scripts (FILE.svg.gp, kept with --keep-script) are what the current
# code generates. Runs docs/notes/experiments-regenerate.sh for the pages of PAGES in WORK (as
# the repository root: it writes WORK/docs/notes/) and compares each page and each .gp byte for
# byte with the committed one; the SVG renderings are not compared (their bytes depend on the
# gnuplot version). Every page but width is regenerated (about 4 s of CPU in all); width trains
# its networks for about 90 s of CPU (2026-12-07, `/usr/bin/time sh
# docs/notes/experiments-regenerate.sh width`), too long for a test, so its page and figure are
# not checked here. The learnable page's figures (mlp --plot-act) keep their scripts too.
#   -DTOOL=<actlab> -DSOURCE_DIR=<repository> -DWORK=<scratch directory> [-DPAGES=<;-list>]
cmake_policy(VERSION 3.25)
if(NOT DEFINED PAGES)
    set(PAGES depth activations-only kan circle learnable)
endif()
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/docs/notes")
execute_process(COMMAND "${CMAKE_COMMAND}" -E env "ACTLAB=${TOOL}"
        sh "${SOURCE_DIR}/docs/notes/experiments-regenerate.sh" ${PAGES}
    WORKING_DIRECTORY "${WORK}" RESULT_VARIABLE rc ERROR_VARIABLE err TIMEOUT 280)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "docs/notes/experiments-regenerate.sh ${PAGES} failed (status ${rc}):\n"
        "${err}")
endif()
set(committed_dir "${SOURCE_DIR}/docs/notes")
set(fresh_dir "${WORK}/docs/notes")
set(problems "")
foreach(page IN LISTS PAGES)
    file(GLOB fresh RELATIVE "${fresh_dir}" "${fresh_dir}/experiments-${page}*.md"
        "${fresh_dir}/experiments-${page}*.gp")
    file(GLOB committed RELATIVE "${committed_dir}" "${committed_dir}/experiments-${page}*.md"
        "${committed_dir}/experiments-${page}*.gp")
    if(NOT "experiments-${page}.md" IN_LIST fresh)
        string(APPEND problems "  the script wrote no experiments-${page}.md\n")
    endif()
    foreach(f IN LISTS fresh)
        if(NOT f IN_LIST committed)
            string(APPEND problems "  not committed: docs/notes/${f}\n")
            continue()
        endif()
        file(READ "${committed_dir}/${f}" a)
        file(READ "${fresh_dir}/${f}" b)
        if(NOT a STREQUAL b)
            string(APPEND problems "  differs: diff docs/notes/${f} ${fresh_dir}/${f}\n")
        endif()
    endforeach()
    foreach(f IN LISTS committed)
        if(NOT f IN_LIST fresh)
            string(APPEND problems "  made by the script no more: docs/notes/${f}\n")
        endif()
    endforeach()
endforeach()
if(problems)
    message(FATAL_ERROR "docs/notes/experiments-* are not what the current code generates "
        "(run sh docs/notes/experiments-regenerate.sh from the repository root):\n${problems}")
endif()
