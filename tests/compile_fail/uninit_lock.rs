//! Must not compile: a lock used before it is initialised. new_mutex! gives
//! an initialiser, not a Mutex.
// krust-expect: E0599
// krust-expect-text: no method named `lock` found
use kernel::new_mutex;
use kernel::prelude::*;

module! { type: M, name: "uninit_lock", license: "GPL", }

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let lock = new_mutex!(0u32);
        *lock.lock() += 1;
        Ok(M)
    }
}
