#!/bin/sh
release=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "${KDIR:-/nonexistent}/include/generated/utsrelease.h" 2>/dev/null)
[ -n "$release" ] && echo "PASS: fake/kernel-$release" || echo "FAIL: fake/kernel: no KDIR"
