//! A module that is one auxiliary driver and nothing more, declared with
//! `module_auxiliary_driver!`: it matches the auxiliary devices that
//! samples/rust_driver_auxiliary registers, and takes one over when it is
//! bound to it through sysfs.

use kernel::{auxiliary, c_str, device::Core, pci, prelude::*};

struct Only;

kernel::auxiliary_device_table!(
    AUX_TABLE,
    MODULE_AUX_TABLE,
    <Only as auxiliary::Driver>::IdInfo,
    [(auxiliary::DeviceId::new(c_str!("rust_driver_auxiliary"), c_str!("auxiliary")), ())]
);

impl auxiliary::Driver for Only {
    type IdInfo = ();
    const ID_TABLE: auxiliary::IdTable<Self::IdInfo> = &AUX_TABLE;

    fn probe(adev: &auxiliary::Device<Core>, _info: &Self::IdInfo) -> Result<Pin<KBox<Self>>> {
        let parent = adev.parent().ok_or(EINVAL)?;
        let pdev: &pci::Device = parent.try_into()?;
        dev_info!(adev.as_ref(), "bound, id {}, parent {}:{:#x}\n", adev.id(), pdev.vendor_id(), pdev.device_id());
        Ok(KBox::new(Self, GFP_KERNEL)?.into())
    }
}

kernel::module_auxiliary_driver! {
    type: Only,
    name: "rust_aux_only",
    authors: ["krust"],
    description: "One auxiliary driver, as module_auxiliary_driver! declares it",
    license: "GPL",
}
