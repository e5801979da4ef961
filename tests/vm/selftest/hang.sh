# Hangs: the runner must stop it at --timeout and report "timed out".
echo "hanging now"
sleep 100000
