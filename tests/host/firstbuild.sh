#!/bin/sh
# The first build, as a new user meets it: every entry point from an empty
# cache (KRUST_CACHE=$(mktemp -d)), the first build through Kbuild. Every
# build runs under a timeout, so a hang is a failed test, not a stuck run.
#   - the README's "Build your own module", word for word, then the module
#     loaded in the VM
#   - krust bindgen --kernel
#   - a first build killed while it builds core, then two modules (make -j2
#     each) and krust prepare at once into that cache
#   - krust rustc in a hostile environment (an outer Kbuild's MAKEFLAGS, M=...),
#     and what a child process is given of it: nothing
#   - the cache keys: Kbuild's flags and the probe's give one entry; a
#     header edited in a kernel tree rebuilds the bindings, an unchanged one
#     does not; a module's depfile lists the headers its shims read
SUITE=firstbuild
. "$(dirname "$0")/lib.sh"

KDIR=$(kdir)
LIMIT=600
export KRUST_LTO= # the README's build is the default one

# A cache of its own for each test that needs an empty one.
new_cache() { mktemp -d "$TMP/cache.XXXXXX"; }

# The entry of a kind in a cache: what its link names.
entry() {
	link=$(find "$1" -maxdepth 1 -type l -name "$2-*" | head -n 1)
	[ -n "$link" ] && readlink "$link"
}

# A module's sources copied out of the tree, with a Kbuild that includes this krust.
module_copy() {
	name=$1 dest=$2
	mkdir -p "$dest"
	cp "$ROOT/samples/$name/$name.rs" "$dest/"
	printf 'obj-m := %s.o\ninclude %s/kbuild/krust.mk\n' "$name" "$ROOT" >"$dest/Kbuild"
}

# ------------------------------------------------ the README, word for word

readme=$TMP/readme
mkdir -p "$readme/hello"
section() { sed -n '/^## Build your own module/,/^## /p' "$ROOT/README.md"; }
# step 2: the indented lines under "write a `Kbuild`"; step 3: the rust block
section | awk '/write a `Kbuild`/ { on = 1; next } on && /^       / { sub(/^       /, ""); print; next } on && /^[0-9]\./ { exit }' |
	sed "s|/path/to/krust|$ROOT|" >"$readme/hello/Kbuild"
section | awk '/^   ```rust/ { on = 1; next } on && /^   ```/ { exit } on { sub(/^   /, ""); print }' >"$readme/hello/hello.rs"
# step 4: the first command line, as a shell would run it in the module's directory
build_line=$(section | grep -m 1 '^       make -C ' | sed "s|^       ||; s|/path/to/krust|$ROOT|")
if [ "$(wc -l <"$readme/hello/Kbuild")" -ne 2 ] || ! grep -q '^module! {' "$readme/hello/hello.rs" ||
	[ -z "$build_line" ]; then
	fail readme-steps "cannot find the Kbuild, hello.rs or the make line in README.md"
else
	pass readme-steps
fi

cache_readme=$(new_cache)
start=$(date +%s)
# step 1 (make in krust's directory) and step 4
if (cd "$ROOT" && timeout $LIMIT make -s) >"$TMP/readme.log" 2>&1 &&
	(cd "$readme/hello" && KRUST_CACHE=$cache_readme timeout $LIMIT sh -c "$build_line") >>"$TMP/readme.log" 2>&1 &&
	[ -f "$readme/hello/hello.ko" ]; then
	pass readme-build
	echo "info: the README's first build, from an empty cache: $(($(date +%s) - start)) s"
else
	fail readme-build "the README's steps did not build hello.ko (or took over $LIMIT s)"
	show "$TMP/readme.log"
fi

cat >"$TMP/hello.sh" <<'GUEST'
. /krust/lib.sh
insmod_ok hello
check "it says hello once" dmesg_has "Hello 1 times"
rmmod_ok hello
insmod_ok hello times=3
check "times=3 is passed" dmesg_has "Hello 3 times"
rmmod_ok hello
GUEST
if [ -f "$readme/hello/hello.ko" ]; then
	timeout $LIMIT "$KRUST" vm --timeout 60 --log "$ROOT/build/vm-firstbuild.log" \
		--module "$readme/hello/hello.ko" --test "readme-hello=$TMP/hello.sh" || failures=$((failures + 1))
