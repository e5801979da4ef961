#!/bin/sh
# IBT, call padding and the mitigations' call sites, on the kernel under
# test (KDIR, else the default; tests/check.sh runs it on each kernel line):
#   - samples/rust_misc_device builds with objtool (run by kbuild/krust.mk
#     with the kernel's own objtool-args) printing nothing
#   - where the .config has CONFIG_X86_KERNEL_IBT: every file_operations
#     callback (the Rust functions the module's data relocations point at)
#     starts with endbr64, behind FUNCTION_PADDING_BYTES single-byte nops
#     (CALL_PADDING), named __pfx_<callback> (PREFIX_SYMBOLS), at a multiple
#     of FUNCTION_ALIGNMENT; skipped, with the reason, elsewhere
#   - the .ko has each of .call_sites, .return_sites and .retpoline_sites
#     that a C module built in the same run against the same kernel has
#   - rustc's flags are the same from Kbuild's variables as from a run of
#     Kbuild (one core for both)
#   - no assembler label (.Ltmp at each function's padding) is left as a
#     symbol
# Then, on the same kernel, what krust refuses, one sentence each: an
# option it refuses (a copied .config), a gcc flag it cannot match (a copied
# kernel tree whose .config adds one), a rustc flag it does not know, and
# a rustc flag that contradicts the .config.
SUITE=ibt
. "$(dirname "$0")/lib.sh"

# What make printed of objtool's.
objtool_said() { grep 'objtool' "$1"; }

