#!/bin/sh
# Builds krust twice: as shipped, and with ASan and UBSan for the generator's
# tests (build/asan/krust). Both with -Werror.
SUITE=build
. "$(dirname "$0")/lib.sh"

if make -s >"$TMP/make.log" 2>&1; then
	pass krust
else
	fail krust "make failed"
	show "$TMP/make.log"
fi
if make -s B=build/asan SANITIZE=1 >"$TMP/make.log" 2>&1; then
	pass krust-asan
else
	fail krust-asan "make SANITIZE=1 failed"
	show "$TMP/make.log"
fi

# The plain build under valgrind, on the commands a module build runs (the
# generator has its own valgrind test). Child processes are not traced.
vg() {
	name=$1
	shift
	if valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
		"$KRUST" "$@" >"$TMP/vg.out" 2>"$TMP/vg.err"; then
		pass "valgrind-$name"
	else
		fail "valgrind-$name" "valgrind reported errors, or the command failed"
		show "$TMP/vg.err"
	fi
}
vg config config
vg kernels config --kernels
vg prepare prepare
vg rustc-check rustc --check -o "$TMP/m.o" samples/rust_minimal/rust_minimal.rs
# krust rustc as Kbuild runs it (the C command after --, the shims cut out
# and compiled, the link), through a KRUST that runs it under valgrind.
printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite %s "$@"\n' \
	"$KRUST" >"$TMP/vg-krust"
chmod +x "$TMP/vg-krust"
mkdir -p "$TMP/vg-module"
cp samples/rust_minimal/rust_minimal.rs "$TMP/vg-module/"
printf 'obj-m := rust_minimal.o\ninclude %s/kbuild/krust.mk\n' "$ROOT" >"$TMP/vg-module/Kbuild"
if make -C "$("$KRUST" config --kdir)" M="$TMP/vg-module" KRUST="$TMP/vg-krust" >"$TMP/vg.make" 2>&1; then
	pass valgrind-rustc-in-kbuild
else
	fail valgrind-rustc-in-kbuild "valgrind reported errors, or the Kbuild build failed"
	show "$TMP/vg.make"
fi
vg clang-flags-from-kbuild config --clang-flags -- gcc -Wp,-MMD,"$TMP/x.d" -nostdinc -I./include \
	-include ./include/linux/kconfig.h -D__KERNEL__ -DKBUILD_MODNAME='"x"' -mcmodel=kernel --param x=1
vg rustflags-from-kbuild config --rustflags --kbuild-cflags '-mcmodel=kernel -mno-red-zone -DMODULE' \
	--kbuild-rustflags '-Cno-redzone=y -C code-model=kernel -Zno-jump-tables --cfg MODULE -Dwarnings'
vg vm-help vm --help

# Every option a command's --help lists is in the README's CLI reference.
missing=
for c in config prepare rustc bindgen vm; do
	for o in $("$KRUST" "$c" --help 2>&1 | grep -oE '^ +--[a-zA-Z0-9-]+' | sort -u); do
		grep -q -e "\`$o" README.md || missing="$missing $c$o"
	done
done
if [ -z "$missing" ]; then
	pass readme-documents-every-option
else
	fail readme-documents-every-option "not in README.md:$missing"
fi
finish
