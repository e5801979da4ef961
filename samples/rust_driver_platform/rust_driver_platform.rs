//! A platform driver for the ACPI devices `LNUXBEEF` (declared to QEMU by
//! `rust_driver_platform.asl`): it probes with its table entry's
//! information and reads the device's firmware properties, requiring
//! `test,u32-prop`, so that a device without it fails to probe.

use kernel::{
    acpi, c_str,
    device::{
        self,
        property::{FwNodeReferenceArgs, NArgs},
        Core,
    },
    of, platform,
    prelude::*,
    str::CString,
    types::ARef,
};

struct SampleDriver {
    pdev: ARef<platform::Device>,
}

struct Info(u32);

kernel::of_device_table!(
    OF_TABLE,
    MODULE_OF_TABLE,
    <SampleDriver as platform::Driver>::IdInfo,
    [(of::DeviceId::new(c_str!("test,rust-device")), Info(42))]
);

kernel::acpi_device_table!(
    ACPI_TABLE,
    MODULE_ACPI_TABLE,
    <SampleDriver as platform::Driver>::IdInfo,
    [(acpi::DeviceId::new(c_str!("LNUXBEEF")), Info(7))]
);

impl platform::Driver for SampleDriver {
    type IdInfo = Info;
    const OF_ID_TABLE: Option<of::IdTable<Self::IdInfo>> = Some(&OF_TABLE);
    const ACPI_ID_TABLE: Option<acpi::IdTable<Self::IdInfo>> = Some(&ACPI_TABLE);

    fn probe(pdev: &platform::Device<Core>, info: Option<&Self::IdInfo>) -> Result<Pin<KBox<Self>>> {
        let dev = pdev.as_ref();

        if let Some(info) = info {
            dev_info!(dev, "Probed with info: '{}'.\n", info.0);
        }

        Self::properties_parse(dev)?;

        let drvdata = KBox::new(Self { pdev: pdev.into() }, GFP_KERNEL)?;
        Ok(drvdata.into())
    }
}

impl SampleDriver {
    fn properties_parse(dev: &device::Device) -> Result {
        let fwnode = dev.fwnode().ok_or(ENOENT)?;
        dev_info!(dev, "firmware node {}\n", fwnode);

        if let Ok(idx) = fwnode.property_match_string(c_str!("compatible"), c_str!("test,rust-device")) {
            dev_info!(dev, "matched compatible string idx = {}\n", idx);
        }

        let prop = fwnode.property_read::<CString>(c_str!("compatible")).required_by(dev)?;
        dev_info!(dev, "'compatible'='{:?}'\n", prop);

        let prop = fwnode.property_read_bool(c_str!("test,bool-prop"));
        dev_info!(dev, "'test,bool-prop'='{}'\n", prop);

        let prop = fwnode.property_read::<u32>(c_str!("test,u32-optional-prop")).or(0x12);
        dev_info!(dev, "'test,u32-optional-prop'='{:#x}' (default = 0x12)\n", prop);

        // Missing, which required_by logs; the error is not this sample's.
        let _ = fwnode.property_read::<u32>(c_str!("test,u32-required-prop")).required_by(dev);

        // Required: a device without it fails to probe.
        let prop: u32 = fwnode.property_read(c_str!("test,u32-prop")).required_by(dev)?;
        dev_info!(dev, "'test,u32-prop'='{:#x}'\n", prop);

        let name = c_str!("test,i16-array");
        let prop: [i16; 4] = fwnode.property_read(name).required_by(dev)?;
        dev_info!(dev, "'test,i16-array'='{:?}'\n", prop);
        let len = fwnode.property_count_elem::<u16>(name)?;
        dev_info!(dev, "'test,i16-array' length is {}\n", len);
        let prop: KVec<i16> = fwnode.property_read_array_vec(name, 4)?.required_by(dev)?;
        dev_info!(dev, "'test,i16-array'='{:?}' (KVec)\n", prop);
        let short = fwnode.property_read::<[i16; 5]>(name).optional();
        dev_info!(dev, "'test,i16-array' as 5 elements: {:?}\n", short);

        for child in fwnode.children() {
            let args: FwNodeReferenceArgs =
                child.property_get_reference_args(c_str!("test,ref-arg"), NArgs::N(2), 0)?;
            dev_info!(dev, "child {}: 'test,ref-arg'='{:?}'\n", child.display_name(), args);
        }

        Ok(())
    }
}

impl Drop for SampleDriver {
    fn drop(&mut self) {
        dev_info!(self.pdev.as_ref(), "Remove Rust Platform driver sample.\n");
    }
}

kernel::module_platform_driver! {
    type: SampleDriver,
    name: "rust_driver_platform",
    authors: ["krust"],
    description: "A platform driver bound through ACPI",
    license: "GPL",
}
