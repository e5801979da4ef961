//! Compiles: `#[vtable]` on an implementation of every `MiscDevice`
//! callback, each under a doc comment of several lines, with both associated
//! types. The attribute walks the implementation one item at a time, so its
//! length does not meet the macro recursion limit; and `IMPLEMENTED` names
//! exactly the functions defined, which the constant below checks.
// krust-expect: ok
use kernel::fs::{File, Kiocb};
use kernel::iov::{IovIterDest, IovIterSource};
use kernel::miscdevice::{MiscDevice, MiscDeviceRegistration, Whence};
use kernel::prelude::*;
use kernel::seq_file::SeqFile;
use kernel::uaccess::{UserSliceReader, UserSliceWriter};

module! { type: M, name: "ok_vtable_every_callback", license: "GPL", }

struct M;

impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        Ok(M)
    }
}

struct Every;

#[vtable]
impl MiscDevice for Every {
    /// The per-file data: nothing at all, for this test, which only checks
    /// that the attribute expands. A real driver keeps its state here, in a
    /// box or an `Arc`, and reaches it from every callback below through
    /// the borrowed form of the pointer.
    type Ptr = ();

    /// What the registration shares with every file: nothing here either.
    /// Linux 6.18 has no such data; krust keeps it for drivers whose files
    /// share one buffer, as the misc sample's do, and the default is `()`,
    /// which this line spells out.
    type RegistrationData = ();

    /// Opens a file. The registration is alive during the call, and what
    /// this returns becomes the file's private data until `release`. It
    /// may fail, with an errno, and the open then fails with it; here it
    /// always succeeds.
    fn open(_file: &File, _misc: &MiscDeviceRegistration<Self>) -> Result<()> {
        Ok(())
    }

    /// Releases a file: its last reference is gone, so its private data is
    /// handed back by value, to drop. The default drops it too; this one is
    /// written out so that every callback is here, as the test wants, each
    /// with a long comment.
    fn release(_device: (), _file: &File) {}

    /// Reads through an I/O vector, at the control block's position. The
    /// number returned is what the caller receives, and it may not exceed
    /// the vector's length; an error is an errno. This one reads nothing,
    /// which is the end of the file.
    fn read_iter(_kiocb: Kiocb<'_, ()>, _iov: &mut IovIterDest<'_>) -> Result<usize> {
        Ok(0)
    }

    /// Writes from an I/O vector, at the control block's position. The
    /// number returned is what was taken, at most the vector's length; an
    /// error is an errno. This one takes nothing, which userspace sees as a
    /// write of zero bytes.
    fn write_iter(_kiocb: Kiocb<'_, ()>, _iov: &mut IovIterSource<'_>) -> Result<usize> {
        Ok(0)
    }

    /// Reads into a user slice at a position, the older way: the number of
    /// bytes written to the slice is what the call returns, and the
    /// position moves on as the driver says. This one writes nothing, so
    /// the read returns zero.
    fn read(_device: (), _file: &File, _writer: &mut UserSliceWriter, _pos: &mut i64) -> Result {
        Ok(())
    }

    /// Writes from a user slice at a position, the older way: the number of
    /// bytes consumed from the slice is what the call returns, and the
    /// position moves on as the driver says. This one consumes nothing, so
    /// the write returns zero.
    fn write(_device: (), _file: &File, _reader: &mut UserSliceReader, _pos: &mut i64) -> Result {
        Ok(())
    }

    /// Seeks: from the file's position, by an offset, counted from where
    /// `whence` says. The new position must not be negative; the kernel
    /// crate stores it in the file. This one stays where it is, whatever it
    /// is asked.
    fn llseek(_device: (), _file: &File, pos: i64, _offset: i64, _whence: Whence) -> Result<i64> {
        Ok(pos)
    }

    /// Handles an ioctl: a command and an argument, often a user address.
    /// The number returned is the call's result; an error is an errno, and
    /// an unknown command should give `ENOTTY`, which this one gives for
    /// every command.
    fn ioctl(_device: (), _file: &File, _cmd: u32, _arg: usize) -> Result<isize> {
        Err(ENOTTY)
    }

    /// Handles an ioctl from a 32-bit process. Without it, such calls reach
    /// `ioctl` with the argument converted as a pointer, which suits most
    /// drivers; this one is here only so that every callback is, and it
    /// answers as `ioctl` does.
    fn compat_ioctl(device: (), file: &File, cmd: u32, arg: usize) -> Result<isize> {
        Self::ioctl(device, file, cmd, arg)
    }

    /// Adds lines to the file's fdinfo, after the kernel's own. The
    /// `seq_file` grows as needed, so nothing here can fail. This one adds
    /// nothing: the kernel's lines are enough for a device that holds no
    /// state.
    fn show_fdinfo(_device: (), _m: &SeqFile, _file: &File) {}
}

/// Whether `name` is in `names`, at compile time.
const fn has(names: &[&str], name: &str) -> bool {
    let mut i = 0;
    while i < names.len() {
        let (a, b) = (names[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return true;
            }
        }
        i += 1;
    }
    false
}

const CALLBACKS: [&str; 10] = [
    "open", "release", "read_iter", "write_iter", "read", "write", "llseek", "ioctl", "compat_ioctl", "show_fdinfo",
];

const _: () = {
    let names = <Every as MiscDevice>::IMPLEMENTED;
    assert!(names.len() == CALLBACKS.len(), "IMPLEMENTED names something else than the functions");
    let mut i = 0;
    while i < CALLBACKS.len() {
        assert!(has(names, CALLBACKS[i]), "IMPLEMENTED misses a function");
        i += 1;
    }
};
