//! Calls the kernel's static inline functions and macros through the C
//! shims krust generates, one or more of each family, and prints
//! "rust_helpers: ok NAME" or "rust_helpers: FAIL NAME" per check. It tests
//! the bindings themselves, so it uses `bindings::` directly.

extern crate bindings;

use bindings as b;
use core::ffi::c_void;
use core::mem::MaybeUninit;
use kernel::prelude::*;

module! {
    type: RustHelpers,
    name: "rust_helpers",
    license: "GPL",
}

struct RustHelpers;

fn check(name: &str, ok: bool) {
    if ok {
        pr_info!("ok {}\n", name);
    } else {
        pr_err!("FAIL {}\n", name);
    }
}

/// A C object initialised in place by C: zeroed first, as kzalloc would.
fn zeroed<T>() -> T {
    // SAFETY: every type used here is a plain C struct for which all-zero
    // bytes are a valid (if not yet initialised) value.
    unsafe { MaybeUninit::zeroed().assume_init() }
}

fn allocation() {
    // SAFETY: kmalloc may be called in process context with GFP_KERNEL; the
    // buffer is written within its 64 bytes and freed once.
    unsafe {
        let p = b::kmalloc(64, b::GFP_KERNEL) as *mut u8;
        check("kmalloc", !p.is_null());
        if !p.is_null() {
            p.write_bytes(0xa5, 64);
            check("kmalloc-memory", *p.add(63) == 0xa5);
            b::kfree(p as *const c_void);
        }
    }
}

fn locks() {
    let mut lock: b::spinlock_t = zeroed();
    let mut m: b::mutex = zeroed();
    // SAFETY: lock and mutex live on this stack frame for the whole use and
    // are initialised by their C initialisers before being taken.
    unsafe {
        b::spin_lock_init(&mut lock);
        b::spin_lock(&mut lock);
        check("spin_lock", b::spin_is_locked(&mut lock) != 0);
        b::spin_unlock(&mut lock);
        check("spin_unlock", b::spin_is_locked(&mut lock) == 0);
        b::mutex_init(&mut m);
        b::mutex_lock(&mut m);
        check("mutex_lock", b::mutex_is_locked(&mut m));
        b::mutex_unlock(&mut m);
        check("mutex_unlock", !b::mutex_is_locked(&mut m));
    }
}

fn refcounts_and_errors() {
    let mut r: b::refcount_t = zeroed();
    // SAFETY: r is a local refcount; the ERR_PTR values are never dereferenced.
    unsafe {
        b::refcount_set(&mut r, 1);
        b::refcount_inc(&mut r);
        check("refcount_inc", b::refcount_read(&r) == 2);
        check("refcount_dec_and_test", !b::refcount_dec_and_test(&mut r));
        let e = b::ERR_PTR(-(b::ENOMEM as i64));
        check("IS_ERR", b::IS_ERR(e));
        check("PTR_ERR", b::PTR_ERR(e) == -(b::ENOMEM as i64));
        check("IS_ERR_VALUE", b::IS_ERR_VALUE(e as u64) && !b::IS_ERR_VALUE(4096));
    }
}

fn list_and_rbtree() {
    let mut head: b::list_head = zeroed();
    let mut entry: b::list_head = zeroed();
    let mut root: b::rb_root = zeroed();
    let mut node: b::rb_node = zeroed();
    // SAFETY: all nodes are locals that outlive the structures they join.
    unsafe {
        b::INIT_LIST_HEAD(&mut head);
        check("list_empty", b::list_empty(&head) != 0);
        b::list_add(&mut entry, &mut head);
        check("list_add", b::list_empty(&head) == 0 && head.next == &mut entry as *mut _);
        b::rb_link_node(&mut node, core::ptr::null_mut(), &mut root.rb_node);
        b::rb_insert_color(&mut node, &mut root);
        check("rb_link_node", b::rb_first(&root) == &mut node as *mut _);
    }
}

