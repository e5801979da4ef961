//! Device resources: [`Devres`], a value that lives no longer than its
//! device's binding to a driver, and [`register`], which gives a value to
//! the device to drop at unbind. As in Linux 6.18.
//!
//! # How `Devres` stands on the stock kernels
//!
//! Mainline of 6.18 builds `Devres` on `devm_add_action()` and
//! `devm_remove_action_nowarn()`; later releases moved to `devres_node_*`
//! and a `post_unbind_rust` hook of the driver core. Neither stock kernel
//! has any of those but `devm_add_action()`, and 6.1's `devm_remove_action()`
//! warns when the action is gone. krust therefore adds a devres node of its
//! own, with the calls `devm_add_action()` is made of and that both
//! kernels export: `__devres_alloc_node()`, `devres_add()`, and
//! `devres_remove()` (which, unlike `devm_remove_action()`, reports a node
//! already gone without a warning).
//!
//! # The two ends, and why they are sound
//!
//! A `Devres<T>` holds the value in a [`Revocable`], pinned inside the
//! `Devres` itself. Two parties may end it:
//!
//! - the **release callback**, which the driver core runs when the device
//!   is unbound (`devres_release_all()`), on the unbinding task;
//! - the **drop** of the `Devres`, on whatever task drops it, possibly at
//!   the same moment.
//!
//! Whoever ends it first must revoke and drop the value, and the callback
//! must never touch the `Devres` after its memory is gone. The callback
//! cannot hold a pointer to the `Devres` for that (the `Devres` may be freed
//! while the callback waits to run), so the two meet in a small shared
//! object, the *link*, reference counted ([`Arc`]), one count held by the
//! devres node and one by the `Devres`. The link holds a pointer to the
//! `Devres`'s inner state, and whoever swaps it to null first has **claimed**
//! the teardown; the swap is atomic, so exactly one party claims it:
//!
//! - The callback claims: it revokes the value ([`Revocable::revoke`], which
//!   waits for an RCU grace period so that no reader still holds it, then
//!   drops it), then signals a completion. A `Devres` dropped meanwhile finds
//!   the link empty and waits for that completion before its memory goes; the
//!   callback touches nothing of the `Devres` after signalling.
//! - The drop claims: no callback has started on the value, and none will
//!   touch it (it finds the link empty). The drop revokes the value without
//!   a grace period: it holds the `Devres` mutably, so no
//!   [`RevocableGuard`] or guard-borrowed reference to it lives. It then
//!   removes its devres node if the node is still listed (`devres_remove()`,
//!   under the device's devres lock), drops the value, and signals a
//!   completion in the link. If the unbind has already taken the node, its
//!   callback finds the link empty and waits for that completion: the unbind
//!   does not finish while the value (a mapped and requested BAR, say) is
//!   still being torn down on another task, so the next probe finds the
//!   resource free.
//!
//! Neither wait can deadlock. The callback never waits for a drop that has
//! to wait for it: a drop that claimed waits for nothing. A drop that runs
//! inside another release callback of the same unbind (a `Devres` kept in a
//! value given to [`register`]) finishes before that callback returns, so
//! before the driver core runs the next one. The one thing a value's drop
//! must not do is unbind its own device synchronously, as in mainline.
//!
//! The value is thus dropped once, by one party, after every reader that
//! could see it has finished; after the callback, [`Devres::try_access`]
//! fails and [`Devres::access`] cannot be called (it needs the device
//! bound); and the link, the last memory both touch, is freed by whichever
//! puts its last count.
//!
//! A `Devres` is pinned, so its memory is not reused before its drop has
//! run (`mem::forget` of a pinned box leaks the memory with it). A module
//! that leaks a `Devres` of a device it does not drive must not be unloaded
//! before that device unbinds, since the callback is the module's code; the
//! module that drives the device unbinds it itself when it unregisters its
//! driver.

use core::ffi::{c_int, c_void};
use core::pin::Pin;
use core::ptr;
use core::sync::atomic::{AtomicPtr, Ordering};

