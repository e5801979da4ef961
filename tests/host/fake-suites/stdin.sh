#!/bin/sh
echo "PASS: fake/i"
read line && echo "FAIL: fake/stdin: read a line from the terminal"
exit 0
