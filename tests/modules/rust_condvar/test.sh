# In-VM test of CondVar's notifications: rust_condvar has 4 work items wait
# on one condition variable; notify_one must wake exactly one of them, and
# notify_all the other three. Then insmod itself waits until a signal comes:
# both interruptible waits must see it. Last, insmod's task is notified and
# signalled at once: picked by notify_one, each wait must say it was woken.
. /krust/lib.sh

insmod_ok rust_condvar waiters=4
check "it ran" dmesg_has "rust_condvar: done"
check "notify_one woke exactly one of 4" dmesg_has "rust_condvar: notify_one woke 1 of 4\$"
check "notify_all woke the other 3" dmesg_has "rust_condvar: notify_all woke the other 3\$"
rmmod_ok rust_condvar
check_fails "waiters=0 is refused" insmod /modules/rust_condvar.ko waiters=0

dmesg -c >/dev/null
insmod /modules/rust_condvar.ko signal_wait=1 &
pid=$!
# The module says when it waits; the signal may come before, which it must
# see all the same.
for _ in 1 2 3 4 5 6 7 8 9 10; do
	dmesg_has "rust_condvar: waiting for a signal" && break
	sleep 1
done
kill -USR1 "$pid"
check_fails "insmod signal_wait=1 fails" wait "$pid"
check "wait_interruptible_timeout ended with Signal" \
	dmesg_has "rust_condvar: wait_interruptible_timeout: signal, [0-9]+ of [0-9]+ jiffies left"
check "wait_interruptible said a signal is pending" dmesg_has "rust_condvar: wait_interruptible: signal pending\$"
check_fails "nothing else" dmesg_has "rust_condvar: wait_interruptible(_timeout)?: [^s]"
check_fails "the module is not loaded" module_loaded rust_condvar

# SIGUSR1 ends insmod once the module is in: its status says nothing here.
insmod /modules/rust_condvar.ko notify_race=1
check "picked and signalled: wait_interruptible_timeout says Woken" \
	dmesg_has "rust_condvar: picked and signalled: wait_interruptible_timeout: Woken"
rmmod_ok rust_condvar
insmod /modules/rust_condvar.ko notify_race=2
check "picked and signalled: wait_interruptible says woken" \
	dmesg_has "rust_condvar: picked and signalled: wait_interruptible: woken\$"
rmmod_ok rust_condvar
