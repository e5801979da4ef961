//! Interrupts, as Linux 6.18's `kernel::irq` has them: a handler
//! ([`Handler`], or [`ThreadedHandler`] with a part in a kernel thread)
//! registered for an interrupt line of a bound device ([`Registration`],
//! [`ThreadedRegistration`]) with [`Flags`].
//!
//! A registration lives inside a [`Devres`](crate::devres::Devres): the
//! interrupt is freed when the registration is dropped or when the device is
//! unbound, whichever comes first, so a handler never runs for a device that
//! is gone, and it is given the device as `&Device<Bound>`. The request of a
//! line comes from the bus ([`IrqRequest`], from
//! [`pci::Device::irq_vector`](crate::pci::Device::irq_vector)), tied to the
//! device it belongs to.

mod flags;
mod request;

pub use flags::Flags;
pub use request::{
    Handler, IrqRequest, IrqReturn, Registration, ThreadedHandler, ThreadedIrqReturn, ThreadedRegistration,
};
