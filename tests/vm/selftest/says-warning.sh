# Passes: only kernel messages are searched for trouble, not what a test prints.
echo "WARNING: this is the test talking, not the kernel"
echo "BUG: neither is this"
