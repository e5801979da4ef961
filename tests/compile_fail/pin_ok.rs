//! Compiles: the pinned-initialisation forms the other pin_* files misuse,
//! written correctly, and structs the derive and attribute macros must read
//! (lifetimes, bounds, const generics with defaults, where clauses).
// krust-expect: ok
use core::marker::PhantomPinned;
use kernel::prelude::*;
use kernel::sync::{CondVar, Mutex};

module! { type: M, name: "pin_ok", license: "GPL", }

#[pin_data(PinnedDrop)]
struct Both {
    #[pin]
    lock: Mutex<u32>,
    #[pin]
    cv: CondVar,
    count: u32,
}

#[pinned_drop]
impl PinnedDrop for Both {
    fn drop(self: Pin<&mut Self>) {
        self.cv.notify_all();
    }
}

#[pin_data]
struct Generic<'a, T: Send + ?Sized, const N: usize = 4>
where
    T: Sync,
{
    #[pin]
    inner: Mutex<[u8; N]>,
    name: &'a str,
    #[pin]
    _pin: PhantomPinned,
    tail: KBox<u32>,
    marker: core::marker::PhantomData<&'a T>,
}

#[pin_data]
#[derive(Zeroable)]
struct Plain {
    #[pin]
    a: u32,
    b: [u8; 8],
}

/// Fields and locals named as the macros' own locals: hygiene keeps them apart.
#[pin_data]
struct Names {
    #[pin]
    slot: Mutex<u32>,
    data: u32,
    init: u32,
    value: u32,
    armed: u32,
    this: u32,
}

struct M;

fn plain_is_unpin(p: Pin<KBox<Plain>>) -> KBox<Plain> {
    // Every pinned field is `Unpin`, so the struct is.
    Pin::into_inner(p)
}

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let both = KBox::pin_init(
            pin_init!(Both { lock <- new_mutex!(1), cv <- new_condvar!("Both::cv"), count: 2 }),
            GFP_KERNEL,
        )?;
        *both.lock.lock() += both.count;
        let g = KBox::try_pin_init(
            try_pin_init!(&this in Generic::<u8> {
                inner <- new_mutex!([0; 4]),
                name: { let _slot = this.as_ptr(); "g" },
                _pin: PhantomPinned,
                tail: KBox::new(3, GFP_KERNEL)?,
                marker: core::marker::PhantomData,
            }),
            GFP_KERNEL,
        )?;
        pr_info!("{} {}\n", g.name, *g.tail + g.inner.lock()[0] as u32);
        let p = plain_is_unpin(KBox::pin_init(pin_init!(Plain { a: 1, ..Zeroable::init_zeroed() }), GFP_KERNEL)?);
        let q = KBox::init(init!(Plain { a: p.a, b: [1; 8] }), GFP_KERNEL)?;
        pr_info!("{}\n", q.b[7]);
        let (data, init, value, armed, this) = (1, 2, 3, 4, 5);
        let n = KBox::pin_init(
            pin_init!(Names { slot <- new_mutex!(data), data, init, value: value + init, armed, this }),
            GFP_KERNEL,
        )?;
        pr_info!("{}\n", *n.slot.lock() + n.data + n.init + n.value + n.armed + n.this);
        Ok(M)
    }
}
