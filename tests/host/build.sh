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
finish
