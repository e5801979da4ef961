#!/bin/sh
echo "PASS: fake/h"
sleep 600
echo "PASS: fake/never"
