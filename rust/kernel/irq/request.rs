//! Interrupt handlers and their registrations.
//!
//! A registration passes C a pointer to itself as the handler's cookie, so
//! it is pinned: made by an initialiser ([`Registration::new`]) into memory
//! it never leaves. The line itself is held by a `RegistrationInner` inside
//! a [`Devres`]: `free_irq` runs when the registration is dropped or when
//! the device is unbound, whichever comes first, and it waits for a running
//! handler to return. So while a handler runs, the registration and the
//! device's binding both exist, and the handler is given `&Device<Bound>`.

use core::ffi::{c_int, c_uint, c_void};
use core::marker::PhantomPinned;

use crate::alloc::{Allocator, Box};
use crate::device::{Bound, Device};
use crate::devres::Devres;
use crate::error::{code::*, to_result, Error, Result};
use crate::init::{pin_data, pinned_drop, PinInit, PinnedDrop};
use crate::irq::flags::Flags;
use crate::prelude::Pin;
use crate::str::CStr;
use crate::sync::Arc;

/// What a [`Handler`] (or a [`ThreadedHandler`]'s thread) returns: C's
/// `irqreturn_t`.
#[repr(u32)]
pub enum IrqReturn {
    /// The interrupt was not the device's, or not handled.
    None = bindings::irqreturn_IRQ_NONE as u32,
    /// The interrupt was the device's, and handled.
    Handled = bindings::irqreturn_IRQ_HANDLED as u32,
}

/// A handler of an interrupt, run in interrupt context: it may not sleep.
pub trait Handler: Sync {
    /// Handles an interrupt of `device`'s line.
    fn handle(&self, device: &Device<Bound>) -> IrqReturn;
}

impl<T: Handler + Send> Handler for Arc<T> {
    fn handle(&self, device: &Device<Bound>) -> IrqReturn {
        T::handle(self, device)
    }
}

impl<T: Handler, A: Allocator> Handler for Box<T, A> {
    fn handle(&self, device: &Device<Bound>) -> IrqReturn {
        T::handle(self, device)
    }
}

/// The line a registration holds, freed when dropped (at the latest when the
/// device is unbound, by the [`Devres`] it lives in).
///
/// # Invariants
///
/// `irq` was requested with `cookie` as its cookie (unique: the address of
/// the registration it belongs to), and is freed only by the drop.
#[pin_data(PinnedDrop)]
struct RegistrationInner {
    irq: u32,
    cookie: *mut c_void,
}

/// A C interrupt handler or thread function, as `request_threaded_irq`
/// takes them.
type IrqFn = unsafe extern "C" fn(c_int, *mut c_void) -> c_uint;

impl RegistrationInner {
    /// An initialiser of the `Devres` of `request`'s line, requested with
    /// `handler`, `thread` (when given) and `flags`, named `name`, with
    /// `cookie` as the cookie.
    ///
    /// # Safety
    ///
    /// `cookie` is the address of the pinned registration this is a field
    /// of, and `handler` and `thread` may be called with it from the moment
    /// the line is requested until the `RegistrationInner` is dropped.
    unsafe fn request<'a>(
        request: IrqRequest<'a>,
        flags: Flags,
        name: &'static CStr,
        handler: IrqFn,
        thread: Option<IrqFn>,
        cookie: *mut c_void,
    ) -> impl PinInit<Devres<Self>, Error> + 'a {
        Devres::new(
            request.dev,
            crate::try_pin_init!(RegistrationInner {
                // INVARIANT: the cookie is the registration's address (the
                // caller's guarantee).
                cookie,
                irq: {
                    // SAFETY: the callbacks may be called with the cookie
                    // until the drop frees the line (the caller's
                    // guarantee); `name` is `'static`, as C keeps it.
                    to_result(unsafe {
                        bindings::request_threaded_irq(
                            request.irq,
                            Some(handler),
                            thread,
                            flags.into_inner(),
                            name.as_ptr(),
                            cookie,
                        )
                    })?;
                    request.irq
                },
            }),
        )
    }

    fn synchronize(&self) {
        // SAFETY: `self.irq` is a requested line (the type invariant).
        unsafe { bindings::synchronize_irq(self.irq) };
    }
}

/// Waits for the line's handlers running on other CPUs to return; `ENODEV`
/// once the device is unbound (the line is freed then).
fn try_synchronize(inner: &Devres<RegistrationInner>) -> Result {
    inner.try_access().ok_or(ENODEV)?.synchronize();
    Ok(())
}

/// Waits for the line's handlers running on other CPUs to return.
fn synchronize(inner: &Devres<RegistrationInner>, dev: &Device<Bound>) -> Result {
    inner.access(dev)?.synchronize();
    Ok(())
}

#[pinned_drop]
impl PinnedDrop for RegistrationInner {
    fn drop(self: Pin<&mut Self>) {
        // SAFETY: the line was requested with this cookie and is freed here
        // only (the type invariant). `free_irq` waits for a running handler,
        // so none runs once it returns, before the registration goes.
        unsafe { bindings::free_irq(self.irq, self.cookie) };
    }
}

