// krust-bindgen-flags:
#include "no_such_header.h"
int f(void);
