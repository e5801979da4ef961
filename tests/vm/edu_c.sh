#!/bin/sh
# The C twin of the edu driver (bench/edu/c_edu), the reference the Rust
# driver is measured against, on QEMU's edu device in one boot: edu_test
# check passes (the ID, factorials and DMA round trips against values the
# test computes, and every bad input's errno); an unbind through sysfs while
# a process holds /dev/c_edu open and keeps calling makes every later call
# fail with ENXIO, with no oops and slub_debug quiet; the card binds again
# and works; rmmod while bound unbinds it.
SUITE=vm-edu-c
. "$(dirname "$0")/../host/lib.sh"
vm_or_skip edu_c

kbuild_or_end build-c_edu "$ROOT/bench/edu"
if ! gcc -std=c17 -Wall -Wextra -Werror -O2 -static -o "$TMP/edu_test" "$ROOT/samples/rust_edu/edu_test.c" \
	2>"$TMP/gcc.log"; then
	fail build-edu_test "gcc -static edu_test.c failed"
	show "$TMP/gcc.log"
	finish
	exit
fi
cat >"$TMP/edu_c.sh" <<'GUEST'
. /krust/lib.sh
drv=/sys/bus/pci/drivers/c_edu
insmod_ok c_edu
bdf=$(cd $drv && ls -d 0000:* 2>/dev/null)
check "c_edu binds the edu card" test -n "$bdf"
check "the device node exists" test -c /dev/c_edu
check "the probe names the card" dmesg_has "c_edu $bdf: edu card 0x10000ed"
check "edu_test check" /krust/edu_test /dev/c_edu check

/krust/edu_test /dev/c_edu hammer 6 >/tmp/hammer.out &
hammer=$!
sleep 3
check "unbind while a process calls the device" sh -c "echo $bdf >$drv/unbind"
wait $hammer
status=$?
cat /tmp/hammer.out
check "hammer: its checks passed" test "$status" -eq 0
check "hammer: calls succeeded before the unbind" grep -qE "^hammer: calls [0-9]+ ok [1-9]" /tmp/hammer.out
check "hammer: calls failed with ENXIO after it" grep -q "^hammer: errno ENXIO [1-9]" /tmp/hammer.out
check "the device node is gone" test ! -e /dev/c_edu

check "bind again" sh -c "echo $bdf >$drv/bind"
check "the device node is back" test -c /dev/c_edu
check_eq "the card answers again" "ok: EDU_IOC_ID gives 0x10000ed (got 0x10000ed, ret 0)" \
	sh -c "/krust/edu_test /dev/c_edu check | head -n 1"
rmmod_ok c_edu
check "rmmod while bound unbinds" test ! -e $drv
GUEST
"$KRUST" vm --timeout 180 --qemu-arg -device --qemu-arg edu --log "$ROOT/build/vm-edu-c.log" \
	--module "$ROOT/bench/edu/c_edu.ko" --file "$TMP/edu_test:/krust/edu_test" \
	--test "edu_c=$TMP/edu_c.sh" || failures=$((failures + 1))
finish
