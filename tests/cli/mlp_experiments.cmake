# cli.mlp_experiments.*: `actlab mlp fit`, `actlab mlp depth`, `actlab mlp --model ...`
# (issue 17). Included from tests/cli/CMakeLists.txt. The experiments' effects are tested over
# seeds in tests/runtime/mlp_experiments_*.cpp; here: the commands, their formats and bad input.

function(_actlab_cli_mlp_experiments_tests)
    if(NOT TARGET actlab_cli)
        return()
    endif()
    set(quick_fit mlp fit --widths 1,8 --acts relu,identity --max-steps 50 --points 64
        --test-points 201)

    actlab_cli_test(mlp_experiments.fit.json JSON
        ARGS ${quick_fit} --format json
        KEYS target interval seeds rows.0.activation rows.0.width rows.0.max_error
            rows.0.rms_error rows.0.steps rows.0.converged rows.0.seeds_not_converged
            plateaus.0.degree plateaus.1.max_error
        DECIMALS rows.*.max_error rows.*.rms_error plateaus.*.max_error plateaus.*.rms_error
        CHECKS "rows.0.activation=relu" "rows.0.width=1" "rows.3.activation=identity"
            "plateaus.0.degree=1" "plateaus.1.degree=2"
        LENGTH "rows=4" "plateaus=2"
        TIMEOUT 30)
    actlab_cli_test(mlp_experiments.fit.text
        ARGS ${quick_fit} --seeds 2
        STDOUT "activation +width +max_error +rms_error +max_error_min +max_error_max +steps +converged\n.*best line.*best quadratic.*until converged: every 500 steps.*at most 50 steps.*least squares \\(Eigen"
        TIMEOUT 30)
    # The budget runs out before the rule's first check (at 1000 steps): the row says so.
    actlab_cli_test(mlp_experiments.fit.budget
        ARGS mlp fit --widths 8 --acts relu --max-steps 50 --window 1000 --points 64
            --test-points 201
        STDOUT "relu +8 +[0-9.e-]+ +[0-9.e-]+ +50 +did not converge within 50 steps\n"
        TIMEOUT 30)
    # A window of 10 steps: a width-1 relu layer stops improving at once, long before 5000.
    actlab_cli_test(mlp_experiments.fit.converged JSON
        ARGS mlp fit --widths 1 --acts relu --max-steps 5000 --window 10 --points 64
            --test-points 201 --format json
        CHECKS "rows.0.converged=true" "rows.0.seeds_not_converged=0"
        TIMEOUT 30)
    actlab_cli_test(mlp_experiments.fit.formula
        ARGS mlp fit --target "sin(3*x)" --interval=-1,1 --widths 4 --acts tanh --max-steps 20
            --points 32 --format csv
        STDOUT "^activation,width,max_error,rms_error,steps,converged\ntanh,4,[^\n]*,20,did not converge within 20 steps\n"
        TIMEOUT 30)

    actlab_cli_test(mlp_experiments.depth.json JSON
        ARGS mlp depth --act tanh --layers 10 --width 40 --sigma-w2 1.5 --sigma-b2 0.05
            --seeds 3 --format json
        KEYS activation chi1 ln_chi1 slope_mean slope_sd rows.0.layer rows.0.ln_ratio
        DECIMALS chi1 slope_mean slope_sd rows.*.ln_ratio rows.*.ln_ratio_mean_field
        CHECKS "layers=10" "seeds=3" "rows.9.ln_ratio=0"
        LENGTH "rows=10"
        TIMEOUT 60)

    actlab_cli_test(mlp_experiments.activations_only
        ARGS mlp --model activations-only --act tanh --depth 3 --seeds 3
        STDOUT "activation +depth +seed +train_accuracy +test_accuracy\n.*idempotent.*fixed points of f: [^\n]*0 "
        TIMEOUT 60)
    actlab_cli_test(mlp_experiments.kan JSON
        ARGS mlp --model kan --shape 0 --epochs 40 --grid-extend 20 --format json
        KEYS runs.0.seed runs.0.test_accuracy runs.0.edges.0.formula runs.0.edges.1.r2
        CHECKS "runs.0.edges.0.shape=x^2" "runs.0.edges.1.shape=x^2" "grid=5" "spline_order=3"
        TIMEOUT 60)

    actlab_cli_test(mlp_experiments.learn_act JSON
        ARGS mlp --learn-act per-unit --act prelu --shape 4 --epochs 5 --checkpoints 0,5
            --format json
        KEYS learn_act runs.0.seed runs.0.checkpoints.1.train_loss
            runs.0.checkpoints.1.parameters.0.mean runs.0.checkpoints.1.parameters.0.min
        CHECKS "learn_act=per-unit" "runs.0.checkpoints.1.epoch=5"
            "runs.0.checkpoints.0.parameters.0.name=alpha"
        TIMEOUT 30)
    actlab_cli_test(mlp_experiments.learn_act.text
        ARGS mlp --learn-act per-layer --act swish --shape 4,2 --epochs 5 --checkpoints 0,5
        STDOUT "epoch +train_loss +test_accuracy +layer1\\.beta +layer2\\.beta\n0 "
        TIMEOUT 30)

    # ---- bad input: one line on stderr, exit status 2 ------------------------------------
    foreach(bad_case
            "interval|fit --interval 3,-3"
            "width|fit --widths 0,4"
            "seeds|fit --seeds 0"
            "lr|fit --lr 0"
            "window|fit --window 0"
            "tolerance|fit --tolerance 1"
            "max_steps|fit --max-steps -1"
            "points|fit --points 100 --widths 64"
            "unknown_act|fit --acts relu,gleu"
            "target|fit --target log(x)"
            "format|fit --format latex"
            "sigma|depth --sigma-w2 -1"
            "sigma_text|depth --sigma-w2 1e"
            "depth_seeds|depth --seeds 1"
            "depth_layers|depth --layers 1"
            "model|--model rnn"
            "stack_depth|--model activations-only --depth 0"
            "kan_grid|--model kan --grid 0"
            "kan_extend|--model kan --grid-extend 500"
            "learn_act|--learn-act per-weight"
            "learn_act_none|--learn-act per-layer --act tanh"
            "learn_act_model|--learn-act per-layer --act prelu --model kan")
        string(REPLACE "|" ";" parts "${bad_case}")
        list(GET parts 0 name)
        list(GET parts 1 args)
        separate_arguments(args UNIX_COMMAND "${args}")
        actlab_cli_test(mlp_experiments.bad.${name} RC 2 STDERR "^actlab: [^\n]*\n$"
            ARGS mlp ${args} TIMEOUT 30)
    endforeach()
endfunction()

if(TARGET actlab_cli)
    _actlab_cli_mlp_experiments_tests()
else()
    cmake_language(DEFER DIRECTORY "${PROJECT_SOURCE_DIR}" CALL _actlab_cli_mlp_experiments_tests)
endif()
