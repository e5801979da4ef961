echo "PASS: fake/not-executable"
