//! configfs: kernel objects that userspace makes and configures by
//! `mkdir` and by writing attribute files under `/sys/kernel/config`, with
//! Linux 6.18's API: [`Subsystem`], [`Group`], [`GroupOperations`],
//! [`AttributeOperations`] under `#[vtable]`, and [`configfs_attrs!`].
//!
//! A [`Subsystem`] is a directory at the top of configfs; its data type's
//! [`GroupOperations::make_group`] answers a `mkdir` in it with a
//! [`Group`], a directory of its own, which configfs owns until the
//! `rmdir` (and until the last open file of it is closed). Each directory
//! shows the attributes [`configfs_attrs!`] lists for its type, a file
//! each, read with [`AttributeOperations::show`] and, when the
//! implementation has it, written with [`AttributeOperations::store`].
//!
//! As in 6.18, every child is a group (no plain items), and symlinks, the
//! `disconnect_notify` and `drop_item` hooks and default groups are left
//! out. Beyond 6.18, the attribute files name the module as their owner,
//! so an open one keeps it loaded; a read-only attribute refuses opening
//! for writing with `EACCES` (configfs' own rule); and dropping a
//! [`Subsystem`] that still has groups waits until userspace has removed
//! them (a module's subsystem cannot: each group holds the module).
//!
//! configfs is a module on the stock kernels (`configfs.ko`, loaded before
//! a module that uses it); mount it with
//! `mount -t configfs none /sys/kernel/config`.
//!
//! C header: `include/linux/configfs.h`.

use core::marker::PhantomData;
use core::mem::MaybeUninit;

use crate::error::{code::*, to_result, Error, Result};
use crate::page::PAGE_SIZE;
use crate::prelude::*;
use crate::str::{CStr, CStrExt, CString};
use crate::types::Opaque;

pub use crate::configfs_attrs;

/// An error as C's `ERR_PTR` gives it.
fn err_ptr<T>(e: Error) -> *mut T {
    core::ptr::null_mut::<u8>().wrapping_offset(e.to_errno() as isize).cast()
}

