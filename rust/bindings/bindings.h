/*
 * The kernel headers the kernel crate is bound to. krust bindgen reads them
 * with the target kernel's own C flags; bindgen.args selects what it emits.
 */
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
