//! The smallest useful Rust module: it says hello on load, with a parameter,
//! and goodbye on unload.

use kernel::prelude::*;

module! {
    type: RustMinimal,
    name: "rust_minimal",
    author: "krust",
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
    },
}

struct RustMinimal {
    greetings: i32,
}

impl Module for RustMinimal {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let greetings = module_parameters::greetings.get();
        if greetings < 0 {
            pr_err!("greetings must not be negative, got {}\n", greetings);
            return Err(EINVAL);
        }
        for i in 1..=greetings {
            pr_info!("Hello from Rust ({} of {})\n", i, greetings);
        }
        if module_parameters::verbose.get() {
            pr_info!("verbose mode is on\n");
        }
        Ok(RustMinimal { greetings })
    }
}

impl Drop for RustMinimal {
    fn drop(&mut self) {
        pr_info!("Goodbye from Rust (greeted {} times)\n", self.greetings);
    }
}
