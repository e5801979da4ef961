// SPDX-License-Identifier: GPL-2.0
/*
 * The C twin of samples/rust_minimal, for comparing sizes and build times.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>

static int greetings = 1;
module_param(greetings, int, 0444);
MODULE_PARM_DESC(greetings, "How many times to say hello");

static bool verbose;
module_param(verbose, bool, 0644);
MODULE_PARM_DESC(verbose, "Say more");

static int c_minimal_init(void)
{
	int i;

	if (greetings < 0) {
		pr_err("greetings must not be negative, got %d\n", greetings);
		return -EINVAL;
	}
	for (i = 1; i <= greetings; i++)
		pr_info("Hello from C (%d of %d)\n", i, greetings);
	if (verbose)
		pr_info("verbose mode is on\n");
	return 0;
}

static void c_minimal_exit(void)
{
	pr_info("Goodbye from C (greeted %d times)\n", greetings);
}

module_init(c_minimal_init);
module_exit(c_minimal_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("krust");
MODULE_DESCRIPTION("A minimal C module");
