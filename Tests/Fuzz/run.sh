#!/usr/bin/env bash
# Builds one fuzz harness with libFuzzer and AddressSanitizer and runs it.
#
#   Tests/Fuzz/run.sh TARGET [SECONDS] [LIBFUZZER-OPTION …]   fuzz TARGET for SECONDS (default 60)
#   Tests/Fuzz/run.sh TARGET replay                           run the committed inputs once, then stop
#   Tests/Fuzz/run.sh list                                    list the targets
#
# Targets (sources in Tests/Fuzz/Harnesses/TARGET, seeds in Tests/Fuzz/Corpus/TARGET):
#   network-file  trace  idx  repl  expression  lesson  keys  script
#
# It builds in release mode in .build-fuzz (apart from the normal .build) with BACKPROP_FUZZ=1, which
# makes Package.swift declare the harnesses. It starts from the committed seeds and the committed
# regression inputs (Tests/Fuzz/Regressions/TARGET) and writes to fuzz-out/TARGET/ (git-ignored):
#   corpus/     the working corpus (new inputs libFuzzer found interesting; kept between runs)
#   findings/   crash-*, timeout-*, oom-* inputs, if any
#   log.txt     libFuzzer's output; its last "#N DONE cov: … ft: … corp: …" line and the stat:: lines
#               are the figures for Tests/Fuzz/RESULTS.md.
# The harnesses read the files in Tests/Fuzz/Sandbox (the repl harness works in a private copy).
# One process, one thread (the machine is shared). Extra options go to libFuzzer, e.g. -max_len=8192
# or -jobs=1 -workers=1. The exit status is libFuzzer's: 0 when nothing was found.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -d /opt/swift/usr/bin ]; then export PATH="/opt/swift/usr/bin:$PATH"; fi

targets=(network-file trace idx repl expression lesson keys script)
if [ $# -lt 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
    exit 2
fi
if [ "$1" = "list" ]; then
    printf '%s\n' "${targets[@]}"
    exit 0
fi
target=$1
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))
if [[ ! " ${targets[*]} " =~ " ${target} " ]]; then
    echo "run.sh: unknown target '$target'; targets: ${targets[*]}" >&2
    exit 2
fi
if [ "$seconds" != replay ] && ! [[ "$seconds" =~ ^[0-9]+$ ]]; then
    echo "run.sh: SECONDS must be a whole number or 'replay', not '$seconds'" >&2
    exit 2
fi

# lld, not the default gold: gold cannot link a second main() next to libFuzzer's (see FuzzDriver.h).
# -enable-testing lets a harness `@testable import` the internal API it drives (the lesson harness
# evaluates answer and check expressions).
build=(swift build -c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
       -Xswiftc -enable-testing)
export BACKPROP_FUZZ=1
# ld.gold warns about every AddressSanitizer helper symbol; those lines say nothing.
set +e
"${build[@]}" --product "fuzz-$target" 2>&1 | grep -v "Cannot export local symbol" >&2
built=${PIPESTATUS[0]}
set -e
[ "$built" -eq 0 ] || { echo "run.sh: building fuzz-$target failed" >&2; exit "$built"; }
binary="$("${build[@]}" --show-bin-path)/fuzz-$target"

# Absolute paths: the repl harness changes its working directory to a sandbox folder.
root=$(pwd)
seeds=$root/Tests/Fuzz/Corpus/$target
regressions=$root/Tests/Fuzz/Regressions/$target
inputs=("$seeds")
[ -d "$regressions" ] && inputs+=("$regressions")

# Per target: the longest input worth trying (libFuzzer's default would be the longest seed).
case $target in
    network-file|trace) max_len=8192 ;;
    idx) max_len=4096 ;;
    lesson) max_len=8192 ;;
    script) max_len=4096 ;;
    repl|keys) max_len=512 ;;
    expression) max_len=128 ;;
esac
# No leak detection (neither libFuzzer's per input nor AddressSanitizer's at exit), as in the README's
# sanitizer test run: LeakSanitizer cannot see a pointer that a Swift enum keeps with its case number
# in the pointer's spare bits, so the lessons parsed once per process (Session.shipped: the `checks`
# of a choice question) are reported as leaked.
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
common=(-timeout=10 -rss_limit_mb=2048 -max_len=$max_len -print_final_stats=1 -detect_leaks=0)

if [ "$seconds" = replay ]; then
    files=()
    for dir in "${inputs[@]}"; do
        while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$dir" -type f -print0 | sort -z)
    done
    echo "replaying ${#files[@]} inputs for $target" >&2
    exec "$binary" "${common[@]}" "$@" "${files[@]}"
fi

out=$root/fuzz-out/$target
mkdir -p "$out/corpus" "$out/findings"
echo "fuzzing $target for $seconds s; output in $out/" >&2
touch "$out/started"
set +e
"$binary" "${common[@]}" -max_total_time="$seconds" -artifact_prefix="$out/findings/" "$@" \
    "$out/corpus" "${inputs[@]}" 2>&1 | tee "$out/log.txt"
status=${PIPESTATUS[0]}
set -e
found=$(find "$out/findings" -type f -newer "$out/started" | wc -l)
echo "--- $target: exit status $status; $found new finding(s) in $out/findings" >&2
exit "$status"
