//! What a Rust panic does in the kernel: print the message and where it came
//! from, then `BUG()`, as C code does on a broken invariant.
//!
//! The kernel's BUG() is a `ud2` instruction with an entry in the
//! `__bug_table` section, which the trap handler looks up to print "kernel
//! BUG at file:line!" and oops. Rust cannot call the C macro, so this emits
//! the same instruction and entry, laid out as the kernel's configuration
//! defines `struct bug_entry`.

use core::panic::PanicInfo;

#[panic_handler]
fn panic(info: &PanicInfo<'_>) -> ! {
    let message = info.message();
    match info.location() {
        Some(at) => crate::print::call_printk(
            &crate::print::levels::EMERG,
            c"rust",
            format_args!("panic at {}:{}:{}: {}", at.file(), at.line(), at.column(), message),
        ),
        None => crate::print::call_printk(
            &crate::print::levels::EMERG,
            c"rust",
            format_args!("panic: {}", message),
        ),
    }
    bug()
}

/// The file named by the `__bug_table` entry; the panic message gives the real place.
const BUG_FILE_STR: &str = concat!(file!(), "\0");
static BUG_FILE: [u8; BUG_FILE_STR.len()] = crate::module::c_str_array(BUG_FILE_STR);

/// Oopses like C's BUG(): the task that panicked is killed, the kernel goes on.
#[inline(never)]
fn bug() -> ! {
    // SAFETY: `ud2` traps into the kernel's BUG handler, which never returns
    // here; the entry has the layout of `struct bug_entry` with relative
    // pointers (CONFIG_GENERIC_BUG_RELATIVE_POINTERS, x86_64).
    #[cfg(CONFIG_DEBUG_BUGVERBOSE)]
    unsafe {
        core::arch::asm!(
            "2: ud2",
            ".pushsection __bug_table, \"aw\"",
            "3: .long 2b - .",
            ".long {file} - .",
            ".word {line}",
            ".word 0",
            ".org 3b + {size}",
            ".popsection",
            file = sym BUG_FILE,
            line = const line!(),
            size = const core::mem::size_of::<bindings::bug_entry>(),
            options(noreturn),
        )
    }
    // SAFETY: as above, for the entry without file and line.
    #[cfg(not(CONFIG_DEBUG_BUGVERBOSE))]
    unsafe {
        core::arch::asm!(
            "2: ud2",
            ".pushsection __bug_table, \"aw\"",
            "3: .long 2b - .",
            ".word 0",
            ".org 3b + {size}",
            ".popsection",
            size = const core::mem::size_of::<bindings::bug_entry>(),
            options(noreturn),
        )
    }
}