// SAFETY: the cookie is only passed back to C, from whichever thread drops
// or synchronises the line; the C functions take no thread's context.
unsafe impl Send for RegistrationInner {}
// SAFETY: `&RegistrationInner` only gives `synchronize_irq`, which may run
// on several threads at once.
unsafe impl Sync for RegistrationInner {}

/// A line of a bound device that a handler may be registered for, from the
/// bus ([`pci::Device::irq_vector`](crate::pci::Device::irq_vector)).
///
/// # Invariants
///
/// `irq` is an interrupt line of `dev`.
pub struct IrqRequest<'a> {
    dev: &'a Device<Bound>,
    irq: u32,
}

impl<'a> IrqRequest<'a> {
    /// The request of line `irq` of `dev`.
    ///
    /// # Safety
    ///
    /// `irq` is an interrupt line of `dev`.
    pub(crate) unsafe fn new(dev: &'a Device<Bound>, irq: u32) -> Self {
        // INVARIANT: the caller's guarantee.
        IrqRequest { dev, irq }
    }

    /// The line's number.
    pub fn irq(&self) -> u32 {
        self.irq
    }
}

/// A [`Handler`] registered for a line of a bound device; the line is freed
/// when the registration is dropped or the device unbound.
///
/// # Examples
///
/// ```ignore
/// use kernel::device::{Bound, Device};
/// use kernel::irq::{self, Flags, IrqRequest, IrqReturn, Registration};
/// use kernel::prelude::*;
/// use kernel::sync::Arc;
/// use core::sync::atomic::{AtomicU32, Ordering};
///
/// struct Counter(AtomicU32);
///
/// impl irq::Handler for Counter {
///     fn handle(&self, _dev: &Device<Bound>) -> IrqReturn {
///         self.0.fetch_add(1, Ordering::Relaxed);
///         IrqReturn::Handled
///     }
/// }
///
/// fn register(request: IrqRequest<'_>) -> Result<Arc<Registration<Counter>>> {
///     let reg = Registration::new(request, Flags::SHARED, c"counter", Counter(AtomicU32::new(0)));
///     Arc::pin_init(reg, GFP_KERNEL)
/// }
/// ```
///
/// # Invariants
///
/// While `inner` holds the line, C may call the handler with the address of
/// `self` as its cookie.
#[pin_data]
pub struct Registration<T: Handler + 'static> {
    #[pin]
    inner: Devres<RegistrationInner>,
    #[pin]
    handler: T,
    /// The registration's address is the handler's cookie: it never moves.
    #[pin]
    _pin: PhantomPinned,
}

impl<T: Handler + 'static> Registration<T> {
    /// Registers `handler` for `request`'s line, with `flags`, named `name`
    /// in `/proc/interrupts`.
    pub fn new<'a>(
        request: IrqRequest<'a>,
        flags: Flags,
        name: &'static CStr,
        handler: impl PinInit<T, Error> + 'a,
    ) -> impl PinInit<Self, Error> + 'a {
        crate::try_pin_init!(&this in Self {
            handler <- handler,
            // SAFETY: the cookie is this pinned registration's address, where
            // `handle_irq_callback::<T>` reads a `Registration<T>`: its handler
            // is initialised (the field before) and outlives `inner`, whose
            // drop frees the line.
            inner <- unsafe {
                RegistrationInner::request(
                    request,
                    flags,
                    name,
                    handle_irq_callback::<T>,
                    None,
                    this.as_ptr().cast::<c_void>(),
                )
            },
            _pin: PhantomPinned,
        })
    }

    /// The handler.
    pub fn handler(&self) -> &T {
        &self.handler
    }

    /// Waits for a handler running on another CPU to return; `ENODEV` once
    /// the device is unbound (the line is freed then).
    pub fn try_synchronize(&self) -> Result {
        try_synchronize(&self.inner)
    }

    /// Waits for a handler running on another CPU to return.
    pub fn synchronize(&self, dev: &Device<Bound>) -> Result {
        synchronize(&self.inner, dev)
    }
}

/// The C handler of a [`Registration<T>`].
///
/// # Safety
///
/// Called by C only, for a line requested by `Registration::<T>::new`, with
/// its cookie.
unsafe extern "C" fn handle_irq_callback<T: Handler + 'static>(_irq: c_int, ptr: *mut c_void) -> c_uint {
    // SAFETY: the cookie is the address of a live `Registration<T>` while
    // its line is requested (its invariant), which it is while C calls this.
    let registration = unsafe { &*ptr.cast::<Registration<T>>() };
    // SAFETY: the line is freed before the device's unbind completes (it
    // lives in a `Devres`), and `free_irq` waits for this call: the device
    // is bound while it runs.
    let device = unsafe { registration.inner.device().as_bound() };
    T::handle(&registration.handler, device) as c_uint
}

