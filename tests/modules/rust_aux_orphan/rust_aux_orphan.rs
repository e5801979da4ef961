//! An auxiliary device whose parent is not what its driver expects: a
//! platform driver for `LNUXBEEF` registers an auxiliary device beneath
//! its device, and an auxiliary driver that wants a PCI parent fails to
//! probe it with `EINVAL`.

use kernel::{
    acpi, auxiliary, c_str, device::Core, driver, pci, platform, prelude::*, InPlaceModule,
};

const MODULE_NAME: &CStr = c_str!("rust_aux_orphan");
const AUXILIARY_NAME: &CStr = c_str!("orphan");

struct WantsPci;

kernel::auxiliary_device_table!(
    AUX_TABLE,
    MODULE_AUX_TABLE,
    <WantsPci as auxiliary::Driver>::IdInfo,
    [(auxiliary::DeviceId::new(MODULE_NAME, AUXILIARY_NAME), ())]
);

impl auxiliary::Driver for WantsPci {
    type IdInfo = ();
    const ID_TABLE: auxiliary::IdTable<Self::IdInfo> = &AUX_TABLE;

    fn probe(adev: &auxiliary::Device<Core>, _info: &Self::IdInfo) -> Result<Pin<KBox<Self>>> {
        let parent = adev.parent().ok_or(EINVAL)?;
        let pdev: Result<&pci::Device> = parent.try_into();
        dev_info!(adev.as_ref(), "a PCI parent: {:?}\n", pdev.map(|_| ()));
        pdev?;
        Ok(KBox::new(Self, GFP_KERNEL)?.into())
    }
}

struct Parent {
    _reg: auxiliary::Registration,
}

kernel::acpi_device_table!(
    ACPI_TABLE,
    MODULE_ACPI_TABLE,
    <Parent as platform::Driver>::IdInfo,
    [(acpi::DeviceId::new(c_str!("LNUXBEEF")), ())]
);

impl platform::Driver for Parent {
    type IdInfo = ();
    const ACPI_ID_TABLE: Option<acpi::IdTable<Self::IdInfo>> = Some(&ACPI_TABLE);

    fn probe(pdev: &platform::Device<Core>, _info: Option<&Self::IdInfo>) -> Result<Pin<KBox<Self>>> {
        // Only the first device, so that one auxiliary device has the name.
        let dev: &kernel::device::Device = pdev.as_ref();
        if !dev.fwnode().is_some_and(|node| node.property_present(c_str!("test,u32-prop"))) {
            return Err(ENODEV);
        }
        let reg = auxiliary::Registration::new(pdev.as_ref(), AUXILIARY_NAME, 0, MODULE_NAME)?;
        Ok(KBox::new(Self { _reg: reg }, GFP_KERNEL)?.into())
    }
}

#[pin_data]
struct OrphanModule {
    #[pin]
    _platform: driver::Registration<platform::Adapter<Parent>>,
    #[pin]
    _aux: driver::Registration<auxiliary::Adapter<WantsPci>>,
}

impl InPlaceModule for OrphanModule {
    fn init(module: &'static kernel::ThisModule) -> impl PinInit<Self, Error> {
        try_pin_init!(Self {
            _platform <- driver::Registration::new(MODULE_NAME, module),
            _aux <- driver::Registration::new(MODULE_NAME, module),
        })
    }
}

module! {
    type: OrphanModule,
    name: "rust_aux_orphan",
    authors: ["krust"],
    description: "An auxiliary driver whose device has no PCI parent",
    license: "GPL",
}
