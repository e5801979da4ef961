# In-VM test of rust_misc_device: the C program misc_test drives the device.
. /krust/lib.sh

insmod_ok rust_misc_device
check "the device node exists" test -c /dev/rust_misc_device
check "read, write, seek and ioctls" /krust/misc_test basic
check "dev_info! names the device" dmesg_has "misc rust_misc_device: opened"
check "bad user pointers give EFAULT" /krust/misc_test faults
check "oversized lengths and unknown ioctls" /krust/misc_test limits
check "dev_err! reports the unknown ioctl" dmesg_has "misc rust_misc_device: unknown ioctl 0x7c99"
check "16 processes at once" /krust/misc_test stress 5

exec 3</dev/rust_misc_device
check_fails "rmmod while a file is open is refused" rmmod rust_misc_device
check "the module is still loaded" module_loaded rust_misc_device
exec 3<&-
rmmod_ok rust_misc_device

check "1000 load and unload cycles" /krust/misc_test cycles 1000 /modules/rust_misc_device.ko