use crate::alloc::{flags::GFP_KERNEL, Flags, KBox};
use crate::device::{Bound, Device};
use crate::error::{code::*, to_result, Error, Result};
use crate::init::{pin_data, pin_init_from_closure, InPlaceInit, PinInit};
use crate::pin_init;
use crate::revocable::{Revocable, RevocableGuard};
use crate::sync::{rcu, Arc, Completion};
use crate::types::{ARef, ForeignOwnable, Opaque};

/// What the release callback and the drop share inside the `Devres`.
struct Inner<T> {
    data: Revocable<T>,
    /// Signalled by a callback that claimed the teardown, once it is done
    /// with `Inner`.
    devm: Completion,
}

/// What the devres node and the `Devres` meet in: the address of the
/// `Devres`'s `Inner` until one of them claims the teardown.
///
/// # Invariants
///
/// `dropped` is signalled once the drop that claimed the teardown has
/// dropped the value; never when the callback claimed it.
#[pin_data]
struct Link {
    inner: AtomicPtr<c_void>,
    #[pin]
    dropped: Completion,
}

impl Link {
    /// Claims the teardown: the `Inner` pointer, or null when the other
    /// party claimed it first.
    fn claim(&self) -> *mut c_void {
        self.inner.swap(ptr::null_mut(), Ordering::AcqRel)
    }
}

/// A value tied to a device's binding: it is revoked and dropped when the
/// device is unbound, or when the `Devres` is dropped, whichever comes
/// first; see the [module documentation](self) for how.
///
/// Read it with [`Devres::access`], given the bound device (no check at run
/// time: the binding proves it is there), or with [`Devres::try_access`]
/// from anywhere (which fails once the device is unbound).
///
/// ```ignore
/// let devres = KBox::pin_init(Devres::new(dev, value), GFP_KERNEL)?;
/// let v = devres.access(dev)?;
/// ```
///
/// # Invariants
///
/// `inner` is initialised and only read through shared references; its
/// address is in `link` until one party claims the teardown; `link` is
/// counted once by the devres node (`release`'s) of `dev` until the node's
/// callback runs or the node is removed.
pub struct Devres<T: Send> {
    dev: ARef<Device>,
    /// The callback the node was made with: C finds the node by its
    /// address, and a function's address is only stable once taken.
    release: unsafe extern "C" fn(*mut bindings::device, *mut c_void),
    link: Arc<Link>,
    inner: Opaque<Inner<T>>,
}

// SAFETY: the value moves to, and may be dropped on, another task with the
// `Devres`: `T: Send`. The rest is a device count and atomics.
unsafe impl<T: Send> Send for Devres<T> {}

// SAFETY: through `&Devres` other tasks get `&T`: `T: Sync`.
unsafe impl<T: Send + Sync> Sync for Devres<T> {}

