#!/bin/sh
# Coverage of the kernel's inline API: of the C functions and macros that
# Rust-for-Linux wraps by hand (rfl-helpers.txt), those that the target
# kernel's headers define as static inline functions or macros, how many the
# kernel crate's bindings make callable with no hand-written C.
#
# A name exists when gcc, with the kernel's own flags (a Kbuild probe module
# including rfl-headers.h), sees a static function defined by a header
# (-aux-info) or a macro (-dM). It is covered when a generated shim calls it
# (an inline function's own shim, or a helpers.list entry) or the bindings
# declare it as a function or a constant. Those shims are compiled with the
# kernel's gcc, and one needing a symbol the kernel does not export does not
# count. The generated atomics of RfL (atomic.c) are counted apart.
#   coverage    covered/existing at least the committed threshold below
#   atomics     every atomic that exists is covered
#   shims-build the shims of the covered names compile
SUITE=helpers-coverage
. "$(dirname "$0")/../host/lib.sh"

# covered/existing, in percent, last measured; raise it when coverage grows.
threshold=100

here=$ROOT/tests/helpers
names=$TMP/names
grep -v '^#' "$here/rfl-helpers.txt" >"$names"

if ! crate=$("$KRUST" prepare 2>"$TMP/prepare.log"); then
	fail coverage "krust prepare failed"
	show "$TMP/prepare.log"
	finish
	exit
fi
bindings=$crate/bindings.rs
shims=$crate/helpers.c
kdir=$(kdir)

# make -C KDIR M=DIR TARGET with the extra C flags FLAGS.
probe() {
	dir=$1 target=$2 flags=$3
	make -C "$kdir" M="$dir" PROBE_FLAGS="$flags" "$target" >"$TMP/make.log" 2>&1
}
mkprobe() {
	mkdir -p "$1"
	printf 'obj-m := probe.o\nccflags-y := $(PROBE_FLAGS)\n' >"$1/Kbuild"
}

# What exists: static functions defined in headers, and macros.
mkprobe "$TMP/defs"
printf '#include "%s"\n' "$here/rfl-headers.h" >"$TMP/defs/probe.c"
if ! probe "$TMP/defs" probe.o "-aux-info $TMP/defs/aux.txt" ||
	! probe "$TMP/defs" probe.i -dM; then
	fail coverage "the kernel's headers did not compile"
	show "$TMP/make.log"
	finish
	exit
fi
sed -nE 's,^/\* [^ ]+:[0-9]+:.F \*/ static [^(]*[ *]([A-Za-z_0-9]+) \(.*,\1,p' \
	"$TMP/defs/aux.txt" | sort -u >"$TMP/inline"
sed -nE 's,^#define ([A-Za-z_0-9]+).*,\1,p' "$TMP/defs/probe.i" | sort -u >"$TMP/macro"
sort -u "$TMP/inline" "$TMP/macro" >"$TMP/defined"
awk 'NR == FNR { d[$1] = 1; next } d[$1]' "$TMP/defined" "$names" >"$TMP/existing"

# What the bindings make callable: the names in each shim's body, and the
# functions (exported ones) and constants declared without a shim.
awk '/^[a-zA-Z_].*[ *]krust_helper_[A-Za-z_0-9]+\(/ {
		fn = $0; sub(/\(.*/, "", fn); sub(/.*krust_helper_/, "", fn)
	}
	/^\t/ && fn {
		s = $0
		while (match(s, /[A-Za-z_][A-Za-z_0-9]*/)) {
			print substr(s, RSTART, RLENGTH), fn
			s = substr(s, RSTART + RLENGTH)
		}
	}
	/^}/ { fn = "" }' "$shims" | sort -u >"$TMP/calls"
awk '/#\[link_name = "krust_helper_/ { shim = 1; next }
	match($0, /pub (fn|const|static) [A-Za-z_0-9]+/) {
		split(substr($0, RSTART, RLENGTH), w, " ")
		if (!shim) print w[3]
		shim = 0
	}' "$bindings" | sort -u >"$TMP/declared"

