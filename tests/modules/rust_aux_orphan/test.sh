# rust_aux_orphan: an auxiliary device beneath a platform device, whose
# driver wants a PCI parent: the probe fails with EINVAL and the device
# stays unbound; unbinding the platform parent deletes it; rmmod is clean.
. /krust/lib.sh
a=rust_aux_orphan.orphan.0
auxdrv=/sys/bus/auxiliary/drivers/rust_aux_orphan.rust_aux_orphan
pdrv=/sys/bus/platform/drivers/rust_aux_orphan

insmod_ok rust_aux_orphan
check "the platform parent bound LNUXBEEF:00" test -e $pdrv/LNUXBEEF:00
check "its auxiliary device is registered beneath it" test -d /sys/bus/platform/devices/LNUXBEEF:00/$a
check "the driver found no PCI parent" dmesg_has "] rust_aux_orphan.rust_aux_orphan $a: a PCI parent: Err\(EINVAL\)$"
check "its probe failed with EINVAL" dmesg_has "(probe of $a|$a: probe with driver rust_aux_orphan.rust_aux_orphan) failed with error -22$"
check_fails "the device stays unbound" test -e $auxdrv/$a
check "unbinding the parent" sh -c "echo LNUXBEEF:00 > $pdrv/unbind"
check_fails "deletes the auxiliary device" test -e /sys/bus/auxiliary/devices/$a
check "binding it again" sh -c "echo LNUXBEEF:00 > $pdrv/bind"
check "registers it again" test -e /sys/bus/auxiliary/devices/$a
rmmod_ok rust_aux_orphan
check_fails "rmmod leaves no auxiliary device" test -e /sys/bus/auxiliary/devices/$a
