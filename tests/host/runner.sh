#!/bin/sh
# tests/check.sh itself, on fake suites (tests/host/fake-suites/): a suite
# that fails, exits non-zero, prints nothing, is killed part-way, hangs, is
# missing or not executable counts as failed, with its name; a suite that
# cannot run says SKIP. The closing line counts all of it.
# The per-kernel suites run on fake kernels (a fake /lib/modules, and fake
# apt tools that say which kernel lines scripts/install-deps installs): once
# per kernel line, newest first, with that kernel's KDIR, their results named
# by kernel; a line not installed is a SKIP; KDIR picks one kernel alone.
# make bench's driver (scripts/bench) too: each benchmark on each kernel,
# its lines labelled by kernel.
SUITE=runner
. "$(dirname "$0")/lib.sh"

f=tests/host/fake-suites
suites="$f/good.sh $f/fails.sh $f/nonzero.sh $f/silent.sh $f/dies.sh $f/skips.sh
$f/hangs.sh FAKE_ENV=1:$f/env.sh $f/missing.sh $f/notexec.sh $f/stdin.sh"
kernel_suites="$f/kernel.sh $f/fails.sh $f/nonzero.sh FAKE_ENV=1:$f/env.sh $f/missing.sh"

# Kernel build trees linked from a fake modules directory; two releases of
# the 6.1 line, of which only the newer is tested.
mods=$TMP/modules
tree() {
	t=$TMP/src/linux-headers-$1
	mkdir -p "$t/include/generated" "$mods/$1"
	printf 'CONFIG_X86=y\nCONFIG_X86_64=y\n' >"$t/.config"
	printf '#define UTS_RELEASE "%s"\n' "$1" >"$t/include/generated/utsrelease.h"
	ln -s "$t" "$mods/$1/build"
}
tree 6.12.7+deb12-amd64
tree 6.1.0-99-amd64
tree 6.1.0-98-amd64
src=$(cd "$TMP/src" && pwd -P)
# What apt says Debian 12's two kernel lines are.
apt=$TMP/apt
mkdir -p "$apt/lists"
printf 'ID=debian\nVERSION_CODENAME=bookworm\n' >"$apt/os-release"
record() { printf 'Package: %s\nDepends: %s (= 1)\n' "${1%@*}" "$2" >"$apt/lists/$1"; }
record linux-image-amd64 linux-image-6.1.0-99-amd64
record linux-headers-amd64 linux-headers-6.1.0-99-amd64
record linux-image-amd64@bookworm-backports linux-image-6.12.7+deb12-amd64
record linux-headers-amd64@bookworm-backports linux-headers-6.12.7+deb12-amd64

# check OUT SUITES KERNEL-SUITES [ENV...]: tests/check.sh on the fake
# kernels, its output in OUT; sets $status.
check() {
	out=$1 once=$2 each=$3
	shift 3
	env -u KDIR CHECK_SUITES="$once" CHECK_KERNEL_SUITES="$each" CHECK_LOG="$TMP/check.log" \
		SUITE_TIMEOUT=3 KRUST_MODULES_DIR="$mods" PATH="$ROOT/tests/host/fake-apt:$PATH" \
		FAKE_APT="$apt" KRUST_OS_RELEASE="$apt/os-release" KRUST_APT_DIR="$TMP/etc-apt" \
		"$@" timeout 120 tests/check.sh >"$out" 2>&1
	status=$?
}
check "$TMP/out" "$suites" "$kernel_suites"

