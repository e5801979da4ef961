/*
 * The kernel headers the kernel crate is bound to. krust bindgen reads them
 * with the target kernel's own C flags; bindgen.args selects what it emits.
 */
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/firmware.h>
#include <linux/debugfs.h>
#include <linux/configfs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/seq_file.h>
#include <linux/uio.h>

/* helpers: their static inline functions and macros (helpers.list) */
#include <linux/acpi.h>
#include <linux/auxiliary_bus.h>
#include <linux/bitops.h>
#include <linux/blk-mq.h>
#include <linux/clk.h>
#include <linux/completion.h>
#include <linux/cpufreq.h>
#include <linux/cpumask.h>
#include <linux/cred.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/dma-resv.h>
#include <linux/err.h>
#include <linux/errname.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/ioctl.h>
#include <linux/ioport.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/pci.h>
#include <linux/pid_namespace.h>
#include <linux/platform_device.h>
#include <linux/poll.h>
#include <linux/pwm.h>
#include <linux/rbtree.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/scatterlist.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/serdev.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/task_work.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/usb.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

/* outside include/linux: DRM objects and generic netlink */
#include <drm/drm_gem.h>
#if __has_include(<drm/drm_gpuvm.h>) /* from 6.8 on */
#include <drm/drm_gpuvm.h>
#endif
#include <drm/drm_vma_manager.h>
#include <kunit/test-bug.h>
#include <net/genetlink.h>

/* krust's C glue for what the stock kernels lack (rust/glue/) */
#include "../glue/faux.h"
