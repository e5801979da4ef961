# In-VM test of rust_driver_faux: its two faux devices probe at load, sit in
# sysfs on the module's own faux bus, and are gone with the bus at unload.
. /krust/lib.sh
bus=/sys/bus/faux-rust_driver_faux
root=/sys/devices/faux-rust_driver_faux

insmod_ok rust_driver_faux
check "the device says hello, named as dev_info names it" \
	dmesg_has "] faux_driver rust-faux-sample: Hello from a faux device$"
check "so does its child" dmesg_has "] faux_driver rust-faux-child: Hello from its child$"
check "the module has a faux bus of its own" test -d $bus
check "with its root device" test -d $root
check "the device is under the root device" test -d $root/rust-faux-sample
check "the child is under its parent" test -d $root/rust-faux-sample/rust-faux-child
check "both are on the bus" test -e $bus/devices/rust-faux-sample -a -e $bus/devices/rust-faux-child
check_eq "the device is bound to faux_driver" faux_driver \
	sh -c "basename \$(readlink $root/rust-faux-sample/driver)"
check_eq "so is the child" faux_driver sh -c "basename \$(readlink $root/rust-faux-sample/rust-faux-child/driver)"
check_eq "the root device names its module" rust_driver_faux sh -c "basename \$(readlink $root/module)"
check_fails "userspace cannot unbind it (no unbind file)" test -e $bus/drivers/faux_driver/unbind
rmmod_ok rust_driver_faux
check_fails "the devices are gone" test -e $root/rust-faux-sample
check_fails "and the root device" test -e $root
check_fails "and the bus" test -e $bus
