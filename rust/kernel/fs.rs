//! Files: [`File`], C's `struct file`, and [`Kiocb`], the I/O control
//! block of a `read_iter` or `write_iter` call.

pub mod file;
pub mod kiocb;

pub use file::File;
pub use kiocb::Kiocb;
