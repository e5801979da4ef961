//! What most modules need, in one `use kernel::prelude::*;`.

pub use core::pin::Pin;

pub use crate::alloc::{flags::*, KBox, KVBox, KVVec, KVec, VBox, VVec};
pub use crate::error::{code::*, Error, Result};
pub use crate::init::{pin_data, pinned_drop, InPlaceInit, Init, PinInit, PinnedDrop, Zeroable};
pub use crate::{init, pin_init, stack_pin_init, stack_try_pin_init, try_init, try_pin_init};
pub use crate::str::{CStr, CStrExt as _};
pub use crate::{c_str, fmt, module, new_condvar, new_mutex, new_spinlock, vtable, InPlaceModule, Module, ThisModule};
pub use crate::{dev_alert, dev_crit, dev_dbg, dev_emerg, dev_err, dev_info, dev_notice, dev_warn};
pub use crate::{pr_alert, pr_crit, pr_debug, pr_emerg, pr_err, pr_info, pr_notice, pr_warn};