# A module's sources copied out of the tree, with a Kbuild that includes this krust.
module_copy() {
	src=$1 dest=$2
	mkdir -p "$dest"
	cp "$src"/*.rs "$dest/"
	printf 'obj-m := %s.o\ninclude %s/kbuild/krust.mk\n' "$(basename "$src")" "$ROOT" >"$dest/Kbuild"
}

# A C module with a file_operations, a direct and an indirect call: what C gets.
c_peer() {
	mkdir -p "$1"
	printf 'obj-m := c_peer.o\n' >"$1/Kbuild"
	cat >"$1/c_peer.c" <<'C'
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>

static int c_peer_open(struct inode *inode, struct file *file)
{
	return 0;
}

static const struct file_operations c_peer_fops = {
	.owner = THIS_MODULE,
	.open = c_peer_open,
};

static struct miscdevice c_peer_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "c_peer",
	.fops = &c_peer_fops,
};

static int (*volatile c_peer_hook)(struct miscdevice *) = misc_register;

static int __init c_peer_init(void)
{
	return c_peer_hook(&c_peer_dev);
}

static void __exit c_peer_exit(void)
{
	misc_deregister(&c_peer_dev);
}

module_init(c_peer_init);
module_exit(c_peer_exit);
MODULE_LICENSE("GPL");
C
}

config_value() { sed -n "s/^CONFIG_$2=//p" "$1/.config"; }

# The .text addresses (hex, without 0x) the data relocations of a .ko point at.
data_targets() {
	readelf -rW "$1" | awk '
		/^Relocation section/ { data = ($3 ~ /^.\.rela\.(rodata|data)/) }
		data && $3 == "R_X86_64_64" && $5 == ".text" && $6 == "+" { print $7 }' | sort -u
}

# The demangled name of the .text function at address $2 (hex) of a .ko.
function_at() {
	objdump -tC -j .text "$1" | awk -v a="$2" '$3 == "F" { v = $1; sub(/^0+/, "", v); if (v == "") v = "0"; if (v == a) { $1 = $2 = $3 = $4 = $5 = ""; sub(/^ +/, ""); print; exit } }'
}

# The mangled names of the .text symbols at address $2 (hex) of a .ko.
symbols_at() {
	objdump -t -j .text "$1" | awk -v a="$2" '{ v = $1; sub(/^0+/, "", v); if (v == "") v = "0"; if (v == a) print $NF }'
}

# Checks one callback at address $2 of .ko $1; prints what is wrong, if anything.
check_callback() {
	ko=$1 addr=$2 pad=$3 align=$4 prefix=$5
	start=$((0x$addr - pad))
	objdump -d -j .text --start-address=$start --stop-address=$((0x$addr + 4)) "$ko" >"$TMP/callback.dis"
	first=$(awk -v a="$addr:" '$1 == a { print; exit }' "$TMP/callback.dis")
	echo "$first" | grep -qE 'f3 0f 1e fa[[:space:]]+endbr64' || echo "does not start with endbr64 ($first)"
	if [ "$pad" -gt 0 ]; then
		nops=$(awk -v a="$addr:" '$1 == a { exit } /^ *[0-9a-f]+:\t90 +\tnop$/ { n++ } END { print n + 0 }' "$TMP/callback.dis")
		[ "$nops" -eq "$pad" ] || echo "has $nops single-byte nops before it, not $pad"
	fi
	if [ "$align" -gt 0 ] && [ $((0x$addr % align)) -ne 0 ]; then
		echo "is not aligned to $align bytes"
	fi
	if [ "$prefix" = y ]; then
		pfx=$(printf '%x' "$start")
		sym=$(symbols_at "$ko" "$addr" | grep -v "^\\.L" | head -n 1)
		symbols_at "$ko" "$pfx" | grep -qx "__pfx_$sym" || echo "has no __pfx_$sym before it"
	fi
}

# The sections of the mitigations' sites a .ko has.
site_sections() {
	readelf -SW "$1" | grep -oE '\.(call|return|retpoline)_sites ' | tr -d ' ' | sort -u
}

# The word after "$2 '" in the first line of a .cmd file, up to the closing quote.
cmd_option() { sed -n "1s/.* $2 '\\([^']*\\)'.*/\\1/p" "$1"; }

# ----------------------------------------------------------- each kernel

# one iteration: the kernel under test (KDIR, else the default); tests/check.sh
# runs the suite once per kernel line and names the results by kernel
for kdir in "$(readlink -f "$(kdir)")"; do
	mod=$TMP/rust_misc_device
	peer=$TMP/c_peer
	module_copy "$ROOT/samples/rust_misc_device" "$mod"
	c_peer "$peer"
	if ! make -C "$kdir" M="$mod" >"$TMP/rust.log" 2>&1; then
		fail "build" "make -C $kdir M=rust_misc_device failed"
		show "$TMP/rust.log"
		continue
	fi
	pass "build"
	said=$(objtool_said "$TMP/rust.log")
	if [ -n "$said" ]; then
		fail "objtool-quiet" "objtool said $(echo "$said" | wc -l) things"
		echo "$said" | sort | uniq -c | sort -rn | head -n 10 | sed 's/^/    /'
	else
		pass "objtool-quiet"
	fi
	ko=$mod/rust_misc_device.ko
	labels=$(nm "$ko" | grep -c ' \.L')
	if [ "$labels" -eq 0 ]; then
		pass no-assembler-labels
	else
		fail no-assembler-labels "rust_misc_device.ko has $labels .L symbols, which /proc/kallsyms would list"
	fi

	# rustc's flags: from Kbuild's variables, as the build had them, and from a run of Kbuild
	cmd=$mod/.rust_misc_device.o.cmd
	cflags=$(cmd_option "$cmd" --kbuild-cflags)
	rustflags=$(cmd_option "$cmd" --kbuild-rustflags)
	"$KRUST" config --kernel "$kdir" --rustflags >"$TMP/probe.rustflags" 2>&1
	"$KRUST" config --kernel "$kdir" --rustflags --kbuild-cflags "$cflags" --kbuild-rustflags "$rustflags" \
		>"$TMP/kbuild.rustflags" 2>&1
	if [ -n "$cflags" ] && [ -s "$TMP/probe.rustflags" ] && cmp -s "$TMP/probe.rustflags" "$TMP/kbuild.rustflags"; then
		pass "same-rustflags-kbuild-and-probe"
	else
		fail "same-rustflags-kbuild-and-probe" "rustc's flags from the module's Kbuild command differ from the probe's"
		diff "$TMP/probe.rustflags" "$TMP/kbuild.rustflags" | head -n 10 | sed 's/^/    /'
	fi

	# the sites the kernel patches at load: whatever C's module has, Rust's has
	if make -C "$kdir" M="$peer" >"$TMP/peer.log" 2>&1; then
		c_sites=$(site_sections "$peer/c_peer.ko")
		rust_sites=$(site_sections "$ko")
		missing=
		for s in $c_sites; do
			echo "$rust_sites" | grep -qx "$s" || missing="$missing$s "
		done
		if [ -z "$c_sites" ]; then
			fail "sites-as-c" "the C module has none of .call_sites, .return_sites, .retpoline_sites"
		elif [ -n "$missing" ]; then
			fail "sites-as-c" "the C module has $missing and the Rust one not"
		else
			pass "sites-as-c"
			echo "info: $SUITE: sections of sites in both: $(echo "$c_sites" | tr '\n' ' ')"
		fi
	else
		fail "sites-as-c" "the C module did not build"
		show "$TMP/peer.log"
	fi

	if [ "$(config_value "$kdir" X86_KERNEL_IBT)" != y ]; then
		echo "SKIP: $SUITE/endbr-and-padding: CONFIG_X86_KERNEL_IBT is not set in $kdir/.config"
		continue
	fi
	pad=0 align=0 prefix=n
	[ "$(config_value "$kdir" CALL_PADDING)" = y ] && pad=$(config_value "$kdir" FUNCTION_PADDING_BYTES)
	align=$(config_value "$kdir" FUNCTION_ALIGNMENT)
	prefix=$(config_value "$kdir" PREFIX_SYMBOLS)
	callbacks=0 bad=0 open=
	for addr in $(data_targets "$ko"); do
		fn=$(function_at "$ko" "$addr")
		case $fn in kernel::miscdevice::*) ;; *) continue ;; esac
		callbacks=$((callbacks + 1))
		case $fn in kernel::miscdevice::open::*) open=$fn ;; esac
		wrong=$(check_callback "$ko" "$addr" "$pad" "${align:-0}" "${prefix:-n}")
		if [ -n "$wrong" ]; then
			bad=$((bad + 1))
			echo "$wrong" | sed "s|^|    $fn |"
			tail -n 8 "$TMP/callback.dis" | sed 's/^/      /'
		elif [ "$fn" = "$open" ]; then
			echo "info: $SUITE: $fn, as objdump shows it:"
			grep -E '^ *[0-9a-f]+:' "$TMP/callback.dis" | sed 's/^/    /'
		fi
	done
	if [ -z "$open" ]; then
		fail "endbr-and-padding" "no data relocation of rust_misc_device.ko points at kernel::miscdevice::open"
	elif [ "$bad" -gt 0 ]; then
		fail "endbr-and-padding" "$bad of $callbacks file_operations callbacks lack endbr64 or their padding"
	else
		pass "endbr-and-padding"
		echo "info: $SUITE: $callbacks file_operations callbacks: endbr64 behind $pad nops, aligned to ${align:-?}, __pfx_ symbols: ${prefix:-n}"
	fi
