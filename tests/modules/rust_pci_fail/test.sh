# rust_pci_fail's probe fails after each of its steps in turn (fail_at=K):
# each time the device stays unbound, disabled, BAR0 released, and nothing
# the probe made is alive at unload; 100 loads failing at each step leave
# no slab growth; and a load that does not fail binds cleanly after them.
. /krust/lib.sh

dev=$(pci_device 0x1b36 0x0005)
check "QEMU's pci-testdev is on the bus" test -n "$dev"
sysdev=/sys/bus/pci/devices/$dev

for k in 0 1 2 3 4 5; do
	dmesg -c >/dev/null
	insmod_ok rust_pci_fail fail_at=$k
	check "fail_at=$k: the probe failed there" dmesg_has "rust_pci_fail $dev: failing after step $k\$"
	check "fail_at=$k: the driver core saw the error" dmesg_has "probe.* failed with error -125"
	check "fail_at=$k: the device is not bound" test ! -e "$sysdev/driver"
	check_eq "fail_at=$k: the device is disabled again" 0 cat "$sysdev/enable"
	check_fails "fail_at=$k: BAR0 is released" grep -q rust_pci_fail /proc/iomem
	rmmod_ok rust_pci_fail
	check "fail_at=$k: nothing the probe made is alive" dmesg_has "at unload, 0 tracked values alive"
done
check "the value registered with the device is dropped when the probe fails after it" \
	sh -c "insmod /modules/rust_pci_fail.ko fail_at=3 && dmesg | grep -q 'dropped registered' && rmmod rust_pci_fail"
check "so is the boxed Devres" sh -c "dmesg -c >/dev/null; insmod /modules/rust_pci_fail.ko fail_at=4 &&
	dmesg | grep -q 'dropped boxed' && dmesg | grep -q 'dropped data' && rmmod rust_pci_fail"

for k in 0 2 3 4 5; do
	/krust/misc_test cycles 100 /modules/rust_pci_fail.ko fail_at=$k || fail "100 loads failing after step $k leak nothing"
done

dmesg -c >/dev/null
insmod_ok rust_pci_fail
check "after the failures, a plain load binds" test -e "$sysdev/driver"
check "and probes to the end" dmesg_has "rust_pci_fail $dev: probed\$"
check_eq "the device is enabled while bound" 1 cat "$sysdev/enable"
rmmod_ok rust_pci_fail
check "rmmod while bound drops the Devres values and the registered one" \
	sh -c "dmesg | grep -q 'dropped boxed' && dmesg | grep -q 'dropped registered' && dmesg | grep -q 'dropped data'"
check_eq "and disables the device" 0 cat "$sysdev/enable"