else
	fail vm/readme-hello "no hello.ko to load"
fi

# The headers only the shims read are in the depfile exactly when the module
# has shims (6.12's allocators are macros, so every module built with the
# kernel crate has some there; on 6.1 the README's module has none).
shims=$(nm "$readme/hello/hello.o" 2>/dev/null | grep -c ' T krust_helper_')
if [ ! -f "$readme/hello/.hello.o.cmd" ]; then
	gcc_listed=missing
elif grep -q 'include/linux/compiler-gcc\.h' "$readme/hello/.hello.o.cmd"; then
	gcc_listed=yes
else
	gcc_listed=no
fi
if { [ "$shims" -eq 0 ] && [ "$gcc_listed" = no ]; } || { [ "$shims" -gt 0 ] && [ "$gcc_listed" = yes ]; }; then
	pass depfile-without-shims
	echo "info: hello.o has $shims shims; its depfile lists gcc's compiler-gcc.h: $gcc_listed"
else
	fail depfile-without-shims "hello.o has $shims shims, and its depfile lists gcc's compiler-gcc.h: $gcc_listed"
fi

# ----------------------------------------------------- krust bindgen --kernel

printf '#include <linux/miscdevice.h>\n' >"$TMP/misc.h"
cache_bindgen=$(new_cache)
if KRUST_CACHE=$cache_bindgen timeout $LIMIT "$KRUST" bindgen --kernel "$KDIR" \
	--allowlist-type=miscdevice "$TMP/misc.h" -o "$TMP/misc.rs" 2>"$TMP/bindgen.log" &&
	grep -q 'pub struct miscdevice' "$TMP/misc.rs"; then
	pass bindgen-kernel
else
	fail bindgen-kernel "krust bindgen --kernel failed from an empty cache"
	show "$TMP/bindgen.log"
fi

# ------- an interrupted first build, then two modules and krust prepare at once

cache_prepare=$(new_cache)
module_copy rust_minimal "$TMP/par/a"
module_copy rust_print "$TMP/par/b"
# headers of its own, as a module's Kbuild gives them: the bindings stay the kernel's
mkdir -p "$TMP/par/b/include"
printf 'ccflags-y := -I$(src)/include -include $(src)/include/own.h\n' >>"$TMP/par/b/Kbuild"
printf '#define RUST_PRINT_OWN 1\n' >"$TMP/par/b/include/own.h"
# in a session of its own, so that the whole build can be killed: make, krust, rustc
setsid sh -c "echo \$\$ >$TMP/killed.pid; KRUST_CACHE=$cache_prepare exec make -C $KDIR M=$TMP/par/a" \
	>"$TMP/killed.log" 2>&1 &
# kill it while core builds: once core's temporary entry exists, and a moment later
waited=0
until ls -d "$cache_prepare"/core-*.tmp.* >/dev/null 2>&1 || [ $waited -ge 300 ]; do
	sleep 1
	waited=$((waited + 1))
done
sleep 3
kill -9 -"$(cat "$TMP/killed.pid")"
wait
if [ $waited -ge 300 ] || grep -q 'LD \[M\]' "$TMP/killed.log"; then
	fail interrupted-build "the first build did not start building core within 300 s, or was not stopped"
	show "$TMP/killed.log"
else
	pass interrupted-build
fi
KRUST_CACHE=$cache_prepare timeout $LIMIT make -j2 -C "$KDIR" M="$TMP/par/a" >"$TMP/par-a.log" 2>&1 &
a=$!
KRUST_CACHE=$cache_prepare timeout $LIMIT make -j2 -C "$KDIR" M="$TMP/par/b" >"$TMP/par-b.log" 2>&1 &
b=$!
KRUST_CACHE=$cache_prepare timeout $LIMIT "$KRUST" prepare >"$TMP/prepare.out" 2>"$TMP/prepare.log" &
p=$!
wait $a
rc_a=$?
wait $b
rc_b=$?
wait $p
rc_p=$?
if [ $rc_a -eq 0 ] && [ $rc_b -eq 0 ] && [ -f "$TMP/par/a/rust_minimal.ko" ] && [ -f "$TMP/par/b/rust_print.ko" ]; then
	pass interrupted-then-two-at-once
