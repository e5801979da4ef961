#!/bin/sh
echo "PASS: fake/c"
echo "FAIL: fake/d: it broke"
exit 1
