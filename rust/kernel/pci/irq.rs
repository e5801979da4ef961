//! The interrupts of a PCI device: the request of a line by its vector
//! index, and the registration of a handler for it, as Linux 6.18 has them
//! on `pci::Device<Bound>` ([`Device::irq_vector`], [`Device::request_irq`],
//! [`Device::request_threaded_irq`]).
//!
//! Beyond 6.18 (later mainline has the same shape): [`Device::alloc_irq_vectors`]
//! allocates MSI-X, MSI or INTx vectors, [`IrqTypes`] saying which, and
//! frees them when the device is unbound. Without it, vector 0 is the
//! device's INTx line, as in C. Vectors are allocated before the handlers
//! that use them are registered, so that the unbind, which releases in the
//! reverse order, frees the handlers first.

use core::ops::RangeInclusive;

use super::Device;
use crate::device::Bound;
use crate::error::{code::*, to_result, Error, Result};
use crate::init::PinInit;
use crate::irq::{self, IrqRequest};
use crate::prelude::GFP_KERNEL;
use crate::str::CStr;
use crate::types::ARef;

/// A kind of PCI interrupt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IrqType {
    /// The legacy INTx line.
    Intx,
    /// Message signalled interrupts.
    Msi,
    /// Extended message signalled interrupts.
    MsiX,
}

impl IrqType {
    const fn as_raw(self) -> u32 {
        match self {
            #[cfg(linux_ge_6_8)]
            IrqType::Intx => bindings::PCI_IRQ_INTX,
            #[cfg(not(linux_ge_6_8))]
            IrqType::Intx => bindings::PCI_IRQ_LEGACY,
            IrqType::Msi => bindings::PCI_IRQ_MSI,
            IrqType::MsiX => bindings::PCI_IRQ_MSIX,
        }
    }
}

/// The kinds of interrupt an allocation may use; the kernel tries MSI-X,
/// then MSI, then INTx.
///
/// # Examples
///
/// ```
/// use kernel::pci::{IrqType, IrqTypes};
///
/// let msi_only = IrqTypes::default().with(IrqType::Msi).with(IrqType::MsiX);
/// # let _ = (msi_only, IrqTypes::all());
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct IrqTypes(u32);

impl IrqTypes {
    /// Every kind.
    pub const fn all() -> Self {
        IrqTypes(IrqType::Intx.as_raw() | IrqType::Msi.as_raw() | IrqType::MsiX.as_raw())
    }

    /// The set with `irq_type` added.
    pub const fn with(self, irq_type: IrqType) -> Self {
        IrqTypes(self.0 | irq_type.as_raw())
    }

    const fn as_raw(self) -> u32 {
        self.0
    }
}

/// An allocated interrupt vector of a PCI device, by index, for the
/// lifetime of the borrow of its bound device.
///
/// # Invariants
///
/// `index` is below the number of vectors allocated for `dev`.
#[derive(Clone, Copy)]
pub struct IrqVector<'a> {
    dev: &'a Device<Bound>,
    index: u32,
}

impl<'a> IrqVector<'a> {
    /// The vector's index.
    pub fn index(&self) -> u32 {
        self.index
    }
}

impl<'a> TryFrom<IrqVector<'a>> for IrqRequest<'a> {
    type Error = Error;

    fn try_from(vector: IrqVector<'a>) -> Result<IrqRequest<'a>> {
        vector.dev.irq_vector(vector.index)
    }
}

/// The vectors of a device, freed when dropped (at the device's unbind).
///
/// # Invariants
///
/// `pci_alloc_irq_vectors` succeeded for `dev`, and nothing has freed them.
struct IrqVectorRegistration {
    dev: ARef<Device>,
}

impl Drop for IrqVectorRegistration {
    fn drop(&mut self) {
        // SAFETY: the device is valid (the count `dev` holds), with vectors
        // allocated and not freed (the type invariant).
        unsafe { bindings::pci_free_irq_vectors(self.dev.as_raw()) };
    }
}

// SAFETY: the registration only holds a count on the device, which any
// thread may put; `pci_free_irq_vectors` takes no thread's context.
unsafe impl Send for IrqVectorRegistration {}

impl Device<Bound> {
    /// The request of the line of vector `index`: vector 0 is the INTx line
    /// when no vectors were allocated; `EINVAL` for an index without a line.
    pub fn irq_vector(&self, index: u32) -> Result<IrqRequest<'_>> {
        // SAFETY: the device is valid (the type invariant of `Device`).
        let irq = unsafe { bindings::pci_irq_vector(self.as_raw(), index) };
        if irq < 0 {
            return Err(Error::from_errno(irq));
        }
        if irq == 0 {
            return Err(EINVAL);
        }
        // SAFETY: the PCI core gave `irq` as a line of this device.
        Ok(unsafe { IrqRequest::new(self.as_ref(), irq as u32) })
    }

    /// Registers `handler` for the line of vector `index`, freed when the
    /// registration is dropped or the device unbound.
    pub fn request_irq<'a, T: irq::Handler + 'static>(
        &'a self,
        index: u32,
        flags: irq::Flags,
        name: &'static CStr,
        handler: impl PinInit<T, Error> + 'a,
    ) -> Result<impl PinInit<irq::Registration<T>, Error> + 'a> {
        let request = self.irq_vector(index)?;
        Ok(irq::Registration::<T>::new(request, flags, name, handler))
    }

    /// Registers a threaded `handler` for the line of vector `index`, freed
    /// when the registration is dropped or the device unbound.
    pub fn request_threaded_irq<'a, T: irq::ThreadedHandler + 'static>(
        &'a self,
        index: u32,
        flags: irq::Flags,
        name: &'static CStr,
        handler: impl PinInit<T, Error> + 'a,
    ) -> Result<impl PinInit<irq::ThreadedRegistration<T>, Error> + 'a> {
        let request = self.irq_vector(index)?;
        Ok(irq::ThreadedRegistration::<T>::new(request, flags, name, handler))
    }

    /// Allocates between `min_vecs` and `max_vecs` interrupt vectors of the
    /// kinds `irq_types`, freed when the device is unbound; returns the
    /// vectors allocated.
    pub fn alloc_irq_vectors(
        &self,
        min_vecs: u32,
        max_vecs: u32,
        irq_types: IrqTypes,
    ) -> Result<RangeInclusive<IrqVector<'_>>> {
        if min_vecs == 0 || min_vecs > max_vecs {
            return Err(EINVAL);
        }
        // SAFETY: the device is valid and bound (the type invariant of
        // `Device<Bound>`); the C function checks the other arguments.
        let ret = unsafe { bindings::pci_alloc_irq_vectors(self.as_raw(), min_vecs, max_vecs, irq_types.as_raw()) };
        to_result(ret)?;
        let count = ret as u32;
        // INVARIANT: the allocation just succeeded; the registration frees
        // it, once, at the unbind.
        let vectors = IrqVectorRegistration { dev: self.into() };
        crate::devres::register(self.as_ref(), vectors, GFP_KERNEL)?;
        // INVARIANT: `pci_alloc_irq_vectors` gives at least `min_vecs`
        // (above 0) vectors, numbered from 0.
        Ok(IrqVector { dev: self, index: 0 }..=IrqVector { dev: self, index: count - 1 })
    }
}