else
	fail interrupted-then-two-at-once "after an interrupted build, make -j2 of two modules at once failed ($rc_a, $rc_b)"
	show "$TMP/par-a.log" 10
	show "$TMP/par-b.log" 10
fi
if [ $rc_p -eq 0 ] && [ -d "$(cat "$TMP/prepare.out")" ]; then
	pass prepare
else
	fail prepare "krust prepare failed from an empty cache (bar an interrupted build), or took over $LIMIT s"
	show "$TMP/prepare.log"
fi
if ls -d "$cache_prepare"/*.tmp.* >/dev/null 2>&1; then
	fail interrupted-build-cleaned "what the killed build left is still in the cache"
else
	pass interrupted-build-cleaned
fi
cores=$(cat "$TMP/par-a.log" "$TMP/par-b.log" "$TMP/prepare.log" | grep -c '^  RUST    core')
if [ "$cores" -eq 1 ]; then
	pass core-built-once
else
	fail core-built-once "three builds at once built core $cores times"
fi
# the builds that found the lock taken said why they wait
if cat "$TMP/par-a.log" "$TMP/par-b.log" "$TMP/prepare.log" | grep -q '^  WAIT    for .*\.lock, held by another krust$'; then
	pass waiting-said
else
	fail waiting-said "three builds at once, and none said it waits for another's lock"
fi
# one module with -I and -include of its own: still one set of bindings for all three
bindings=$(cat "$TMP/par-a.log" "$TMP/par-b.log" "$TMP/prepare.log" | grep -c '^  BINDGEN')
if [ "$bindings" -eq 1 ]; then
	pass bindings-built-once
else
	fail bindings-built-once "two modules (one with headers of its own) and krust prepare made the bindings $bindings times"
fi
# the crates record their sources under the entry's lasting name, not the temporary one
tmp_paths=0
for lib in "$cache_prepare"/kernel-*/lib*.rlib "$cache_prepare"/kernel-*/lib*.so "$cache_prepare"/core-*/lib*.rlib; do
	[ -f "$lib" ] && tmp_paths=$((tmp_paths + $(strings "$lib" | grep -c '\.tmp\.')))
done
if [ "$tmp_paths" -eq 0 ]; then
	pass no-temporary-paths
else
	fail no-temporary-paths "the cached crates name their temporary build directory $tmp_paths times"
fi

# Kbuild's flags (the README's build) and the probe's (prepare) name one entry,
# in two caches.
kernel_readme=$(entry "$cache_readme" kernel)
kernel_prepare=$(basename "$(cat "$TMP/prepare.out" 2>/dev/null)")
if [ -n "$kernel_readme" ] && [ "$kernel_readme" = "$kernel_prepare" ]; then
	pass same-key-kbuild-and-prepare
else
	fail same-key-kbuild-and-prepare "Kbuild's build made '$kernel_readme', krust prepare '$kernel_prepare'"
fi
cmd=$readme/hello/.hello.o.cmd
cc=$(sed -n 's/^\(saved\)\{0,1\}cmd_.* -- \(.*\); \.\/tools\/objtool.*/\2/p' "$cmd" 2>/dev/null)
KRUST_CACHE=$cache_prepare timeout $LIMIT "$KRUST" config --clang-flags >"$TMP/probe.flags" 2>&1
(cd "$KDIR" && eval "set -- $cc" && KRUST_CACHE=$cache_prepare timeout $LIMIT "$KRUST" config --clang-flags -- "$@") >"$TMP/kbuild.flags" 2>&1
if [ -n "$cc" ] && [ -s "$TMP/probe.flags" ] && cmp -s "$TMP/probe.flags" "$TMP/kbuild.flags"; then
	pass same-flags-kbuild-and-probe
else
	fail same-flags-kbuild-and-probe "the flags from hello.o's Kbuild command differ from the probe's"
	diff "$TMP/probe.flags" "$TMP/kbuild.flags" | head -n 10 | sed 's/^/    /'
