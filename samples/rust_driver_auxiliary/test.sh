# In-VM test of rust_driver_auxiliary, booted with one pci-testdev: the PCI
# driver registers two auxiliary devices beneath it, which the auxiliary
# driver binds, reaching the PCI device; each side unbinds and binds through
# sysfs; unbinding the parent takes the auxiliary devices with it; 200
# unbinds and binds of the parent leak nothing; rmmod while bound.
. /krust/lib.sh
pcidrv=/sys/bus/pci/drivers/rust_driver_auxiliary
auxdrv=/sys/bus/auxiliary/drivers/rust_driver_auxiliary.rust_driver_auxiliary
aux=/sys/bus/auxiliary/devices
dev=$(pci_device 0x1b36 0x0005)
check "QEMU's pci-testdev is on the bus" test -n "$dev"
a0=rust_driver_auxiliary.auxiliary.0
a1=rust_driver_auxiliary.auxiliary.1
p="] rust_driver_auxiliary.rust_driver_auxiliary"

insmod_ok rust_driver_auxiliary
check "the PCI driver bound pci-testdev" test -e $pcidrv/$dev
check "it registered two auxiliary devices beneath it" \
	test -d /sys/bus/pci/devices/$dev/$a0 -a -d /sys/bus/pci/devices/$dev/$a1
check "the auxiliary driver is named after its module" test -d $auxdrv
check "it bound both" test -e $auxdrv/$a0 -a -e $auxdrv/$a1
check "auxiliary 0 probed" dmesg_has "$p $a0: Probing auxiliary driver for auxiliary device with id=0$"
check "and reached its PCI parent" dmesg_has "$p $a0: Connect auxiliary 0 with parent: VendorID=0x1b36, DeviceID=0x5$"
check "so did auxiliary 1" dmesg_has "$p $a1: Connect auxiliary 1 with parent: VendorID=0x1b36, DeviceID=0x5$"

dmesg -c >/dev/null
check "an auxiliary device unbinds alone" sh -c "echo $a0 > $auxdrv/unbind"
check "its driver data is dropped" dmesg_has "$p $a0: Removing auxiliary driver from device with id=0$"
check_fails "the other stays bound" dmesg_has "id=1$"
check "it binds again" sh -c "echo $a0 > $auxdrv/bind"
check "probing again" dmesg_has "$p $a0: Connect auxiliary 0 with parent"

dmesg -c >/dev/null
check "the PCI parent unbinds" sh -c "echo $dev > $pcidrv/unbind"
check "taking both auxiliary devices' drivers" \
	sh -c "dmesg | grep -q 'Removing auxiliary driver from device with id=0' && dmesg | grep -q 'id=1\$'"
check_fails "and the devices" test -e $aux/$a0 -o -e $aux/$a1
check "the parent binds again" sh -c "echo $dev > $pcidrv/bind"
check "its auxiliary devices are back and bound" test -e $auxdrv/$a0 -a -e $auxdrv/$a1

check "200 unbinds and binds of the parent leak nothing" \
	/krust/misc_test bind-cycles 200 rust_driver_auxiliary "$dev"
check "after them both auxiliary devices are bound" test -e $auxdrv/$a0 -a -e $auxdrv/$a1

dmesg -c >/dev/null
rmmod_ok rust_driver_auxiliary
check "rmmod while bound removes the auxiliary drivers' data" \
	sh -c "dmesg | grep -q 'id=0\$' && dmesg | grep -q 'id=1\$'"
check_fails "and the auxiliary devices" test -e $aux/$a0 -o -e $aux/$a1
check_fails "and unbinds the parent" test -e /sys/bus/pci/devices/$dev/driver