# expect NAME PATTERN [OUT]: a line of the run's output matches PATTERN (grep -E).
expect() {
	if grep -qE -e "$2" "${3:-$TMP/out}"; then
		pass "$1"
	else
		fail "$1" "no line matches /$2/"
		show "${3:-$TMP/out}" 40
	fi
}
# expect_not NAME PATTERN [OUT]: no line matches PATTERN.
expect_not() {
	if grep -qE -e "$2" "${3:-$TMP/out}"; then
		fail "$1" "a line matches /$2/: $(grep -m1 -E -e "$2" "${3:-$TMP/out}")"
	else
		pass "$1"
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

# The per-kernel suites, on 6.12 and then 6.1.
expect kernel-12-named "^PASS: fake\\[6\\.12\\]/kernel-6\\.12\\.7\\+deb12-amd64$"
expect kernel-1-named "^PASS: fake\\[6\\.1\\]/kernel-6\\.1\\.0-99-amd64$"
expect_not older-release-of-a-line-untested "kernel-6\\.1\\.0-98"
expect kernel-failure-named "^FAIL: fake\\[6\\.1\\]/d: it broke$"
expect kernel-suite-failure-named \
	"^FAIL: tests\\[6\\.12\\]/host/fake-suites/nonzero\\.sh: exited with status 3 without reporting a failure$"
expect kernel-missing-named "^FAIL: tests\\[6\\.1\\]/host/fake-suites/missing\\.sh: missing or not executable$"
expect kernel-env-and-kdir "^== $f/env\\.sh \\[6\\.1\\] \\(FAKE_ENV=1 KDIR=$src/linux-headers-6\\.1\\.0-99-amd64\\)$"
expect kernel-env-reaches-the-suite "^PASS: fake\\[6\\.12\\]/env$"
expect kernel-suites-are-timed "^-- $f/kernel\\.sh \\[6\\.12\\]: [0-9]+ s$"
expect kernels-are-timed "^-- kernel 6\\.1: [0-9]+ s$"
expect kernel-counts "^on 6\\.12 \\($src/linux-headers-6\\.12\\.7\\+deb12-amd64\\): 4 PASS, 3 FAIL, 0 SKIP$"
expect_not no-skip-with-both-lines "^SKIP: kernels"
first12=$(grep -n '^PASS: fake\[6\.12\]/kernel' "$TMP/out" | head -n 1 | cut -d: -f1)
first1=$(grep -n '^PASS: fake\[6\.1\]/kernel' "$TMP/out" | head -n 1 | cut -d: -f1)
if [ -n "$first12" ] && [ -n "$first1" ] && [ "$first12" -lt "$first1" ]; then
	pass newest-kernel-first
else
	fail newest-kernel-first "6.12's results are not before 6.1's"
fi

# good 2, fails 1, nonzero 1, dies 1, hangs 1, env 1, stdin 1: 8 passed; d
# and the six suites that ended badly: 7 failed. The stdin suite reads no
# line: a suite's standard input is empty, so none can wait on a terminal.
# On each kernel: kernel, c, e and env passed; d, nonzero and missing failed.
last=$(tail -n 1 "$TMP/out")
if [ "$last" = "16 passed, 13 failed" ]; then
	pass closing-line
else
	fail closing-line "the closing line is '$last'; wanted '16 passed, 13 failed'"
	show "$TMP/out" 40
fi

# make bench's driver on the same kernels: each benchmark on each, every
# line labelled; one failing fails the run at the end, named with its kernel.
env -u KDIR KRUST_MODULES_DIR="$mods" BENCHES="$f/bench-ratio.sh $f/bench-fails.sh" \
	scripts/bench >"$TMP/bench" 2>&1
bench_status=$?
expect bench-labelled "^\\[6\\.12\\] measured on 6\\.12\\.7\\+deb12-amd64$" "$TMP/bench"
expect bench-on-each-kernel "^\\[6\\.1\\] Rust/C 1\\.00x$" "$TMP/bench"
expect_not bench-newest-release-only "6\\.1\\.0-98" "$TMP/bench"
expect bench-failure-named "^bench: failed: $f/bench-fails\\.sh\\[6\\.12\\] $f/bench-fails\\.sh\\[6\\.1\\]$" "$TMP/bench"
if [ "$bench_status" -ne 0 ] && grep -q '^\[6\.1\] cannot measure$' "$TMP/bench"; then
	pass bench-failure-fails-the-run
else
	fail bench-failure-fails-the-run "scripts/bench exited with $bench_status; wanted non-zero, after every kernel"
fi

# One line installed of the two: the other is a SKIP, not a failure.
rm "$mods"/6.1.0-*/build
check "$TMP/one" "$f/good.sh" "$f/kernel.sh"
expect missing-line-skips "^SKIP: kernels\\[6\\.1\\]: linux-headers-6\\.1\\.0-99-amd64 is not installed" "$TMP/one"
if [ "$status" -eq 0 ] && [ "$(tail -n 1 "$TMP/one")" = "3 passed, 0 failed" ]; then
	pass missing-line-passes
else
	fail missing-line-passes "exit status $status, closing line '$(tail -n 1 "$TMP/one")'; wanted 0 and '3 passed, 0 failed'"
	show "$TMP/one"
fi
# ... and when apt cannot say which lines there are, the SKIP says so.
mv "$apt/lists" "$apt/no-lists"
check "$TMP/unknown" "$f/good.sh" "$f/kernel.sh"
expect unknown-lines-skip "^SKIP: kernels: only 6\\.12 is installed, and scripts/install-deps cannot say which other lines to test \\(apt's lists" "$TMP/unknown"
mv "$apt/no-lists" "$apt/lists"

# KDIR: that kernel alone, and a SKIP that says so.
check "$TMP/kdir" "$f/good.sh" "$f/kernel.sh" env KDIR="$src/linux-headers-6.1.0-98-amd64"
expect kdir-picks-the-kernel "^PASS: fake\\[6\\.1\\]/kernel-6\\.1\\.0-98-amd64$" "$TMP/kdir"
expect_not kdir-alone "^PASS: fake\\[6\\.12\\]" "$TMP/kdir"
expect kdir-skips-the-others "^SKIP: kernels: KDIR=.* names the one kernel tested" "$TMP/kdir"
check "$TMP/bad-kdir" "$f/good.sh" "$f/kernel.sh" env KDIR=/nonexistent/kernel
expect bad-kdir-fails "^FAIL: kernels: no kernel build tree to test \\(krust: error: kernel build tree '/nonexistent/kernel' \\(from KDIR\\) does not exist\\)$" "$TMP/bad-kdir"

# No kernel at all: the per-kernel suites cannot run, which is a failure.
rm "$mods"/*/build
check "$TMP/none" "$f/good.sh" "$f/kernel.sh"
expect no-kernel-fails "^FAIL: kernels: no kernel build tree to test \\(krust: error: no kernel headers found" "$TMP/none"
finish
