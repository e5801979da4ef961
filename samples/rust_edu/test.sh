# In-VM test of rust_edu, on QEMU's edu device: the guest program edu_test
# checks every call against values it computes itself; then the device is
# unbound under a process that keeps calling it, bound again, and the module
# removed while bound.
. /krust/lib.sh

edu=$(pci_device 0x1234 0x11e8)
check "QEMU has an edu device" test -n "$edu"
drv=/sys/bus/pci/drivers/rust_edu

insmod_ok rust_edu
check "the driver probes" dmesg_has "rust_edu $edu: edu card 0x010000ed, /dev/rust_edu"
check "the driver is bound" test -e "$drv/$edu"
check "the device node exists" test -c /dev/rust_edu
check "the card interrupts by MSI" grep -Eq "PCI-MSI.* rust_edu$" /proc/interrupts
check "every call and every bad input" /krust/edu_test /dev/rust_edu check

# Unbind while a process holds the device open and keeps calling it.
/krust/edu_test /dev/rust_edu hammer 4 >/tmp/hammer.out 2>&1 &
hammer=$!
sleep 2
check "unbind through sysfs" sh -c "echo $edu >$drv/unbind"
check "unbound" dmesg_has "rust_edu $edu: unbound"
check_fails "the device node is gone" test -e /dev/rust_edu
wait $hammer
status=$?
cat /tmp/hammer.out
check "the calls before the unbind were right, every one after failed" test "$status" -eq 0
check "calls after the unbind fail with ENXIO" grep -q "^hammer: errno ENXIO [1-9]" /tmp/hammer.out
check "calls went through before the unbind" grep -Eq "^hammer: calls [0-9]+ ok [1-9]" /tmp/hammer.out
check "the module stays loaded" module_loaded rust_edu

check "bind again" sh -c "echo $edu >$drv/bind"
check "the driver probes again" test -c /dev/rust_edu
check "every call after the rebind" /krust/edu_test /dev/rust_edu check

exec 3</dev/rust_edu
check_fails "rmmod while a file is open is refused" rmmod rust_edu
exec 3<&-
rmmod_ok rust_edu
check "rmmod while bound unbinds" dmesg_has "rust_edu $edu: unbound"
check_fails "the driver is gone" test -e "$drv"