/// Whether `list` (a `#[vtable]` implementation's `IMPLEMENTED`) names `name`.
const fn implements(list: &[&str], name: &str) -> bool {
    let mut i = 0;
    while i < list.len() {
        let a = list[i].as_bytes();
        let b = name.as_bytes();
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

/// A configfs subsystem: a directory at the top of configfs, registered
/// while this value lives, and the data its attributes and `mkdir` see.
///
/// # Invariants
///
/// `subsystem` is registered with configfs, its group typed by an
/// [`ItemType<Subsystem<Data>, Data>`], and `data` is initialised.
#[pin_data(PinnedDrop)]
pub struct Subsystem<Data> {
    #[pin]
    subsystem: Opaque<bindings::configfs_subsystem>,
    #[pin]
    data: Data,
}

// SAFETY: configfs calls the attributes and `make_group` from any task, with
// `&Data` only, which `Data: Sync` allows; the registration is C's, made for
// that.
unsafe impl<Data: Send + Sync> Sync for Subsystem<Data> {}
// SAFETY: the value may be dropped (unregistered) from any task, and its
// data with it (`Data: Send`).
unsafe impl<Data: Send + Sync> Send for Subsystem<Data> {}

impl<Data: Send + Sync> Subsystem<Data> {
    /// The subsystem `name` (the directory's name), with the attributes and
    /// children `item_type` gives (from [`configfs_attrs!`]), and its data.
    ///
    /// The data is made first, then the subsystem registered: a failed
    /// registration drops the data and is the initialiser's error.
    pub fn new(
        name: &'static CStr,
        item_type: &'static ItemType<Subsystem<Data>, Data>,
        data: impl PinInit<Data, Error>,
    ) -> impl PinInit<Self, Error> {
        let register = move |slot: *mut Opaque<bindings::configfs_subsystem>| {
            let subsys = Opaque::raw_get(slot);
            // SAFETY: `slot` is the field's place, valid for writes.
            unsafe { subsys.write_bytes(0, 1) };
            // SAFETY: `subsys` is a zeroed subsystem in place; `name` is
            // NUL-terminated and static, and `item_type` a static type.
            unsafe {
                bindings::config_group_init_type_name(
                    &raw mut (*subsys).su_group,
                    name.as_char_ptr(),
                    item_type.as_ptr(),
                );
                bindings::mutex_init(&raw mut (*subsys).su_mutex);
            }
            // SAFETY: initialised above, pinned (the closure runs in place,
            // in a pinned `Subsystem`), its data already initialised.
            let ret = to_result(unsafe { bindings::configfs_register_subsystem(subsys) });
            if ret.is_err() {
                // SAFETY: initialised above and, unregistered, unused.
                unsafe { bindings::mutex_destroy(&raw mut (*subsys).su_mutex) };
            }
            ret
        };
        // SAFETY: the closure initialises the whole subsystem, or fails
        // having undone what it did; the `Subsystem` it is in is pinned.
        let register = unsafe { crate::init::pin_init_from_closure(register) };
        // INVARIANT: the data first, then the registration, which succeeds
        // or leaves nothing behind.
        try_pin_init!(Self { data <- data, subsystem <- register })
    }
}

#[pinned_drop]
impl<Data> PinnedDrop for Subsystem<Data> {
    fn drop(self: Pin<&mut Self>) {
        let subsys = self.subsystem.get();
        // Groups made under the subsystem point to it; configfs would leave
        // them behind. Only userspace removes them (rmdir), so wait.
        // SAFETY: registered (the type invariant): the mutex is live and
        // guards the group's list of children.
        while unsafe { has_children(subsys) } {
            // SAFETY: sleeping is allowed here: a drop of a registration
            // runs in process context.
            unsafe { bindings::msleep(100) };
        }
        // SAFETY: registered, and no group below it (just checked; a new
        // `mkdir` racing with this fails once the directory is detached).
        unsafe { bindings::configfs_unregister_subsystem(subsys) };
        // SAFETY: initialised in `new`, and no longer used by configfs.
        unsafe { bindings::mutex_destroy(&raw mut (*subsys).su_mutex) };
    }
}

/// Whether the subsystem's group has children.
///
/// # Safety
///
/// `subsys` is a registered subsystem.
unsafe fn has_children(subsys: *mut bindings::configfs_subsystem) -> bool {
    // SAFETY: the mutex and the list are live (the caller's guarantee);
    // configfs changes the list under the mutex.
    unsafe {
        bindings::mutex_lock(&raw mut (*subsys).su_mutex);
        let head = &raw mut (*subsys).su_group.cg_children;
        let children = (*head).next != head;
        bindings::mutex_unlock(&raw mut (*subsys).su_mutex);
        children
    }
}

/// A configfs group: a directory made by `mkdir`, with the data
/// [`GroupOperations::make_group`] gave it.
///
/// # Invariants
///
/// `group` was initialised by `config_group_init_type_name` with an
/// [`ItemType<Group<Data>, Data>`]; `data` is initialised. Once handed to
/// configfs by `make_group`, the group lives in a `KBox` that configfs
/// owns and its `release` frees.
#[pin_data]
pub struct Group<Data> {
    #[pin]
    group: Opaque<bindings::config_group>,
    #[pin]
    data: Data,
}

impl<Data: Send + Sync> Group<Data> {
    /// The group `name` (the directory's name, what `make_group` was
    /// given), with the attributes and children `item_type` gives, and its
    /// data.
    pub fn new(
        name: CString,
        item_type: &'static ItemType<Group<Data>, Data>,
        data: impl PinInit<Data, Error>,
    ) -> impl PinInit<Self, Error> {
        // INVARIANT: the group is initialised with `item_type` once the data
        // is in place.
        try_pin_init!(Self { group: Opaque::zeroed(), data <- data }).pin_chain(move |this| {
            // SAFETY: a zeroed group in place, pinned; the name is copied.
            unsafe { bindings::config_group_init_type_name(this.group.get(), name.as_char_ptr(), item_type.as_ptr()) };
            Ok(())
        })
    }
}

/// A type that holds a configfs group and its data: [`Subsystem`] and
/// [`Group`]. Module code neither implements nor calls it.
///
/// # Safety
///
/// `group` and `container_of` are inverse projections between the type and
/// the `config_group` it holds; `ITEM_OPS` is a static table fit for it.
pub unsafe trait HasGroup<Data> {
    /// The item operations of the container's groups.
    #[doc(hidden)]
    const ITEM_OPS: *const bindings::configfs_item_operations;

    /// The address of the group in `this`.
    ///
    /// # Safety
    ///
    /// `this` points to a valid `Self`.
    unsafe fn group(this: *const Self) -> *const bindings::config_group;

    /// The container of the group at `group`.
    ///
    /// # Safety
    ///
    /// `group` is the group of a `Self`.
    unsafe fn container_of(group: *const bindings::config_group) -> *const Self;
}

/// The static item operations of a container: a group's `release`.
struct ItemOps<Data>(PhantomData<Data>);

impl<Data> ItemOps<Data> {
    const NONE: bindings::configfs_item_operations = {
        // SAFETY: zeroed operations have no callbacks, which is valid.
        unsafe { MaybeUninit::zeroed().assume_init() }
    };

    const GROUP: bindings::configfs_item_operations = {
        // SAFETY: as above.
        let mut ops: bindings::configfs_item_operations = unsafe { MaybeUninit::zeroed().assume_init() };
        ops.release = Some(release_group::<Data>);
        ops
    };
}

/// configfs is done with a group: frees it.
///
/// # Safety
///
/// `item` is the item of a group `make_group` handed to configfs, whose
/// last reference is gone.
unsafe extern "C" fn release_group<Data>(item: *mut bindings::config_item) {
    // SAFETY: the item is the group's `cg_item`; the group is a
    // `Group<Data>` in the `KBox` `make_group` leaked (the caller's
    // guarantee and `Group`'s invariant), which nothing uses any more.
    unsafe {
        let group = item.byte_sub(core::mem::offset_of!(bindings::config_group, cg_item)).cast();
        drop(KBox::from_raw(Group::<Data>::container_of(group).cast_mut()));
    }
}

// SAFETY: the group is the `su_group` of the `subsystem` field; a
// subsystem's group is never released by configfs.
unsafe impl<Data> HasGroup<Data> for Subsystem<Data> {
    const ITEM_OPS: *const bindings::configfs_item_operations = &ItemOps::<Data>::NONE;

    unsafe fn group(this: *const Self) -> *const bindings::config_group {
        // SAFETY: `this` is valid (the caller's guarantee).
        unsafe { &raw const (*Opaque::raw_get(&raw const (*this).subsystem)).su_group }
    }

    unsafe fn container_of(group: *const bindings::config_group) -> *const Self {
        let subsys_offset = core::mem::offset_of!(bindings::configfs_subsystem, su_group);
        let field_offset = core::mem::offset_of!(Self, subsystem);
        // SAFETY: the group is within a `Self` (the caller's guarantee), at
        // these offsets.
        unsafe { group.byte_sub(subsys_offset).byte_sub(field_offset).cast() }
    }
}

// SAFETY: the group is the `group` field; configfs releases it through
// `release_group`, which frees the `KBox` it lives in.
unsafe impl<Data> HasGroup<Data> for Group<Data> {
    const ITEM_OPS: *const bindings::configfs_item_operations = &ItemOps::<Data>::GROUP;

    unsafe fn group(this: *const Self) -> *const bindings::config_group {
        // SAFETY: `this` is valid (the caller's guarantee).
        Opaque::raw_get(unsafe { &raw const (*this).group })
    }

    unsafe fn container_of(group: *const bindings::config_group) -> *const Self {
        // SAFETY: the group is the `group` field of a `Self` (the caller's
        // guarantee).
        unsafe { group.byte_sub(core::mem::offset_of!(Self, group)).cast() }
    }
}

/// The data of the group at `group`: a [`Subsystem<Data>`]'s when it is
/// its subsystem's own group, a [`Group<Data>`]'s otherwise.
///
/// # Safety
///
/// `group` is a live group, linked into configfs, typed by an
/// `ItemType<_, Data>`; the data lives for `'a`.
unsafe fn group_data<'a, Data>(group: *mut bindings::config_group) -> &'a Data {
    // SAFETY: a linked group has its subsystem set (the caller's guarantee).
    let subsys = unsafe { (*group).cg_subsys };
    // SAFETY: `subsys` is a live subsystem.
    let is_root = !subsys.is_null() && unsafe { &raw mut (*subsys).su_group } == group;
    if is_root {
        // SAFETY: a subsystem typed by an `ItemType<Subsystem<Data>, Data>`
        // is a `Subsystem<Data>`'s (only `Subsystem::new` registers one).
        unsafe { &(*Subsystem::<Data>::container_of(group)).data }
    } else {
        // SAFETY: any other group typed so is a `Group<Data>`'s (only
        // `Group::new` initialises one with that type).
        unsafe { &(*Group::<Data>::container_of(group)).data }
    }
}

/// What a `mkdir` in a group or subsystem does; implement it, under
/// `#[vtable]`, for the data of a type whose [`configfs_attrs!`] names a
/// `child`.
pub trait GroupOperations {
    /// The names of the functions the implementation defines (`#[vtable]`
    /// fills it in).
    #[doc(hidden)]
    const IMPLEMENTED: &'static [&'static str];

    /// The data of the groups a `mkdir` here makes.
    type Child: 'static;

    /// Answers `mkdir(2)` of `name` here with a new group, or refuses it
    /// with the error `mkdir` returns.
    fn make_group(&self, name: &CStr) -> Result<impl PinInit<Group<Self::Child>, Error>>;
}

/// The static group operations of a parent of `Child` groups.
struct GroupOps<Parent, Child>(PhantomData<(Parent, Child)>);

impl<Parent, Child> GroupOps<Parent, Child>
where
    Parent: GroupOperations<Child = Child>,
    Child: 'static,
{
    /// # Safety
    ///
    /// `parent` is a live group typed by an `ItemType<_, Parent>`; `name`
    /// is NUL-terminated.
    unsafe extern "C" fn make_group(
        parent: *mut bindings::config_group,
        name: *const core::ffi::c_char,
    ) -> *mut bindings::config_group {
        // SAFETY: the caller's guarantee; configfs holds the parent during
        // the call.
        let data = unsafe { group_data::<Parent>(parent) };
        // SAFETY: NUL-terminated (the caller's guarantee), and configfs
        // keeps it during the call.
        let name = unsafe { CStr::from_ptr(name) };
        let init = match data.make_group(name) {
            Ok(init) => init,
            Err(e) => return err_ptr(e),
        };
        match KBox::pin_init(init, GFP_KERNEL) {
            Ok(group) => {
                // SAFETY: configfs keeps the group in place; its `release`
                // takes the box back (`Group`'s invariant).
                let raw = KBox::into_raw(unsafe { Pin::into_inner_unchecked(group) });
                // SAFETY: `raw` is a valid `Group<Child>`.
                unsafe { Group::<Child>::group(raw) }.cast_mut()
            }
            Err(e) => err_ptr(e),
        }
    }

    const OPS: bindings::configfs_group_operations = {
        // SAFETY: zeroed operations have no callbacks, which is valid.
        let mut ops: bindings::configfs_group_operations = unsafe { MaybeUninit::zeroed().assume_init() };
        ops.make_group = Some(Self::make_group);
        ops
    };
}

/// A configfs attribute of `Data`, file `ID` of its directory, shown and
/// stored by `O`; made by [`configfs_attrs!`].
#[repr(transparent)]
pub struct Attribute<const ID: u64, O, Data> {
    attribute: bindings::configfs_attribute,
    _p: PhantomData<(O, Data)>,
}

// SAFETY: a static table that C only reads.
unsafe impl<const ID: u64, O, Data> Sync for Attribute<ID, O, Data> {}
// SAFETY: as above.
unsafe impl<const ID: u64, O, Data> Send for Attribute<ID, O, Data> {}

impl<const ID: u64, O, Data> Attribute<ID, O, Data>
where
    O: AttributeOperations<ID, Data = Data>,
{
    /// # Safety
    ///
    /// `item` is the item of a live group typed by an `ItemType<_, Data>`;
    /// `page` is writable for `PAGE_SIZE` bytes.
    unsafe extern "C" fn show(item: *mut bindings::config_item, page: *mut core::ffi::c_char) -> isize {
        // SAFETY: the item is a group's `cg_item`; the caller's guarantee
        // and configfs' hold on the item while the file is read.
        let data = unsafe {
            group_data::<Data>(item.byte_sub(core::mem::offset_of!(bindings::config_group, cg_item)).cast())
        };
        // SAFETY: a page of its own (the caller's guarantee).
        let page = unsafe { &mut *page.cast::<[u8; PAGE_SIZE]>() };
        match O::show(data, page) {
            Ok(n) if n <= PAGE_SIZE => n as isize,
            Ok(_) => EIO.to_errno() as isize,
            Err(e) => e.to_errno() as isize,
        }
    }

    /// # Safety
    ///
    /// As for `show`, and `page` is readable for `size` bytes.
    unsafe extern "C" fn store(item: *mut bindings::config_item, page: *const core::ffi::c_char, size: usize) -> isize {
        // SAFETY: as in `show`.
        let data = unsafe {
            group_data::<Data>(item.byte_sub(core::mem::offset_of!(bindings::config_group, cg_item)).cast())
        };
        let bytes = if size == 0 {
            &[][..]
        } else {
            // SAFETY: `size` readable bytes (the caller's guarantee).
            unsafe { core::slice::from_raw_parts(page.cast::<u8>(), size) }
        };
        match O::store(data, bytes) {
            Ok(()) => size as isize,
            Err(e) => e.to_errno() as isize,
        }
    }

    /// An attribute file `name`, mode 0660; without a `store` in `O`,
    /// opening it for writing is `EACCES`.
    pub const fn new(name: &'static CStr) -> Self {
        // SAFETY: a zeroed attribute has no callbacks, which is valid.
        let mut attribute: bindings::configfs_attribute = unsafe { MaybeUninit::zeroed().assume_init() };
        attribute.ca_name = name.as_ptr();
        // An open attribute file holds the module with its callbacks.
        attribute.ca_owner = core::ptr::addr_of_mut!(bindings::__this_module);
        attribute.ca_mode = 0o660;
        attribute.show = Some(Self::show);
        if implements(O::IMPLEMENTED, "store") {
            attribute.store = Some(Self::store);
        }
        Attribute { attribute, _p: PhantomData }
    }

    /// This attribute, as an entry of an [`AttributeList`] of `Data`.
    #[doc(hidden)]
    pub const fn entry(&'static self) -> AttributeEntry<Data> {
        AttributeEntry(Some(&self.attribute), PhantomData)
    }
}

/// Reading and writing attribute `ID` of `Self::Data`; implement it under
/// `#[vtable]`, once per attribute [`configfs_attrs!`] names.
pub trait AttributeOperations<const ID: u64 = 0> {
    /// The names of the functions the implementation defines (`#[vtable]`
    /// fills it in).
    #[doc(hidden)]
    const IMPLEMENTED: &'static [&'static str];

    /// The data the attribute belongs to.
    type Data;

    /// Writes the attribute's text into `page` and returns its length (at
    /// most `PAGE_SIZE`; more is `EIO`).
    fn show(data: &Self::Data, page: &mut [u8; PAGE_SIZE]) -> Result<usize>;

    /// Takes what a write gave (less than a page). Without it, the
    /// attribute is read-only.
    fn store(_data: &Self::Data, _page: &[u8]) -> Result {
        Err(EACCES)
    }
}

