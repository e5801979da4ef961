#!/bin/sh
# Building Rust modules with Kbuild, as users do: make -C $KDIR M=$PWD.
SUITE=kbuild
. "$(dirname "$0")/lib.sh"

minimal=$ROOT/samples/rust_minimal
ko=$minimal/rust_minimal.ko
now_ms() { date +%s%3N; }
text_size() { size -A "$1" | awk '$1 ~ /^\.text/ { n += $2 } END { print n + 0 }'; }

make -C "$(kdir)" M="$minimal" clean >/dev/null 2>&1
t0=$(now_ms)
if kbuild "$minimal"; then
	pass build
else
	fail build "make -C KDIR M=samples/rust_minimal failed"
	show "$TMP/make.log"
	finish
	exit
fi
t1=$(now_ms)
echo "info: rust_minimal clean build: $((t1 - t0)) ms (with the toolchain and kernel crates when the cache had none)"

# Nothing but Kbuild's own lines, and krust's in their style when the first
# build makes the toolchain: objtool, rustc and modpost have nothing to say.
noise=$(grep -vE '^make|^  (RUSTC|MODPOST|CC|LD|BTF|RUST|BINDGEN) |^Skipping BTF generation' "$TMP/make.log")
if [ -n "$noise" ]; then
	fail quiet-build "the build printed warnings"
	echo "$noise" | head -20 | sed 's/^/    /'
else
	pass quiet-build
fi

# objtool ran: the object has ORC unwind data and its return thunks are listed.
obj=$minimal/rust_minimal.o
if readelf -SW "$obj" | grep -q '\.orc_unwind ' && readelf -SW "$obj" | grep -q '\.return_sites '; then
	pass objtool-ran
else
	fail objtool-ran "rust_minimal.o has no .orc_unwind or .return_sites section"
fi

# A rebuild with nothing changed does nothing.
before=$(stat -c %Y.%s "$ko" "$obj")
t0=$(now_ms)
kbuild "$minimal" V=2 # V=2: Kbuild says why it rebuilds anything
t1=$(now_ms)
after=$(stat -c %Y.%s "$ko" "$obj")
if grep -qE '^  (RUSTC|LD|CC) ' "$TMP/make.log" || [ "$before" != "$after" ]; then
	fail noop-rebuild "a rebuild with nothing changed rebuilt something"
	show "$TMP/make.log"
else
	pass noop-rebuild
fi
echo "info: rust_minimal rebuild with nothing changed: $((t1 - t0)) ms"

# ...and a changed source is rebuilt.
touch "$minimal/rust_minimal.rs"
kbuild "$minimal"
if grep -q '^  RUSTC ' "$TMP/make.log"; then
	pass rebuild-on-change
else
	fail rebuild-on-change "touching rust_minimal.rs did not rebuild it"
fi

# Module metadata comes from the module! declaration.
check_modinfo() {
	field=$1 expected=$2
	got=$(modinfo -F "$field" "$ko" | tr '\n' '|')
	if [ "$got" = "$expected" ]; then
		pass "modinfo-$field"
	else
		fail "modinfo-$field" "expected '$expected', got '$got'"
	fi
}
release=$(sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' "$(kdir)/include/generated/utsrelease.h")
check_modinfo license "GPL|"
check_modinfo author "krust|"
check_modinfo description "A minimal Rust module|"
check_modinfo parm "delay:Milliseconds to say it took (uint)|verbose:Say more (bool)|greetings:How many times to say hello (int)|"
check_modinfo name "rust_minimal|"
if modinfo -F vermagic "$ko" | grep -q "^$release "; then
	pass modinfo-vermagic
else
	fail modinfo-vermagic "vermagic does not name $release"
fi

# modpost resolved the kernel symbols the module uses, with their CRCs.
crc=$(awk '$2 == "_printk" { print $1 }' "$(kdir)/Module.symvers")
if grep -q "{ $crc, \"_printk\" }" "$minimal/rust_minimal.mod.c"; then
	pass modpost-crcs
else
	fail modpost-crcs "rust_minimal.mod.c does not version _printk with CRC $crc"
fi

# Fat LTO keeps only what the module uses of core.
plain_text=$(text_size "$ko")
if kbuild "$minimal" KRUST_LTO=1; then
	lto_text=$(text_size "$ko")
	if [ "$lto_text" -lt $((plain_text / 4)) ]; then
		pass lto-smaller
	else
		fail lto-smaller ".text is $lto_text bytes with LTO and $plain_text without"
	fi
	if readelf -SW "$ko" | grep -q '\.llvmbc'; then
		fail lto-no-bitcode "LLVM bitcode reached the module"
	else
		pass lto-no-bitcode
	fi
else
	fail lto-smaller "the LTO build failed"
	show "$TMP/make.log"
fi
kbuild "$ROOT/bench/c_minimal"
c_text=$(text_size "$ROOT/bench/c_minimal/c_minimal.ko")
echo "info: .text of rust_minimal.ko: $plain_text bytes, $lto_text with LTO; c_minimal.ko: $c_text"
# A module sees the kernel's configuration and release as cfgs, as the
# kernel crate does: CONFIG_FOO, and linux_ge_M_N up to the kernel's own M.N.
release=$("$KRUST" config | sed -n 's/^kernel: *//p')
major=${release%%.*} minor=${release#*.}
minor=${minor%%[!0-9]*}
cfgs=$TMP/cfgs
mkdir -p "$cfgs"
printf 'obj-m := rust_cfgs.o\ninclude %s/kbuild/krust.mk\n' "$ROOT" >"$cfgs/Kbuild"
cat >"$cfgs/rust_cfgs.rs" <<EOF_RS
use kernel::prelude::*;
#[cfg(not(CONFIG_MODULES))]
compile_error!("CONFIG_MODULES is not a cfg");
#[cfg(not(linux_ge_${major}_${minor}))]
compile_error!("linux_ge_${major}_${minor} is not a cfg");
#[cfg(linux_ge_${major}_$((minor + 1)))]
compile_error!("linux_ge_${major}_$((minor + 1)) is a cfg of a ${major}.${minor} kernel");
#[cfg(not(linux_ge_6_0))]
compile_error!("linux_ge_6_0 is not a cfg");
module! {
    type: M,
    name: "rust_cfgs",
    authors: ["krust"],
    description: "Tests the kernel's cfgs",
    license: "GPL",
}
struct M;
impl Module for M {
    fn init(_module: &'static ThisModule) -> Result<Self> { Ok(M) }
}
EOF_RS
if [ -z "$minor" ]; then
	fail cfgs "cannot read the kernel's release from krust config"
elif kbuild "$cfgs"; then
	pass cfgs
else
	fail cfgs "a module testing the kernel's cfgs did not build"
	grep -A3 'compile_error\|^error' "$TMP/make.log" | head -n 20 | sed 's/^/    /'
fi

# Leave the samples built the default way for the VM tests.
kbuild "$minimal"

finish
