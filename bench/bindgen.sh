#!/bin/sh
# krust bindgen on the kernel TU (../shared/bench/kernel-tu.h), against
# bindgen 0.60 with Rust-for-Linux's arguments (as far as they apply) and
# against `clang -fsyntax-only` (the parse floor), all with the kernel's C
# flags. Wall time and peak RSS, printed as ratios. bindgen is
# given the libclang krust uses (it would pick the newest installed).
set -eu
cd "$(dirname "$0")/.."
tu=${KERNEL_TU:-$(pwd)/../shared/bench/kernel-tu.h}
[ -f "$tu" ] || { echo "bench/bindgen: no $tu; nothing measured"; exit 0; }
command -v bindgen >/dev/null || { echo "bench/bindgen: bindgen is not installed (apt-get install bindgen)"; exit 1; }
kdir=$(build/krust config --kdir)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The flags krust derives from Kbuild, one a line, plus the directory of
# clang's own headers that -nostdinc hides, and the module name Kbuild gives
# every object, which krust leaves out of the list (later kernels' inline
# functions use it: 6.12's ethtool.h).
build/krust config --kernel "$kdir" --clang-flags >"$tmp/flags"
resource=$(clang -print-resource-dir)/include
set -- $(cat "$tmp/flags") -isystem "$resource" '-DKBUILD_MODNAME="kernel_tu"'

# Each command runs RUNS times (default 3): the shortest wall time counts, as
# the one least disturbed by the rest of the machine, and the largest peak RSS.
runs=${RUNS:-3}
measure() { # name command...
	name=$1
	shift
	best_t= best_m=0
	i=0
	while [ "$i" -lt "$runs" ]; do
		/usr/bin/time -f "%e %M" -o "$tmp/$name.run" "$@" >/dev/null 2>"$tmp/$name.err" || {
			tail -n 5 "$tmp/$name.err"; echo "bench/bindgen: $name failed"; exit 1; }
		read -r t m <"$tmp/$name.run"
		best_t=$(awk -v a="$best_t" -v b="$t" 'BEGIN { print (a == "" || b < a) ? b : a }')
		[ "$m" -le "$best_m" ] || best_m=$m
		i=$((i + 1))
	done
	echo "$best_t $best_m" >"$tmp/$name"
	echo "$name: $best_t s, $((best_m / 1024)) MB (best of $runs)"
}

measure clang clang -fsyntax-only -xc "$tu" "$@"
measure krust build/krust bindgen --kernel "$kdir" "$tu"
measure bindgen env LIBCLANG_PATH="$(llvm-config-14 --libdir)" bindgen "$tu" --use-core --ctypes-prefix core::ffi --no-layout-tests --no-debug '.*' \
	--size_t-is-usize --no-doc-comments -- -xc "$@"

read -r ct cm <"$tmp/clang"
read -r kt km <"$tmp/krust"
read -r bt bm <"$tmp/bindgen"
awk -v ct="$ct" -v cm="$cm" -v kt="$kt" -v km="$km" -v bt="$bt" -v bm="$bm" 'BEGIN {
	printf "krust/clang time %.2fx (target <= 1.2x), memory %.2fx (target <= 1.5x)\n", kt / ct, km / cm
	printf "bindgen/krust time %.1fx (target >= 4x); bindgen/clang memory %.2fx\n", bt / kt, bm / cm
}'