/// One entry of an [`AttributeList`]: an attribute of `Data`, or the end.
#[doc(hidden)]
#[repr(transparent)]
pub struct AttributeEntry<Data>(Option<&'static bindings::configfs_attribute>, PhantomData<Data>);

impl<Data> AttributeEntry<Data> {
    /// The entry that ends a list.
    pub const END: Self = AttributeEntry(None, PhantomData);
}

/// The attributes of a directory, as configfs takes them: a static array
/// of `N` entries, the last one the end. Made by [`configfs_attrs!`].
#[repr(transparent)]
pub struct AttributeList<const N: usize, Data>([AttributeEntry<Data>; N]);

// SAFETY: a static table that C only reads.
unsafe impl<const N: usize, Data> Sync for AttributeList<N, Data> {}
// SAFETY: as above.
unsafe impl<const N: usize, Data> Send for AttributeList<N, Data> {}

impl<const N: usize, Data> AttributeList<N, Data> {
    /// The list of `entries`, of which the last, and only the last, is
    /// [`AttributeEntry::END`]; anything else fails the build.
    #[doc(hidden)]
    pub const fn new(entries: [AttributeEntry<Data>; N]) -> Self {
        let mut i = 0;
        while i < N {
            assert!(entries[i].0.is_none() == (i == N - 1), "an attribute list ends with END, and only there");
            i += 1;
        }
        AttributeList(entries)
    }
}

/// The configfs type of a [`Subsystem`] or [`Group`] (`Container`) of
/// `Data`: its attributes and what a `mkdir` in it does. Made by
/// [`configfs_attrs!`].
#[repr(transparent)]
pub struct ItemType<Container, Data> {
    item_type: bindings::config_item_type,
    _p: PhantomData<(Container, Data)>,
}

// SAFETY: a static table that C only reads.
unsafe impl<Container, Data> Sync for ItemType<Container, Data> {}
// SAFETY: as above.
unsafe impl<Container, Data> Send for ItemType<Container, Data> {}

impl<Container: HasGroup<Data>, Data> ItemType<Container, Data> {
    const fn build<const N: usize>(
        attributes: &'static AttributeList<N, Data>,
        group_ops: *const bindings::configfs_group_operations,
    ) -> Self {
        // SAFETY: a zeroed type has no operations, which is valid.
        let mut item_type: bindings::config_item_type = unsafe { MaybeUninit::zeroed().assume_init() };
        // A directory of this type holds the module with its callbacks.
        item_type.ct_owner = core::ptr::addr_of_mut!(bindings::__this_module);
        item_type.ct_item_ops = Container::ITEM_OPS.cast_mut();
        item_type.ct_group_ops = group_ops.cast_mut();
        // `AttributeList` is an array of nullable pointers ending in null,
        // the form `ct_attrs` has.
        item_type.ct_attrs = (attributes as *const AttributeList<N, Data>).cast_mut().cast();
        ItemType { item_type, _p: PhantomData }
    }

    /// A type with `attributes` in which `mkdir` is refused (`EPERM`).
    #[doc(hidden)]
    pub const fn new<const N: usize>(attributes: &'static AttributeList<N, Data>) -> Self {
        Self::build(attributes, core::ptr::null())
    }

    /// A type with `attributes` in which `mkdir` makes a `Group<Child>`.
    #[doc(hidden)]
    pub const fn new_with_child_ctor<const N: usize, Child>(attributes: &'static AttributeList<N, Data>) -> Self
    where
        Data: GroupOperations<Child = Child>,
        Child: 'static,
    {
        Self::build(attributes, &GroupOps::<Data, Child>::OPS)
    }

    fn as_ptr(&self) -> *const bindings::config_item_type {
        &self.item_type
    }
}

/// The [`ItemType`] of a configfs container, as a `&'static`: its data
/// type, the type of the groups a `mkdir` in it makes (`child`, when it
/// may), and its attributes, each a name (the file's) and the `ID` of the
/// [`AttributeOperations`] implementation of the data that serves it.
///
/// ```ignore
/// let item_type = configfs_attrs! {
///     container: configfs::Subsystem<Configuration>,
///     data: Configuration,
///     child: Child,
///     attributes: [
///         message: 0,
///         bar: 1,
///     ],
/// };
/// ```
///
/// The tables are statics: nothing is allocated or built at run time.
#[macro_export]
macro_rules! configfs_attrs {
    (
        container: $container:ty,
        data: $data:ty,
        attributes: [$($name:ident: $id:literal),* $(,)?] $(,)?
    ) => {
        $crate::configfs_attrs!(@build $container, $data, [], [$($name $id)*])
    };
    (
        container: $container:ty,
        data: $data:ty,
        child: $child:ty,
        attributes: [$($name:ident: $id:literal),* $(,)?] $(,)?
    ) => {
        $crate::configfs_attrs!(@build $container, $data, [$child], [$($name $id)*])
    };
    (@build $container:ty, $data:ty, [$($child:ty)?], [$($name:ident $id:literal)*]) => {{
        const __N: usize = <[&str]>::len(&[$(::core::stringify!($name)),*]) + 1;
        static __ATTRS: $crate::configfs::AttributeList<__N, $data> = $crate::configfs::AttributeList::new([
            $({
                static __ATTR: $crate::configfs::Attribute<$id, $data, $data> = $crate::configfs::Attribute::new(
                    match ::core::ffi::CStr::from_bytes_with_nul(
                        ::core::concat!(::core::stringify!($name), "\0").as_bytes(),
                    ) {
                        Ok(name) => name,
                        Err(_) => ::core::panic!("an attribute name may not hold a NUL"),
                    },
                );
                __ATTR.entry()
            },)*
            $crate::configfs::AttributeEntry::END,
        ]);
        static __TYPE: $crate::configfs::ItemType<$container, $data> =
            $crate::configfs_attrs!(@type $container, $data, [$($child)?], __N, &__ATTRS);
        &__TYPE
    }};
    (@type $container:ty, $data:ty, [], $n:ident, $attrs:expr) => {
        $crate::configfs::ItemType::<$container, $data>::new::<$n>($attrs)
    };
    (@type $container:ty, $data:ty, [$child:ty], $n:ident, $attrs:expr) => {
        $crate::configfs::ItemType::<$container, $data>::new_with_child_ctor::<$n, $child>($attrs)
    };
}
