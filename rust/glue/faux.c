/*
 * faux.c: the faux bus of faux.h, one per module.
 *
 * The bus, its driver and its root device are registered when the module
 * creates its first faux device and unregistered when it destroys its last,
 * so a module that has destroyed its devices leaves nothing behind (and
 * must have, before it is unloaded: the bus's code is the module's). The
 * driver probes synchronously and has no bind or unbind files, so a faux
 * device is bound from its creation to its destruction, as the kernel's
 * own faux bus has it.
 */
#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "faux.h"

#define FAUX_NAME "faux-" KBUILD_MODNAME

struct faux_object {
	struct krust_faux_device faux_dev;
	const struct krust_faux_device_ops *ops;
	const struct attribute_group **groups;
};

static struct faux_object *to_faux_object(struct device *dev)
{
	return container_of(dev, struct faux_object, faux_dev.dev);
}

/* Serialises creation (its name check with its device_add) and the bus's coming and going. */
static DEFINE_MUTEX(faux_lock);
/* The module's faux devices, counted under faux_lock; the bus is up while there are any. */
static unsigned int faux_devices;
static struct device *faux_root;

static int faux_probe(struct device *dev)
{
	struct faux_object *obj = to_faux_object(dev);
	int ret = 0;

	if (obj->ops && obj->ops->probe)
		ret = obj->ops->probe(&obj->faux_dev);
	if (ret || !obj->groups)
		return ret;
	ret = sysfs_create_groups(&dev->kobj, obj->groups);
	if (ret && obj->ops && obj->ops->remove)
		obj->ops->remove(&obj->faux_dev);
	return ret;
}

static void faux_remove(struct device *dev)
{
	struct faux_object *obj = to_faux_object(dev);

	if (obj->groups)
		sysfs_remove_groups(&dev->kobj, obj->groups);
	if (obj->ops && obj->ops->remove)
		obj->ops->remove(&obj->faux_dev);
}

/* No match callback: the one driver matches every device. */
static struct bus_type faux_bus = {
	.name = FAUX_NAME,
	.probe = faux_probe,
	.remove = faux_remove,
};

static struct device_driver faux_driver = {
	.name = "faux_driver",
	.bus = &faux_bus,
	.owner = THIS_MODULE,
	.mod_name = KBUILD_MODNAME,
	.probe_type = PROBE_FORCE_SYNCHRONOUS,
	.suppress_bind_attrs = true,
};

/* The root device, the bus and its driver, under faux_lock. */
static int faux_bus_up(void)
{
	int ret;

	faux_root = root_device_register(FAUX_NAME);
	if (IS_ERR(faux_root)) {
		ret = PTR_ERR(faux_root);
		goto out;
	}
	ret = bus_register(&faux_bus);
	if (ret)
		goto out_root;
	ret = driver_register(&faux_driver);
	if (ret)
		goto out_bus;
	return 0;

out_bus:
	bus_unregister(&faux_bus);
out_root:
	root_device_unregister(faux_root);
out:
	faux_root = NULL;
	return ret;
}

static void faux_bus_down(void)
{
	driver_unregister(&faux_driver);
	bus_unregister(&faux_bus);
	root_device_unregister(faux_root);
	faux_root = NULL;
}

/* One device fewer, under faux_lock: the last takes the bus down. */
static void faux_put_bus(void)
{
	if (!--faux_devices)
		faux_bus_down();
}

static void faux_device_release(struct device *dev)
{
	kfree(to_faux_object(dev));
}

/* Whether the bus has a device called name, under faux_lock. */
static bool faux_name_taken(const char *name)
{
	struct device *dev = bus_find_device_by_name(&faux_bus, NULL, name);

	put_device(dev);
	return dev != NULL;
}

struct krust_faux_device *krust_glue_faux_device_create_with_groups(const char *name, struct device *parent,
								   const struct krust_faux_device_ops *ops,
								   const struct attribute_group **groups)
{
	struct faux_object *obj;
	struct device *dev;
	int ret;

	/* The driver core would warn (with a stack dump) of both. */
	if (!name || !*name)
		return NULL;
	mutex_lock(&faux_lock);
	if (!faux_devices && faux_bus_up())
		goto out_unlock;
	faux_devices++;
	if (faux_name_taken(name))
		goto out_bus;
	obj = kzalloc(sizeof(*obj), GFP_KERNEL);
	if (!obj)
		goto out_bus;
	obj->ops = ops;
	obj->groups = groups;
	dev = &obj->faux_dev.dev;
	device_initialize(dev);
	dev->release = faux_device_release;
	dev->parent = parent ? parent : faux_root;
	dev->bus = &faux_bus;
	/* From here on the device's count owns obj. */
	ret = dev_set_name(dev, "%s", name);
	if (!ret)
		ret = device_add(dev);
	if (ret) {
		put_device(dev);
		goto out_bus;
	}
	/* The driver probes synchronously: no driver now means its probe failed. */
	if (!dev->driver) {
		device_unregister(dev);
		goto out_bus;
	}
	mutex_unlock(&faux_lock);
	return &obj->faux_dev;

out_bus:
	faux_put_bus();
out_unlock:
	mutex_unlock(&faux_lock);
	return NULL;
}

struct krust_faux_device *krust_glue_faux_device_create(const char *name, struct device *parent,
						       const struct krust_faux_device_ops *ops)
{
	return krust_glue_faux_device_create_with_groups(name, parent, ops, NULL);
}

void krust_glue_faux_device_destroy(struct krust_faux_device *faux_dev)
{
	if (!faux_dev)
		return;
	device_unregister(&faux_dev->dev);
	mutex_lock(&faux_lock);
	faux_put_bus();
	mutex_unlock(&faux_lock);
}
