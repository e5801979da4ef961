#!/bin/sh
# make check: runs every test suite and counts their results.
#
# Each suite is a script that prints one line per test, "PASS: name",
# "FAIL: name: reason" or "SKIP: name: reason", and whatever else it likes.
# This script runs them in order (cheap ones first), keeps everything in
# build/check.log and ends with the one summary line, "N passed, N failed".
#
# The suites of the first list run once. Those of the second read a
# kernel's headers, build modules with its Kbuild or boot it: they run once
# per kernel line, each with KDIR set to that kernel's build tree (so each
# VM boots that kernel's own image), the newest line first. A line is the
# newest installed build tree of each release M.N (scripts/kernel-lines);
# with KDIR set, KDIR's kernel alone. Their results are named by kernel,
# the tag M.N after the first component of the name: "PASS: vm[6.12]/boot".
# A line that scripts/install-deps would install but is not installed is
# one SKIP line with the reason.
#
# A suite cannot hide a failure by what it leaves out. It counts as one more
# failed test, named after the suite, when it
#   - exits non-zero without having printed a FAIL line,
#   - is killed (a signal, or the SUITE_TIMEOUT seconds run out),
#   - prints neither a PASS nor a SKIP line,
#   - is missing or not executable.
# A suite that cannot run at all says so with a SKIP line and its reason.
#
# CHECK_SUITES, CHECK_KERNEL_SUITES and CHECK_LOG replace the two lists and
# the log, for the test of this script itself (tests/host/runner.sh).
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
# Once: krust itself, the generator on host headers, the sources' rules,
# and the entry points defined on the default kernel (make demo; errors.sh's
# bad set-ups, which need one real kernel tree to vary).
suites=${CHECK_SUITES-"
tests/host/build.sh
tests/host/runner.sh
tests/host/deps.sh
tests/host/kernels.sh
$asan:tests/golden/run.sh
tests/fuzz/run.sh
tests/host/errors.sh
tests/host/rules.sh
tests/host/macros.sh
tests/host/demo.sh
"}
# Once per kernel line: what reads the kernel's headers with its flags
# (bindings, layouts, helpers, constants), builds with its Kbuild (the
# kernel crate, modules, a first build) or boots it.
kernel_suites=${CHECK_KERNEL_SUITES-"
tests/bindgen/run.sh
tests/layout/run.sh
tests/compile_fail/run.sh
tests/host/kbuild.sh
tests/host/ibt.sh
tests/host/firstbuild.sh
tests/vm/selftest.sh
tests/vm/memcheck.sh
tests/vm/samples.sh
tests/vm/callthunks.sh
tests/doctests/run.sh
tests/vm/pin.sh
tests/vm/drivers.sh
tests/host/mainline.sh
tests/vm/apis.sh
tests/vm/edu.sh
tests/vm/edu_c.sh
tests/host/helpers.sh
tests/helpers/coverage.sh
tests/helpers/constants.sh
tests/helpers/inferred.sh
tests/host/glue.sh
tests/vm/buses.sh
"}

# The result lines on stdin, each name with the kernel's tag TAG after its
# first component ("vm/boot" becomes "vm[6.12]/boot"); without a TAG, the
# lines as they are.
tag_names() {
	if [ -n "$1" ]; then
		sed -u -E "s#^(PASS|FAIL|SKIP): ([^/:]*)#\1: \2[$1]#"
	else
		cat
	fi
}

# suite_failed NAME REASON [TAG]: a failed test of the suite itself, named
# by kernel when TAG is given, in the log and on the terminal.
suite_failed() { echo "FAIL: $1: $2" | tag_names "${3:-}" | tee -a "$log"; }

# run_suite SUITE ENV [TAG]: runs one suite, its output both shown and
# logged, then judges how it ended.
run_suite() {
	suite=$1 env=$2 tag=${3:-} out=$tmp/out
	echo "== $suite${tag:+ [$tag]}${env:+ ($env)}" | tee -a "$log"
	t0=$(date +%s)
	{
		env $env timeout -k 10 "$suite_timeout" "$suite" </dev/null 2>&1
		echo $? >"$tmp/status"
	} | tag_names "$tag" | tee "$out" | tee -a "$log"
	status=$(cat "$tmp/status")
	elapsed=$(($(date +%s) - t0))
	echo "-- $suite${tag:+ [$tag]}: $elapsed s" | tee -a "$log"
	fails=$(grep -c '^FAIL: ' "$out")
	results=$(grep -cE '^(PASS|SKIP): ' "$out")
	if [ "$status" -eq 124 ] && [ "$elapsed" -ge "$suite_timeout" ]; then
		suite_failed "$suite" "timed out after $suite_timeout s" "$tag"
	elif [ "$status" -gt 128 ]; then
		suite_failed "$suite" "killed by signal $((status - 128)) part-way" "$tag"
	elif [ "$status" -ne 0 ] && [ "$fails" -eq 0 ]; then
		suite_failed "$suite" "exited with status $status without reporting a failure" "$tag"
	elif [ "$results" -eq 0 ] && [ "$fails" -eq 0 ]; then
		suite_failed "$suite" "printed no PASS or SKIP line" "$tag"
	fi
}

# run_list LIST [TAG [KDIR]]: each ENV:SUITE of LIST, with KDIR added to
# its environment when given.
run_list() {
	tag=${2:-} kdir=${3:-}
	for entry in $1; do
		suite=${entry##*:}
		env=
		[ "$suite" = "$entry" ] || env=${entry%:*}
		[ -z "$kdir" ] || env="${env:+$env }KDIR=$kdir"
		if [ ! -f "$suite" ] || [ ! -x "$suite" ]; then
			suite_failed "$suite" "missing or not executable" "$tag"
			continue
		fi
		run_suite "$suite" "$env" "$tag"
	done
}

# SKIP lines for the kernel lines that are not tested: each line whose
# headers scripts/install-deps installs but are not installed; all but
# KDIR's; or, when install-deps cannot say which lines there are and one
# alone is installed, the others, whichever they are.
missing_lines() {
	if [ -n "${KDIR:-}" ]; then
		echo "SKIP: kernels: KDIR=$KDIR names the one kernel tested; the others are not"
		return
	fi
	if ! scripts/install-deps --kernel-packages >"$tmp/wanted" 2>"$tmp/wanted.err"; then
		[ "$(wc -l <"$tmp/lines")" -ne 1 ] ||
			echo "SKIP: kernels: only $(cut -d ' ' -f 1 "$tmp/lines") is installed, and scripts/install-deps cannot say which other lines to test ($(sed 's/^krust: error: //' "$tmp/wanted.err" | head -n 1))"
		return
	fi
	sed -n 's/^linux-headers-//p' "$tmp/wanted" | while read -r release; do
		tag=$(echo "$release" | sed -n 's/^\([0-9]*\.[0-9]*\).*/\1/p')
		cut -d ' ' -f 1 "$tmp/lines" | grep -qxF "$tag" ||
			echo "SKIP: kernels[$tag]: linux-headers-$release is not installed, so $tag is not tested (scripts/install-deps installs it, as root)"
	done
}

start=$(date +%s)
run_list "$suites"
scripts/kernel-lines >"$tmp/lines" 2>"$tmp/kernels.err"
missing_lines | tee -a "$log"
if [ -n "$kernel_suites" ] && [ ! -s "$tmp/lines" ]; then
	suite_failed kernels "no kernel build tree to test ($(head -n 1 "$tmp/kernels.err" 2>/dev/null))"
fi
while read -r tag kdir; do
	kernel_start=$(date +%s)
	run_list "$kernel_suites" "$tag" "$kdir"
	echo "-- kernel $tag: $(($(date +%s) - kernel_start)) s" | tee -a "$log"
done <"$tmp/lines"

passed=$(grep -c '^PASS: ' "$log")
failed=$(grep -c '^FAIL: ' "$log")
skipped=$(grep -c '^SKIP: ' "$log")
echo "check took $(($(date +%s) - start)) s; the full log is in $log"
grep -e '^FAIL: ' -e '^SKIP: ' "$log"
# count KIND TAG: how many KIND (PASS, FAIL, SKIP) results are named by TAG.
count() { grep -cE "^$1: [^/:]*\[$2\]" "$log"; }
while read -r tag kdir; do
	echo "on $tag ($kdir): $(count PASS "$tag") PASS, $(count FAIL "$tag") FAIL, $(count SKIP "$tag") SKIP"
done <"$tmp/lines"
[ "$skipped" -eq 0 ] || echo "$skipped skipped (each SKIP line above says why)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
