# In-VM test of CondVar's notifications: rust_condvar has 4 work items wait
# on one condition variable; notify_one must wake exactly one of them, and
# notify_all the other three.
. /krust/lib.sh

insmod_ok rust_condvar waiters=4
check "it ran" dmesg_has "rust_condvar: done"
check "notify_one woke exactly one of 4" dmesg_has "rust_condvar: notify_one woke 1 of 4\$"
check "notify_all woke the other 3" dmesg_has "rust_condvar: notify_all woke the other 3\$"
rmmod_ok rust_condvar
check_fails "waiters=0 is refused" insmod /modules/rust_condvar.ko waiters=0