done

# ------------------------------------------------ what krust refuses, each said once

KDIR=$(kdir)
export KRUST_CACHE=$TMP/cache

# an option krust refuses, in a copied .config
fake=$TMP/kdir-kasan
mkdir -p "$fake/include/generated"
cp "$KDIR/include/generated/utsrelease.h" "$fake/include/generated/"
sed '$a CONFIG_KASAN=y' "$KDIR/.config" >"$fake/.config"
expect_error refuses-kasan "enables the address sanitizer \(CONFIG_KASAN\), .*so krust cannot build Rust" \
	"$KRUST" config --kernel "$fake"

# A kernel tree of our own (the build tree copied, the source tree the stock
# one) whose configuration adds a gcc flag krust cannot match in Rust.
own=$TMP/own
cp -a "$KDIR" "$own"
for l in scripts tools; do
	ln -sfn "$(readlink -f "$KDIR/$l")" "$own/$l"
done
for f in .config include/config/auto.conf; do
	printf 'CONFIG_ZERO_CALL_USED_REGS=y\n' >>"$own/$f"
done
zero="the kernel compiles C with '-fzero-call-used-regs=used-gpr' \(KBUILD_CFLAGS\), a code-generation flag krust does not know"
expect_error unknown-gcc-flag "$zero" "$KRUST" config --kernel "$own"
module_copy "$ROOT/samples/rust_minimal" "$TMP/zero"
expect_error unknown-gcc-flag-kbuild "$zero" make -C "$own" M="$TMP/zero"

expect_error unknown-rustc-flag "the kernel gives rustc '-Zsanitizer=address' \(KBUILD_RUSTFLAGS\), a flag krust does not know" \
	env KRUSTFLAGS=-Zsanitizer=address "$KRUST" config
expect_error rustc-feature-enabled "the kernel gives rustc the target feature '\+sse2' \(KBUILD_RUSTFLAGS\), which krust does not know how to match" \
	env KRUSTFLAGS=-Ctarget-feature=+sse2 "$KRUST" config
if [ "$(config_value "$KDIR" CALL_PADDING)" = y ]; then
	n=$(config_value "$KDIR" FUNCTION_PADDING_BYTES)
	expect_error rustc-flag-disagrees "the kernel gives rustc '-Zpatchable-function-entry=8,8' \(KBUILD_RUSTFLAGS\) where krust reads '-Zpatchable-function-entry=$n,$n'" \
		env KRUSTFLAGS=-Zpatchable-function-entry=8,8 "$KRUST" config
else
	echo "SKIP: $SUITE/rustc-flag-disagrees: CONFIG_CALL_PADDING is not set in $KDIR/.config"
fi

finish
