//! debugfs: directories and files under `/sys/kernel/debug` that show and
//! take a Rust value, with Linux 6.18's API: [`Dir`], [`File`], [`Scope`]
//! and [`ScopedDir`], and the [`Writer`] and [`Reader`] traits that turn a
//! value into text and text into a value.
//!
//! A [`File`] owns its value and removes the file when dropped, before the
//! value goes; a [`Scope`] does the same for a value and a whole directory
//! of files that borrow from it. debugfs waits, in that removal, for every
//! read or write already running on the files, and fails later ones with
//! `EIO`, so no file reaches a value that is gone; an open file keeps the
//! module loaded.
//!
//! As in C, creation does not fail: a directory or file that cannot be made
//! (no memory, a name taken) is left out silently, and so is everything
//! below it, while the values are kept.
//!
//! Reading a file shows what [`Writer::write`] formats (every `Debug` type
//! has it, as its `{:?}` and a newline). A write hands the user's bytes to
//! [`Reader::read_from_slice`]: the atomic integers and a [`Mutex`] of any
//! `FromStr` type parse the text, trimmed, and refuse what does not parse,
//! or is longer than their buffer, with `EINVAL`.
//!
//! The stock kernels have debugfs built in (`CONFIG_DEBUG_FS`); mount it
//! with `mount -t debugfs none /sys/kernel/debug`.
//!
//! C header: `include/linux/debugfs.h`.

use core::cell::Cell;
use core::fmt;
use core::marker::{PhantomData, PhantomPinned};
use core::mem::{ManuallyDrop, MaybeUninit};
use core::ops::Deref;
use core::ptr::NonNull;
use core::str::FromStr;
use core::sync::atomic::{
    AtomicI16, AtomicI32, AtomicI64, AtomicI8, AtomicIsize, AtomicU16, AtomicU32, AtomicU64, AtomicU8,
    AtomicUsize, Ordering,
};

use crate::error::{code::*, from_err_ptr, Result};
use crate::prelude::*;
use crate::str::{CStr, CStrExt};
use crate::sync::{Arc, Mutex};
use crate::uaccess::{UserSlice, UserSliceReader};

/// A value shown as text by a debugfs file.
///
/// Every type that implements `Debug` has it, writing `{:?}` and a newline
/// (the form of derived `Debug` output may change between Rust releases:
/// implement `Writer` where the text must stay the same); so does a
/// [`Mutex`] of a `Writer`, which writes its value under the lock.
pub trait Writer {
    /// Writes the value's text.
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

impl<T: fmt::Debug> Writer for T {
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{self:?}")
    }
}

impl<T: Writer> Writer for Mutex<T> {
    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.lock().write(f)
    }
}

/// A value that a write to a debugfs file updates, from the user's bytes.
///
/// The atomic integers have it (a decimal number, trimmed, at most 21
/// bytes), and so does a [`Mutex`] of any `FromStr` type (UTF-8 text,
/// trimmed, at most 128 bytes); they refuse anything else with `EINVAL`.
pub trait Reader {
    /// Updates the value from what the user wrote.
    fn read_from_slice(&self, reader: &mut UserSliceReader) -> Result;
}

/// The trimmed text of `reader`, read into `buf`, which it must fit.
fn read_text<'b>(reader: &mut UserSliceReader, buf: &'b mut [u8]) -> Result<&'b str> {
    let n = reader.len();
    if n > buf.len() {
        return Err(EINVAL);
    }
    reader.read_slice(&mut buf[..n])?;
    core::str::from_utf8(&buf[..n]).map(str::trim).map_err(|_| EINVAL)
}

impl<T: FromStr> Reader for Mutex<T> {
    fn read_from_slice(&self, reader: &mut UserSliceReader) -> Result {
        let mut buf = [0u8; 128];
        let value = read_text(reader, &mut buf)?.parse::<T>().map_err(|_| EINVAL)?;
        *self.lock() = value;
        Ok(())
    }
}

macro_rules! reader_for_atomics {
    ($($atomic:ty => $int:ty),* $(,)?) => {
        $(
            impl Reader for $atomic {
                fn read_from_slice(&self, reader: &mut UserSliceReader) -> Result {
                    // The longest 64-bit number, with a sign and a newline.
                    let mut buf = [0u8; 21];
                    let value = read_text(reader, &mut buf)?.parse::<$int>().map_err(|_| EINVAL)?;
                    self.store(value, Ordering::Relaxed);
                    Ok(())
                }
            }
        )*
    };
}

