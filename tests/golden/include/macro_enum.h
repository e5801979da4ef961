/* The enum half of macro_enum.h's cases, in a header of its own, as
 * <netinet/in.h> is to <netdb.h>. */
enum { PORT_ECHO = 7, PORT_RESERVED = 1024, PORT_USER = 5000 };
#define TWICE 7
#define REDEFINED 1
