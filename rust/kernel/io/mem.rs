//! Memory-mapped I/O of a device's memory resource, as Linux 6.18's
//! `kernel::io::mem` has it: an [`IoRequest`] (from the bus, for example
//! `platform::Device::io_request_by_index`) maps its resource as an
//! [`IoMem`] (plain `ioremap`) or an [`ExclusiveIoMem`] (the range also
//! requested, so that no other driver maps it), each inside a [`Devres`]
//! that unmaps it when the device is unbound.

use core::ffi::c_void;
use core::mem::ManuallyDrop;
use core::ops::Deref;

use super::resource::Resource;
use super::{Io, IoRaw};
use crate::device::{Bound, Device};
use crate::devres::Devres;
use crate::error::{code::*, Error, Result};
use crate::init::PinInit;

/// A memory resource of a bound device, to be mapped.
pub struct IoRequest<'a> {
    device: &'a Device<Bound>,
    resource: &'a Resource,
}

impl<'a> IoRequest<'a> {
    /// The request of `resource` of `device`.
    ///
    /// # Safety
    ///
    /// `resource` is a memory resource of `device`.
    pub(crate) unsafe fn new(device: &'a Device<Bound>, resource: &'a Resource) -> Self {
        IoRequest { device, resource }
    }

    /// Maps the resource, at least `SIZE` bytes of it (`EINVAL` when it is
    /// smaller), until the device is unbound or the `Devres` dropped.
    pub fn iomap_sized<const SIZE: usize>(self) -> impl PinInit<Devres<IoMem<SIZE>>, Error> + 'a {
        Devres::new(self.device, IoMem::new(self.resource))
    }

    /// [`iomap_sized`](Self::iomap_sized) with no size known at build time:
    /// every access is a `try_` one.
    pub fn iomap(self) -> impl PinInit<Devres<IoMem<0>>, Error> + 'a {
        self.iomap_sized::<0>()
    }

    /// As [`iomap_sized`](Self::iomap_sized), with the range requested
    /// first, under the device's name: `EBUSY` when another holds it.
    pub fn iomap_exclusive_sized<const SIZE: usize>(self) -> impl PinInit<Devres<ExclusiveIoMem<SIZE>>, Error> + 'a {
        Devres::new(self.device, ExclusiveIoMem::new(self.resource, self.device))
    }

    /// [`iomap_exclusive_sized`](Self::iomap_exclusive_sized) with no size
    /// known at build time.
    pub fn iomap_exclusive(self) -> impl PinInit<Devres<ExclusiveIoMem<0>>, Error> + 'a {
        self.iomap_exclusive_sized::<0>()
    }
}

/// A mapped memory resource of at least `SIZE` bytes; its accessors are
/// [`Io`]'s.
///
/// # Invariants
///
/// `io` is a live mapping made by `ioremap`, unmapped only by the drop.
pub struct IoMem<const SIZE: usize = 0> {
    io: IoRaw<SIZE>,
}

impl<const SIZE: usize> IoMem<SIZE> {
    fn new(resource: &Resource) -> Result<Self> {
        let size = resource.size();
        if size == 0 {
            return Err(EINVAL);
        }
        let len = usize::try_from(size).map_err(|_| EINVAL)?;
        // The size must hold the accesses `SIZE` promises; checked before
        // anything is mapped.
        if len < SIZE {
            return Err(EINVAL);
        }
        // SAFETY: any address and size may be passed; C maps them or fails.
        let addr = unsafe { bindings::ioremap(resource.start(), size as core::ffi::c_ulong) }.0 as usize;
        if addr == 0 {
            return Err(ENOMEM);
        }
        // `len >= SIZE` (checked above), so this cannot fail.
        let io = IoRaw::new(addr, len)?;
        // INVARIANT: mapped by `ioremap` just above.
        Ok(IoMem { io })
    }
}

impl<const SIZE: usize> Drop for IoMem<SIZE> {
    fn drop(&mut self) {
        // SAFETY: the live mapping of `ioremap` (the type invariant), never
        // used again.
        unsafe { bindings::iounmap(bindings::IoPtr(self.io.addr() as *mut c_void)) };
    }
}

impl<const SIZE: usize> Deref for IoMem<SIZE> {
    type Target = Io<SIZE>;

    fn deref(&self) -> &Io<SIZE> {
        // SAFETY: mapped while the `IoMem` lives (the type invariant), which
        // the borrow does not outlast.
        unsafe { Io::from_raw(&self.io) }
    }
}

/// An [`IoMem`] whose range is also requested, so that no other driver
/// requests it while it is mapped.
///
/// # Invariants
///
/// `start..start + size` is requested from `iomem_resource`, and released
/// only by the drop, after `iomem` is unmapped; `iomem` is dropped only
/// there.
pub struct ExclusiveIoMem<const SIZE: usize = 0> {
    iomem: ManuallyDrop<IoMem<SIZE>>,
    start: bindings::resource_size_t,
    size: bindings::resource_size_t,
}

/// The kernel's tree of memory ranges, which `__request_region` and
/// `__release_region` lock.
fn iomem_tree() -> *mut bindings::resource {
    core::ptr::addr_of_mut!(bindings::iomem_resource)
}

impl<const SIZE: usize> ExclusiveIoMem<SIZE> {
    fn new(resource: &Resource, device: &Device<Bound>) -> Result<Self> {
        let (start, size) = (resource.start(), resource.size());
        // SAFETY: the device is valid (the type invariant of `Device`).
        let name = unsafe { bindings::dev_name(device.as_raw()) };
        // SAFETY: the tree is the kernel's, which C locks; the device's name
        // outlives the request (released by the `Devres` at the unbind).
        let region = unsafe { bindings::__request_region(iomem_tree(), start, size, name, 0) };
        if region.is_null() {
            return Err(EBUSY);
        }
        let iomem = match IoMem::new(resource) {
            Ok(iomem) => iomem,
            Err(e) => {
                // SAFETY: requested just above, and not mapped.
                unsafe { bindings::__release_region(iomem_tree(), start, size) };
                return Err(e);
            }
        };
        // INVARIANT: requested, then mapped, above.
        Ok(ExclusiveIoMem { iomem: ManuallyDrop::new(iomem), start, size })
    }
}

impl<const SIZE: usize> Drop for ExclusiveIoMem<SIZE> {
    fn drop(&mut self) {
        // SAFETY: dropped only here (the type invariant), never used again.
        unsafe { ManuallyDrop::drop(&mut self.iomem) };
        // SAFETY: requested by `new` and now unmapped (the type invariant),
        // released once.
        unsafe { bindings::__release_region(iomem_tree(), self.start, self.size) };
    }
}

impl<const SIZE: usize> Deref for ExclusiveIoMem<SIZE> {
    type Target = Io<SIZE>;

    fn deref(&self) -> &Io<SIZE> {
        &self.iomem
    }
}
