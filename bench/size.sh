#!/bin/sh
# Module size: rust_minimal, without and with fat LTO, against its C twin
# bench/c_minimal (the same parameters and messages).
set -eu
cd "$(dirname "$0")/.."
kdir=$(build/krust config --kdir)
text() { size -A "$1" | awk '$1 ~ /^\.text/ { n += $2 } END { print n + 0 }'; }
make -s -C "$kdir" M="$(pwd)/bench/c_minimal" >/dev/null 2>&1
c=$(text bench/c_minimal/c_minimal.ko)
make -s -C "$kdir" M="$(pwd)/samples/rust_minimal" >/dev/null 2>&1
plain=$(text samples/rust_minimal/rust_minimal.ko)
make -s -C "$kdir" M="$(pwd)/samples/rust_minimal" KRUST_LTO=1 >/dev/null 2>&1
lto=$(text samples/rust_minimal/rust_minimal.ko)
make -s -C "$kdir" M="$(pwd)/samples/rust_minimal" >/dev/null 2>&1
echo ".text bytes: c_minimal $c, rust_minimal $plain (LTO: $lto)"
awk -v c="$c" -v p="$plain" -v l="$lto" 'BEGIN { printf "rust/c .text ratio: %.1fx without LTO, %.1fx with LTO\n", p / c, l / c }'