reader_for_atomics!(
    AtomicI8 => i8, AtomicI16 => i16, AtomicI32 => i32, AtomicI64 => i64, AtomicIsize => isize,
    AtomicU8 => u8, AtomicU16 => u16, AtomicU32 => u32, AtomicU64 => u64, AtomicUsize => usize,
);

/// A debugfs dentry, removed (with everything below it) when dropped.
///
/// # Invariants
///
/// `dentry` is null (nothing was made) or a debugfs dentry that this value
/// alone removes, which has not been removed. `_parent` keeps the parent
/// directory's entry, when it is counted, until this one is gone.
struct Entry {
    dentry: *mut bindings::dentry,
    _parent: Option<Arc<Entry>>,
}

// SAFETY: a dentry pointer, which debugfs lets any task use and remove.
unsafe impl Send for Entry {}
// SAFETY: `&Entry` only reads the pointer.
unsafe impl Sync for Entry {}

impl Entry {
    /// An entry for nothing: what failed creation gives.
    fn empty() -> Self {
        // INVARIANT: null.
        Entry { dentry: core::ptr::null_mut(), _parent: None }
    }

    /// The dentry under which a child of `parent` goes: null for the root,
    /// `None` when the parent itself was never made.
    fn parent_dentry(parent: Option<&Entry>) -> Option<*mut bindings::dentry> {
        match parent {
            None => Some(core::ptr::null_mut()),
            Some(p) if p.dentry.is_null() => None,
            Some(p) => Some(p.dentry),
        }
    }

    /// The entry for `ptr`, what a `debugfs_create_*` call returned.
    fn from_created(ptr: *mut bindings::dentry, parent: Option<Arc<Entry>>) -> Self {
        match from_err_ptr(ptr) {
            // INVARIANT: a new dentry, removed by this value only.
            Ok(dentry) if !dentry.is_null() => Entry { dentry, _parent: parent },
            _ => Entry::empty(),
        }
    }

    /// A directory `name` under `parent` (the root when `None`), which does
    /// not hold its parent: the caller makes sure the parent stays.
    fn dir(name: &CStr, parent: Option<&Entry>) -> Self {
        Self::dir_in(name, Self::parent_dentry(parent), None)
    }

    /// A directory `name` under `parent`, which holds its parent.
    fn dynamic_dir(name: &CStr, parent: Option<Arc<Entry>>) -> Self {
        let under = Self::parent_dentry(parent.as_deref());
        Self::dir_in(name, under, parent)
    }

    fn dir_in(name: &CStr, under: Option<*mut bindings::dentry>, keep: Option<Arc<Entry>>) -> Self {
        let Some(parent) = under else {
            return Entry::empty();
        };
        // SAFETY: `name` is NUL-terminated; `parent` is null or a live
        // debugfs directory (the invariant of its entry, which `keep` or
        // the caller keeps).
        let ptr = unsafe { bindings::debugfs_create_dir(name.as_char_ptr(), parent) };
        Self::from_created(ptr, keep)
    }

    /// A file `name` under `parent` that shows and takes `*data` with
    /// `ops`.
    ///
    /// # Safety
    ///
    /// `*data` stays valid, unmoved, until the file is removed: by dropping
    /// the returned entry or, when the caller forgets it, a directory above.
    unsafe fn file<T: Sync>(
        name: &CStr,
        parent: &Entry,
        keep: Option<Arc<Entry>>,
        data: &T,
        ops: &'static FileOps<T>,
    ) -> Self {
        let Some(parent) = Self::parent_dentry(Some(parent)) else {
            return Entry::empty();
        };
        // SAFETY: `name` is NUL-terminated; `parent` is a live debugfs
        // directory; `ops` is a static table whose callbacks read `*data`
        // as a `T` (`FileOps`' invariant), which stays valid while the file
        // exists (the caller's guarantee), and `T: Sync` lets them share it.
        let ptr = unsafe {
            bindings::debugfs_create_file(
                name.as_char_ptr(),
                ops.mode,
                parent,
                (data as *const T).cast_mut().cast(),
                &ops.ops,
            )
        };
        Self::from_created(ptr, keep)
    }
}

