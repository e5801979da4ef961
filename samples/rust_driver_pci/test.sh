# In-VM test of rust_driver_pci, booted with QEMU's pci-testdev
# (--qemu-arg -device --qemu-arg pci-testdev): the driver probes, runs the
# device's first test, unbinds and binds again through sysfs, and leaves
# nothing behind when unloaded while bound.
. /krust/lib.sh

drv=/sys/bus/pci/drivers/rust_driver_pci
dev=$(pci_device 0x1b36 0x0005)
check "QEMU's pci-testdev is on the bus" test -n "$dev"
probed="rust_driver_pci $dev: pci-testdev data-match count: 1\$"

insmod_ok rust_driver_pci
check "the driver is registered" test -d "$drv"
check "it bound pci-testdev" test -e "$drv/$dev"
check "probe ran the test once: the device counted one hit" dmesg_has "$probed"
check "BAR0 is requested under the driver's name" grep -q rust_driver_pci /proc/iomem

echo "$dev" >"$drv/unbind"
check "unbind through sysfs" test ! -e "$drv/$dev"
check "unbind ran" dmesg_has "rust_driver_pci $dev: unbound"
check_fails "BAR0 is released at unbind" grep -q rust_driver_pci /proc/iomem
dmesg -c >/dev/null
echo "$dev" >"$drv/bind"
check "bind through sysfs" test -e "$drv/$dev"
check "the second probe counts one hit again (unbind cleared the count)" dmesg_has "$probed"

check_fails "binding it twice is refused" sh -c "echo $dev >$drv/bind"
rmmod_ok rust_driver_pci
check "rmmod while bound unbinds it" test ! -e "/sys/bus/pci/devices/$dev/driver"
check_fails "and releases BAR0" grep -q rust_driver_pci /proc/iomem
