//! Compiles: `Self` in the field types of a #[pin_data] struct (a list
//! node, generic or not) and of a #[derive(Zeroable)] one: the generated
//! helpers name the struct itself where the struct wrote `Self`.
// krust-expect: ok
use kernel::prelude::*;
use kernel::sync::Mutex;

module! { type: M, name: "pin_self_field", license: "GPL", }

#[pin_data]
struct Node {
    #[pin]
    value: Mutex<u32>,
    next: Option<KBox<Self>>,
}

#[pin_data]
struct Chain<'a, T: Send> {
    #[pin]
    rest: Mutex<Option<KBox<Self>>>,
    item: T,
    parent: Option<&'a Self>,
}

#[derive(Zeroable)]
struct Link {
    count: u32,
    next: *mut Self,
    siblings: [Option<&'static Self>; 2],
}

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let mut n = KBox::pin_init(pin_init!(Node { value <- new_mutex!(1), next: None }), GFP_KERNEL)?;
        let fields = n.as_mut().project();
        *fields.next = None;
        let c = KBox::pin_init(pin_init!(Chain::<u8> { rest <- new_mutex!(None), item: 2, parent: None }), GFP_KERNEL)?;
        let l = KBox::init(init!(Link { count: 3, ..Zeroable::init_zeroed() }), GFP_KERNEL)?;
        pr_info!("{} {} {} {}\n", *n.value.lock(), c.item, c.rest.lock().is_none(), l.count + l.next.is_null() as u32);
        Ok(M)
    }
}
