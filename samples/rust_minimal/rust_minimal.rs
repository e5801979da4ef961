//! The smallest useful Rust module: it says hello on load, with parameters,
//! and goodbye on unload. `greetings` and `verbose` appear in sysfs
//! (`permissions`); `delay`, written as Linux 6.18 writes parameters, is set
//! at load time only. All three are read with `*...value()`.

use kernel::prelude::*;

module! {
    type: RustMinimal,
    name: "rust_minimal",
    authors: ["krust"],
    description: "A minimal Rust module",
    license: "GPL",
    params: {
        greetings: i32 {
            default: 1,
            permissions: 0o444,
            description: "How many times to say hello",
        },
        verbose: bool {
            default: false,
            permissions: 0o644,
            description: "Say more",
        },
        delay: u32 {
            default: 0,
            description: "Milliseconds to say it took",
        },
    },
}

struct RustMinimal {
    greetings: i32,
}

impl Module for RustMinimal {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let greetings = *module_parameters::greetings.value();
        if greetings < 0 {
            pr_err!("greetings must not be negative, got {}\n", greetings);
            return Err(EINVAL);
        }
        for i in 1..=greetings {
            pr_info!("Hello from Rust ({} of {})\n", i, greetings);
        }
        if *module_parameters::verbose.value() {
            pr_info!("verbose mode is on\n");
        }
        let delay = *module_parameters::delay.value();
        if delay > 0 {
            pr_info!("that took {} ms\n", delay);
        }
        Ok(RustMinimal { greetings })
    }
}

impl Drop for RustMinimal {
    fn drop(&mut self) {
        pr_info!("Goodbye from Rust (greeted {} times)\n", self.greetings);
    }
}
