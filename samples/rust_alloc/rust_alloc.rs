//! Every allocator and container of `kernel::alloc`, and their failures.
//!
//! Each check logs "rust_alloc: ok: WHAT" or "rust_alloc: FAILED: WHAT";
//! failures are forced with requests no allocator can serve, which must
//! come back as errors, quietly (no kernel warning), and injected with the
//! test allocator `Faulty`, which fails when told to.

use core::fmt::Write;

use kernel::alloc::faulty::{self, Faulty};
use kernel::alloc::{AllocError, Allocator, Box, KVmalloc, Kmalloc, Vec, Vmalloc};
use kernel::prelude::*;
use kernel::str::{CString, Formatter};
use kernel::sync::Arc;

module! {
    type: RustAlloc,
    name: "rust_alloc",
    author: "krust",
    description: "Rust allocation sample",
    license: "GPL",
}

struct RustAlloc;

fn check(what: &str, ok: bool) -> Result {
    if ok {
        pr_info!("ok: {}\n", what);
        Ok(())
    } else {
        pr_err!("FAILED: {}\n", what);
        Err(EINVAL)
    }
}

/// A type that wants more alignment than kmalloc's minimum.
#[repr(align(64))]
struct CacheLine([u8; 64]);

/// A type aligned to a page.
#[repr(align(4096))]
struct Page([u8; 4096]);

/// Larger alignment than any allocator gives.
#[repr(align(8192))]
struct TooAligned(u8);

/// Counts its drops in a shared counter.
struct Dropper<'a>(&'a core::cell::Cell<u32>);

impl Drop for Dropper<'_> {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

fn boxes() -> Result {
    let b = KBox::new(7u64, GFP_KERNEL)?;
    check("KBox holds its value", *b == 7)?;
    let v = VBox::new([3u8; 100_000], GFP_KERNEL)?;
    check("VBox of 100 kB", v.iter().all(|&x| x == 3))?;
    let kv = KVBox::new([1u32; 2048], GFP_KERNEL)?;
    check("KVBox", kv[2047] == 1)?;
    let p = KBox::pin(5i32, GFP_KERNEL)?;
    check("KBox::pin", *p == 5)?;
    let z = KBox::new((), GFP_ATOMIC)?;
    check("a zero-sized KBox allocates nothing", *z == ())?;
    let a = KBox::new(CacheLine([9; 64]), GFP_NOWAIT)?;
    check("64-byte alignment from kmalloc", (&*a as *const CacheLine as usize) % 64 == 0 && a.0[63] == 9)?;
    let pg = VBox::new(Page([0; 4096]), GFP_KERNEL)?;
    check("page alignment from vmalloc", (&*pg as *const Page as usize) % 4096 == 0 && pg.0[4095] == 0)?;
    check("no allocator gives 8 KiB alignment", VBox::new(TooAligned(1), GFP_KERNEL).map(|t| t.0).is_err())?;
    let inner = KBox::into_inner(KBox::new(11u8, GFP_KERNEL)?);
    check("KBox::into_inner", inner == 11)?;
    Ok(())
}

fn zeroed() -> Result {
    let mut v = KVec::<u8>::with_capacity(512, GFP_KERNEL | __GFP_ZERO)?;
    check("with_capacity", v.capacity() >= 512 && v.is_empty())?;
    v.resize(512, 0, GFP_KERNEL)?;
    check("resize fills", v.len() == 512 && v.iter().all(|&x| x == 0))?;
    Ok(())
}

fn vectors<A: Allocator>(name: &str) -> Result {
    let mut v = Vec::<u32, A>::new();
    for i in 0..10_000 {
        v.push(i, GFP_KERNEL)?;
    }
    check(name, v.len() == 10_000 && v[9_999] == 9_999)?;
    v.truncate(100);
    check("truncate", v.len() == 100 && v.capacity() >= 10_000)?;
    v.extend(0..50u32, GFP_KERNEL)?;
    v.extend_from_slice(&[1, 2, 3], GFP_KERNEL)?;
    check("extend and extend_from_slice", v.len() == 153 && v[152] == 3)?;
    v.reserve(1000, GFP_KERNEL)?;
    check("reserve", v.capacity() >= 1153)?;
    check("pop", v.pop() == Some(3))?;
    let sum: u64 = v.into_iter().map(u64::from).sum();
    check("into_iter", sum == (0..100u64).sum::<u64>() + (0..50u64).sum::<u64>() + 3)?;
    Ok(())
}

fn drops() -> Result {
    let count = core::cell::Cell::new(0);
    let mut v = KVec::new();
    for _ in 0..10 {
        v.push(Dropper(&count), GFP_KERNEL)?;
    }
    v.truncate(4);
    check("truncate drops the tail", count.get() == 6)?;
    let mut it = v.into_iter();
    drop(it.next());
    drop(it);
    check("a half-used into_iter drops the rest", count.get() == 10)?;
    let b = KBox::new(Dropper(&count), GFP_KERNEL)?;
    drop(b);
    check("KBox drops its value", count.get() == 11)?;
    Ok(())
}

fn zero_sized() -> Result {
    let mut v = KVec::<()>::new();
    for _ in 0..1000 {
        v.push((), GFP_KERNEL)?;
    }
    check("a vector of zero-sized values", v.len() == 1000 && v.capacity() == usize::MAX)?;
    check("its capacity cannot overflow", v.reserve(usize::MAX, GFP_KERNEL) == Err(AllocError))?;
    Ok(())
}

