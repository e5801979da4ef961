#!/bin/sh
# The kernel crate's rules, checked on the sources:
#   - every `unsafe` block and `unsafe impl` has a `// SAFETY:` comment
#     right above it (attributes and other comment lines may come between);
#   - every `unsafe fn` and `unsafe trait` documents `# Safety`;
#   - a file whose types document `# Invariants` says where they are
#     established, with `// INVARIANT:`;
#   - samples use neither `unsafe`, the raw bindings (`kernel::bindings`) nor
#     assembly (`global_asm!` needs no `unsafe`).
SUITE=rules
. "$(dirname "$0")/lib.sh"

# Prints "file:line: problem" for each violation in the Rust files given.
check_unsafe() {
	awk '
	FNR == 1 { comment = ""; doc = ""; in_impl = 0 }
	# The unsafe fns of a trait impl are covered by the trait'"'"'s # Safety.
	/^(unsafe )?impl.* for / && !/\{\}[ \t]*$/ { in_impl = 1 }
	/^}/ { in_impl = 0 }
	# A comment or doc line extends the block above the next code line;
	# attributes keep it; anything else ends it.
	/^[ \t]*\/\/\/|^[ \t]*\/\/!/ { doc = doc "\n" $0; next }
	/^[ \t]*\/\// {
		comment = comment "\n" $0
		next
	}
	/^[ \t]*#\[/ { next }
	{
		line = $0
		sub(/\/\/.*/, "", line)
		if (line ~ /unsafe[ \t]*\{/ && comment !~ /SAFETY:/)
			printf "%s:%d: unsafe block without a // SAFETY: comment above it\n", FILENAME, FNR
		if (line ~ /unsafe impl/ && comment !~ /SAFETY:/)
			printf "%s:%d: unsafe impl without a // SAFETY: comment above it\n", FILENAME, FNR
		if (line ~ /unsafe (extern "C" )?fn|unsafe trait/ && line !~ /^[ \t]*(pub )?fn|fn\(|= unsafe/ &&
		    doc !~ /# Safety/ && !in_impl)
			printf "%s:%d: unsafe fn or trait without a # Safety section\n", FILENAME, FNR
		# A statement that goes on below (`let x =`) keeps its comment.
		if (line ~ /[^ \t]/ && line !~ /=[ \t]*$/) { comment = ""; doc = "" }
	}
	' "$@"
}

problems=$TMP/problems
: >"$problems"
files=$(find "$ROOT/rust/kernel" -name '*.rs' | sort)
# shellcheck disable=SC2086
check_unsafe $files >>"$problems"
for f in $files; do
	if grep -q '# Invariants' "$f" && ! grep -q '// INVARIANT:' "$f"; then
		echo "$f: documents # Invariants but never says // INVARIANT: where they are established" >>"$problems"
	fi
done
if [ -s "$problems" ]; then
	fail kernel-crate "$(wc -l <"$problems") rule violations"
	show "$problems" 50
else
	pass kernel-crate
fi

: >"$problems"
for f in "$ROOT"/samples/*/*.rs; do
	grep -n '\bunsafe\b' "$f" | sed "s|^|$f:|;s|$| (unsafe in a sample)|" >>"$problems"
	# The word itself: kernel::bindings is re-exported, and `use kernel::bindings
	# as b;` would hide a `bindings::` path.
	grep -nw 'bindings' "$f" | sed "s|^|$f:|;s|$| (bindings in a sample)|" >>"$problems"
	# Rust asks no `unsafe` for inline assembly at item level, yet it can put
	# anything in any section.
	grep -nE '\b(global_)?asm!' "$f" | sed "s|^|$f:|;s|$| (assembly in a sample)|" >>"$problems"
done
if [ -s "$problems" ]; then
	fail samples "samples use unsafe, bindings:: or assembly"
	show "$problems"
else
	pass samples
fi

# make doc: rustdoc on the kernel crate, warnings denied.
if "$ROOT/scripts/doc" >"$TMP/doc.log" 2>&1; then
	pass rustdoc
else
	fail rustdoc "rustdoc warned or failed on the kernel crate"
	show "$TMP/doc.log"
fi

# Every errno of the kernel's headers is an Error constant in error.rs.
srctree=$("$KRUST" config | sed -n 's/^srctree: *//p')
for h in include/uapi/asm-generic/errno-base.h include/uapi/asm-generic/errno.h include/linux/errno.h; do
	sed -n 's/^#[[:space:]]*define[[:space:]]\{1,\}\(E[A-Z0-9_]*\)[[:space:]].*/\1/p' "$srctree/$h"
done | sort >"$TMP/errno.want"
sed -n '/^declare_errors! {/,/^}/p' "$ROOT/rust/kernel/error.rs" | grep -v '//' |
	grep -o 'E[A-Z0-9_]*' | sort >"$TMP/errno.have"
if [ "$(wc -l <"$TMP/errno.want")" -gt 100 ] && cmp -s "$TMP/errno.want" "$TMP/errno.have"; then
	pass errno-complete
else
	fail errno-complete "rust/kernel/error.rs and the kernel's errno headers differ (< headers, > error.rs)"
	diff "$TMP/errno.want" "$TMP/errno.have" >"$TMP/errno.diff"
	show "$TMP/errno.diff"
fi

# The check itself: a file that breaks each rule is caught.
cat >"$TMP/bad.rs" <<'RS'
fn a() {
    // a comment, but not the one wanted
    unsafe { core::hint::unreachable_unchecked() }
}
struct S;
unsafe impl Send for S {}
/// No safety section.
pub unsafe fn b() {}
RS
if [ "$(check_unsafe "$TMP/bad.rs" | wc -l)" -eq 3 ]; then
	pass catches-violations
else
	fail catches-violations "wanted 3 violations in a bad file, got: $(check_unsafe "$TMP/bad.rs")"
fi
finish
