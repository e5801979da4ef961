#!/bin/sh
echo "cannot measure"
exit 1
