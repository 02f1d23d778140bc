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
    # Formulas as a person writes them (issue 14): no β/β, −(1 − tanh²) where it is meant.
    actlab_report_approval(diff.printed BASELINE diff_printed.txt
        COMMANDS "diff softplus" "diff softplus --format latex" "diff softplus --order 2"
            "diff softplus --order 2 --format latex" "diff softplus --format cpp"
            "diff tanh --order 2" "diff tanh --order 2 --format latex" "diff tanh --order 3"
            "diff sigmoid --format latex" "diff mish --order 2" "diff selu")

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
    actlab_cli_test(report.bad.kind.hint ARGS plot relu --kind cobwb -o x.svg RC 2
        STDERR "^actlab: unknown plot kind 'cobwb' \\(did you mean 'cobweb'\\?\\)")
    actlab_cli_test(report.bad.param ARGS report --param a=1 RC 2 STDERR "--param goes with --expr")

    # --version is the CMake project's version; every subcommand's --help has an example.
    string(REPLACE "." "\\." version "${PROJECT_VERSION}")
    actlab_cli_test(version ARGS --version STDOUT "^actlab ${version}\n$")
    foreach(sub analyze orbit meanfield eoc list mlp report table show diff plot)
        actlab_cli_test(help.example.${sub} ARGS ${sub} --help STDOUT "Example: actlab ${sub}")
    endforeach()
    actlab_cli_test(help.example ARGS --help STDOUT "Example: actlab")
    actlab_cli_test(help.example.mlp_compare ARGS mlp compare --help
        STDOUT "Example: actlab mlp compare")
    # report --expr: the formula is a row of its own.
    actlab_cli_test(report.expr ARGS report --expr "x*sigmoid(x)" --format csv
        STDOUT "^name,formula,.*\nx\\*sigmoid\\(x\\),x·σ\\(x\\)," TIMEOUT 60)
    actlab_cli_test(report.expr.param ARGS report --acts relu --expr "x*sigmoid(b*x)" --param b=2
        --format csv STDOUT "\nrelu,.*\nx\\*sigmoid\\(b\\*x\\),x·σ\\(b·x\\)," TIMEOUT 60)
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
    # The derivatives' legend shows primes, not the quote that ends a gnuplot title (f").
    add_test(NAME cli.report.plot.derivative_legend
        COMMAND "${CMAKE_COMMAND}" "-DTOOL=$<TARGET_FILE:actlab_cli>" -DKIND=derivatives
            -DSERIES=3 "-DLEGEND=sigmoid f″"
            "-DOUT=${CMAKE_CURRENT_BINARY_DIR}/report_plot_derivative_legend.svg"
            -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/report_plot.cmake")
    set_tests_properties(cli.report.plot.derivative_legend PROPERTIES LABELS cli TIMEOUT 120)
    # The phase diagram of tanh: the χ1 heat map and the edge-of-chaos curve.
    add_test(NAME cli.report.plot.phase
        COMMAND "${CMAKE_COMMAND}" "-DTOOL=$<TARGET_FILE:actlab_cli>" -DKIND=phase -DSERIES=2
            -DACT=tanh "-DOUT=${CMAKE_CURRENT_BINARY_DIR}/report_plot_phase.svg"
            -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/report_plot.cmake")
    set_tests_properties(cli.report.plot.phase PROPERTIES LABELS cli TIMEOUT 240)

    # docs/notes/ is what the current code generates (tests/cli/docs_fresh.cmake).
    add_test(NAME cli.docs_fresh
        COMMAND "${CMAKE_COMMAND}" "-DTOOL=$<TARGET_FILE:actlab_cli>"
            "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}" "-DWORK=${CMAKE_CURRENT_BINARY_DIR}/docs_fresh"
            -P "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/docs_fresh.cmake")
    set_tests_properties(cli.docs_fresh PROPERTIES LABELS cli TIMEOUT 300)
endfunction()
cmake_language(DEFER DIRECTORY "${PROJECT_SOURCE_DIR}" CALL _actlab_cli_report_tests)
