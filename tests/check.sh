#!/bin/sh
# make check: runs every test suite and counts their results.
#
# Each suite is a script that prints one line per test, "PASS: name",
# "FAIL: name: reason" or "SKIP: name: reason", and whatever else it likes.
# This script runs them in order (cheap ones first), keeps everything in
# build/check.log and ends with the one summary line, "N passed, N failed".
#
# A suite cannot hide a failure by what it leaves out. It counts as one more
# failed test, named after the suite, when it
#   - exits non-zero without having printed a FAIL line,
#   - is killed (a signal, or the SUITE_TIMEOUT seconds run out),
#   - prints neither a PASS nor a SKIP line,
#   - is missing or not executable.
# A suite that cannot run at all says so with a SKIP line and its reason.
#
# CHECK_SUITES and CHECK_LOG replace the list and the log, for the test of
# this script itself (tests/host/runner.sh).
set -u
cd "$(dirname "$0")/.."
mkdir -p build
log=${CHECK_LOG:-build/check.log}
suite_timeout=${SUITE_TIMEOUT:-1800}
: >"$log"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ENV:SUITE runs SUITE with ENV ("NAME=value") added. The generator's golden
# tests run on the ASan+UBSan build; its layout tests on the plain one,
# which they also run under valgrind.
asan="KRUST=$(pwd)/build/asan/krust"
suites=${CHECK_SUITES:-"
tests/host/build.sh
tests/host/runner.sh
$asan:tests/golden/run.sh
tests/bindgen/run.sh
tests/layout/run.sh
tests/fuzz/run.sh
tests/host/errors.sh
tests/host/rules.sh
tests/host/macros.sh
tests/compile_fail/run.sh
tests/host/kbuild.sh
tests/host/ibt.sh
tests/host/demo.sh
tests/host/firstbuild.sh
tests/vm/selftest.sh
tests/vm/memcheck.sh
tests/vm/samples.sh
tests/doctests/run.sh
tests/vm/pin.sh
tests/host/helpers.sh
tests/helpers/coverage.sh
tests/helpers/constants.sh
tests/helpers/inferred.sh
"}

# A failed test of the suite itself, in the log and on the terminal.
suite_failed() { echo "FAIL: $1: $2" | tee -a "$log"; }

# Runs one suite, its output both shown and logged, then judges how it ended.
run_suite() {
	suite=$1 env=$2 out=$tmp/out
	echo "== $suite${env:+ ($env)}" | tee -a "$log"
	t0=$(date +%s)
	{
		env $env timeout -k 10 "$suite_timeout" "$suite" </dev/null 2>&1
		echo $? >"$tmp/status"
	} | tee "$out" | tee -a "$log"
	status=$(cat "$tmp/status")
	elapsed=$(($(date +%s) - t0))
	echo "-- $suite: $elapsed s" | tee -a "$log"
	fails=$(grep -c '^FAIL: ' "$out")
	results=$(grep -cE '^(PASS|SKIP): ' "$out")
	if [ "$status" -eq 124 ] && [ "$elapsed" -ge "$suite_timeout" ]; then
		suite_failed "$suite" "timed out after $suite_timeout s"
	elif [ "$status" -gt 128 ]; then
		suite_failed "$suite" "killed by signal $((status - 128)) part-way"
	elif [ "$status" -ne 0 ] && [ "$fails" -eq 0 ]; then
		suite_failed "$suite" "exited with status $status without reporting a failure"
	elif [ "$results" -eq 0 ] && [ "$fails" -eq 0 ]; then
		suite_failed "$suite" "printed no PASS or SKIP line"
	fi
}

start=$(date +%s)
for entry in $suites; do
	suite=${entry##*:}
	env=
	[ "$suite" = "$entry" ] || env=${entry%:*}
	if [ ! -f "$suite" ] || [ ! -x "$suite" ]; then
		suite_failed "$suite" "missing or not executable"
		continue
	fi
	run_suite "$suite" "$env"
done

passed=$(grep -c '^PASS: ' "$log")
failed=$(grep -c '^FAIL: ' "$log")
skipped=$(grep -c '^SKIP: ' "$log")
echo "check took $(($(date +%s) - start)) s; the full log is in $log"
grep -e '^FAIL: ' -e '^SKIP: ' "$log"
[ "$skipped" -eq 0 ] || echo "$skipped skipped (each SKIP line above says why)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
