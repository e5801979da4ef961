/*
 * faux.h: a faux bus for kernels without one (it appeared in Linux 6.14),
 * as C glue compiled into each module that uses it (faux.c).
 *
 * The API is the kernel's <linux/device/faux.h> under krust's own names: a
 * faux device is a plain device with nothing behind it, made and probed in
 * one call and undone by another. Each module has a bus of its own,
 * faux-MODNAME, with one driver, faux_driver, and a root device of the
 * same name at /sys/devices/faux-MODNAME: two modules that both carry the
 * glue never register the same name twice. The bus exists while the
 * module has faux devices.
 */
#ifndef KRUST_GLUE_FAUX_H
#define KRUST_GLUE_FAUX_H

#include <linux/device.h>

/* A faux device: its struct device, of which the bus owns the memory. */
struct krust_faux_device {
	struct device dev;
};

/*
 * What a faux device's creator may do at its probe and removal, both
 * optional. probe runs within krust_glue_faux_device_create, with the
 * glue's lock held: it must not create or destroy faux devices of the same
 * module. A probe that fails fails the creation. remove runs within
 * krust_glue_faux_device_destroy.
 */
struct krust_faux_device_ops {
	int (*probe)(struct krust_faux_device *faux_dev);
	void (*remove)(struct krust_faux_device *faux_dev);
};

/*
 * Creates a faux device NAME under parent (NULL: the module's root device),
 * probes it before returning, and with groups, adds these attribute groups
 * once it is probed. NULL when it cannot be made: no memory, an empty NAME,
 * a device of that name already on the module's bus, or a failed probe.
 */
struct krust_faux_device *krust_glue_faux_device_create_with_groups(const char *name, struct device *parent,
								   const struct krust_faux_device_ops *ops,
								   const struct attribute_group **groups);
struct krust_faux_device *krust_glue_faux_device_create(const char *name, struct device *parent,
						       const struct krust_faux_device_ops *ops);
/* Removes and puts a device the functions above made; NULL does nothing. */
void krust_glue_faux_device_destroy(struct krust_faux_device *faux_dev);

#endif
