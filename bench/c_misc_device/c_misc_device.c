// SPDX-License-Identifier: GPL-2.0
/*
 * c_misc_device: the C twin of samples/rust_misc_device, for the benchmark.
 * The same buffer (at most 1 MiB, shared by openers, behind a mutex), the
 * same read, write, seek and ioctls, written as a C driver would.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/version.h>

#define DEFAULT_SIZE 4096
#define MAX_SIZE (1 << 20)
#define GET_SIZE _IOR('|', 0x80, u64)
#define SET_SIZE _IOW('|', 0x81, u64)
#define RESET _IO('|', 0x82)

static DEFINE_MUTEX(lock);
static u8 *data;
static size_t len;

static ssize_t c_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	size_t n;

	if (count > MAX_SIZE)
		return -EINVAL;
	mutex_lock(&lock);
	if (*pos < 0 || *pos > len) {
		mutex_unlock(&lock);
		return -EINVAL;
	}
	n = min(count, len - (size_t)*pos);
	if (copy_to_user(buf, data + *pos, n)) {
		mutex_unlock(&lock);
		return -EFAULT;
	}
	mutex_unlock(&lock);
	*pos += n;
	return n;
}

static ssize_t c_write(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
	size_t n;

	if (count > MAX_SIZE)
		return -EINVAL;
	mutex_lock(&lock);
	if (*pos < 0 || *pos > len) {
		mutex_unlock(&lock);
		return -EINVAL;
	}
	if (*pos == len && count) {
		mutex_unlock(&lock);
		return -ENOSPC;
	}
	n = min(count, len - (size_t)*pos);
	if (copy_from_user(data + *pos, buf, n)) {
		mutex_unlock(&lock);
		return -EFAULT;
	}
	mutex_unlock(&lock);
	*pos += n;
	return n;
}

static loff_t c_llseek(struct file *file, loff_t offset, int whence)
{
	loff_t size, base, new;

	mutex_lock(&lock);
	size = len;
	mutex_unlock(&lock);
	base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? file->f_pos : whence == SEEK_END ? size : -1;
	if (base < 0 || check_add_overflow(base, offset, &new) || new < 0 || new > size)
		return -EINVAL;
	file->f_pos = new;
	return new;
}

/* kvrealloc on both kernel lines: 6.12 made it krealloc's twin, which finds the old size itself. */
static void *resize(void *p, size_t old_size, size_t new_size)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	return kvrealloc(p, new_size, GFP_KERNEL);
#else
	return kvrealloc(p, old_size, new_size, GFP_KERNEL);
#endif
}

static long c_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	u64 size;
	u8 *grown;

	switch (cmd) {
	case GET_SIZE:
		mutex_lock(&lock);
		size = len;
		mutex_unlock(&lock);
		return copy_to_user((u64 __user *)arg, &size, sizeof(size)) ? -EFAULT : 0;
	case SET_SIZE:
		if (copy_from_user(&size, (u64 __user *)arg, sizeof(size)))
			return -EFAULT;
		if (size > MAX_SIZE)
			return -EINVAL;
		mutex_lock(&lock);
		grown = resize(data, len, size ? size : 1);
		if (!grown) {
			mutex_unlock(&lock);
			return -ENOMEM;
		}
		if (size > len)
			memset(grown + len, 0, size - len);
		data = grown;
		len = size;
		mutex_unlock(&lock);
		return 0;
	case RESET:
		mutex_lock(&lock);
		memset(data, 0, len);
		mutex_unlock(&lock);
		return 0;
	}
	return -ENOTTY;
}

static const struct file_operations c_fops = {
	.owner = THIS_MODULE,
	.read = c_read,
	.write = c_write,
	.llseek = c_llseek,
	.unlocked_ioctl = c_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice c_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "c_misc_device",
	.fops = &c_fops,
};

static int __init c_misc_init(void)
{
	int ret;

	data = kvzalloc(DEFAULT_SIZE, GFP_KERNEL);
	if (!data)
		return -ENOMEM;
	len = DEFAULT_SIZE;
	ret = misc_register(&c_misc);
	if (ret)
		kvfree(data);
	return ret;
}

static void __exit c_misc_exit(void)
{
	misc_deregister(&c_misc);
	kvfree(data);
}

module_init(c_misc_init);
module_exit(c_misc_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("C twin of rust_misc_device");
