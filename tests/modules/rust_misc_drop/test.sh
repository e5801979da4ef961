# In-VM test of rust_misc_drop: the device drops its registration while
# files are open; the files keep working and the module stays loaded until
# the last one is closed.
. /krust/lib.sh

insmod_ok rust_misc_drop
exec 3<>/dev/rust_misc_drop
exec 4<>/dev/rust_misc_drop
check "write to the first file" sh -c 'printf hello >&3'
check "write to the second file" sh -c 'printf world >&4'
check "the first file says its device is registered" grep -q 'rust_misc_drop_registered:.*true' /proc/$$/fdinfo/3
check "writing drop drops the registration" sh -c 'printf drop >&3'
check "the device node is gone" test ! -e /dev/rust_misc_drop
check_fails "a new open fails" sh -c 'exec 5</dev/rust_misc_drop' 2>/dev/null
check_eq "the first file reads what it was written" hellodrop cat <&3
check "the second file still takes writes" sh -c 'printf "!" >&4'
check_eq "the second file reads what it was written" 'world!' cat <&4
check "fdinfo still works and says the registration is gone" grep -q 'rust_misc_drop_registered:.*false' /proc/$$/fdinfo/4
check_fails "rmmod while the files are open is refused" rmmod rust_misc_drop 2>/dev/null
exec 3<&-
check "a file closes after its registration is gone, and its release runs" dmesg_has "rust_misc_drop: released a file holding 9 bytes"
check_fails "rmmod while the second file is open is refused" rmmod rust_misc_drop 2>/dev/null
exec 4<&-
check "so does the second's" dmesg_has "rust_misc_drop: released a file holding 6 bytes"
rmmod_ok rust_misc_drop
check "nothing warned" sh -c '! dmesg | grep -qE "BUG|WARNING|Poison|Redzone|use-after-free"'