impl Drop for Entry {
    fn drop(&mut self) {
        if !self.dentry.is_null() {
            // SAFETY: a live dentry that only this value removes (the type
            // invariant). debugfs waits for the file operations running on
            // it and below it, and fails later ones.
            unsafe { bindings::debugfs_remove(self.dentry) };
        }
    }
}

/// The `file_operations` of a debugfs file of `T`, and the file's mode.
///
/// # Invariants
///
/// The callbacks read the inode's private data as a `&T`.
struct FileOps<T> {
    ops: bindings::file_operations,
    mode: bindings::umode_t,
    _data: PhantomData<fn(&T)>,
}

// SAFETY: the table is read-only; its pointers are to static functions and
// to the module, which C shares between tasks.
unsafe impl<T> Sync for FileOps<T> {}

/// How a file shows its value: [`Writer`] or a callback.
trait Show<T> {
    fn show(data: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

/// How a file takes a write: [`Reader`] or a callback.
trait Store<T> {
    fn store(data: &T, reader: &mut UserSliceReader) -> Result;
}

/// The value's own [`Writer`] and [`Reader`].
struct ByTrait;

impl<T: Writer> Show<T> for ByTrait {
    fn show(data: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        data.write(f)
    }
}

impl<T: Reader> Store<T> for ByTrait {
    fn store(data: &T, reader: &mut UserSliceReader) -> Result {
        data.read_from_slice(reader)
    }
}

/// A callback `F`, a function item or a closure that captures nothing.
struct ByFn<F>(PhantomData<F>);

/// The one value of the zero-sized callback type `F`.
///
/// A callback file is only made from a `&'static F` its caller holds, which
/// proves that `F` has a value; being zero-sized, every value is the same
/// and lives at any aligned address.
fn callback<'a, F>() -> &'a F {
    const {
        assert!(
            core::mem::size_of::<F>() == 0,
            "a debugfs callback must be a function item or a closure that captures nothing"
        )
    };
    // SAFETY: `F` is zero-sized (checked above), so a dangling aligned
    // pointer is valid for it, and it has a value (the `&'static F` the
    // file was made with).
    unsafe { NonNull::<F>::dangling().as_ref() }
}

impl<T, F: Fn(&T, &mut fmt::Formatter<'_>) -> fmt::Result> Show<T> for ByFn<F> {
    fn show(data: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        callback::<F>()(data, f)
    }
}

impl<T, W: Fn(&T, &mut UserSliceReader) -> Result> Store<T> for ByFn<W> {
    fn store(data: &T, reader: &mut UserSliceReader) -> Result {
        callback::<W>()(data, reader)
    }
}

/// No way: for the half of a table that a file does not have.
struct Never;

impl<T> Show<T> for Never {
    fn show(_data: &T, _f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Err(fmt::Error)
    }
}

impl<T> Store<T> for Never {
    fn store(_data: &T, _reader: &mut UserSliceReader) -> Result {
        Err(EPERM)
    }
}

/// The tables of files of `T` shown by `S` and written by `W`.
struct Tables<T, S, W>(PhantomData<(fn(&T), S, W)>);

impl<T: Sync, S: Show<T>, W: Store<T>> Tables<T, S, W> {
    const fn build(read: bool, write: bool) -> FileOps<T> {
        // SAFETY: a zeroed file_operations has no callbacks, which is valid.
        let mut ops: bindings::file_operations = unsafe { MaybeUninit::zeroed().assume_init() };
        // An open file holds the module whose image has the callbacks.
        ops.owner = core::ptr::addr_of_mut!(bindings::__this_module);
        let mut mode = 0;
        if read {
            ops.open = Some(open_seq::<T, S>);
            ops.read = Some(bindings::seq_read);
            ops.llseek = Some(bindings::seq_lseek);
            ops.release = Some(bindings::single_release);
            mode |= 0o400;
        } else {
            ops.open = Some(bindings::simple_open);
        }
        if write {
            ops.write = Some(write_file::<T, W>);
            mode |= 0o200;
        }
        // INVARIANT: `open_seq` and `write_file` read the private data as a `T`.
        FileOps { ops, mode, _data: PhantomData }
    }

    const READ: FileOps<T> = Self::build(true, false);
    const READ_WRITE: FileOps<T> = Self::build(true, true);
    const WRITE: FileOps<T> = Self::build(false, true);
}

/// The data of a file of a `T` table.
///
/// # Safety
///
/// `inode` is the inode of a file made by [`Entry::file`] with a table of
/// `T`, during one of its file operations.
unsafe fn data<'a, T>(inode: *mut bindings::inode) -> &'a T {
    // SAFETY: the private data is the `&T` the file was made with, valid
    // while the file operation runs (the caller's guarantee and the
    // contract of `Entry::file`).
    unsafe { &*(*inode).i_private.cast::<T>() }
}

/// Opens a readable file: a `seq_file` whose text `S` makes at once.
///
/// # Safety
///
/// Called by debugfs on a file of a `T` table.
unsafe extern "C" fn open_seq<T: Sync, S: Show<T>>(
    inode: *mut bindings::inode,
    file: *mut bindings::file,
) -> core::ffi::c_int {
    // SAFETY: a live file and inode of a `T` table (the caller's guarantee);
    // `show_seq::<T, S>` reads the private data as a `T`.
    unsafe { bindings::single_open(file, Some(show_seq::<T, S>), (*inode).i_private) }
}

/// Formats `T` with `S`, for [`open_seq`].
struct Shown<'a, T, S>(&'a T, PhantomData<S>);

impl<T, S: Show<T>> fmt::Display for Shown<'_, T, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        S::show(self.0, f)
    }
}

