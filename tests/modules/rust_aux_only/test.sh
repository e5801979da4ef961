# rust_aux_only, a module that module_auxiliary_driver! declares, beside
# samples/rust_driver_auxiliary: auxiliary device 0 of the sample, unbound
# from the sample's driver and bound to this one through sysfs, probes it
# and reaches the PCI parent; rmmod of rust_aux_only unbinds it, and the
# sample's driver binds it again.
. /krust/lib.sh
auxdrv=/sys/bus/auxiliary/drivers/rust_driver_auxiliary.rust_driver_auxiliary
onlydrv=/sys/bus/auxiliary/drivers/rust_aux_only.rust_aux_only
a0=rust_driver_auxiliary.auxiliary.0

insmod_ok rust_driver_auxiliary
insmod_ok rust_aux_only
check "the module registered its driver" test -d $onlydrv
check "which bound nothing the sample's driver had" test ! -e $onlydrv/$a0
check "auxiliary 0 leaves the sample's driver" sh -c "echo $a0 > $auxdrv/unbind"
check "and binds to rust_aux_only's" sh -c "echo $a0 > $onlydrv/bind"
check "which probed it and reached its parent" \
	dmesg_has "] rust_aux_only.rust_aux_only $a0: bound, id 0, parent 0x1b36:0x5$"
rmmod_ok rust_aux_only
check_fails "rmmod unbound it" test -e /sys/bus/auxiliary/devices/$a0/driver
check "the sample's driver binds it again" sh -c "echo $a0 > $auxdrv/bind"
rmmod_ok rust_driver_auxiliary
