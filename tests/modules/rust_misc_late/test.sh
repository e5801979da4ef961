# In-VM test of rust_misc_late: a module whose init registers a misc device,
# waits a second and fails. Opens during that second must fail, and after
# insmod fails nothing may oops. (busybox's insmod tries init_module after
# a failed finit_module, so init runs, and fails, twice.)
. /krust/lib.sh

( insmod /modules/rust_misc_late.ko 2>/dev/null; echo $? >/tmp/late.rc ) &
i=0
while [ ! -e /dev/rust_misc_late ] && [ "$i" -lt 200 ]; do
	usleep 5000
	i=$((i + 1))
done
check "the device appears while init runs" test -c /dev/rust_misc_late
# One open held across the failure (what would reach freed memory): the
# shell exits non-zero only if the open fails. Then opens until the device
# is gone.
sh -c 'exec 3</dev/rust_misc_late; sleep 2; cat <&3; exit 0' 2>/tmp/late.held
held=$?
opens=0
while [ -e /dev/rust_misc_late ]; do
	if sh -c 'exec 3</dev/rust_misc_late' 2>>/tmp/late.err; then
		opens=$((opens + 1))
	fi
done
wait
check_fails "an open held across the failing init is refused" test "$held" -eq 0
check "with ENODEV" grep -q "/dev/rust_misc_late.*No such device" /tmp/late.held
check_eq "no open during init got through" 0 echo "$opens"
check_fails "insmod fails" test "$(cat /tmp/late.rc)" -eq 0
check "init ran to its failure" dmesg_has "rust_misc_late: failing"
check_fails "no open reached the driver" dmesg_has "rust_misc_late: opened during init"
check_fails "the module is gone" module_loaded rust_misc_late
check "nothing warned" sh -c '! dmesg | grep -qE "BUG|WARNING|Oops|general protection|Poison|Redzone|use-after-free"'
