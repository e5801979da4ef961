#!/bin/sh
[ "${FAKE_ENV:-}" = 1 ] && echo "PASS: fake/env" || echo "FAIL: fake/env: FAKE_ENV not passed"
