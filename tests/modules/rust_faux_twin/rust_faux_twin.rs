//! A second module with the faux glue, loaded beside rust_driver_faux: its
//! device has the sample's name (each module has a bus of its own), and it
//! tries the names the glue refuses.

use kernel::{c_str, faux, prelude::*};

module! {
    type: FauxTwin,
    name: "rust_faux_twin",
    authors: ["krust"],
    description: "A second module with faux devices, and faux names refused",
    license: "GPL",
}

struct FauxTwin {
    _reg: faux::Registration,
}

fn refused(what: &str, result: Result<faux::Registration>) {
    match result {
        Err(e) => pr_info!("{} refused: {:?}\n", what, e),
        Ok(reg) => dev_err!(reg.as_ref(), "{} was not refused\n", what),
    }
}

impl Module for FauxTwin {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let reg = faux::Registration::new(c_str!("rust-faux-sample"), None)?;
        dev_info!(reg.as_ref(), "the twin's device\n");
        refused("a second device of the same name", faux::Registration::new(c_str!("rust-faux-sample"), None));
        refused("an empty name", faux::Registration::new(c_str!(""), None));
        Ok(Self { _reg: reg })
    }
}
