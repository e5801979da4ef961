/*
 * qemu.c: krust vm, the QEMU runner.
 */
#include "krust.h"

int cmd_vm(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	error("vm: not implemented yet");
	return 2;
}
