/*
 * bindgen.c: the `krust bindgen` command.
 */
#include "krust.h"

int cmd_bindgen(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	error("bindgen: not yet implemented");
	return 1;
}
