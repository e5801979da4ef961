#!/bin/sh
# The buses besides PCI in the stock kernel, in one boot:
#   - faux: rust_driver_faux's devices probe at load, on the module's own
#     faux bus, and go with it at unload; rust_faux_twin, a second module
#     with the faux glue, beside it (a device of the same name on each bus,
#     unloaded in either order), and the names the glue refuses (ENODEV);
#     200 load and unload cycles of rust_driver_faux leak no slab objects.
SUITE=buses
. "$(dirname "$0")/../host/lib.sh"
vm_or_skip vm

args=
add_samples "" rust_driver_faux
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
