#!/bin/sh
echo "nothing to say"
