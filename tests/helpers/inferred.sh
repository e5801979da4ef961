#!/bin/sh
# Function-like macros typed by inference: those of the kernel bindings whose
# body is one call of a typed function. Their shims are compiled with the
# kernel's gcc and its flags, all at once.
#   inferred        at least the committed number of macros are inferred
#   inferred-build  every inferred shim compiles
SUITE=helpers-inferred
. "$(dirname "$0")/../host/lib.sh"

# inferred macros, last measured; raise it when inference grows.
threshold=200

if ! crate=$("$KRUST" prepare 2>"$TMP/prepare.log"); then
	fail inferred "krust prepare failed"
	show "$TMP/prepare.log"
	finish
	exit
fi
shims=$crate/helpers.c
kdir=$(kdir)
mkdir -p "$TMP/probe"
printf 'obj-m := probe.o\nccflags-y := -I%s $(PROBE_FLAGS)\n' "$ROOT" >"$TMP/probe/Kbuild"

# The macros in force after the bindings' headers, function-like ones only.
sed -n '1,/^#include/p' "$shims" >"$TMP/probe/probe.c"
if ! make -C "$kdir" M="$TMP/probe" PROBE_FLAGS=-dM probe.i >"$TMP/make.log" 2>&1; then
	fail inferred "the bindings' headers do not compile"
	show "$TMP/make.log"
	finish
	exit
fi
sed -nE 's,^#define ([A-Za-z_0-9]+)\(.*,\1,p' "$TMP/probe/probe.i" | sort -u >"$TMP/macros"

# A shim is inferred when it calls a macro and its origin is a header, not helpers.list.
awk 'NR == FNR { m["krust_helper_" $1] = 1; next }
	/^\/\* / { head = $0; next }
	/^[a-zA-Z_].*[ *]krust_helper_[A-Za-z_0-9]+\(/ {
		fn = $0; sub(/\(.*/, "", fn); sub(/.*[ *]/, "", fn)
		on = m[fn] && head !~ /helpers\.list/
		if (on) print head
	}
	on { print }
	/^}/ { on = 0 }' "$TMP/macros" "$shims" >"$TMP/inferred.c"
n=$(grep -c '^[a-zA-Z_].*krust_helper_' "$TMP/inferred.c")
echo "info: $n function-like macros of the kernel bindings are typed by inference"
if [ "$n" -ge "$threshold" ]; then
	pass inferred
else
	fail inferred "$n < $threshold"
fi

cat "$TMP/inferred.c" >>"$TMP/probe/probe.c"
if make -C "$kdir" M="$TMP/probe" probe.o >"$TMP/make.log" 2>&1; then
	pass inferred-build
else
	fail inferred-build "the inferred shims do not compile"
	show "$TMP/make.log"
fi
finish
