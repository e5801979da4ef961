#!/bin/sh
# A time-boxed libFuzzer run of krust bindgen (tests/fuzz/bindgen.c), seeded
# with the golden headers. The corpus it grows is kept in build/fuzz/corpus
# for the next run. A crash, a leak or a sanitizer report fails the test and
# leaves the input that caused it in build/fuzz/.
#   FUZZ_TIME   seconds to run (default 60)
# Prints PASS:/FAIL:/SKIP: fuzz/bindgen; exits 1 if it failed.
cd "$(dirname "$0")/../.."
time=${FUZZ_TIME:-60}
out=build/fuzz
if ! command -v clang >/dev/null; then
	echo "SKIP: fuzz/bindgen: clang is not installed"
	exit 0
fi
mkdir -p "$out"
make -s "$out/bindgen" >"$out/build.log" 2>&1 || {
	tail -n 20 "$out/build.log"
	echo "FAIL: fuzz/bindgen: the fuzz target does not build"
	exit 1
}
mkdir -p "$out/corpus"
cp tests/golden/*.h "$out/corpus/"
# -close_fd_mask=2: the generator's own errors about bad headers are expected
mkdir -p "$out/tmp"
# Full stacks for leaks, so that the suppressions can tell libclang's own apart.
export ASAN_OPTIONS=fast_unwind_on_malloc=0
export LSAN_OPTIONS=suppressions=$(pwd)/tests/fuzz/lsan.supp:print_suppressions=0
TMPDIR=$(pwd)/$out/tmp "$out/bindgen" -max_total_time="$time" -timeout=20 -rss_limit_mb=4096 -close_fd_mask=2 \
	-artifact_prefix="$out/" "$out/corpus" >"$out/run.log" 2>&1
rc=$?
rm -rf "$out/tmp"
runs=$(grep -o 'Done [0-9]* runs' "$out/run.log" | tail -n 1)
echo "fuzz/bindgen: ${runs:-no summary} in $time s; corpus $(ls "$out/corpus" | wc -l) inputs; log in $out/run.log"
if [ $rc = 0 ]; then
	echo "PASS: fuzz/bindgen"
else
	grep -m 5 -E 'ERROR|SUMMARY|artifact' "$out/run.log"
	echo "FAIL: fuzz/bindgen: libFuzzer exited with $rc (see $out/run.log)"
	exit 1
fi