fi
# no module's own flags among them
if grep -qE 'KBUILD_(MODNAME|BASENAME|MODFILE)|MMD|\.d$' "$TMP/kbuild.flags"; then
	fail no-per-module-flags "a flag of hello.o's own is among the bindings' flags"
else
	pass no-per-module-flags
fi

# --------------------------------------- a hostile environment, no -- flags

# An outer Kbuild's state: krust rustc's nested make (the probe) must not see it.
hostile=$TMP/hostile
cp -al "$cache_prepare" "$hostile"
rm -rf "$hostile"/clang-flags-*
if env MAKEFLAGS='-j9 M=/nonexistent' MAKELEVEL=2 MFLAGS=-j9 KBUILD_EXTMOD=/nonexistent \
	KBUILD_SRC=/nonexistent sub_make_done=1 M=/nonexistent O=/nonexistent obj=/nonexistent \
	src=/nonexistent KRUST_CACHE="$hostile" timeout $LIMIT \
	"$KRUST" rustc --check -o "$TMP/hostile.o" "$ROOT/samples/rust_minimal/rust_minimal.rs" >"$TMP/hostile.log" 2>&1 &&
	ls -d "$hostile"/clang-flags-* >/dev/null 2>&1; then
	pass hostile-environment
else
	fail hostile-environment "krust rustc failed, or ran no probe, with an outer Kbuild's MAKEFLAGS, M=, O=..."
	show "$TMP/hostile.log"
fi

# What a child gets: a rustc that records its environment, run by krust
# config (rustc -vV, then rustc --print target-spec-json with RUSTC_BOOTSTRAP).
mkdir -p "$TMP/envs"
printf '#!/bin/sh\nenv >"%s/envs/$$"\nexec /usr/bin/rustc "$@"\n' "$TMP" >"$TMP/rustc"
chmod +x "$TMP/rustc"
env MAKEFLAGS='-j9 M=/nonexistent' MAKELEVEL=2 KBUILD_EXTMOD=/nonexistent sub_make_done=1 M=/x O=/x \
	CC=false RUSTC_BOOTSTRAP=0 KRUST_RUSTC="$TMP/rustc" "$KRUST" config >/dev/null 2>"$TMP/env.log"
