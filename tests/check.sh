#!/bin/sh
# make check: runs every test suite and counts their results.
#
# Each suite is a script that prints one line per test, "PASS: name",
# "FAIL: name: reason" or "SKIP: name: reason", and whatever else it likes.
# This script runs them in order (cheap ones first), keeps everything in
# build/check.log and ends with the one summary line.
set -u
cd "$(dirname "$0")/.."
mkdir -p build
log=build/check.log
: >"$log"

# The generator's golden tests run on the ASan+UBSan build; its layout tests
# on the plain one, which they also run under valgrind.
asan="KRUST=$(pwd)/build/asan/krust"
suites="
tests/host/build.sh
$asan:tests/golden/run.sh
tests/bindgen/run.sh
tests/layout/run.sh
tests/fuzz/run.sh
tests/host/errors.sh
tests/host/rules.sh
tests/compile_fail/run.sh
tests/host/kbuild.sh
tests/host/firstbuild.sh
tests/vm/selftest.sh
tests/vm/samples.sh
tests/doctests/run.sh
tests/host/helpers.sh
tests/helpers/coverage.sh
tests/helpers/constants.sh
tests/helpers/inferred.sh
"

start=$(date +%s)
for entry in $suites; do
	suite=${entry##*:}
	env=
	[ "$suite" = "$entry" ] || env=${entry%:*}
	if [ ! -x "$suite" ]; then
		echo "FAIL: $suite: missing or not executable" | tee -a "$log"
		continue
	fi
	echo "== $suite${env:+ ($env)}" | tee -a "$log"
	env $env "$suite" 2>&1 | tee -a "$log"
done

passed=$(grep -c '^PASS: ' "$log")
failed=$(grep -c '^FAIL: ' "$log")
skipped=$(grep -c '^SKIP: ' "$log")
echo "check took $(( $(date +%s) - start )) s; the full log is in $log"
grep '^FAIL: ' "$log" || true
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
