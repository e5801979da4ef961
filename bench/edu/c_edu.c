// SPDX-License-Identifier: GPL-2.0
/*
 * c_edu: the C twin of samples/rust_edu, for the benchmark. A PCI driver for
 * QEMU's edu device (1234:11e8) with the same misc device interface
 * (edu.h), written as a C driver would be: managed resources (pcim_*,
 * devm_*, dmam_*), one IRQ vector (MSI, else INTx), a 4 KiB coherent DMA
 * buffer, a completion signalled by the interrupt handler.
 *
 * One mutex serialises the calls on the card, since it computes one
 * factorial and runs one DMA at a time. An open file holds a reference to
 * the driver's state, which outlives the unbind: remove marks the state
 * gone under the mutex, so once it returns no call touches the card and
 * every later call fails with ENXIO; the managed resources are released
 * after that.
 */
#include <linux/completion.h>
#include <linux/dma-mapping.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/kref.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "edu.h"

/* The card's registers (QEMU's hw/misc/edu.c). */
#define REG_ID 0x00
#define REG_LIVENESS 0x04
#define REG_FACT 0x08
#define REG_STATUS 0x20
#define REG_IRQ_STATUS 0x24
#define REG_IRQ_ACK 0x64
#define REG_DMA_SRC 0x80
#define REG_DMA_DST 0x88
#define REG_DMA_COUNT 0x90
#define REG_DMA_CMD 0x98

#define STATUS_IRQ_FACT 0x80
#define DMA_CMD_START 0x1
#define DMA_CMD_TO_RAM 0x2
#define DMA_CMD_IRQ 0x4
/* Where the card's buffer is in its own DMA address space. */
#define DMA_CARD_BASE 0x40000
/* The coherent buffer: as large as the card's. */
#define DMA_BUF_SIZE 4096
/* The card's DMA engine drives 28 address bits. */
#define DMA_BITS 28
/* A factorial or a DMA takes the card well under this (a DMA 100 ms). */
#define OP_TIMEOUT_MS 2000
/* EDU_IOC_MMIO_READS reads this many between two looks at the scheduler. */
#define MMIO_BATCH 4096

struct c_edu {
	struct kref ref;
	struct miscdevice misc;
	struct pci_dev *pdev;
	/* Serialises the calls on the card; guards gone. */
	struct mutex lock;
	/* Set by remove: the card and its resources are no more to be used. */
	bool gone;
	void __iomem *mmio;
	void *buf;
	dma_addr_t buf_dma;
	struct completion done;
};

static void c_edu_free(struct kref *ref)
{
	kfree(container_of(ref, struct c_edu, ref));
}

static irqreturn_t c_edu_irq(int irq, void *data)
{
	struct c_edu *edu = data;
	u32 status = readl(edu->mmio + REG_IRQ_STATUS);

	if (!status)
		return IRQ_NONE;
	writel(status, edu->mmio + REG_IRQ_ACK);
	complete(&edu->done);
	return IRQ_HANDLED;
}

/* Waits for the interrupt of the operation just started. */
static int c_edu_wait(struct c_edu *edu)
{
	if (!wait_for_completion_timeout(&edu->done, msecs_to_jiffies(OP_TIMEOUT_MS)))
		return -ETIMEDOUT;
	return 0;
}

/* Takes the lock for a call on the card: ENXIO once the device is gone. */
static int c_edu_lock(struct c_edu *edu)
{
	mutex_lock(&edu->lock);
	if (edu->gone) {
		mutex_unlock(&edu->lock);
		return -ENXIO;
	}
	return 0;
}

static long c_edu_fact(struct c_edu *edu, u32 __user *arg)
{
	u32 n;
	int ret;

	if (get_user(n, arg))
		return -EFAULT;
	ret = c_edu_lock(edu);
	if (ret)
		return ret;
	reinit_completion(&edu->done);
	writel(n, edu->mmio + REG_FACT);
	ret = c_edu_wait(edu);
	if (!ret)
		n = readl(edu->mmio + REG_FACT);
	mutex_unlock(&edu->lock);
	if (ret)
		return ret;
	return put_user(n, arg);
}

/* Runs one DMA between the coherent buffer and the card's at offset. */
static int c_edu_dma(struct c_edu *edu, bool to_card, u32 offset, u32 len)
{
	u64 card = DMA_CARD_BASE + offset;

	reinit_completion(&edu->done);
	writeq(to_card ? edu->buf_dma : card, edu->mmio + REG_DMA_SRC);
	writeq(to_card ? card : edu->buf_dma, edu->mmio + REG_DMA_DST);
	writeq(len, edu->mmio + REG_DMA_COUNT);
	writeq(DMA_CMD_START | DMA_CMD_IRQ | (to_card ? 0 : DMA_CMD_TO_RAM),
	       edu->mmio + REG_DMA_CMD);
	return c_edu_wait(edu);
}

static long c_edu_dma_ioctl(struct c_edu *edu, bool to_card, struct edu_dma __user *arg)
{
	struct edu_dma req;
	void __user *ubuf;
	int ret;

	if (copy_from_user(&req, arg, sizeof(req)))
		return -EFAULT;
	if (req.len == 0 || (u64)req.offset + req.len > EDU_DMA_SIZE)
		return -EINVAL;
	ubuf = u64_to_user_ptr(req.addr);
	ret = c_edu_lock(edu);
	if (ret)
		return ret;
	if (to_card) {
		ret = copy_from_user(edu->buf, ubuf, req.len) ? -EFAULT : 0;
		if (!ret)
			ret = c_edu_dma(edu, true, req.offset, req.len);
	} else {
		ret = c_edu_dma(edu, false, req.offset, req.len);
		if (!ret && copy_to_user(ubuf, edu->buf, req.len))
			ret = -EFAULT;
	}
	mutex_unlock(&edu->lock);
	return ret;
}

