#!/bin/sh
# The buses besides PCI in the stock kernel, in one boot:
#   - faux: rust_driver_faux's devices probe at load, on the module's own
#     faux bus, and go with it at unload; rust_faux_twin, a second module
#     with the faux glue, beside it (a device of the same name on each bus,
#     unloaded in either order), and the names the glue refuses (ENODEV);
#     200 load and unload cycles of rust_driver_faux leak no slab objects;
#   - platform: rust_driver_platform.asl's SSDT, compiled with iasl, gives
#     QEMU two LNUXBEEF devices: rust_driver_platform probes one and reads
#     its _DSD properties, fails the other's probe (a required property
#     missing), unbinds and binds through sysfs, and unloads while bound.
SUITE=buses
. "$(dirname "$0")/../host/lib.sh"
vm_or_skip vm

args=
add_samples "" rust_driver_faux rust_driver_platform
platform=$ROOT/samples/rust_driver_platform
if iasl -p "$TMP/ssdt" "$platform/rust_driver_platform.asl" >"$TMP/iasl.log" 2>&1; then
	args="$args --qemu-arg -acpitable --qemu-arg file=$TMP/ssdt.aml"
else
	fail build-ssdt "iasl rust_driver_platform.asl failed"
	show "$TMP/iasl.log"
fi
twin=$ROOT/tests/modules/rust_faux_twin
kbuild_or_end build-rust_faux_twin "$twin"
args="$args --module $twin/rust_faux_twin.ko --test rust_faux_twin=$twin/test.sh"

# The load and unload cycles of samples/rust_misc_device's misc_test.
if gcc -std=c17 -Wall -Wextra -Werror -O2 -static -o "$TMP/misc_test" \
	"$ROOT/samples/rust_misc_device/misc_test.c" 2>"$TMP/gcc.log"; then
	args="$args --file $TMP/misc_test:/krust/misc_test"
else
	fail build-misc_test "gcc -static misc_test.c failed"
	show "$TMP/gcc.log"
fi
cat >"$TMP/faux_cycles.sh" <<'GUEST'
. /krust/lib.sh
check "200 load and unload cycles of rust_driver_faux leak nothing" \
	/krust/misc_test cycles 200 /modules/rust_driver_faux.ko
GUEST
args="$args --test faux_cycles=$TMP/faux_cycles.sh"

# shellcheck disable=SC2086
"$KRUST" vm --smp 2 --timeout 120 --log "$ROOT/build/vm-buses.log" $args || failures=$((failures + 1))
finish
