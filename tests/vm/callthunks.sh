#!/bin/sh
# Call depth tracking, with the calls of Rust modules patched for real.
#
# With CONFIG_MITIGATION_CALL_DEPTH_TRACKING (6.12), "retbleed=stuff" on an
# Intel CPU the kernel deems affected makes it rewrite every call that a
# module's .call_sites lists so that it enters the callee 16 bytes early,
# in its padding, where an accounting thunk is written. A Rust function
# without that padding is then entered in the middle of whatever lies
# before it (the first rust_minimal built without padding oopsed in
# callthunks_patch_module_calls). QEMU's TCG emulates a Skylake well enough
# for the kernel to choose stuffing: this boot runs every sample's in-VM
# test with it on. A padding of the wrong bytes would not be patched, with
# a warning the kernel prints once per boot (and spends on one of its own
# functions first): tests/host/ibt.sh checks the 16 nops on the host.
SUITE=callthunks
. "$(dirname "$0")/../host/lib.sh"
vm_or_skip vm

if ! grep -q '^CONFIG_MITIGATION_CALL_DEPTH_TRACKING=y' "$(kdir)/.config"; then
	echo "SKIP: $SUITE/stuffing: $(kdir) has no call depth tracking (CONFIG_MITIGATION_CALL_DEPTH_TRACKING)"
	exit 0
fi

cat >"$TMP/stuffing.sh" <<'GUEST'
. /krust/lib.sh
check "the retbleed mitigation is call depth stuffing" \
	grep -q 'Stuffing' /sys/devices/system/cpu/vulnerabilities/retbleed
GUEST
args="--test stuffing=$TMP/stuffing.sh"
add_samples thunks- rust_minimal rust_print rust_misc_device rust_alloc
# shellcheck disable=SC2086
"$KRUST" vm --timeout 90 --log "$ROOT/build/vm-callthunks.log" \
	--qemu-arg=-cpu --qemu-arg=Skylake-Client-v1 --append retbleed=stuff $args ||
	failures=$((failures + 1))
finish
