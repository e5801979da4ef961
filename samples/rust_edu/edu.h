/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * edu.h: the userspace interface of the drivers for QEMU's edu device
 * (PCI 1234:11e8): rust_edu (/dev/rust_edu) and its C twin c_edu
 * (/dev/c_edu) implement the same ioctls.
 *
 * Errors: a DMA of length 0 or past the bytes a DMA may reach
 * (offset + len > EDU_DMA_SIZE) is EINVAL, a bad user pointer EFAULT, an
 * unknown command ENOTTY, and every call once the device is unbound ENXIO.
 */
#ifndef EDU_H
#define EDU_H

#include <linux/ioctl.h>
#include <linux/types.h>

/*
 * The bytes of the card's 4 KiB buffer a DMA may reach: all but the last.
 * QEMU 7.2's edu (Debian 12's) takes a transfer that ends at the buffer's
 * end for one out of bounds and aborts the whole VM, so a driver refuses it.
 */
#define EDU_DMA_SIZE 4095

/* A DMA between a user buffer and the card's buffer. */
struct edu_dma {
	__u64 addr;   /* user buffer */
	__u32 len;    /* bytes to copy */
	__u32 offset; /* offset in the card's buffer */
};

#define EDU_IOC_MAGIC 'E'

/* The card's ID register (0x00). */
#define EDU_IOC_ID _IOR(EDU_IOC_MAGIC, 1, __u32)
/* In n, out n! mod 2^32, computed by the card, completion by IRQ. */
#define EDU_IOC_FACT _IOWR(EDU_IOC_MAGIC, 2, __u32)
/* User buffer to card buffer, by the card's DMA engine, IRQ on completion. */
#define EDU_IOC_DMA_TO _IOW(EDU_IOC_MAGIC, 3, struct edu_dma)
/* Card buffer to user buffer. */
#define EDU_IOC_DMA_FROM _IOW(EDU_IOC_MAGIC, 4, struct edu_dma)
/* n reads of the ID register (for benchmarks). */
#define EDU_IOC_MMIO_READS _IOW(EDU_IOC_MAGIC, 5, __u32)
/* Writes v to the liveness register (0x04) and returns what the card gives back (~v). */
#define EDU_IOC_LIVENESS _IOWR(EDU_IOC_MAGIC, 6, __u32)

#endif /* EDU_H */