unsafe extern "C" fn work_fn(work: *mut b::work_struct) {
    // SAFETY: the work item is the first field of WorkAndDone, which stays
    // alive until the test has flushed the work.
    unsafe { b::complete(&mut (*(work as *mut WorkAndDone)).done) };
}

#[repr(C)]
struct WorkAndDone {
    work: b::work_struct,
    done: b::completion,
}

fn waiting() {
    let mut wq: b::wait_queue_head = zeroed();
    let mut wd: WorkAndDone = zeroed();
    // SAFETY: wq and wd stay on this frame until the work has run and been
    // flushed, and are initialised by their C initialisers first.
    unsafe {
        b::init_waitqueue_head(&mut wq);
        check("init_waitqueue_head", b::waitqueue_active(&mut wq) == 0);
        b::wake_up(&mut wq);
        b::init_completion(&mut wd.done);
        check("init_completion", !b::completion_done(&mut wd.done));
        b::INIT_WORK(&mut wd.work, Some(work_fn));
        check("schedule_work", b::schedule_work(&mut wd.work));
        let left = b::wait_for_completion_timeout(&mut wd.done, b::msecs_to_jiffies(5000));
        b::flush_work(&mut wd.work);
        check("completion", left > 0);
    }
}

fn user_copies() {
    let src = *b"krust uaccess\0\0\0";
    let mut back = [0u8; 16];
    // SAFETY: vm_mmap maps a fresh anonymous page of this (insmod's) process;
    // the copies stay within it and it is unmapped before returning.
    unsafe {
        let addr = b::vm_mmap(
            core::ptr::null_mut(),
            0,
            4096,
            0x3,  // PROT_READ | PROT_WRITE
            0x22, // MAP_PRIVATE | MAP_ANONYMOUS
            0,
        );
        let user = addr as *mut c_void;
        let left_to = b::copy_to_user(b::UserPtr(user), src.as_ptr() as *const c_void, 16);
        let left_from = b::copy_from_user(back.as_mut_ptr() as *mut c_void, b::UserPtr(user), 16);
        check("copy_to_user", left_to == 0);
        check("copy_from_user", left_from == 0 && back == src);
        b::vm_munmap(addr, 4096);
    }
}

fn time_and_bits() {
    let mut bits: [u64; 2] = [0; 2];
    // SAFETY: pure computations, and bit operations within the local array.
    unsafe {
        check("msecs_to_jiffies", b::jiffies_to_msecs(b::msecs_to_jiffies(1000)) == 1000);
        check("time_after", b::time_after(10, 5) && !b::time_after(5, 10));
        let t = b::ktime_get();
        check("ktime_to_ns", b::ktime_to_ns(t) > 0);
        b::set_bit(70, bits.as_mut_ptr());
        check("set_bit", bits[1] == 1 << 6);
        check("test_bit", b::test_bit(70, bits.as_ptr()));
        b::__clear_bit(70, bits.as_mut_ptr());
        check("__clear_bit", bits[1] == 0);
        check("hweight_long", b::hweight_long(0xf0f0) == 8);
        check("_IOR", b::_IOR(b'k' as u32, 1, 4) == 0x8004_6b01);
    }
}

fn mmio_on_memory() {
    let mut word: u32 = 0;
    let p = &mut word as *mut u32 as *mut c_void;
    // SAFETY: readl/writel on ordinary memory are plain 32-bit accesses; the
    // test lets ordinary memory stand in for I/O memory behind IoPtr.
    unsafe {
        b::writel(0xdead_beef, b::IoPtr(p));
        check("writel", word == 0xdead_beef);
        check("readl", b::readl(b::IoPtr(p as *const c_void)) == 0xdead_beef);
    }
}

impl Module for RustHelpers {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        allocation();
        locks();
        refcounts_and_errors();
        list_and_rbtree();
        waiting();
        user_copies();
        time_and_bits();
        mmio_on_memory();
        pr_info!("done\n");
        Ok(RustHelpers)
    }
}