/// # Safety
///
/// Called by `seq_read` on a `seq_file` that [`open_seq::<T, S>`] opened.
unsafe extern "C" fn show_seq<T: Sync, S: Show<T>>(
    m: *mut bindings::seq_file,
    _v: *mut core::ffi::c_void,
) -> core::ffi::c_int {
    // SAFETY: `private` is the file's `&T` (single_open was given it), valid
    // while the read runs under debugfs' protection of the file.
    let data = unsafe { &*(*m).private.cast::<T>() };
    // SAFETY: the seq_file is valid and ours for the call.
    let seq = unsafe { crate::seq_file::SeqFile::from_raw(m) };
    let failed = Cell::new(false);
    seq.call_printf(format_args!("{}", Checked(Shown::<T, S>(data, PhantomData), &failed)));
    if failed.get() {
        EINVAL.to_errno()
    } else {
        0
    }
}

/// Formats the inner value and records whether it reported an error.
struct Checked<'a, D>(D, &'a Cell<bool>);

impl<D: fmt::Display> fmt::Display for Checked<'_, D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.0.fmt(f);
        if r.is_err() {
            self.1.set(true);
        }
        r
    }
}

/// # Safety
///
/// Called by debugfs on a file of a `T` table.
unsafe extern "C" fn write_file<T: Sync, W: Store<T>>(
    file: *mut bindings::file,
    buf: bindings::UserPtr<*const core::ffi::c_char>,
    count: usize,
    _ppos: *mut bindings::loff_t,
) -> isize {
    // SAFETY: a live file of a `T` table during its write (the caller's
    // guarantee).
    let data = unsafe { data::<T>((*file).f_inode) };
    let mut reader = UserSlice::new(buf.0 as usize, count).reader();
    match W::store(data, &mut reader) {
        Ok(()) => count as isize,
        Err(e) => e.to_errno() as isize,
    }
}

/// A debugfs directory, removed when every handle to it and every file and
/// directory below it is gone.
///
/// Cloning gives another handle to the same directory.
#[derive(Clone)]
pub struct Dir(Option<Arc<Entry>>);

impl Dir {
    fn create(name: &CStr, parent: Option<&Dir>) -> Self {
        let parent = match parent {
            Some(Dir(None)) => return Dir(None),
            Some(Dir(Some(entry))) => Some(entry.clone()),
            None => None,
        };
        // A directory whose count cannot be allocated is removed at once,
        // and its children are left out with it.
        Dir(Arc::new(Entry::dynamic_dir(name, parent), GFP_KERNEL).ok())
    }

    /// A directory `name` at the root of debugfs.
    ///
    /// ```
    /// use kernel::debugfs::Dir;
    ///
    /// let dir = Dir::new(c"krust_doc_dir");
    /// let _sub = dir.subdir(c"sub");
    /// ```
    pub fn new(name: &CStr) -> Self {
        Dir::create(name, None)
    }

