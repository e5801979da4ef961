#!/bin/sh
# Tests krust vm itself, with the guest scripts in tests/vm/selftest/.
#
# Two boots: one runs passing, failing, hanging and kernel-trouble tests (and
# one that uses --file and --module); the other panics the kernel.
# The runner must report each as it is, exit non-zero and return in bounded
# time. Option errors are checked without booting. Prints "PASS: host/NAME" or
# "FAIL: host/NAME: REASON" for each check. KRUST overrides the binary.
set -u
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
KRUST=${KRUST:-$ROOT/build/krust}
ST=tests/vm/selftest
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0

pass() { echo "PASS: host/$1"; }
fail() {
	echo "FAIL: host/$1: $2"
	failures=$((failures + 1))
}
show() { tail -n 30 "$1" | sed 's/^/    /'; }

# expect NAME PATTERN FILE: FILE has a line matching PATTERN (grep -E).
expect() {
	if grep -qE -e "$2" "$3"; then
		pass "$1"
	else
		fail "$1" "no line matches /$2/"
		show "$3"
	fi
}

# vm NAME MAX_SECONDS ARGS...: runs krust vm; sets $status and $elapsed.
vm() {
	name=$1 max=$2
	shift 2
	start=$(date +%s)
	timeout $((max + 60)) "$KRUST" vm "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
	status=$?
	elapsed=$(($(date +%s) - start))
	if [ "$elapsed" -le "$max" ]; then
		pass "vm-$name-returns-in-time"
	else
		fail "vm-$name-returns-in-time" "took $elapsed s, more than $max s"
	fi
}

expect_status() {
	if [ "$status" -eq "$2" ]; then
		pass "$1"
	else
		fail "$1" "exit status $status, wanted $2"
		show "$TMP/$3.err"
	fi
}

# A small stock module without dependencies, from the kernel the runner
# boots; 6.12's are xz-compressed, which busybox's insmod cannot read, so
# it goes to the guest decompressed.
stock_module() {
	kdir=$("$KRUST" config --kdir 2>/dev/null) || return
	release=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$kdir/include/generated/utsrelease.h")
	for m in test_static_key_base crc7; do
		ko=/lib/modules/$release/kernel/lib/$m.ko
		if [ -f "$ko" ]; then
			echo "$ko"
			return
		elif [ -f "$ko.xz" ] && xz -dc "$ko.xz" >"$TMP/$m.ko"; then
			echo "$TMP/$m.ko"
			return
		fi
	done
}

if [ ! -x "$KRUST" ]; then
	fail vm-selftest "$KRUST is not built"
	exit 1
fi
if "$KRUST" config 2>/dev/null | grep -q '^image: *(not installed)'; then
	echo "SKIP: host/vm-selftest: the target kernel has no installed image to boot"
	exit 0
fi

echo "hello from the host" >"$TMP/hello.txt"
printf '#!/bin/sh\necho hello from a script\n' >"$TMP/hello.sh"
chmod +x "$TMP/hello.sh"
module=$(stock_module)
vm one-boot 90 --timeout 3 --log "$TMP/console.log" \
	--test "$ST/pass.sh" --test "$ST/fail.sh" --test "$ST/hang.sh" \
	--test "kernel-trouble=$ST/trouble.sh" --test "$ST/warning.sh" \
	--test "$ST/says-warning.sh" --test "$ST/files.sh" \
	--file "$TMP/hello.txt:/data/hello.txt" --file "$TMP/hello.sh:/data/hello.sh" \
	${module:+--module "$module"}
out=$TMP/one-boot.out
expect_status vm-fails-when-a-test-fails 1 one-boot
expect vm-pass-is-pass '^PASS: vm/pass$' "$out"
expect vm-fail-is-fail '^FAIL: vm/fail: exit status 1; first not ok: this one fails' "$out"
expect vm-fail-shows-its-output '^    not ok: this one fails' "$out"
expect vm-hang-times-out '^FAIL: vm/hang: timed out$' "$out"
expect vm-kernel-trouble-fails-the-test '^FAIL: vm/kernel-trouble: kernel: ' "$out"
expect vm-kernel-warning-fails-the-test '^FAIL: vm/warning: kernel: WARNING: CPU: 0 PID: [0-9]+ at selftest' "$out"
expect vm-test-output-is-not-kernel-trouble '^PASS: vm/says-warning$' "$out"
expect vm-files-and-modules-reach-the-guest '^PASS: vm/files$' "$out"
expect vm-boot-is-clean '^PASS: vm/boot$' "$out"
expect vm-reports-boot-time '^vm: booted in [0-9.]+ s, 7 tests in [0-9.]+ s, [0-9.]+ s in all$' "$TMP/one-boot.err"
expect vm-log-has-the-console '==krust-vm== done' "$TMP/console.log"
[ -n "$module" ] || echo "SKIP: host/vm-stock-module: no stock module found to load"

vm panic 60 --timeout 20 --test "$ST/panic.sh" --test "$ST/after-panic.sh"
out=$TMP/panic.out
expect_status vm-fails-on-panic 1 panic
expect vm-panic-is-reported '^FAIL: vm/panic: kernel panicked' "$out"
expect vm-tests-after-a-panic-fail '^FAIL: vm/after-panic: not run: kernel panicked during vm/panic$' "$out"

# Option errors: one sentence, exit status 2, no boot.
vm usage-unknown 5 --frobnicate --test "$ST/pass.sh"
expect_status vm-unknown-option-is-refused 2 usage-unknown
expect vm-unknown-option-is-named "error: .*'--frobnicate'" "$TMP/usage-unknown.err"
vm usage-no-tests 5
expect_status vm-no-tests-is-refused 2 usage-no-tests
vm usage-missing 5 --test "$ST/no-such-test.sh"
expect_status vm-missing-test-is-refused 2 usage-missing
vm usage-module 5 --module "$ST/pass.sh" --test "$ST/pass.sh"
expect_status vm-non-module-is-refused 2 usage-module
vm usage-help 5 --help
expect_status vm-help 0 usage-help
missing=
for opt in --test --module --file --timeout --image --kernel --smp --memory --icount \
	--no-kvm --append --qemu-arg --log --verbose --help; do
	grep -q -e " $opt" "$TMP/usage-help.out" || missing="$missing $opt"
done
if [ -z "$missing" ]; then
	pass vm-help-documents-every-option
else
	fail vm-help-documents-every-option "missing:$missing"
fi

[ "$failures" -eq 0 ]