/*
 * Up to 2^32 - 1 reads: in batches, between which the caller may be killed
 * and others scheduled.
 */
static long c_edu_mmio_reads(struct c_edu *edu, u32 __user *arg)
{
	u32 n, batch, i;
	int ret;

	if (get_user(n, arg))
		return -EFAULT;
	ret = c_edu_lock(edu);
	if (ret)
		return ret;
	for (; n; n -= batch) {
		batch = min_t(u32, n, MMIO_BATCH);
		for (i = 0; i < batch; i++)
			readl(edu->mmio + REG_ID);
		if (fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		cond_resched();
	}
	mutex_unlock(&edu->lock);
	return ret;
}

static long c_edu_reg(struct c_edu *edu, unsigned int cmd, u32 __user *arg)
{
	u32 v = 0;
	int ret;

	if (cmd == EDU_IOC_LIVENESS && get_user(v, arg))
		return -EFAULT;
	ret = c_edu_lock(edu);
	if (ret)
		return ret;
	if (cmd == EDU_IOC_LIVENESS) {
		writel(v, edu->mmio + REG_LIVENESS);
		v = readl(edu->mmio + REG_LIVENESS);
	} else {
		v = readl(edu->mmio + REG_ID);
	}
	mutex_unlock(&edu->lock);
	return put_user(v, arg);
}

static long c_edu_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct c_edu *edu = file->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case EDU_IOC_ID:
	case EDU_IOC_LIVENESS:
		return c_edu_reg(edu, cmd, uarg);
	case EDU_IOC_FACT:
		return c_edu_fact(edu, uarg);
	case EDU_IOC_DMA_TO:
		return c_edu_dma_ioctl(edu, true, uarg);
	case EDU_IOC_DMA_FROM:
		return c_edu_dma_ioctl(edu, false, uarg);
	case EDU_IOC_MMIO_READS:
		return c_edu_mmio_reads(edu, uarg);
	default:
		return -ENOTTY;
	}
}

/* Called by misc_open under the misc lock, which remove's misc_deregister also takes. */
static int c_edu_open(struct inode *inode, struct file *file)
{
	struct c_edu *edu = container_of(file->private_data, struct c_edu, misc);

	kref_get(&edu->ref);
	file->private_data = edu;
	return 0;
}

static int c_edu_release(struct inode *inode, struct file *file)
{
	struct c_edu *edu = file->private_data;

	kref_put(&edu->ref, c_edu_free);
	return 0;
}

static const struct file_operations c_edu_fops = {
	.owner = THIS_MODULE,
	.open = c_edu_open,
	.release = c_edu_release,
	.unlocked_ioctl = c_edu_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static void c_edu_put(void *data)
{
	struct c_edu *edu = data;

	kref_put(&edu->ref, c_edu_free);
}

static int c_edu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct device *dev = &pdev->dev;
	struct c_edu *edu;
	int ret;

	edu = kzalloc(sizeof(*edu), GFP_KERNEL);
	if (!edu)
		return -ENOMEM;
	kref_init(&edu->ref);
	mutex_init(&edu->lock);
	init_completion(&edu->done);
	edu->pdev = pdev;
	ret = devm_add_action_or_reset(dev, c_edu_put, edu);
	if (ret)
		return ret;

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	ret = pcim_iomap_regions(pdev, BIT(0), KBUILD_MODNAME);
	if (ret)
		return ret;
	edu->mmio = pcim_iomap_table(pdev)[0];
	pci_set_master(pdev);
	ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(DMA_BITS));
	if (ret)
		return ret;
	edu->buf = dmam_alloc_coherent(dev, DMA_BUF_SIZE, &edu->buf_dma, GFP_KERNEL);
	if (!edu->buf)
		return -ENOMEM;
	ret = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_ALL_TYPES);
	if (ret < 0)
		return ret;
	ret = devm_request_irq(dev, pci_irq_vector(pdev, 0), c_edu_irq, IRQF_SHARED,
			       KBUILD_MODNAME, edu);
	if (ret)
		return ret;
	writel(STATUS_IRQ_FACT, edu->mmio + REG_STATUS);

	edu->misc.minor = MISC_DYNAMIC_MINOR;
	edu->misc.name = "c_edu";
	edu->misc.fops = &c_edu_fops;
	edu->misc.parent = dev;
	ret = misc_register(&edu->misc);
	if (ret)
		return ret;
	pci_set_drvdata(pdev, edu);
	dev_info(dev, "edu card %#x, irq %d\n", readl(edu->mmio + REG_ID),
		 pci_irq_vector(pdev, 0));
	return 0;
}

static void c_edu_remove(struct pci_dev *pdev)
{
	struct c_edu *edu = pci_get_drvdata(pdev);

	misc_deregister(&edu->misc);
	mutex_lock(&edu->lock);
	edu->gone = true;
	writel(0, edu->mmio + REG_STATUS);
	mutex_unlock(&edu->lock);
}

static const struct pci_device_id c_edu_ids[] = {
	{ PCI_DEVICE(0x1234, 0x11e8) },
	{ }
};
MODULE_DEVICE_TABLE(pci, c_edu_ids);

static struct pci_driver c_edu_driver = {
	.name = KBUILD_MODNAME,
	.id_table = c_edu_ids,
	.probe = c_edu_probe,
	.remove = c_edu_remove,
};
module_pci_driver(c_edu_driver);

MODULE_DESCRIPTION("C twin of rust_edu, for the benchmark");
MODULE_LICENSE("GPL");
