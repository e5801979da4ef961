/* What the kernel crate's first form binds: module!, pr_*!, errno. */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/errno.h>
