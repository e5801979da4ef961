//! A misc device, `/dev/rust_misc_drop`, that drops its own registration
//! when a file writes `drop`, while that file and others stay open: their
//! operations must keep working (each file keeps what it was written and
//! reads it back) and touch no freed memory. test.sh drives it; the guest's
//! `slub_debug` poisons what the registration freed.

use kernel::fs::{File, Kiocb};
use kernel::iov::{IovIterDest, IovIterSource};
use kernel::miscdevice::{MiscDevice, MiscDeviceOptions, MiscDeviceRegistration};
use kernel::prelude::*;
use kernel::seq_file::SeqFile;
use kernel::seq_print;
use kernel::sync::{Arc, Mutex};

module! {
    type: RustMiscDrop,
    name: "rust_misc_drop",
    license: "GPL",
}

/// Where the registration lives until a file or the unload drops it.
type Slot = Arc<Mutex<Option<Pin<KBox<MiscDeviceRegistration<DropFile>>>>>>;

struct RustMiscDrop {
    slot: Slot,
}

impl Module for RustMiscDrop {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let slot: Slot = Arc::pin_init(new_mutex!(None), GFP_KERNEL)?;
        let options = MiscDeviceOptions { name: c"rust_misc_drop" };
        let registration = KBox::try_pin_init(MiscDeviceRegistration::register_with_data(options, slot.clone()), GFP_KERNEL)?;
        *slot.lock() = Some(registration);
        Ok(RustMiscDrop { slot })
    }
}

impl Drop for RustMiscDrop {
    fn drop(&mut self) {
        // The registration holds a clone of the slot: taking it out ends the cycle.
        let registration = self.slot.lock().take();
        drop(registration);
    }
}

/// The device's type; its files' data is a [`FileState`].
struct DropFile;

/// One open file: the bytes written to it, and the slot, to drop the
/// registration from.
struct FileState {
    written: KVec<u8>,
    slot: Slot,
}

#[vtable]
impl MiscDevice for DropFile {
    type Ptr = Pin<KBox<Mutex<FileState>>>;
    type RegistrationData = Slot;

    fn open(_file: &File, misc: &MiscDeviceRegistration<Self>) -> Result<Self::Ptr> {
        let slot = misc.data().clone();
        KBox::pin_init(new_mutex!(FileState { written: KVec::new(), slot }), GFP_KERNEL)
    }

    /// Appends to the file's bytes; `drop` also drops the registration.
    fn write_iter(mut kiocb: Kiocb<'_, Self::Ptr>, iov: &mut IovIterSource<'_>) -> Result<usize> {
        let file = kiocb.file();
        let mut me = file.lock();
        let start = me.written.len();
        let n = iov.copy_from_iter_vec(&mut me.written, GFP_KERNEL)?;
        if me.written[start..] == *b"drop" {
            let registration = me.slot.lock().take();
            drop(registration);
        }
        // Reads start from the beginning again.
        *kiocb.ki_pos_mut() = 0;
        Ok(n)
    }

    /// Says how many bytes the file held: test.sh looks for it once the
    /// file is closed after its registration is gone.
    fn release(device: Self::Ptr, _file: &File) {
        pr_info!("released a file holding {} bytes\n", device.lock().written.len());
    }

    fn read_iter(mut kiocb: Kiocb<'_, Self::Ptr>, iov: &mut IovIterDest<'_>) -> Result<usize> {
        let file = kiocb.file();
        let me = file.lock();
        iov.simple_read_from_buffer(kiocb.ki_pos_mut(), &me.written)
    }

    fn show_fdinfo(me: Pin<&Mutex<FileState>>, m: &SeqFile, _file: &File) {
        let registered = me.lock().slot.lock().is_some();
        seq_print!(m, "rust_misc_drop_registered:\t{}\n", registered);
    }
}