    /// A directory `name` in this one.
    pub fn subdir(&self, name: &CStr) -> Self {
        Dir::create(name, Some(self))
    }

    fn create_file<'a, T, E: 'a>(
        &'a self,
        name: &'a CStr,
        data: impl PinInit<T, E> + 'a,
        ops: &'static FileOps<T>,
    ) -> impl PinInit<File<T>, E> + 'a
    where
        T: Sync + 'static,
    {
        let scope = Scope::<T>::new(data, move |data| match &self.0 {
            // SAFETY: the entry goes into the `Scope` holding `data`, which
            // drops the entry before the data and never moves it.
            Some(parent) => unsafe { Entry::file(name, parent, Some(parent.clone()), data, ops) },
            None => Entry::empty(),
        });
        try_pin_init!(File::<T> { scope <- scope } ? E)
    }

    /// A read-only file `name` here that owns the value `data` initialises
    /// and shows it with [`Writer`].
    ///
    /// ```
    /// use kernel::debugfs::Dir;
    /// use kernel::prelude::*;
    ///
    /// let dir = Dir::new(c"krust_doc_ro");
    /// let file = KBox::pin_init(dir.read_only_file(c"answer", 42u32), GFP_KERNEL)?;
    /// assert_eq!(**file, 42);
    /// ```
    pub fn read_only_file<'a, T, E: 'a>(
        &'a self,
        name: &'a CStr,
        data: impl PinInit<T, E> + 'a,
    ) -> impl PinInit<File<T>, E> + 'a
    where
        T: Writer + Send + Sync + 'static,
    {
        self.create_file(name, data, &Tables::<T, ByTrait, Never>::READ)
    }

