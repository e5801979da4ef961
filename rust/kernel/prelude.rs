//! What most modules need, in one `use kernel::prelude::*;`.

pub use crate::error::{code::*, Error, Result};
pub use crate::{module, Module, ThisModule};
pub use crate::{pr_alert, pr_crit, pr_debug, pr_emerg, pr_err, pr_info, pr_notice, pr_warn};
