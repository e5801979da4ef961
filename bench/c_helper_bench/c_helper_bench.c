// SPDX-License-Identifier: GPL-2.0
/*
 * The C twin of bench/rust_helper_bench: the same loops of refcount_inc and
 * of spin_lock/spin_unlock, timed the same way, with the functions inlined
 * as C inlines them.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>

static int iterations = 1000000;
module_param(iterations, int, 0444);
MODULE_PARM_DESC(iterations, "Calls per loop");

static u64 refcount_loop(int n)
{
	refcount_t count = REFCOUNT_INIT(1);
	u64 start = ktime_get_ns();
	int i;

	for (i = 0; i < n; i++)
		refcount_inc(&count);
	return ktime_get_ns() - start;
}

static u64 spinlock_loop(int n)
{
	spinlock_t lock;
	u64 start;
	int i;

	spin_lock_init(&lock);
	start = ktime_get_ns();
	for (i = 0; i < n; i++) {
		spin_lock(&lock);
		spin_unlock(&lock);
	}
	return ktime_get_ns() - start;
}

static int c_helper_bench_init(void)
{
	if (iterations <= 0) {
		pr_err("iterations must be positive, got %d\n", iterations);
		return -EINVAL;
	}
	pr_info("refcount_inc %d ops %llu ns\n", iterations, refcount_loop(iterations));
	pr_info("spin_lock+unlock %d ops %llu ns\n", iterations, spinlock_loop(iterations));
	return 0;
}

static void c_helper_bench_exit(void)
{
}

module_init(c_helper_bench_init);
module_exit(c_helper_bench_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("krust");
