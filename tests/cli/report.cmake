# cli.report.*: the note-writing commands (issue 14): report, table, show, diff, plot.
# Included from tests/cli/CMakeLists.txt; text output is compared exactly with the baselines in
# tests/data/report/ (report_approve.cmake), JSON and CSV by their keys, figures by their SVG.

# actlab_report_approval(<name> BASELINE <file> COMMANDS <"args"...>)
function(actlab_report_approval name)
    cmake_parse_arguments(PARSE_ARGV 1 T "" "BASELINE" "COMMANDS")
    list(JOIN T_COMMANDS "|" commands)
    add_test(NAME cli.report.${name}
        COMMAND "${CMAKE_COMMAND}" "-DTOOL=$<TARGET_FILE:actlab_cli>"
            "-DBASELINE=${PROJECT_SOURCE_DIR}/tests/data/report/${T_BASELINE}"
            "-DCOMMANDS=${commands}" -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/report_approve.cmake")
    set_tests_properties(cli.report.${name} PROPERTIES LABELS cli TIMEOUT 180)
endfunction()

function(_actlab_cli_report_tests)
    if(NOT TARGET actlab_cli)
        return()
    endif()
    actlab_report_approval(report.text BASELINE report_relu_sigmoid_tanh_square.txt
        COMMANDS "report --acts relu,sigmoid,tanh,square")
    actlab_report_approval(table.nonlinearity BASELINE table_nonlinearity.txt
        COMMANDS "table nonlinearity --acts relu,sigmoid,sin,square")
    actlab_report_approval(table.nesting BASELINE table_nesting.txt
        COMMANDS "table nesting --acts relu,sigmoid,tanh,cos")
    actlab_report_approval(diff BASELINE diff.txt
        COMMANDS "diff sigmoid" "diff sigmoid --format latex" "diff tanh" "diff tanh --format latex"
            "diff swish --wrt beta" "diff prelu --wrt alpha --format cpp")

    # JSON: an array of row objects keyed by the column ids; CSV: the ids in the header.
    actlab_cli_test(report.json ARGS report --acts relu,sigmoid --format json
        STDOUT "^\\[\n  {\"name\": \"relu\", \"formula\": .*\"universal_approximator\": true.*\"fixed_points\": .*\"idempotent\": true.*\n  {\"name\": \"sigmoid\".*\"idempotent\": false.*\n\\]\n$"
        TIMEOUT 60)
    actlab_cli_test(report.csv ARGS report --acts relu --format csv
        STDOUT "^name,formula,range,derivative_range,monotone,parity,polynomial,universal_approximator,kinks,fixed_points,idempotent,depth\nrelu,"
        TIMEOUT 60)
    actlab_cli_test(report.md ARGS report --acts sigmoid --format md
        STDOUT "\\| sigmoid \\| \\$\\\\sigma\\(x\\)\\$ \\|" TIMEOUT 60)
    actlab_cli_test(report.latex ARGS report --acts sigmoid --format latex
        STDOUT "^\\\\begin{tabular}.*\\\\toprule.*\\\\bottomrule\n\\\\end{tabular}\n$" TIMEOUT 60)
    actlab_cli_test(table.nonlinearity.json
        ARGS table nonlinearity --acts relu,square --format json
        STDOUT "\"name\": \"relu\", \"polynomial\": \"no\", \"universal_approximator\": true, \"monotone\": \"non-decreasing\", \"periodic\": \"no\", \"bounded\": false, .*\"even\": false.*\"name\": \"square\", \"polynomial\": \"2\", \"universal_approximator\": false"
        TIMEOUT 60)
    actlab_cli_test(table.nesting.csv ARGS table nesting --acts sigmoid --format csv
        STDOUT "^name,limit_from_minus_2,limit_from_minus_0_5,limit_from_0_5,limit_from_2,fixed_points,idempotent,convergence\nsigmoid,0.659,0.659,"
        TIMEOUT 60)
    actlab_cli_test(table.learnable ARGS table learnable --acts prelu,swish --format csv
        STDOUT "prelu,alpha = 0.25,alpha,\"∂f/∂alpha = min\\(0, x\\)\"" TIMEOUT 60)
    actlab_cli_test(table.meanfield.relu ARGS table meanfield --acts relu --format csv
        STDOUT "relu,2,2,√2,.*,1,edge of chaos" TIMEOUT 60)
    actlab_cli_test(show.sigmoid ARGS show sigmoid
        STDOUT "f'\\(x\\)   = σ\\(x\\)·\\(1 − σ\\(x\\)\\).*nesting.*0.659.*depth" TIMEOUT 60)

    # Bad input: one line on stderr, exit status 2.
    actlab_cli_test(report.bad.subcommand ARGS reprot RC 2 STDERR "did you mean 'report'")
    actlab_cli_test(report.bad.topic ARGS table nonlin RC 2 STDERR "did you mean 'nonlinearity'")
    actlab_cli_test(report.bad.name ARGS report --acts gleu RC 2 STDERR "did you mean 'gelu'")
    actlab_cli_test(report.bad.digits ARGS report --digits x RC 2 STDERR "^actlab: ")
    actlab_cli_test(report.bad.kind ARGS plot relu --kind pie -o x.svg RC 2 STDERR "^actlab: ")
    actlab_cli_test(report.bad.both ARGS diff relu --expr x RC 2 STDERR "not both")
    actlab_cli_test(report.bad.wrt ARGS diff relu --wrt beta RC 2 STDERR "no parameter 'beta'")
    actlab_cli_test(report.bad.output ARGS plot relu -o /nonexistent/dir/x.svg RC 2
        STDERR "cannot write")
    actlab_cli_test(report.bad.extension ARGS plot relu -o x.gif RC 2 STDERR "\\.svg, \\.png")

    # Every figure kind renders: the SVG parses as XML and has one group per series.
    foreach(kind_series curve:3 derivatives:3 nest:6 cobweb:4 depth:3)
        string(REPLACE ":" ";" ks "${kind_series}")
        list(GET ks 0 kind)
        list(GET ks 1 n)
        add_test(NAME cli.report.plot.${kind}
            COMMAND "${CMAKE_COMMAND}" "-DTOOL=$<TARGET_FILE:actlab_cli>" -DKIND=${kind}
                -DSERIES=${n} "-DOUT=${CMAKE_CURRENT_BINARY_DIR}/report_plot_${kind}.svg"
                -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/report_plot.cmake")
        set_tests_properties(cli.report.plot.${kind} PROPERTIES LABELS cli TIMEOUT 120)
    endforeach()
endfunction()
cmake_language(DEFER DIRECTORY "${PROJECT_SOURCE_DIR}" CALL _actlab_cli_report_tests)
