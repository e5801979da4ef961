#!/bin/sh
# tests/check.sh itself, on fake suites (tests/host/fake-suites/): a suite
# that fails, exits non-zero, prints nothing, is killed part-way, hangs, is
# missing or not executable counts as failed, with its name; a suite that
# cannot run says SKIP. The closing line counts all of it.
SUITE=runner
. "$(dirname "$0")/lib.sh"

f=tests/host/fake-suites
suites="$f/good.sh $f/fails.sh $f/nonzero.sh $f/silent.sh $f/dies.sh $f/skips.sh
$f/hangs.sh FAKE_ENV=1:$f/env.sh $f/missing.sh $f/notexec.sh $f/stdin.sh"
CHECK_SUITES=$suites CHECK_LOG=$TMP/check.log SUITE_TIMEOUT=3 timeout 120 tests/check.sh \
	>"$TMP/out" 2>&1
status=$?

# expect NAME PATTERN: a line of the run's output matches PATTERN (grep -E).
expect() {
	if grep -qE -e "$2" "$TMP/out"; then
		pass "$1"
	else
		fail "$1" "no line matches /$2/"
		show "$TMP/out" 40
	fi
}
if [ "$status" -eq 1 ]; then
	pass fails-the-run
else
	fail fails-the-run "tests/check.sh exited with $status; wanted 1"
fi
expect failed-test-counts "^FAIL: fake/d: it broke$"
expect nonzero-exit-counts "^FAIL: $f/nonzero.sh: exited with status 3 without reporting a failure$"
expect no-pass-counts "^FAIL: $f/silent.sh: printed no PASS or SKIP line$"
expect killed-counts "^FAIL: $f/dies.sh: killed by signal 9 part-way$"
expect hang-counts "^FAIL: $f/hangs.sh: timed out after 3 s$"
expect missing-counts "^FAIL: $f/missing.sh: missing or not executable$"
expect not-executable-counts "^FAIL: $f/notexec.sh: missing or not executable$"
expect skip-is-not-a-failure "^1 skipped"
expect env-reaches-the-suite "^PASS: fake/env$"
if grep -q 'fake/never' "$TMP/out"; then
	fail nothing-after-death "a killed suite's later lines were counted"
else
	pass nothing-after-death
fi
expect suites-are-timed "^-- $f/good.sh: [0-9]+ s$"
# good 2, fails 1, nonzero 1, dies 1, hangs 1, env 1, stdin 1: 8 passed; d
# and the six suites that ended badly: 7 failed. The stdin suite reads no
# line: a suite's standard input is empty, so none can wait on a terminal.
last=$(tail -n 1 "$TMP/out")
if [ "$last" = "8 passed, 7 failed" ]; then
	pass closing-line
else
	fail closing-line "the closing line is '$last'; wanted '8 passed, 7 failed'"
	show "$TMP/out" 40
fi
finish