    /// A read-only file whose text `f` makes from the value.
    ///
    /// `f` is a function item or a closure that captures nothing: anything
    /// else fails the build.
    pub fn read_callback_file<'a, T, E: 'a, F>(
        &'a self,
        name: &'a CStr,
        data: impl PinInit<T, E> + 'a,
        _f: &'static F,
    ) -> impl PinInit<File<T>, E> + 'a
    where
        T: Send + Sync + 'static,
        F: Fn(&T, &mut fmt::Formatter<'_>) -> fmt::Result + Send + Sync,
    {
        self.create_file(name, data, &Tables::<T, ByFn<F>, Never>::READ)
    }

    /// A file shown with [`Writer`] and written with [`Reader`].
    ///
    /// ```
    /// use core::sync::atomic::{AtomicU32, Ordering};
    /// use kernel::debugfs::Dir;
    /// use kernel::prelude::*;
    ///
    /// let dir = Dir::new(c"krust_doc_rw");
    /// let file = KBox::pin_init(dir.read_write_file(c"count", AtomicU32::new(1)), GFP_KERNEL)?;
    /// file.fetch_add(1, Ordering::Relaxed);
    /// assert_eq!(file.load(Ordering::Relaxed), 2);
    /// ```
    pub fn read_write_file<'a, T, E: 'a>(
        &'a self,
        name: &'a CStr,
        data: impl PinInit<T, E> + 'a,
    ) -> impl PinInit<File<T>, E> + 'a
    where
        T: Writer + Reader + Send + Sync + 'static,
    {
        self.create_file(name, data, &Tables::<T, ByTrait, ByTrait>::READ_WRITE)
    }

    /// A file shown by `f` and written by `w`, function items or closures
    /// that capture nothing.
    pub fn read_write_callback_file<'a, T, E: 'a, F, W>(
        &'a self,
        name: &'a CStr,
        data: impl PinInit<T, E> + 'a,
        _f: &'static F,
        _w: &'static W,
    ) -> impl PinInit<File<T>, E> + 'a
    where
        T: Send + Sync + 'static,
        F: Fn(&T, &mut fmt::Formatter<'_>) -> fmt::Result + Send + Sync,
        W: Fn(&T, &mut UserSliceReader) -> Result + Send + Sync,
    {
        self.create_file(name, data, &Tables::<T, ByFn<F>, ByFn<W>>::READ_WRITE)
    }

    /// A write-only file written with [`Reader`].
    pub fn write_only_file<'a, T, E: 'a>(
        &'a self,
        name: &'a CStr,
        data: impl PinInit<T, E> + 'a,
    ) -> impl PinInit<File<T>, E> + 'a
    where
        T: Reader + Send + Sync + 'static,
    {
        self.create_file(name, data, &Tables::<T, Never, ByTrait>::WRITE)
    }

    /// A write-only file written by `w`, a function item or a closure that
    /// captures nothing.
    pub fn write_callback_file<'a, T, E: 'a, W>(
        &'a self,
        name: &'a CStr,
        data: impl PinInit<T, E> + 'a,
        _w: &'static W,
    ) -> impl PinInit<File<T>, E> + 'a
    where
        T: Send + Sync + 'static,
        W: Fn(&T, &mut UserSliceReader) -> Result + Send + Sync,
    {
        self.create_file(name, data, &Tables::<T, Never, ByFn<W>>::WRITE)
    }

    /// A directory `name` here whose files `init` makes, borrowing from the
    /// value `data` initialises; the [`Scope`] owns both and removes the
    /// whole directory before it drops the value.
    ///
    /// ```
    /// use core::sync::atomic::AtomicU8;
    /// use kernel::debugfs::Dir;
    /// use kernel::prelude::*;
    ///
    /// struct Regs {
    ///     a: AtomicU8,
    ///     b: AtomicU8,
    /// }
    ///
    /// let dir = Dir::new(c"krust_doc_scope");
    /// let regs = Regs { a: AtomicU8::new(1), b: AtomicU8::new(2) };
    /// let scope = KBox::pin_init(
    ///     dir.scope(regs, c"regs", |regs, d| {
    ///         d.read_only_file(c"a", &regs.a);
    ///         d.dir(c"more").read_write_file(c"b", &regs.b);
    ///     }),
    ///     GFP_KERNEL,
    /// )?;
    /// assert_eq!(scope.b.load(core::sync::atomic::Ordering::Relaxed), 2);
    /// ```
    pub fn scope<'a, T: 'a, E: 'a, F>(
        &'a self,
        data: impl PinInit<T, E> + 'a,
        name: &'a CStr,
        init: F,
    ) -> impl PinInit<Scope<T>, E> + 'a
    where
        F: for<'data, 'dir> FnOnce(&'data T, &'dir ScopedDir<'data, 'dir>) + 'a,
    {
        Scope::new(data, move |data| {
            // A directory that was never made has no children either.
            let entry = match &self.0 {
                Some(parent) => Entry::dynamic_dir(name, Some(parent.clone())),
                None => Entry::empty(),
            };
            let dir = ScopedDir::root(entry);
            init(data, &dir);
            dir.into_entry()
        })
    }
}

/// A value and the debugfs entries that show it, which go first when it is
/// dropped; the value does not move while they exist.
///
/// [`File`] is a `Scope` of one file; [`Dir::scope`] and [`Scope::dir`]
/// make one of a whole directory.
#[pin_data]
pub struct Scope<T> {
    // Declared first, so dropped first: the files go before the value.
    entry: Entry,
    #[pin]
    data: T,
    #[pin]
    _pin: PhantomPinned,
}

impl<'b, T: 'b> Scope<T> {
    /// The value from `data`, then the entry `init` makes for it.
    ///
    /// `init` may hand the entry's files references to the value: the
    /// `Scope` keeps it in place and drops the entry first.
    fn new<E: 'b, F>(data: impl PinInit<T, E> + 'b, init: F) -> impl PinInit<Self, E> + 'b
    where
        F: for<'a> FnOnce(&'a T) -> Entry + 'b,
    {
        try_pin_init!(Self { entry: Entry::empty(), data <- data, _pin: PhantomPinned } ? E).pin_chain(
            move |scope| {
                let this = scope.project();
                *this.entry = init(&this.data);
                Ok(())
            },
        )
    }

    /// A directory `name` at the root of debugfs whose files `init` makes,
    /// borrowing from the value `data` initialises.
    pub fn dir<E: 'b, F>(data: impl PinInit<T, E> + 'b, name: &'b CStr, init: F) -> impl PinInit<Self, E> + 'b
    where
        F: for<'data, 'dir> FnOnce(&'data T, &'dir ScopedDir<'data, 'dir>) + 'b,
    {
        Scope::new(data, move |data| {
            let dir = ScopedDir::root(Entry::dir(name, None));
            init(data, &dir);
            dir.into_entry()
        })
    }
}

