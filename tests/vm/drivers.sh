#!/bin/sh
# The driver model in the stock kernel, on QEMU's pci-testdev (1b36:0005).
# On the host: the sample's module aliases name the device; a constant I/O
# offset outside a BAR's size fails the build (modpost names
# rust_build_error), where the run-time checked accessor builds; and what
# needs a bound device or a probe's context does not compile on a plain one.
# In one boot with the device:
#   - samples/rust_driver_pci: probes and runs the device's test, unbinds and
#     binds through sysfs, unloads while bound;
#   - 200 load and unload cycles, and 200 unbind and bind cycles, of it with
#     no slab growth (misc_test's leak check);
#   - tests/modules/rust_pci_fail: a probe failing after each of its steps,
#     with everything before undone, and a clean bind after;
#   - tests/modules/rust_devres_hold: a Devres held past the unbind fails
#     with ENXIO and touches nothing, a Devres dropped inside the unbind's
#     own release does not hang, 200 unbind and bind cycles under reads.
SUITE=drivers
. "$(dirname "$0")/../host/lib.sh"
vm_or_skip vm

sample=$ROOT/samples/rust_driver_pci
kbuild_or_end build-rust_driver_pci "$sample"
if modinfo -F alias "$sample/rust_driver_pci.ko" | grep -qx 'pci:v00001B36d00000005sv\*sd\*bc\*sc\*i\*'; then
	pass alias-names-pci-testdev
else
	fail alias-names-pci-testdev "modinfo shows no alias for 1b36:0005"
	modinfo "$sample/rust_driver_pci.ko" | sed 's/^/    /'
fi

# A module reading BAR offset OFFSET with ACCESSOR, built with Kbuild.
io_module() {
	dir=$TMP/$1
	mkdir -p "$dir"
	printf 'obj-m := %s.o\ninclude %s/kbuild/krust.mk\n' "$1" "$ROOT" >"$dir/Kbuild"
	cat >"$dir/$1.rs" <<RUST
use kernel::{device::Core, pci, prelude::*};
struct D;
kernel::pci_device_table!(T, MT, (), [(pci::DeviceId::from_id(pci::Vendor::REDHAT, 0x5), ())]);
impl pci::Driver for D {
    type IdInfo = ();
    const ID_TABLE: pci::IdTable<()> = &T;
    fn probe(pdev: &pci::Device<Core>, _: &()) -> Result<Pin<KBox<Self>>> {
        let bar = KBox::pin_init(pdev.iomap_region_sized::<0x10>(0, c"$1"), GFP_KERNEL)?;
        let io = bar.access(pdev.as_ref())?;
        let _ = $2;
        Ok(KBox::pin(D, GFP_KERNEL)?)
    }
}
kernel::module_pci_driver! { type: D, name: "$1", license: "GPL", }
RUST
	kbuild "$dir"
}
if io_module io_in_range 'io.read32(0xc)'; then
	pass io-constant-offset-in-range-builds
else
	fail io-constant-offset-in-range-builds "a read32 at 0xc of a 0x10-byte BAR did not build"
	show "$TMP/make.log"
fi
if io_module io_try 'io.try_read32(0x10)'; then
	pass io-try-offset-builds
else
	fail io-try-offset-builds "try_read32 at 0x10 did not build"
	show "$TMP/make.log"
fi
for case in 'past_end io.read32(0x10)' 'straddling io.read32(0xe)' 'unaligned io.read16(0x3)' 'write_past io.write8(0,0x10)'; do
	name=${case%% *}
	if io_module "io_$name" "${case#* }"; then
		fail "io-constant-offset-$name-fails-the-build" "${case#* } on a 0x10-byte BAR built"
	elif grep -q 'rust_build_error.*undefined' "$TMP/make.log"; then
		pass "io-constant-offset-$name-fails-the-build"
	else
		fail "io-constant-offset-$name-fails-the-build" "the build failed without naming rust_build_error"
		show "$TMP/make.log"
	fi
done

# What the contexts forbid: rustc's verdict only (krust rustc --check).
context_case() {
	name=$1 code=$2 body=$3
	cat >"$TMP/$name.rs" <<RUST
use kernel::{device, devres::Devres, pci, prelude::*};
module! { type: M, name: "$name", license: "GPL", }
struct M;
impl Module for M { fn init(_: &'static ThisModule) -> Result<Self> { Ok(M) } }
#[allow(dead_code)]
fn f(pdev: &pci::Device, dev: &device::Device) -> Result { $body }
RUST
	if "$KRUST" rustc --check -o "$TMP/$name.o" "$TMP/$name.rs" >"$TMP/$name.out" 2>&1; then
		fail "$name" "compiled"
	elif grep -q "^error\[$code\]" "$TMP/$name.out"; then
		pass "$name"
	else
		fail "$name" "did not fail with $code"
		show "$TMP/$name.out"
	fi
}
context_case enable-needs-probe-context E0599 'pdev.enable_device_mem()'
context_case iomap-needs-bound-device E0599 'let _ = pdev.iomap_region_sized::<4>(0, c"x"); Ok(())'
context_case devres-needs-bound-device E0308 'let _ = Devres::new(dev, 0u32); Ok(())'

misc=$TMP/misc_test
if ! gcc -std=c17 -Wall -Wextra -Werror -O2 -static -o "$misc" "$ROOT/samples/rust_misc_device/misc_test.c" 2>"$TMP/gcc.log"; then
	fail build-misc_test "gcc -static misc_test.c failed"
	show "$TMP/gcc.log"
	finish
	exit
fi
cat >"$TMP/cycles.sh" <<'GUEST'
. /krust/lib.sh
dev=$(pci_device 0x1b36 0x0005)
check "QEMU's pci-testdev is on the bus" test -n "$dev"
/krust/misc_test cycles 200 /modules/rust_driver_pci.ko || fail "200 load and unload cycles, each binding, leak nothing"
insmod_ok rust_driver_pci
/krust/misc_test bind-cycles 200 rust_driver_pci "$dev" || fail "200 unbind and bind cycles leak nothing"
check "still bound after the cycles" test -e "/sys/bus/pci/drivers/rust_driver_pci/$dev"
rmmod_ok rust_driver_pci
GUEST
args="--module $sample/rust_driver_pci.ko --test rust_driver_pci=$sample/test.sh --test driver_cycles=$TMP/cycles.sh"
for m in rust_pci_fail rust_devres_hold; do
	kbuild_or_end "build-$m" "$ROOT/tests/modules/$m"
	args="$args --module $ROOT/tests/modules/$m/$m.ko --test $m=$ROOT/tests/modules/$m/test.sh"
done
# shellcheck disable=SC2086
"$KRUST" vm --smp 2 --timeout 240 --qemu-arg -device --qemu-arg pci-testdev --file "$misc:/krust/misc_test" \
	--log "$ROOT/build/vm-drivers.log" $args || failures=$((failures + 1))
finish
