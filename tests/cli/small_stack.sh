#!/bin/sh
# Everything the tool does, within 1 MB of stack (issue 12): every catalogue activation
# analysed, and every other command once, under `ulimit -s 1024`. Usage: small_stack.sh TOOL
set -u
tool=$1
ulimit -s 1024 || { echo "small_stack: cannot set ulimit -s 1024" >&2; exit 1; }
status=0
run() {
    "$tool" "$@" > /dev/null 2> /tmp/actlab_small_stack.$$ || {
        echo "FAILED (status $?): actlab $*: $(head -c 300 /tmp/actlab_small_stack.$$)" >&2
        status=1
    }
}
for name in $("$tool" list | awk '/^[^ ]/ { print $1 }'); do
    run analyze "$name" --digits 20
done
run analyze --expr "x*tanh(softplus(x))" --format json
run orbit sigmoid --x0 1 --depth 1000
run orbit tanhshrink --x0 1 --depth 10
run meanfield tanh --sigma-w2 1.5 --sigma-b2 0.05
run eoc tanh --sigma-b2 0.05
run mlp --playground --dataset circle --seed 0.12345 --act relu --shape 4,2 --epochs 5
rm -f /tmp/actlab_small_stack.$$
exit $status