impl<T: Send> Devres<T> {
    /// An initialiser for a `Devres` of `data`, tied to `dev`'s binding.
    pub fn new<'a, E>(dev: &'a Device<Bound>, data: impl PinInit<T, E> + 'a) -> impl PinInit<Self, Error> + 'a
    where
        T: 'a,
        Error: From<E>,
    {
        let init = move |slot: *mut Self| -> Result {
            let link = Arc::pin_init::<core::convert::Infallible>(
                pin_init!(Link { inner: AtomicPtr::new(ptr::null_mut()), dropped <- Completion::new() }),
                GFP_KERNEL,
            )?;
            // SAFETY: `slot` is valid for writes and pinned (the
            // initialiser's contract); fields are written in place.
            let inner = unsafe { Opaque::cast_into(&raw const (*slot).inner) };
            // SAFETY: `inner` is valid for writes and pinned, inside the slot.
            unsafe { Revocable::new(data).__pinned_init(&raw mut (*inner).data) }?;
            // SAFETY: as above; a completion cannot fail to initialise.
            let Ok(()) = unsafe { Completion::new().__pinned_init(&raw mut (*inner).devm) };
            let release: unsafe extern "C" fn(*mut bindings::device, *mut c_void) = Self::devres_callback;
            link.inner.store(inner.cast(), Ordering::Release);
            // SAFETY: the node has room for the link's pointer; `release`
            // is this type's callback; the name is static.
            let node = unsafe {
                bindings::__devres_alloc_node(
                    Some(release),
                    core::mem::size_of::<*const c_void>(),
                    GFP_KERNEL.as_raw(),
                    bindings::NUMA_NO_NODE as c_int,
                    c"krust Devres".as_ptr(),
                )
            };
            if node.is_null() {
                // SAFETY: initialised above, never shared: nothing else saw it.
                unsafe { ptr::drop_in_place(inner) };
                return Err(ENOMEM);
            }
            // SAFETY: the node's data is a pointer-sized slot, ours to write.
            unsafe { node.cast::<*const c_void>().write(link.clone().into_foreign()) };
            // SAFETY: `slot` is valid for writes; the remaining fields.
            unsafe {
                (&raw mut (*slot).dev).write(ARef::from(&**dev));
                (&raw mut (*slot).release).write(release);
                (&raw mut (*slot).link).write(link);
            }
            // INVARIANT: `inner` is initialised and its address in the link,
            // counted by the node, which from here on belongs to the device.
            // SAFETY: `dev` is bound for `'a` (the context), so the node is
            // released at its unbind; the callback can only run after
            // `devres_add`, when the `Devres` is whole.
            unsafe { bindings::devres_add(dev.as_raw(), node) };
            Ok(())
        };
        // SAFETY: the closure initialises every field when it returns `Ok`,
        // and on `Err` leaves nothing to drop (the inner value is dropped,
        // the link's counts put by its `Arc`s); it relies on the slot being
        // pinned, as a `PinInit` may.
        unsafe { pin_init_from_closure(init) }
    }

    fn inner(&self) -> &Inner<T> {
        // SAFETY: initialised and only shared (the type invariant).
        unsafe { &*self.inner.get() }
    }

    /// The node's release callback, run by the driver core at unbind.
    ///
    /// # Safety
    ///
    /// `res` is the data of a node made by [`Devres::new`], whose pointer
    /// holds a count on its link; called once per node.
    unsafe extern "C" fn devres_callback(_dev: *mut bindings::device, res: *mut c_void) {
        // SAFETY: the node's pointer came from `into_foreign` of an
        // `Arc<Link>`, taken back here once (the caller's guarantee).
        let link = unsafe { Arc::<Link>::from_foreign(res.cast::<*const c_void>().read()) };
        let inner = link.claim();
        if inner.is_null() {
            // The drop claimed the teardown: the unbind must not end before
            // the value is gone. The drop waits for nothing (see the module
            // documentation), so this wait ends.
            link.dropped.wait_for_completion();
            return;
        }
        // SAFETY: claimed here, so the `Devres` waits for `devm` before its
        // memory goes (its drop finds the link empty): `Inner` is valid
        // until the `complete_all` below.
        let inner = unsafe { &*inner.cast::<Inner<T>>() };
        inner.data.revoke();
        inner.devm.complete_all();
    }

    /// The device this `Devres` is tied to.
    pub fn device(&self) -> &Device {
        &self.dev
    }

    /// The value, given the device bound: `dev` must be the `Devres`'s own
    /// device (`EINVAL` otherwise), and its binding proves the value has
    /// not been revoked, so there is no check at run time.
    pub fn access<'a>(&'a self, dev: &'a Device<Bound>) -> Result<&'a T> {
        if self.dev.as_raw() != dev.as_raw() {
            return Err(EINVAL);
        }
        // SAFETY: `dev` is our device, bound for `'a`; the callback that
        // revokes the value runs at its unbind, after `'a`, and a drop that
        // revokes it needs `self`, borrowed for `'a`.
        Ok(unsafe { self.inner().data.access() })
    }

