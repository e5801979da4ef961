//! Must not compile: safe module code places a static in the `__param`
//! section, where the loader would take it for a parameter and write
//! through its pointer. Placing anything in a section takes `unsafe`.
// krust-expect: error
// krust-expect-text: unsafe attribute used without unsafe
// krust-expect-text: requested on the command line with `-D unsafe-attr-outside-unsafe`
use kernel::prelude::*;

module! { type: M, name: "attr_link_section", license: "GPL", }

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        Ok(M)
    }
}

#[used]
#[link_section = "__param"]
static FAKE: [usize; 8] = [0x1000; 8];
