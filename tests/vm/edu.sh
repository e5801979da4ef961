#!/bin/sh
# The edu sample (samples/rust_edu) on QEMU's edu device, in one boot of a
# 256 MiB guest (the card reaches 28 bits of DMA addresses): probe; ID,
# liveness, factorials and DMA round trips checked by edu_test against what
# it computes itself, with every bad input's errno; unbind through sysfs
# while a process keeps calling the open device (every call after it fails
# with ENXIO, and slub_debug, on in the runner, reports nothing); bind again;
# rmmod while bound.
SUITE=edu
. "$(dirname "$0")/../host/lib.sh"
vm_or_skip vm

args=
add_samples "" rust_edu
# shellcheck disable=SC2086
"$KRUST" vm --smp 2 --memory 256 --timeout 180 --log "$ROOT/build/vm-edu.log" \
	--qemu-arg -device --qemu-arg edu $args || failures=$((failures + 1))
finish