/// What a [`ThreadedHandler`]'s `handle` returns.
#[repr(u32)]
pub enum ThreadedIrqReturn {
    /// The interrupt was not the device's, or not handled.
    None = bindings::irqreturn_IRQ_NONE as u32,
    /// The interrupt was the device's, and handled: no thread needed.
    Handled = bindings::irqreturn_IRQ_HANDLED as u32,
    /// Wake the handler's thread, which runs `handle_threaded`.
    WakeThread = bindings::irqreturn_IRQ_WAKE_THREAD as u32,
}

/// A handler with a part in interrupt context and a part in a kernel
/// thread, where it may sleep.
pub trait ThreadedHandler: Sync {
    /// Handles an interrupt in interrupt context (it may not sleep); the
    /// default wakes the thread.
    #[expect(unused_variables)]
    fn handle(&self, device: &Device<Bound>) -> ThreadedIrqReturn {
        ThreadedIrqReturn::WakeThread
    }

    /// Handles an interrupt in the handler's thread, in process context.
    fn handle_threaded(&self, device: &Device<Bound>) -> IrqReturn;
}

impl<T: ThreadedHandler + Send> ThreadedHandler for Arc<T> {
    fn handle(&self, device: &Device<Bound>) -> ThreadedIrqReturn {
        T::handle(self, device)
    }

    fn handle_threaded(&self, device: &Device<Bound>) -> IrqReturn {
        T::handle_threaded(self, device)
    }
}

impl<T: ThreadedHandler, A: Allocator> ThreadedHandler for Box<T, A> {
    fn handle(&self, device: &Device<Bound>) -> ThreadedIrqReturn {
        T::handle(self, device)
    }

    fn handle_threaded(&self, device: &Device<Bound>) -> IrqReturn {
        T::handle_threaded(self, device)
    }
}

/// A [`ThreadedHandler`] registered for a line of a bound device; the line
/// is freed when the registration is dropped or the device unbound.
///
/// # Invariants
///
/// While `inner` holds the line, C may call the handler and its thread with
/// the address of `self` as their cookie.
#[pin_data]
pub struct ThreadedRegistration<T: ThreadedHandler + 'static> {
    #[pin]
    inner: Devres<RegistrationInner>,
    #[pin]
    handler: T,
    /// The registration's address is the handler's cookie: it never moves.
    #[pin]
    _pin: PhantomPinned,
}

impl<T: ThreadedHandler + 'static> ThreadedRegistration<T> {
    /// Registers `handler` for `request`'s line, with `flags`, named `name`
    /// in `/proc/interrupts`.
    pub fn new<'a>(
        request: IrqRequest<'a>,
        flags: Flags,
        name: &'static CStr,
        handler: impl PinInit<T, Error> + 'a,
    ) -> impl PinInit<Self, Error> + 'a {
        crate::try_pin_init!(&this in Self {
            handler <- handler,
            // SAFETY: as in `Registration::new`, for the two callbacks,
            // which read a `ThreadedRegistration<T>` at the cookie.
            inner <- unsafe {
                RegistrationInner::request(
                    request,
                    flags,
                    name,
                    handle_threaded_irq_callback::<T>,
                    Some(thread_fn_callback::<T>),
                    this.as_ptr().cast::<c_void>(),
                )
            },
            _pin: PhantomPinned,
        })
    }

    /// The handler.
    pub fn handler(&self) -> &T {
        &self.handler
    }

    /// Waits for a handler (or its thread) running on another CPU to
    /// return; `ENODEV` once the device is unbound.
    pub fn try_synchronize(&self) -> Result {
        try_synchronize(&self.inner)
    }

    /// Waits for a handler (or its thread) running on another CPU to return.
    pub fn synchronize(&self, dev: &Device<Bound>) -> Result {
        synchronize(&self.inner, dev)
    }
}

/// The C handler of a [`ThreadedRegistration<T>`].
///
/// # Safety
///
/// As for `handle_irq_callback`, for `ThreadedRegistration::<T>::new`.
unsafe extern "C" fn handle_threaded_irq_callback<T: ThreadedHandler + 'static>(
    _irq: c_int,
    ptr: *mut c_void,
) -> c_uint {
    // SAFETY: as in `handle_irq_callback`.
    let registration = unsafe { &*ptr.cast::<ThreadedRegistration<T>>() };
    // SAFETY: as in `handle_irq_callback`.
    let device = unsafe { registration.inner.device().as_bound() };
    T::handle(&registration.handler, device) as c_uint
}

/// The C thread function of a [`ThreadedRegistration<T>`].
///
/// # Safety
///
/// As for `handle_threaded_irq_callback`; `free_irq` also waits for the
/// thread's function to return.
unsafe extern "C" fn thread_fn_callback<T: ThreadedHandler + 'static>(_irq: c_int, ptr: *mut c_void) -> c_uint {
    // SAFETY: as in `handle_irq_callback`.
    let registration = unsafe { &*ptr.cast::<ThreadedRegistration<T>>() };
    // SAFETY: as in `handle_irq_callback`.
    let device = unsafe { registration.inner.device().as_bound() };
    T::handle_threaded(&registration.handler, device) as c_uint
}
