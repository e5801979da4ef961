#!/bin/sh
# The sample modules in the stock kernel: one boot runs every sample's
# in-VM test (samples/*/test.sh); its "PASS: vm/..." lines count as they are.
# The same boot runs rust_misc_drop, a device that drops its registration
# while files are open; rust_misc_results, whose callbacks return what the
# VFS must not see (EIOCBQUEUED, too many bytes), which userspace must get
# as EIO; and rust_misc_late, whose init registers a device and fails a
# second later, which no open may outlive. A second boot loads a module that leaks on each load,
# which the load and unload cycles must find; one whose Arc count overflows,
# which must saturate with the kernel's refcount_t warning (a failed test,
# with that warning); and one that panics on purpose: the runner must report
# that test as failed, with the panic's message, and go on.
SUITE=vm-panic
. "$(dirname "$0")/../host/lib.sh"
vm_or_skip vm

args=
add_samples "" rust_minimal rust_print rust_misc_device rust_alloc
drop=$ROOT/tests/modules/rust_misc_drop
kbuild_or_end build-rust_misc_drop "$drop"
args="$args --module $drop/rust_misc_drop.ko --test rust_misc_drop=$drop/test.sh"
results=$ROOT/tests/modules/rust_misc_results
kbuild_or_end build-rust_misc_results "$results"
if gcc -std=c17 -Wall -Wextra -Werror -O2 -static -o "$TMP/results_test" "$results/results_test.c" 2>"$TMP/gcc.log"; then
	args="$args --file $TMP/results_test:/krust/results_test"
else
	fail build-results_test "gcc -static results_test.c failed"
	show "$TMP/gcc.log"
fi
args="$args --module $results/rust_misc_results.ko --test rust_misc_results=$results/test.sh"
late=$ROOT/tests/modules/rust_misc_late
kbuild_or_end build-rust_misc_late "$late"
args="$args --module $late/rust_misc_late.ko --test rust_misc_late=$late/test.sh"
# Slab and page poisoning: memory a test touches after it was freed (an open
# file's operations after its registration is gone) shows as a slab report.
# shellcheck disable=SC2086
"$KRUST" vm --smp 4 --timeout 90 --log "$ROOT/build/vm-samples.log" $args || failures=$((failures + 1))

panic=$ROOT/tests/modules/rust_panic
leak=$ROOT/tests/modules/rust_leak
refcount=$ROOT/tests/modules/rust_refcount
kbuild_or_end build-rust_panic "$panic"
kbuild_or_end build-rust_leak "$leak"
kbuild_or_end build-rust_refcount "$refcount"
cat >"$TMP/leak.sh" <<'GUEST'
. /krust/lib.sh
/krust/misc_test cycles 1000 /modules/rust_leak.ko >/tmp/cycles.out
cat /tmp/cycles.out
check "the cycles report the leak" grep -q "^not ok: no slab cache gained an object per cycle (most: kmalloc-64," /tmp/cycles.out
GUEST
cat >"$TMP/refcount.sh" <<'GUEST'
. /krust/lib.sh
insmod_ok rust_refcount
check "the count saturated" dmesg_has "rust_refcount: count after the overflowing clone: 0xc0000000, value 7"
GUEST
cat >"$TMP/panic.sh" <<'GUEST'
. /krust/lib.sh
insmod_ok rust_panic
GUEST
cat >"$TMP/after.sh" <<'GUEST'
. /krust/lib.sh
insmod_ok rust_minimal
rmmod_ok rust_minimal
GUEST
start=$(date +%s)
timeout 240 "$KRUST" vm --timeout 90 --log "$ROOT/build/vm-panic.log" \
	--module "$panic/rust_panic.ko" --module "$ROOT/samples/rust_minimal/rust_minimal.ko" \
	--module "$leak/rust_leak.ko" --module "$refcount/rust_refcount.ko" \
	--file "$TMP/misc_test:/krust/misc_test" --test "leak=$TMP/leak.sh" \
	--test "rust_refcount=$TMP/refcount.sh" --test "rust_panic=$TMP/panic.sh" --test "after=$TMP/after.sh" >"$TMP/vm.out" 2>&1
status=$?
elapsed=$(($(date +%s) - start))
if [ "$status" -eq 1 ] && [ "$elapsed" -lt 200 ]; then
	pass runner-fails
else
	fail runner-fails "exit status $status after $elapsed s; wanted 1, promptly"
	show "$TMP/vm.out"
fi
if grep -q '^FAIL: vm/rust_panic: ' "$TMP/vm.out"; then
	pass panic-is-a-failed-test
else
	fail panic-is-a-failed-test "no FAIL line for the panicking module"
	show "$TMP/vm.out"
fi
if grep -q 'rust: panic at .*rust_panic.rs:[0-9]*:[0-9]*: index out of bounds: the len is 4 but the index is 7' "$ROOT/build/vm-panic.log"; then
	pass panic-message-file-and-line
else
	fail panic-message-file-and-line "the panic message, file and line are not in the console log"
fi
if grep -q 'kernel BUG at .*panic.rs' "$ROOT/build/vm-panic.log"; then
	pass panic-bugs
else
	fail panic-bugs "no 'kernel BUG at' line in the console log"
fi
if grep -q '^PASS: vm/leak$' "$TMP/vm.out"; then
	pass leak-is-found
else
	fail leak-is-found "the load and unload cycles did not report rust_leak's leak"
	show "$TMP/vm.out"
fi
# The saturating clone warns as C's refcount_t does, which fails its test.
if grep -q '^FAIL: vm/rust_refcount: ' "$TMP/vm.out" &&
	grep -q 'refcount_t: saturated; leaking memory' "$ROOT/build/vm-panic.log" &&
	grep -q 'rust_refcount: count after the overflowing clone: 0xc0000000, value 7' "$ROOT/build/vm-panic.log"; then
	pass arc-saturates-with-refcount-warning
else
	fail arc-saturates-with-refcount-warning "no failed rust_refcount test with refcount_t's saturation warning"
	show "$TMP/vm.out"
fi
if grep -q '^PASS: vm/after$' "$TMP/vm.out"; then
	pass kernel-survives-panic
else
	fail kernel-survives-panic "the next test did not pass"
	show "$TMP/vm.out"
fi
finish
