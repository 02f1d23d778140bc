#!/bin/sh
# Instructions per training example of bench/mlp's benchmarks, counted by callgrind over the
# epochs alone (the out-of-line `one_epoch` of bench/mlp.cpp; 250 examples per epoch, the
# Playground's circle training set). Instruction counts do not depend on the machine's load.
#   bench/mlp_callgrind.sh build/gcc/bench/mlp circle/relu circle/tanh ...
set -eu
bin=$1
shift
for name in "$@"; do
    out=$(mktemp)
    valgrind --tool=callgrind --toggle-collect='*one_epoch*' --callgrind-out-file="$out" \
        "$bin" --benchmark_filter="^$name\$" --benchmark_min_time=0.05 >/dev/null 2>&1
    # the id callgrind gives one_epoch, then the calls of it and the instructions collected
    id=$(sed -n 's/^c\{0,1\}fn=(\([0-9]*\)) .*one_epoch.*/\1/p' "$out" | head -n 1)
    calls=$(awk -v c="cfn=($id)" '$1 == c { getline; sub("calls=", "", $1); n += $1 } END { print n }' "$out")
    ir=$(awk '/^summary:/ { print $2 }' "$out")
    awk -v n="$name" -v ir="$ir" -v c="$calls" \
        'BEGIN { printf "%-22s %8.1f instructions per example (%d epochs)\n", n, ir / (c * 250), c }'
    rm -f "$out"
done
