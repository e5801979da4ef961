//! Two faux devices, `rust-faux-sample` and `rust-faux-child` beneath it:
//! devices of the driver model with no hardware behind them, made when the
//! module loads and gone when it unloads.

use kernel::{c_str, faux, prelude::*};

module! {
    type: FauxSample,
    name: "rust_driver_faux",
    authors: ["krust"],
    description: "Faux devices from Rust",
    license: "GPL",
}

struct FauxSample {
    // Fields drop in order: the child goes before its parent.
    _child: faux::Registration,
    _parent: faux::Registration,
}

impl Module for FauxSample {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        pr_info!("Creating the faux devices\n");

        let parent = faux::Registration::new(c_str!("rust-faux-sample"), None)?;
        dev_info!(parent.as_ref(), "Hello from a faux device\n");

        let child = faux::Registration::new(c_str!("rust-faux-child"), Some(parent.as_ref()))?;
        dev_info!(child.as_ref(), "Hello from its child\n");

        Ok(Self {
            _child: child,
            _parent: parent,
        })
    }
}
