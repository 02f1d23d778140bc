# cli.mlp.*: the `actlab mlp` command (issue 16). Included from tests/cli/CMakeLists.txt.

function(_actlab_cli_mlp_tests)
    if(NOT TARGET actlab_cli)
        return()
    endif()
    set(data "${PROJECT_SOURCE_DIR}/tests/data/mlp")
    set(playground --playground --dataset circle --seed 0.12345 --act relu --shape 4,2
        --batch 10 --lr 0.03 --epochs 100 --checkpoints 0,100)

    # The Playground's own numbers (issue 16): test loss 0.5093260521891815 before training and
    # 0.022558114330129324 after 100 epochs; at least 12 significant digits must agree.
    actlab_cli_test(mlp.playground JSON
        ARGS mlp ${playground} --format json
        KEYS runs.0.activation runs.0.seed summary.target summary.by_activation.0.runs
        DECIMALS runs.0.checkpoints.*.train_loss runs.0.checkpoints.*.test_loss
            runs.0.checkpoints.*.train_accuracy runs.0.checkpoints.*.test_accuracy
        CHECKS "runs.0.checkpoints.0.epoch=0" "runs.0.checkpoints.1.epoch=100"
            "runs.0.seed=0.12345" "runs.0.activation=relu"
        MATCHES "runs.0.checkpoints.0.test_loss=^0\\.509326052189[0-9]*$"
            "runs.0.checkpoints.1.test_loss=^0\\.0225581143301[0-9]*$"
        LENGTH "runs=1" "runs.0.checkpoints=2"
        TIMEOUT 20)

    actlab_cli_test(mlp.playground.text
        ARGS mlp ${playground}
        STDOUT "epoch +train_loss +test_loss.*\n0 +[0-9.]+ +0\\.509326052189"
        TIMEOUT 20)

    foreach(format md latex csv)
        actlab_cli_test(mlp.format.${format}
            ARGS mlp ${playground} --format ${format}
            STDOUT "0\\.509326052189"
            TIMEOUT 20)
    endforeach()

    actlab_cli_test(mlp.compare
        ARGS mlp compare --acts linear,relu --dataset circle --seeds 3 --epochs 50
        STDOUT "activation +runs +mean_test_accuracy.*\nidentity +3 .*\nrelu +3 "
        TIMEOUT 30)

    actlab_cli_test(mlp.csv_data JSON
        ARGS mlp --data "${data}/points.csv" --train 50 --epochs 5 --format json
        LENGTH "runs=1"
        TIMEOUT 20)

    # Same seeds, different thread counts: the same output.
    actlab_cli_test(mlp.threads
        ARGS mlp compare --acts tanh,sin --seeds 4 --epochs 20 --threads 1 --format json
        COMPARE mlp compare --acts tanh,sin --seeds 4 --epochs 20 --threads 2 --format json
        TIMEOUT 30)

    # ---- bad input: one line on stderr, exit status 2 ------------------------------------
    actlab_cli_test(mlp.bad.zero_width RC 2 STDERR "^actlab: [^\n]*\n$"
        ARGS mlp --shape 4,0)
    actlab_cli_test(mlp.bad.unknown_dataset RC 2 STDERR "^actlab: [^\n]*dataset[^\n]*\n$"
        ARGS mlp --dataset moons)
    actlab_cli_test(mlp.bad.unknown_activation RC 2 STDERR "^actlab: [^\n]*\n$"
        ARGS mlp --act gleu)
    actlab_cli_test(mlp.bad.malformed_csv RC 2 STDERR "^actlab: [^\n]*malformed.csv:3[^\n]*\n$"
        ARGS mlp --data "${data}/malformed.csv")
    actlab_cli_test(mlp.bad.label RC 2 STDERR "^actlab: [^\n]*bad_label.csv:2: label[^\n]*\n$"
        ARGS mlp --data "${data}/bad_label.csv")
    actlab_cli_test(mlp.bad.negative_lr RC 2 STDERR "^actlab: [^\n]*--lr[^\n]*\n$"
        ARGS mlp --lr -0.1)
    actlab_cli_test(mlp.bad.feature RC 2 STDERR "^actlab: [^\n]*feature[^\n]*\n$"
        ARGS mlp --features x1,cosx)
    actlab_cli_test(mlp.bad.act_count RC 2 STDERR "^actlab: [^\n]*\n$"
        ARGS mlp --shape 4,2 --act relu,tanh,sin)
endfunction()

if(TARGET actlab_cli)
    _actlab_cli_mlp_tests()
else()
    cmake_language(DEFER DIRECTORY "${PROJECT_SOURCE_DIR}" CALL _actlab_cli_mlp_tests)
endif()
