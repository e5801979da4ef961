#!/bin/sh
# rust_misc_device against its C twin bench/c_misc_device, in one VM boot
# with deterministic time (--icount): read and write throughput at 4 KiB and
# 64 KiB, and ioctl round-trip time, each as a ratio Rust/C. Throughput
# ratios are C/Rust time, so for every ratio above 1 Rust is slower; the
# target is at most 1.02.
. "$(dirname "$0")/common"
kbuild bench/c_misc_device
# Built with fat LTO, as a release module would be (the kernel crate's code
# inlined into the driver), then rebuilt as the tests expect it.
kbuild samples/rust_misc_device KRUST_LTO=1
cp samples/rust_misc_device/rust_misc_device.ko "$tmp/"
kbuild samples/rust_misc_device
gcc -std=c17 -Wall -Wextra -Werror -O2 -static -o "$tmp/misc_bench" bench/misc_bench.c
cat >"$tmp/bench.sh" <<'GUEST'
. /krust/lib.sh
insmod_ok c_misc_device
insmod_ok rust_misc_device
for round in 1 2 3; do
	/krust/misc_bench /dev/c_misc_device
	/krust/misc_bench /dev/rust_misc_device
done
GUEST
build/krust vm --icount --timeout 300 --log "$tmp/vm.log" \
	--module bench/c_misc_device/c_misc_device.ko --module "$tmp/rust_misc_device.ko" \
	--file "$tmp/misc_bench:/krust/misc_bench" --test "misc_bench=$tmp/bench.sh" >"$tmp/vm.out" 2>&1 ||
	{ cat "$tmp/vm.out"; exit 1; }
# The best of three rounds for each metric (the least disturbed run).
grep -E '^(c|rust)_misc_device ' "$tmp/vm.log" | tr -d '\r' | awk '
	{ key = $1 " " $2; better = !(key in best) || (($2 == "ioctl_ns") ? $3 < best[key] : $3 > best[key]); if (better) best[key] = $3 }
	END {
		split("read4k write4k read64k write64k ioctl_ns", m, " ")
		for (i = 1; i <= 5; i++) {
			c = best["c_misc_device " m[i]]; r = best["rust_misc_device " m[i]]
			ratio = (m[i] == "ioctl_ns") ? r / c : c / r
			unit = (m[i] == "ioctl_ns") ? "ns" : "MB/s"
			printf "%-9s C %10.1f %s  Rust %10.1f %s  Rust/C %.3fx\n", m[i], c, unit, r, unit, ratio
		}
	}'
