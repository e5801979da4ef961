#!/bin/sh
# Firmware, debugfs and configfs from safe Rust, in one boot:
#   - rust_firmware: a firmware file present in the guest is read byte for
#     byte, a missing one is ENOENT (request() logs it, request_nowarn()
#     does not), bad names are EINVAL; its .modinfo lists the firmware that
#     module! and module_firmware! name (checked here with modinfo);
#   - samples/rust_debugfs: debugfs files of an atomic, a Mutex of a FromStr
#     type, callbacks and a scope, read and written from userspace, with
#     garbage refused by EINVAL;
#   - samples/rust_configfs: a configfs subsystem with groups made by mkdir,
#     attributes read and written, bad input refused with a plain errno,
#     and the module held while groups or open files need it;
#   - rust_register_pci: register! types on pci-testdev's BAR0 (an Io<SIZE>
#     of the driver model) select a test, read what it wants, and count.
SUITE=apis
. "$(dirname "$0")/../host/lib.sh"
vm_or_skip vm

args=
for m in rust_firmware rust_register_pci; do
	kbuild_or_end "build-$m" "$ROOT/tests/modules/$m"
	args="$args --module $ROOT/tests/modules/$m/$m.ko --test $m=$ROOT/tests/modules/$m/test.sh"
done

want='krust/listed.bin
krust/test.bin
krust/other.bin'
got=$(modinfo -F firmware "$ROOT/tests/modules/rust_firmware/rust_firmware.ko")
if [ "$got" = "$want" ]; then
	pass module-firmware-modinfo
else
	fail module-firmware-modinfo "modinfo -F firmware gave: $(echo $got)"
fi

if ! gcc -std=c17 -Wall -Wextra -Werror -O2 -static -o "$TMP/fdio" "$ROOT/tests/modules/fdio/fdio.c" 2>"$TMP/gcc.log"; then
	fail build-fdio "gcc -static tests/modules/fdio/fdio.c failed"
	show "$TMP/gcc.log"
	finish
	exit
fi
args="$args --file $TMP/fdio:/krust/fdio"

add_samples "" rust_debugfs rust_configfs

# configfs is a module of the kernel under test, compressed or not.
release=$(modinfo -F vermagic "$ROOT/samples/rust_configfs/rust_configfs.ko" | cut -d ' ' -f 1)
configfs=$(ls /lib/modules/"$release"/kernel/fs/configfs/configfs.ko* 2>/dev/null | head -n 1)
case $configfs in
*.xz) xz -dc "$configfs" >"$TMP/configfs.ko" ;;
?*) cp "$configfs" "$TMP/configfs.ko" ;;
*)
	fail configfs-module "no configfs.ko in /lib/modules/$release"
	finish
	exit
	;;
esac
args="$args --module $TMP/configfs.ko"

head -c 5000 /dev/urandom >"$TMP/test.bin"
args="$args --file $TMP/test.bin:/lib/firmware/krust/test.bin"

# shellcheck disable=SC2086
"$KRUST" vm --timeout 90 --qemu-arg -device --qemu-arg pci-testdev --log "$ROOT/build/vm-apis.log" $args || failures=$((failures + 1))
finish
