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
#     missing), unbinds and binds through sysfs, and unloads while bound;
#     rust_platform_irq registers a handler for LNUXBEEF:00's interrupt
#     line by index, and fails LNUXBEEF:01's probe (no line) with ENXIO;
#   - auxiliary: on one pci-testdev, rust_driver_auxiliary's PCI driver
#     registers two auxiliary devices, which its auxiliary driver binds and
#     reaches the PCI parent from; each side unbinds and binds; and
#     rust_aux_orphan, whose auxiliary device has a platform parent, fails
#     its probe with EINVAL; rust_aux_only, one module_auxiliary_driver!,
#     takes one of the sample's auxiliary devices over through sysfs;
#   - leaks: 200 load and unload cycles of each sample, and 200 unbinds
#     and binds of the platform device and of the auxiliary pair's parent,
#     grow no slab cache.
SUITE=buses
. "$(dirname "$0")/../host/lib.sh"
vm_or_skip vm

args=
add_samples "" rust_driver_faux rust_driver_platform rust_driver_auxiliary
# The ID tables reach modpost: udev would load each module for its devices.
aliases() { modinfo -F alias "$ROOT/samples/$1/$1.ko" | tr '\n' ' '; }
for want in "rust_driver_platform acpi*:LNUXBEEF:*" "rust_driver_platform of:N*T*Ctest,rust-device" \
	"rust_driver_auxiliary auxiliary:rust_driver_auxiliary.auxiliary" \
	"rust_driver_auxiliary pci:v00001B36d00000005sv*sd*bc*sc*i*"; do
	m=${want%% *} alias=${want#* }
	name=alias-$m-$(echo "${alias%%:*}" | tr -d '*')
	case " $(aliases "$m")" in
	*" $alias "*) pass "$name" ;;
	*) fail "$name" "modinfo $m.ko shows no alias $alias" ;;
	esac
done
platform=$ROOT/samples/rust_driver_platform
if iasl -p "$TMP/ssdt" "$platform/rust_driver_platform.asl" >"$TMP/iasl.log" 2>&1; then
	args="$args --qemu-arg -acpitable --qemu-arg file=$TMP/ssdt.aml"
else
	fail build-ssdt "iasl rust_driver_platform.asl failed"
	show "$TMP/iasl.log"
fi
for m in rust_faux_twin rust_aux_orphan rust_aux_only rust_platform_irq rust_platform_mem; do
	kbuild_or_end "build-$m" "$ROOT/tests/modules/$m"
	args="$args --module $ROOT/tests/modules/$m/$m.ko --test $m=$ROOT/tests/modules/$m/test.sh"
done
case " $(modinfo -F alias "$ROOT/tests/modules/rust_aux_only/rust_aux_only.ko" | tr '\n' ' ')" in
*" auxiliary:rust_driver_auxiliary.auxiliary "*) pass alias-rust_aux_only-auxiliary ;;
*) fail alias-rust_aux_only-auxiliary "modinfo rust_aux_only.ko shows no alias auxiliary:rust_driver_auxiliary.auxiliary" ;;
esac

# The load and unload cycles of samples/rust_misc_device's misc_test.
if gcc -std=c17 -Wall -Wextra -Werror -O2 -static -o "$TMP/misc_test" \
	"$ROOT/samples/rust_misc_device/misc_test.c" 2>"$TMP/gcc.log"; then
	args="$args --file $TMP/misc_test:/krust/misc_test"
else
	fail build-misc_test "gcc -static misc_test.c failed"
	show "$TMP/gcc.log"
fi
cat >"$TMP/cycles.sh" <<'GUEST'
. /krust/lib.sh
for m in rust_driver_faux rust_driver_platform rust_driver_auxiliary; do
	check "200 load and unload cycles of $m leak nothing" /krust/misc_test cycles 200 /modules/$m.ko
done
insmod_ok rust_driver_platform
check "200 unbinds and binds of LNUXBEEF:00 leak nothing" \
	/krust/misc_test bind-cycles 200 platform/rust_driver_platform LNUXBEEF:00
rmmod_ok rust_driver_platform
GUEST
args="$args --test cycles=$TMP/cycles.sh --qemu-arg -device --qemu-arg pci-testdev"

# shellcheck disable=SC2086
"$KRUST" vm --smp 2 --timeout 240 --log "$ROOT/build/vm-buses.log" $args || failures=$((failures + 1))
finish
