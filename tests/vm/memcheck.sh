#!/bin/sh
# The stock kernel's memory checks in every test VM: krust vm boots with
# slub_debug=FZPU page_poison=1, so a module that writes past a kmalloc
# buffer logs slub_debug's report, and the runner fails the test that loaded
# it. One boot: the command line is checked, the overrunning module fails its
# test, and a clean module loaded after it still passes.
SUITE=memcheck
. "$(dirname "$0")/../host/lib.sh"
vm_or_skip vm

overrun=$ROOT/tests/modules/rust_overrun
minimal=$ROOT/samples/rust_minimal
kbuild_or_end build-rust_overrun "$overrun"
kbuild_or_end build-rust_minimal "$minimal"

cat >"$TMP/cmdline.sh" <<'GUEST'
. /krust/lib.sh
check "slub_debug=FZPU is on the command line" grep -qw slub_debug=FZPU /proc/cmdline
check "page_poison=1 is on the command line" grep -qw page_poison=1 /proc/cmdline
GUEST
cat >"$TMP/overrun.sh" <<'GUEST'
. /krust/lib.sh
insmod_ok rust_overrun
rmmod_ok rust_overrun
GUEST
cat >"$TMP/clean.sh" <<'GUEST'
. /krust/lib.sh
insmod_ok rust_minimal
rmmod_ok rust_minimal
GUEST

timeout 240 "$KRUST" vm --timeout 60 --log "$ROOT/build/vm-memcheck.log" \
	--module "$overrun/rust_overrun.ko" --module "$minimal/rust_minimal.ko" \
	--test "cmdline=$TMP/cmdline.sh" --test "overrun=$TMP/overrun.sh" \
	--test "clean=$TMP/clean.sh" >"$TMP/vm.out" 2>&1
status=$?
# expect NAME PATTERN: the runner's output has a line matching PATTERN (grep -E).
expect() {
	if grep -qE -e "$2" "$TMP/vm.out"; then
		pass "$1"
	else
		fail "$1" "no line matches /$2/"
		show "$TMP/vm.out" 30
	fi
}
if [ "$status" -eq 1 ]; then
	pass runner-exits-1
else
	fail runner-exits-1 "krust vm exited with $status; wanted 1 (one failed test)"
fi
expect slub-debug-on-cmdline '^PASS: vm/cmdline$'
# 6.1 heads its report "BUG kmalloc-64 (...): Right Redzone overwritten";
# later kernels print "[Right Redzone overwritten] ..." first, then the BUG line.
expect overrun-fails-its-test '^FAIL: vm/overrun: kernel: .*(BUG kmalloc-64 \(.*\): .*|\[)Right Redzone overwritten'
expect clean-module-passes-after '^PASS: vm/clean$'
finish