/// Requests that must fail, each as an error and without a kernel warning.
fn failures() -> Result {
    let mut v = KVec::<u64>::new();
    check("reserve of usize::MAX elements overflows", v.reserve(usize::MAX, GFP_KERNEL) == Err(AllocError))?;
    check("more than kmalloc's 4 MiB", v.reserve(1 << 20, GFP_KERNEL) == Err(AllocError))?;
    check("the failed vector is intact", v.is_empty() && v.push(1, GFP_KERNEL).is_ok())?;
    let mut vv = VVec::<u8>::new();
    check("1 TiB of vmalloc", vv.reserve(1 << 40, GFP_KERNEL | __GFP_NOWARN) == Err(AllocError))?;
    let mut kvv = KVVec::<u8>::new();
    check("kvmalloc beyond INT_MAX", kvv.reserve(1 << 31, GFP_KERNEL) == Err(AllocError))?;
    check("a huge KBox", KBox::<[u8; 1 << 23]>::new_uninit(GFP_KERNEL).is_err())?;
    let e: Error = AllocError.into();
    check("an allocation failure is ENOMEM", e == ENOMEM)?;
    check("Kmalloc::alloc, 8 MiB", Kmalloc::alloc(
        core::alloc::Layout::from_size_align(8 << 20, 8).map_err(|_| EINVAL)?,
        GFP_KERNEL,
    ).is_err())?;
    check("Vmalloc::alloc, 1 TiB", Vmalloc::alloc(
        core::alloc::Layout::from_size_align(1 << 40, 8).map_err(|_| EINVAL)?,
        GFP_KERNEL | __GFP_NOWARN,
    ).is_err())?;
    check("KVmalloc::alloc, 3 GiB", KVmalloc::alloc(
        core::alloc::Layout::from_size_align(3 << 30, 8).map_err(|_| EINVAL)?,
        GFP_KERNEL,
    ).is_err())?;
    Ok(())
}

/// Containers whose allocations fail at a chosen point: each failure is an
/// error, and what was there before it stays intact and is dropped once.
fn injected<A: Allocator>(name: &str) -> Result {
    pr_info!("injected failures in {}\n", name);
    let result = injected_checks::<Faulty<A>>();
    faulty::fail_never();
    result
}

fn injected_checks<A: Allocator>() -> Result {
    faulty::fail_after(0);
    check("a failing Box::new", Box::<u64, A>::new(1, GFP_KERNEL).is_err())?;
    check("a failing Box::pin", Box::<u64, A>::pin(1, GFP_KERNEL).is_err())?;
    let mut empty = Vec::<u8, A>::new();
    check("a failing first push", empty.push(1, GFP_KERNEL) == Err(AllocError) && empty.is_empty())?;
    check("a failing with_capacity", Vec::<u8, A>::with_capacity(8, GFP_KERNEL).is_err())?;

    let count = core::cell::Cell::new(0);
    let mut v = Vec::<Dropper<'_>, A>::new();
    faulty::fail_after(3);
    let mut pushed = 0;
    while pushed < 1000 && v.push(Dropper(&count), GFP_KERNEL).is_ok() {
        pushed += 1;
    }
    check("pushes stop at the third growth", pushed < 1000 && v.len() == pushed)?;
    let len = v.len();
    check("a failing extend", v.extend((0..1000).map(|_| Dropper(&count)), GFP_KERNEL).is_err())?;
    check("a failing reserve leaves the vector alone", v.reserve(1 << 16, GFP_KERNEL).is_err() && v.len() == len)?;
    faulty::fail_never();
    check("the vector grows again", v.push(Dropper(&count), GFP_KERNEL).is_ok())?;
    let dropped_before = count.get();
    let total = v.len() as u32;
    drop(v);
    check("every element is dropped once", count.get() - dropped_before == total)?;

    let mut bytes = Vec::<u8, A>::new();
    bytes.resize(16, 7, GFP_KERNEL)?;
    faulty::fail_after(0);
    check("a failing resize keeps the contents", bytes.resize(1 << 12, 0, GFP_KERNEL).is_err() && bytes.len() == 16 && bytes.iter().all(|&b| b == 7))?;
    check("a failing extend_from_slice", bytes.extend_from_slice(&[0; 64], GFP_KERNEL).is_err() && bytes.len() == 16)?;
    Ok(())
}

fn shared() -> Result {
    let a = Arc::new(KVec::<u8>::with_capacity(16, GFP_KERNEL)?, GFP_KERNEL)?;
    let b = a.clone();
    check("Arc clones share", Arc::count(&a) == 2 && b.capacity() >= 16)?;
    drop(a);
    check("Arc count drops", Arc::count(&b) == 1)?;
    Ok(())
}

fn strings() -> Result {
    let s = CString::try_from_fmt(format_args!("{}-{:x}", "krust", 255))?;
    check("CString from formatting", s.as_bytes() == b"krust-ff")?;
    let mut buf = [0u8; 4];
    let mut f = Formatter::new(&mut buf);
    check("Formatter fits", write!(f, "{}", 123).is_ok() && f.as_bytes() == b"123")?;
    check("Formatter overflows cleanly", write!(f, "{}", 45).is_err())?;
    check("c_str!", c_str!("abc").as_bytes_with_nul() == b"abc\0")?;
    Ok(())
}

impl Module for RustAlloc {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        boxes()?;
        zeroed()?;
        vectors::<Kmalloc>("KVec push")?;
        vectors::<Vmalloc>("VVec push")?;
        vectors::<KVmalloc>("KVVec push")?;
        drops()?;
        zero_sized()?;
        failures()?;
        injected::<Kmalloc>("Kmalloc")?;
        injected::<Vmalloc>("Vmalloc")?;
        injected::<KVmalloc>("KVmalloc")?;
        shared()?;
        strings()?;
        pr_info!("all checks passed\n");
        Ok(RustAlloc)
    }
}
