# Sourced by scripts/format and scripts/check-format.
# actlab_cpp_sources: NUL-separated *.hpp/*.cpp under the formatted folders; git-tracked plus new
# (untracked, not ignored) files in a checkout, every such file otherwise.
actlab_cpp_dirs=(include tests tools bench docs/examples)

actlab_cpp_sources() {
    if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git ls-files -z --cached --others --exclude-standard -- \
            "${actlab_cpp_dirs[@]/%//*.hpp}" "${actlab_cpp_dirs[@]/%//*.cpp}" |
            while IFS= read -r -d '' f; do [[ -f $f ]] && printf '%s\0' "$f"; done
    else
        local d
        for d in "${actlab_cpp_dirs[@]}"; do
            [[ -d $d ]] && find "$d" -type f \( -name '*.hpp' -o -name '*.cpp' \) -print0
        done
    fi
}