impl<T> Deref for Scope<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.data
    }
}

/// A debugfs file that owns the value it shows, removed before the value is
/// dropped.
#[pin_data]
pub struct File<T> {
    #[pin]
    scope: Scope<T>,
}

impl<T> Deref for File<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.scope
    }
}

/// A directory of a [`Scope`], which lives at most `'dir`, whose files show
/// values that live at least `'data`.
///
/// Its files and subdirectories have no handles: the [`Scope`] removes them
/// all with its directory.
pub struct ScopedDir<'data, 'dir> {
    // Not removed by this value: the scope's root entry removes everything
    // below it.
    entry: ManuallyDrop<Entry>,
    _phantom: PhantomData<fn(&'data ()) -> &'dir ()>,
}

impl<'data, 'dir> ScopedDir<'data, 'dir> {
    fn root(entry: Entry) -> Self {
        ScopedDir { entry: ManuallyDrop::new(entry), _phantom: PhantomData }
    }

    fn into_entry(self) -> Entry {
        ManuallyDrop::into_inner(self.entry)
    }

    /// A subdirectory `name`, which cannot outlive this one.
    pub fn dir<'dir2>(&'dir2 self, name: &CStr) -> ScopedDir<'data, 'dir2> {
        ScopedDir { entry: ManuallyDrop::new(Entry::dir(name, Some(&self.entry))), _phantom: PhantomData }
    }

    fn create_file<T: Sync>(&self, name: &CStr, data: &'data T, ops: &'static FileOps<T>) {
        // SAFETY: `data` outlives the scope (`'data`), whose root entry
        // removes this file, before the data goes, when it is dropped.
        let entry = unsafe { Entry::file(name, &self.entry, None, data, ops) };
        // Removed with the scope's directory.
        core::mem::forget(entry);
    }

    /// A read-only file shown with [`Writer`].
    pub fn read_only_file<T: Writer + Send + Sync + 'static>(&self, name: &CStr, data: &'data T) {
        self.create_file(name, data, &Tables::<T, ByTrait, Never>::READ)
    }

    /// A read-only file shown by `f`, a function item or a closure that
    /// captures nothing.
    pub fn read_callback_file<T, F>(&self, name: &CStr, data: &'data T, _f: &'static F)
    where
        T: Send + Sync + 'static,
        F: Fn(&T, &mut fmt::Formatter<'_>) -> fmt::Result + Send + Sync,
    {
        self.create_file(name, data, &Tables::<T, ByFn<F>, Never>::READ)
    }

    /// A file shown with [`Writer`] and written with [`Reader`].
    pub fn read_write_file<T: Writer + Reader + Send + Sync + 'static>(&self, name: &CStr, data: &'data T) {
        self.create_file(name, data, &Tables::<T, ByTrait, ByTrait>::READ_WRITE)
    }

    /// A file shown by `f` and written by `w`.
    pub fn read_write_callback_file<T, F, W>(&self, name: &CStr, data: &'data T, _f: &'static F, _w: &'static W)
    where
        T: Send + Sync + 'static,
        F: Fn(&T, &mut fmt::Formatter<'_>) -> fmt::Result + Send + Sync,
        W: Fn(&T, &mut UserSliceReader) -> Result + Send + Sync,
    {
        self.create_file(name, data, &Tables::<T, ByFn<F>, ByFn<W>>::READ_WRITE)
    }

    /// A write-only file written with [`Reader`].
    pub fn write_only_file<T: Reader + Send + Sync + 'static>(&self, name: &CStr, data: &'data T) {
        self.create_file(name, data, &Tables::<T, Never, ByTrait>::WRITE)
    }

    /// A write-only file written by `w`.
    pub fn write_only_callback_file<T, W>(&self, name: &CStr, data: &'data T, _w: &'static W)
    where
        T: Send + Sync + 'static,
        W: Fn(&T, &mut UserSliceReader) -> Result + Send + Sync,
    {
        self.create_file(name, data, &Tables::<T, Never, ByFn<W>>::WRITE)
    }
}
