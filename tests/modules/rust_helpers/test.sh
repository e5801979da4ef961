# In-VM test of the generated helpers: rust_helpers calls static inline
# functions and macros of each family through their C shims and prints one
# "ok NAME" or "FAIL NAME" line per check.
. /krust/lib.sh

insmod_ok rust_helpers
check "it ran every check" dmesg_has "rust_helpers: done"
for name in kmalloc kmalloc-memory spin_lock spin_unlock mutex_lock mutex_unlock \
	refcount_inc refcount_dec_and_test IS_ERR PTR_ERR IS_ERR_VALUE list_empty list_add \
	rb_link_node init_waitqueue_head init_completion schedule_work completion \
	copy_to_user copy_from_user msecs_to_jiffies time_after ktime_to_ns set_bit test_bit \
	__clear_bit hweight_long _IOR writel readl; do
	check "$name" dmesg_has "rust_helpers: ok $name\$"
done
check_fails "no check failed" dmesg_has "rust_helpers: FAIL"
rmmod_ok rust_helpers
