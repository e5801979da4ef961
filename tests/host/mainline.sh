#!/bin/sh
# Linux 6.18's own Rust sample drivers, unchanged, against krust's kernel
# crate: with KRUST_MAINLINE_SAMPLES=DIR naming a directory that holds
# mainline's samples/rust/*.rs files, each file of the list below is built
# with Kbuild as it is (PASS or FAIL per file); a file with a device to
# drive is then loaded in one boot of the stock kernel with that device and
# must log what the list says. krust does not ship mainline's files: point
# the variable at a checkout (or a copy of the files). Without it, SKIP.
#
# The list: one file a line, the QEMU device it drives (- for the build
# alone, none for a run without a device, ssdt for the ACPI table of
# samples/rust_driver_platform, whose LNUXBEEF devices mainline's platform
# sample matches), and what its log must show once loaded (grep -E).
SUITE=mainline
. "$(dirname "$0")/lib.sh"

LIST='
rust_driver_pci.rs	pci-testdev	pci-testdev data-match count: 1$
rust_driver_auxiliary.rs	pci-testdev	rust_driver_auxiliary.auxiliary.1: Connect auxiliary 1 with parent: VendorID=0x1b36, DeviceID=0x5$
rust_driver_faux.rs	none	rust-faux-sample-device: Hello from faux device!$
rust_driver_platform.rs	ssdt	LNUXBEEF:00: Probed with info: .0.\.$
'

samples=${KRUST_MAINLINE_SAMPLES:-}
if [ -z "$samples" ]; then
	echo "SKIP: $SUITE/samples: KRUST_MAINLINE_SAMPLES is not set (a directory of Linux 6.18's samples/rust/*.rs)"
	exit 0
fi
if [ ! -d "$samples" ]; then
	fail samples "KRUST_MAINLINE_SAMPLES=$samples is not a directory"
	finish
	exit
fi

tab=$(printf '\t')
args= devices= tests=0
while IFS=$tab read -r file device pattern; do
	[ -n "$file" ] || continue
	name=${file%.rs}
	if [ ! -f "$samples/$file" ]; then
		fail "build-$name" "$samples/$file does not exist"
		continue
	fi
	build=$TMP/$name
	mkdir -p "$build"
	cp "$samples/$file" "$build/$file"
	printf 'obj-m := %s.o\ninclude %s/kbuild/krust.mk\n' "$name" "$ROOT" >"$build/Kbuild"
	if ! kbuild "$build"; then
		fail "build-$name" "$file does not build unchanged"
		show "$TMP/make.log" 30
		continue
	fi
	pass "build-$name"
	[ "$device" != - ] || continue
	cat >"$TMP/$name.sh" <<GUEST
. /krust/lib.sh
insmod_ok $name
check "$name logs what it should" dmesg_has "$pattern"
rmmod_ok $name
GUEST
	args="$args --module $build/$name.ko --test mainline-$name=$TMP/$name.sh"
	case " $devices " in *" $device "*) ;; *) devices="$devices $device" ;; esac
	tests=$((tests + 1))
done <<EOF_LIST
$LIST
EOF_LIST

if [ "$tests" -gt 0 ]; then
	if "$KRUST" config 2>/dev/null | grep -q '^image: *(not installed)'; then
		echo "SKIP: $SUITE/run: the kernel in $(kdir) has no installed image to boot"
	else
		for d in $devices; do
			case $d in
			none) ;;
			ssdt)
				if iasl -p "$TMP/ssdt" "$ROOT/samples/rust_driver_platform/rust_driver_platform.asl" >"$TMP/iasl.log" 2>&1; then
					args="$args --qemu-arg -acpitable --qemu-arg file=$TMP/ssdt.aml"
				else
					fail build-ssdt "iasl rust_driver_platform.asl failed"
					show "$TMP/iasl.log"
				fi
				;;
			*) args="$args --qemu-arg -device --qemu-arg $d" ;;
			esac
		done
		# shellcheck disable=SC2086
		"$KRUST" vm --timeout 60 --log "$ROOT/build/vm-mainline.log" $args || failures=$((failures + 1))
	fi
fi
finish