    /// The value while the device is bound: see [`Revocable::try_access`].
    pub fn try_access(&self) -> Option<RevocableGuard<'_, T>> {
        self.inner().data.try_access()
    }

    /// Runs `f` on the value while the device is bound: see
    /// [`Revocable::try_access_with`].
    pub fn try_access_with<R, F: FnOnce(&T) -> R>(&self, f: F) -> Option<R> {
        self.inner().data.try_access_with(f)
    }

    /// The value while the device is bound, for as long as `guard` lives:
    /// see [`Revocable::try_access_with_guard`].
    pub fn try_access_with_guard<'a>(&'a self, guard: &'a rcu::Guard) -> Option<&'a T> {
        self.inner().data.try_access_with_guard(guard)
    }

    /// Removes this `Devres`'s node from its device if it is still listed,
    /// freeing it and putting its count on the link.
    fn remove_node(&self) {
        let link: *const Link = &*self.link;
        // SAFETY: the device is valid (we hold a count); the callback and
        // the match function are the node's; `devres_remove` takes the node
        // off the list under the device's devres lock, or finds none.
        let node = unsafe {
            bindings::devres_remove(self.dev.as_raw(), Some(self.release), Some(match_link), link as *mut c_void)
        };
        if node.is_null() {
            // Taken by an unbind: its callback will put the count.
            return;
        }
        // SAFETY: the node is ours again, never to be released by the
        // driver core; its pointer holds a count on the link.
        unsafe {
            drop(Arc::<Link>::from_foreign(node.cast::<*const c_void>().read()));
            bindings::devres_free(node);
        }
    }
}

/// Whether the node `res` holds the link `data` (`devres_remove`'s match).
///
/// # Safety
///
/// `res` is the data of a node made with a `Devres`'s callback.
unsafe extern "C" fn match_link(_dev: *mut bindings::device, res: *mut c_void, data: *mut c_void) -> c_int {
    // SAFETY: the node's data is the link pointer (the caller's guarantee).
    let link = unsafe { res.cast::<*const c_void>().read() };
    (link == data as *const c_void) as c_int
}

impl<T: Send> Drop for Devres<T> {
    fn drop(&mut self) {
        if self.link.claim().is_null() {
            // The callback claimed the teardown: wait until it is done with
            // `inner`. It does not wait for us.
            self.inner().devm.wait_for_completion();
            // SAFETY: initialised (the type invariant) and, from here on,
            // touched by nobody: the callback is done with it.
            unsafe { ptr::drop_in_place(self.inner.get()) };
        } else {
            // Claimed here: no callback touches the value. `&mut self`
            // means no reader holds it: revoke without a grace period.
            // SAFETY: as just said.
            unsafe { self.inner().data.revoke_nosync() };
            self.remove_node();
            // SAFETY: initialised (the type invariant); a callback still to
            // run will not look at it (it finds the link empty).
            unsafe { ptr::drop_in_place(self.inner.get()) };
            // INVARIANT: the value is dropped; a callback that took the
            // node waits for this before the unbind goes on.
            self.link.dropped.complete_all();
        }
    }
}

/// Gives `data` to the device, which drops it when it is unbound: for
/// registrations (a class device, an IRQ) that must not outlive the binding.
///
/// ```ignore
/// devres::register(dev, Registration::new(), GFP_KERNEL)?;
/// ```
pub fn register<T, E>(dev: &Device<Bound>, data: impl PinInit<T, E>, flags: Flags) -> Result
where
    T: Send + 'static,
    Error: From<E>,
{
    // SAFETY: `data`'s own contract, with its error converted.
    let data = unsafe { pin_init_from_closure(move |slot: *mut T| data.__pinned_init(slot).map_err(Error::from)) };
    let data: Pin<KBox<T>> = KBox::try_pin_init(data, flags)?;
    register_foreign(dev, data)
}

/// Gives `data` to `dev`'s devres, which drops it at unbind.
fn register_foreign<P: ForeignOwnable + Send + 'static>(dev: &Device<Bound>, data: P) -> Result {
    /// Drops what `register_foreign` gave.
    ///
    /// # Safety
    ///
    /// `ptr` came from `P::into_foreign`, and is taken back once.
    unsafe extern "C" fn callback<P: ForeignOwnable>(ptr: *mut c_void) {
        // SAFETY: the caller's guarantee.
        drop(unsafe { P::from_foreign(ptr) });
    }

    let ptr = data.into_foreign();
    // SAFETY: `dev` is bound, so the action runs at its unbind (or now,
    // when adding it fails: `_or_reset`), once, with the pointer given.
    to_result(unsafe { bindings::devm_add_action_or_reset(dev.as_raw(), Some(callback::<P>), ptr as *mut c_void) })
}
