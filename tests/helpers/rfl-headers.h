/*
 * The headers that Rust-for-Linux's rust/helpers/*.c include, <linux/*.h> first:
 * tests/helpers/coverage.sh looks the names of rfl-helpers.txt up in what
 * they declare. A header the target kernel lacks is skipped.
 */
#if __has_include(<linux/acpi.h>)
#include <linux/acpi.h>
#endif
#if __has_include(<linux/atomic.h>)
#include <linux/atomic.h>
#endif
#if __has_include(<linux/auxiliary_bus.h>)
#include <linux/auxiliary_bus.h>
#endif
#if __has_include(<linux/bitmap.h>)
#include <linux/bitmap.h>
#endif
#if __has_include(<linux/bitops.h>)
#include <linux/bitops.h>
#endif
#if __has_include(<linux/blk-mq.h>)
#include <linux/blk-mq.h>
#endif
#if __has_include(<linux/blkdev.h>)
#include <linux/blkdev.h>
#endif
#if __has_include(<linux/bug.h>)
#include <linux/bug.h>
#endif
#if __has_include(<linux/build_bug.h>)
#include <linux/build_bug.h>
#endif
#if __has_include(<linux/cleanup.h>)
#include <linux/cleanup.h>
#endif
#if __has_include(<linux/clk.h>)
#include <linux/clk.h>
#endif
#if __has_include(<linux/completion.h>)
#include <linux/completion.h>
#endif
#if __has_include(<linux/cpufreq.h>)
#include <linux/cpufreq.h>
#endif
#if __has_include(<linux/cpumask.h>)
#include <linux/cpumask.h>
#endif
#if __has_include(<linux/cred.h>)
#include <linux/cred.h>
#endif
#if __has_include(<linux/delay.h>)
#include <linux/delay.h>
#endif
#if __has_include(<linux/device.h>)
#include <linux/device.h>
#endif
#if __has_include(<linux/dma-direction.h>)
#include <linux/dma-direction.h>
#endif
#if __has_include(<linux/dma-mapping.h>)
#include <linux/dma-mapping.h>
#endif
#if __has_include(<linux/dma-resv.h>)
#include <linux/dma-resv.h>
#endif
#if __has_include(<linux/err.h>)
#include <linux/err.h>
#endif
#if __has_include(<linux/errname.h>)
#include <linux/errname.h>
#endif
#if __has_include(<linux/fs.h>)
#include <linux/fs.h>
#endif
#if __has_include(<linux/fwctl.h>)
#include <linux/fwctl.h>
#endif
#if __has_include(<linux/gfp.h>)
#include <linux/gfp.h>
#endif
#if __has_include(<linux/gpu_buddy.h>)
#include <linux/gpu_buddy.h>
#endif
#if __has_include(<linux/highmem.h>)
#include <linux/highmem.h>
#endif
#if __has_include(<linux/interrupt.h>)
#include <linux/interrupt.h>
#endif
#if __has_include(<linux/io.h>)
#include <linux/io.h>
#endif
#if __has_include(<linux/jump_label.h>)
#include <linux/jump_label.h>
#endif
#if __has_include(<linux/kernel.h>)
#include <linux/kernel.h>
#endif
#if __has_include(<linux/ktime.h>)
#include <linux/ktime.h>
#endif
#if __has_include(<linux/list.h>)
#include <linux/list.h>
#endif
#if __has_include(<linux/list_lru.h>)
#include <linux/list_lru.h>
#endif
#if __has_include(<linux/lockdep.h>)
#include <linux/lockdep.h>
#endif
#if __has_include(<linux/maple_tree.h>)
#include <linux/maple_tree.h>
#endif
#if __has_include(<linux/mm.h>)
#include <linux/mm.h>
#endif
#if __has_include(<linux/mutex.h>)
#include <linux/mutex.h>
#endif
#if __has_include(<linux/of.h>)
#include <linux/of.h>
#endif
#if __has_include(<linux/pci.h>)
#include <linux/pci.h>
#endif
#if __has_include(<linux/pid_namespace.h>)
#include <linux/pid_namespace.h>
#endif
#if __has_include(<linux/platform_device.h>)
#include <linux/platform_device.h>
#endif
#if __has_include(<linux/poll.h>)
#include <linux/poll.h>
#endif
#if __has_include(<linux/processor.h>)
#include <linux/processor.h>
#endif
#if __has_include(<linux/property.h>)
#include <linux/property.h>
#endif
#if __has_include(<linux/pwm.h>)
#include <linux/pwm.h>
#endif
#if __has_include(<linux/rbtree.h>)
#include <linux/rbtree.h>
#endif
#if __has_include(<linux/rcupdate.h>)
#include <linux/rcupdate.h>
#endif
#if __has_include(<linux/refcount.h>)
#include <linux/refcount.h>
#endif
#if __has_include(<linux/regulator/consumer.h>)
#include <linux/regulator/consumer.h>
#endif
#if __has_include(<linux/scatterlist.h>)
#include <linux/scatterlist.h>
#endif
#if __has_include(<linux/sched/mm.h>)
#include <linux/sched/mm.h>
#endif
#if __has_include(<linux/sched/signal.h>)
#include <linux/sched/signal.h>
#endif
#if __has_include(<linux/sched/task.h>)
#include <linux/sched/task.h>
#endif
#if __has_include(<linux/security.h>)
#include <linux/security.h>
#endif
#if __has_include(<linux/serdev.h>)
#include <linux/serdev.h>
#endif
#if __has_include(<linux/slab.h>)
#include <linux/slab.h>
#endif
#if __has_include(<linux/smp.h>)
#include <linux/smp.h>
#endif
#if __has_include(<linux/spinlock.h>)
#include <linux/spinlock.h>
#endif
#if __has_include(<linux/srcu.h>)
#include <linux/srcu.h>
#endif
#if __has_include(<linux/string.h>)
#include <linux/string.h>
#endif
#if __has_include(<linux/task_work.h>)
#include <linux/task_work.h>
#endif
#if __has_include(<linux/timekeeping.h>)
#include <linux/timekeeping.h>
#endif
#if __has_include(<linux/uaccess.h>)
#include <linux/uaccess.h>
#endif
#if __has_include(<linux/usb.h>)
#include <linux/usb.h>
#endif
#if __has_include(<linux/vmalloc.h>)
#include <linux/vmalloc.h>
#endif
#if __has_include(<linux/wait.h>)
#include <linux/wait.h>
#endif
#if __has_include(<linux/workqueue.h>)
#include <linux/workqueue.h>
#endif
#if __has_include(<linux/xarray.h>)
#include <linux/xarray.h>
#endif
#if __has_include(<acpi/acpi_bus.h>)
#include <acpi/acpi_bus.h>
#endif
#if __has_include(<asm/barrier.h>)
#include <asm/barrier.h>
#endif
#if __has_include(<asm/rwonce.h>)
#include <asm/rwonce.h>
#endif
#if __has_include(<drm/drm_gem.h>)
#include <drm/drm_gem.h>
#endif
#if __has_include(<drm/drm_gpuvm.h>)
#include <drm/drm_gpuvm.h>
#endif
#if __has_include(<drm/drm_vma_manager.h>)
#include <drm/drm_vma_manager.h>
#endif
#if __has_include(<kunit/test-bug.h>)
#include <kunit/test-bug.h>
#endif
#if __has_include(<net/genetlink.h>)
#include <net/genetlink.h>
#endif
