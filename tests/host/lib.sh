# Shared by the host-side test scripts: result lines in the format
# tests/check.sh counts, and a few checks.
#   pass NAME / fail NAME REASON
#   expect_error NAME PATTERN CMD...   CMD must fail, and its stderr match PATTERN
#                                      (grep -E) in exactly one "error:" line
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
KRUST=$ROOT/build/krust
SUITE=${SUITE:-host}
failures=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

pass() { echo "PASS: $SUITE/$1"; }
fail() {
	echo "FAIL: $SUITE/$1: $2"
	failures=$((failures + 1))
}

# Indents a file's last lines under a failure.
show() { tail -n "${2:-20}" "$1" | sed 's/^/    /'; }

expect_error() {
	name=$1 pattern=$2
	shift 2
	if "$@" >"$TMP/out" 2>"$TMP/err"; then
		fail "$name" "succeeded, but should have failed"
		return
	fi
	errors=$(grep -c 'error:' "$TMP/err")
	if ! grep -qE "$pattern" "$TMP/err"; then
		fail "$name" "the error does not match /$pattern/"
		show "$TMP/err"
	elif [ "$errors" -ne 1 ]; then
		fail "$name" "expected one error line, got $errors"
		show "$TMP/err"
	else
		pass "$name"
	fi
}

# The kernel build tree the tests target.
kdir() { "$KRUST" config --kdir; }

# make -C KDIR M=DIR, with output in $TMP/make.log.
kbuild() {
	dir=$1
	shift
	make -C "$(kdir)" M="$dir" "$@" >"$TMP/make.log" 2>&1
}

finish() { [ "$failures" -eq 0 ]; }

# A VM suite cannot run when the target kernel has no installed image: it
# says so in a SKIP line and ends. Any other trouble (krust config failing)
# is left to the suite, which fails on it.
vm_or_skip() {
	if "$KRUST" config 2>/dev/null | grep -q '^image: *(not installed)'; then
		echo "SKIP: $SUITE/$1: the kernel in $(kdir) has no installed image to boot"
		exit 0
	fi
}

# kbuild DIR, or: report test NAME as failed (REASON, else which make failed),
# show the build log and end the suite.
kbuild_or_end() {
	name=$1 dir=$2 reason=${3:-}
	kbuild "$dir" && return
	fail "$name" "${reason:-make -C KDIR M=${dir#"$ROOT"/} failed}"
	show "$TMP/make.log" 40
	finish
	exit
}

# add_samples PREFIX SAMPLE...: builds each sample and appends to $args what
# krust vm needs to run its in-VM test (samples/NAME/test.sh) as
# PREFIX+NAME: the module, and its C programs built static (busybox has no
# libc) as /krust/PROGRAM in the guest.
add_samples() {
	prefix=$1
	shift
	for s in "$@"; do
		kbuild_or_end "build-$s" "$ROOT/samples/$s"
		args="$args --module $ROOT/samples/$s/$s.ko --test $prefix$s=$ROOT/samples/$s/test.sh"
		for c in "$ROOT/samples/$s"/*.c; do
			[ -e "$c" ] || continue
			case $c in *.mod.c) continue ;; esac # Kbuild's, not a program
			prog=$(basename "$c" .c)
			if ! gcc -std=c17 -Wall -Wextra -Werror -O2 -static -o "$TMP/$prog" "$c" 2>"$TMP/gcc.log"; then
				fail "build-$prog" "gcc -static $c failed"
				show "$TMP/gcc.log"
				continue
			fi
			args="$args --file $TMP/$prog:/krust/$prog"
		done
	done
}
