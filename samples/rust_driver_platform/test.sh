# In-VM test of rust_driver_platform, with rust_driver_platform.asl's SSDT:
# LNUXBEEF:00 probes and shows its properties; LNUXBEEF:01, which lacks a
# required one, fails its probe with EINVAL and stays unbound; unbind and
# bind through sysfs; rmmod while bound.
. /krust/lib.sh
drv=/sys/bus/platform/drivers/rust_driver_platform
good=LNUXBEEF:00
bad=LNUXBEEF:01

check "ACPI made the platform devices" test -e /sys/bus/platform/devices/$good -a -e /sys/bus/platform/devices/$bad
insmod_ok rust_driver_platform
p="] rust_driver_platform $good:"
check "it probed with the ACPI entry's information" dmesg_has "$p Probed with info: '7'.$"
check "the device's firmware node" dmesg_has "$p firmware node (\\\\_SB\.)?RBEF$"
check "a string property" dmesg_has "$p 'compatible'='\"test,rust-device\"'$"
check "matched in a string array" dmesg_has "$p matched compatible string idx = 0$"
check "a boolean property" dmesg_has "$p 'test,bool-prop'='true'$"
check "an absent optional property takes its default" \
	dmesg_has "$p 'test,u32-optional-prop'='0x12' \(default = 0x12\)$"
check "an absent required property is logged" \
	dmesg_has "$p (\\\\_SB\.)?RBEF: property 'test,u32-required-prop' is missing$"
check "a u32 property" dmesg_has "$p 'test,u32-prop'='0xdeadbeef'$"
check "an i16 array" dmesg_has "$p 'test,i16-array'='\[1, 2, -3, -4\]'$"
check "its length" dmesg_has "$p 'test,i16-array' length is 4$"
check "the array in a KVec" dmesg_has "$p 'test,i16-array'='\[1, 2, -3, -4\]' \(KVec\)$"
check "more elements than it has are not read" dmesg_has "$p 'test,i16-array' as 5 elements: None$"
check "a child's reference with two arguments" dmesg_has "$p child CHLD: 'test,ref-arg'='\[10, 20\]'$"
check "the device is bound" test -e $drv/$good
q="] rust_driver_platform $bad:"
check "the other device lacks a required property" \
	dmesg_has "$q (\\\\_SB\.)?RBAD: property 'test,u32-prop' is missing$"
# 6.1's driver core and 6.12's word it differently
check "its probe fails with EINVAL" \
	dmesg_has "(rust_driver_platform: probe of $bad|$q probe with driver rust_driver_platform) failed with error -22$"
check_fails "and it stays unbound" test -e $drv/$bad
check_fails "nothing was removed that was not made" dmesg_has "$q Remove"

dmesg -c >/dev/null
check "unbind through sysfs" sh -c "echo $good > $drv/unbind"
check "drops the driver's data" dmesg_has "$p Remove Rust Platform driver sample.$"
check_fails "the device is unbound" test -e $drv/$good
check "bind through sysfs" sh -c "echo $good > $drv/bind"
check "probes again" dmesg_has "$p Probed with info: '7'.$"
check_fails "binding the bad one fails" sh -c "echo $bad > $drv/bind 2>/dev/null"
dmesg -c >/dev/null
rmmod_ok rust_driver_platform
check "rmmod while bound unbinds first" dmesg_has "$p Remove Rust Platform driver sample.$"
check_fails "the driver is gone" test -e $drv