# The shims calling an existing name, compiled with the kernel's gcc; a shim
# with an undefined symbol that Module.symvers does not list is not usable.
awk 'NR == FNR { e[$1] = 1; next } e[$1] { print $2 }' "$TMP/existing" "$TMP/calls" | sort -u >"$TMP/shimnames"
mkprobe "$TMP/shims"
{
	sed -n '1,/^#include/p' "$shims"
	awk 'NR == FNR { want["krust_helper_" $1] = 1; next }
		/^\/\* / { head = $0; next }
		/^[a-zA-Z_].*[ *]krust_helper_[A-Za-z_0-9]+\(/ {
			fn = $0; sub(/\(.*/, "", fn); sub(/.* \**/, "", fn); on = want[fn]
			if (on) print head
		}
		on { print }
		/^}/ { on = 0 }' "$TMP/shimnames" "$shims"
} >"$TMP/shims/probe.c"
if probe "$TMP/shims" probe.o "-ffunction-sections"; then
	pass shims-build
	objdump -dr --no-show-raw-insn "$TMP/shims/probe.o" |
		awk '/^[0-9a-f]+ <krust_helper_.*>:$/ { fn = $2; gsub(/[<>:]/, "", fn); sub(/^krust_helper_/, "", fn) }
		/R_X86_64_/ && fn { s = $NF; sub(/[-+]0x[0-9a-f]+$/, "", s); print fn, s }' | sort -u >"$TMP/refs"
	nm "$TMP/shims/probe.o" | awk '$1 != "U" && NF == 3 { print $3 }' | sort -u >"$TMP/local"
	awk '{ print $2 }' "$kdir/Module.symvers" | sort -u >"$TMP/exported"
	awk 'FILENAME ~ /local$/ || FILENAME ~ /exported$/ { ok[$1] = 1; next }
		!ok[$2] && $2 !~ /^\./ { print $1 }' "$TMP/local" "$TMP/exported" "$TMP/refs" | sort -u >"$TMP/unusable"
else
	fail shims-build "the shims of the covered names do not compile"
	show "$TMP/make.log"
	cp "$TMP/shimnames" "$TMP/unusable"
fi
awk 'FILENAME ~ /unusable$/ { bad[$1] = 1; next }
	FILENAME ~ /calls$/ { if (!bad[$2]) ok[$1] = 1; next }
	FILENAME ~ /declared$/ { ok[$1] = 1; next }
	ok[$1]' "$TMP/unusable" "$TMP/calls" "$TMP/declared" "$TMP/existing" >"$TMP/covered"

# Names that no module can call: their only shims need a symbol the kernel
# does not export (6.12's vrealloc expands to vrealloc_noprof, which is not).
# They are left out of the share, each named.
awk 'FILENAME ~ /unusable$/ { bad[$1] = 1; next }
	FILENAME ~ /calls$/ { if (bad[$2]) b[$1] = 1; next }
	FILENAME ~ /covered$/ { c[$1] = 1; next }
	!c[$1] && b[$1]' "$TMP/unusable" "$TMP/calls" "$TMP/covered" "$TMP/existing" >"$TMP/unexported"

count() { awk -v want="$2" '($2 == "atomic.c") == want' "$1" | wc -l; }
all=$(count "$names" 0) exist=$(count "$TMP/existing" 0) cov=$(count "$TMP/covered" 0)
a_all=$(count "$names" 1) a_exist=$(count "$TMP/existing" 1) a_cov=$(count "$TMP/covered" 1)
unexported=$(count "$TMP/unexported" 0)
callable=$((exist - unexported))
pct=$((callable ? 100 * cov / callable : 0))
echo "info: RfL's hand-written helpers wrap $all names; $exist exist in $(basename "$kdir") as static inline or macro, $callable of them callable from a module; krust covers $cov ($pct%)"
sed 's/^\([^ ]*\) \(.*\)/info: not callable from a module: \1 (\2): its shim needs a symbol the kernel does not export/' \
	"$TMP/unexported"
echo "info: RfL's generated atomics: $a_all; $a_exist exist; krust covers $a_cov"
awk 'FILENAME !~ /existing$/ { c[$1] = 1; next } !c[$1] { printf "info: not covered: %s (%s)\n", $1, $2 }' \
	"$TMP/covered" "$TMP/unexported" "$TMP/existing"
if [ "$pct" -ge "$threshold" ]; then
	pass coverage
else
	fail coverage "$cov/$callable = $pct% < $threshold%"
fi
if [ "$a_cov" -eq "$a_exist" ]; then
	pass atomics
else
	fail atomics "$a_cov of $a_exist atomics covered"
fi
finish