leaked=$(cat "$TMP"/envs/* 2>/dev/null |
	grep -E '^(MAKEFLAGS|MAKELEVEL|KBUILD_[A-Z]*|sub_make_done|M|O|CC|RUSTC_BOOTSTRAP)=' | grep -v '^RUSTC_BOOTSTRAP=1$' | sort -u)
bootstrap=$(grep -l '^RUSTC_BOOTSTRAP=1$' "$TMP"/envs/* 2>/dev/null | wc -l)
if [ "$(find "$TMP/envs" -type f | wc -l)" -ne 2 ]; then
	fail child-environment "krust config did not run rustc twice"
	show "$TMP/env.log"
elif [ -n "$leaked" ]; then
	fail child-environment "a child inherited: $(echo "$leaked" | tr '\n' ' ')"
elif [ "$bootstrap" -ne 1 ] || ! grep -qx "PATH=$PATH" "$TMP"/envs/* || ! grep -q '^KRUST_RUSTC=' "$TMP"/envs/*; then
	fail child-environment "RUSTC_BOOTSTRAP=1 not in exactly the unstable call, or PATH or KRUST_* dropped"
else
	pass child-environment
fi

# Kbuild's KCFLAGS in the environment reach the probe's flags, as they reach
# a module's c_flags, and key them
cache_knob=$(new_cache)
KCFLAGS=-DKRUST_KNOB_CHECK=1 KRUST_CACHE=$cache_knob timeout $LIMIT "$KRUST" config --clang-flags >"$TMP/knob.flags" 2>&1
KRUST_CACHE=$cache_knob timeout $LIMIT "$KRUST" config --clang-flags >"$TMP/noknob.flags" 2>&1
if grep -q -- '-DKRUST_KNOB_CHECK=1' "$TMP/knob.flags" && ! grep -q KRUST_KNOB_CHECK "$TMP/noknob.flags" &&
	grep -q -- '-D__KERNEL__' "$TMP/noknob.flags"; then
	pass probe-takes-kcflags
else
	fail probe-takes-kcflags "KCFLAGS did not reach the probe's flags, or stayed in them once unset"
fi

# ------------------------------------------------------------ the cache keys

# krust under another name is the same krust: one entry of the probe's flags
cache_copy=$(new_cache)
mkdir -p "$TMP/bin"
cp "$KRUST" "$TMP/bin/krust-copy"
KRUST_CACHE=$cache_copy timeout $LIMIT "$KRUST" config --clang-flags >"$TMP/orig.flags" 2>&1
KRUST_CACHE=$cache_copy KRUST_ROOT=$ROOT timeout $LIMIT "$TMP/bin/krust-copy" config --clang-flags >"$TMP/copy.flags" 2>&1
links=$(find "$cache_copy" -maxdepth 1 -type l -name 'clang-flags-*' | wc -l)
if [ "$links" -eq 1 ] && cmp -s "$TMP/orig.flags" "$TMP/copy.flags"; then
	pass renamed-binary-same-key
else
	fail renamed-binary-same-key "a copy of krust under another name made $links entries of the probe's flags"
fi

# A kernel tree of our own: the build tree copied (its few files), the
# source tree a farm of links to the stock one, with one header a real copy.
own=$TMP/own
cp -a "$KDIR" "$own"
common=$(sed -n 's/^include \(.*\)\/Makefile$/\1/p' "$KDIR/Makefile")
cp -as "$common" "$own-common"
for l in scripts tools; do
	ln -sfn "$(readlink -f "$KDIR/$l")" "$own/$l"
done
printf 'include %s/Makefile\n' "$own-common" >"$own/Makefile"
header=include/linux/miscdevice.h
rm "$own-common/$header"
cp "$common/$header" "$own-common/$header"

# prepare_own NAME: krust prepare on the own tree; $TMP/NAME.log has what it built
prepare_own() {
	KRUST_CACHE=$cache_prepare timeout $LIMIT "$KRUST" prepare --kernel "$own" >"$TMP/$1.out" 2>"$TMP/$1.log"
}
bindings_of() { echo "$(cat "$TMP/$1.out")/bindings.rs"; }
if prepare_own own1 && prepare_own own2 && ! grep -q BINDGEN "$TMP/own2.log"; then
	pass unchanged-tree-not-rebuilt
else
	fail unchanged-tree-not-rebuilt "krust prepare failed on a copied kernel tree, or its second run rebuilt the bindings"
	show "$TMP/own2.log"
fi
printf 'static inline int krust_edited_header(void) { return 1; }\n' >>"$own-common/$header"
if prepare_own own3 && grep -q BINDGEN "$TMP/own3.log" && grep -q 'krust_edited_header' "$(bindings_of own3)"; then
	pass edited-header-rebuilds
else
	fail edited-header-rebuilds "editing $header did not rebuild the bindings with it"
	show "$TMP/own3.log"
fi
if prepare_own own4 && ! grep -q BINDGEN "$TMP/own4.log" && [ "$(cat "$TMP/own3.out")" = "$(cat "$TMP/own4.out")" ]; then
	pass edited-header-then-unchanged
else
	fail edited-header-then-unchanged "a run after the edit rebuilt the bindings again"
fi

# A module's depfile lists the headers its shims read: gcc's compiler-gcc.h
# comes only from the shims (clang reads compiler-clang.h).
helpers=$TMP/helpers
mkdir -p "$helpers"
cp "$ROOT/tests/modules/rust_helpers/rust_helpers.rs" "$helpers/"
printf 'obj-m := rust_helpers.o\ninclude %s/kbuild/krust.mk\n' "$ROOT" >"$helpers/Kbuild"
if KRUST_CACHE=$cache_prepare timeout $LIMIT make -C "$KDIR" M="$helpers" >"$TMP/helpers.log" 2>&1 &&
	grep -q 'include/linux/compiler-gcc\.h' "$helpers/.rust_helpers.o.cmd"; then
	pass depfile-lists-shim-headers
else
	fail depfile-lists-shim-headers "rust_helpers.o's depfile does not list the headers its shims read"
	show "$TMP/helpers.log"
fi

finish
