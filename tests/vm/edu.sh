#!/bin/sh
# DMA and interrupts of the kernel crate, in one boot of a 256 MiB guest
# (QEMU's edu card reaches 28 bits of DMA addresses) with QEMU's edu and
# pci-testdev devices:
#   - the edu sample (samples/rust_edu): probe; ID, liveness, factorials
#     (completed by the card's MSI) and DMA round trips through coherent
#     memory, checked by edu_test against what it computes itself, with
#     every bad input's errno; unbind through sysfs while a process keeps
#     calling the open device (every call after it fails with ENXIO, and
#     slub_debug, on in the runner, reports nothing); bind again; rmmod
#     while bound;
#   - rust_dma (tests/modules) on pci-testdev: DMA masks, coherent memory
#     read and written with dma_read!/dma_write!, a scatter-gather table of
#     a VVec mapped for the device, 200 load cycles with no slab growth;
#   - rust_irq (tests/modules) on the edu card, after the sample: a hard
#     handler counting the interrupts userspace raises, its line freed at
#     the unbind under an open file (ENXIO, ENODEV), bound again, rmmod.
SUITE=edu
. "$(dirname "$0")/../host/lib.sh"
vm_or_skip vm

args=
add_samples "" rust_edu
misc=$TMP/misc_test
if gcc -std=c17 -Wall -Wextra -Werror -O2 -static -o "$misc" "$ROOT/samples/rust_misc_device/misc_test.c" 2>"$TMP/gcc.log"; then
	args="$args --file $misc:/krust/misc_test"
else
	fail build-misc_test "gcc -static misc_test.c failed"
	show "$TMP/gcc.log"
fi
for m in rust_dma rust_irq; do
	kbuild_or_end "build-$m" "$ROOT/tests/modules/$m"
	args="$args --module $ROOT/tests/modules/$m/$m.ko --test $m=$ROOT/tests/modules/$m/test.sh"
done
# shellcheck disable=SC2086
"$KRUST" vm --smp 2 --memory 256 --timeout 300 --log "$ROOT/build/vm-edu.log" \
	--qemu-arg -device --qemu-arg edu --qemu-arg -device --qemu-arg pci-testdev $args ||
	failures=$((failures + 1))
finish
