/*
 * fdio: one write or read on a file, reporting the errno by name, for guest
 * tests that need to tell EINVAL from ENOENT (busybox's shell only says
 * that a write failed).
 *
 *   fdio w PATH|FD STRING   one write(2) of STRING: prints "ok", or the errno
 *                           name (ENOENT)
 *   fdio r PATH|FD          reads to EOF and copies to stdout; on an error
 *                           prints its name on stderr
 *
 * A PATH or FD that is a number is a file descriptor the shell opened. The
 * exit status is 0 when the call was made, whatever it gave, so that the
 * test compares the name; 2 when the file does not open or for bad usage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int open_arg(const char *arg, int flags)
{
	char *end;
	long fd = strtol(arg, &end, 10);

	if (*arg != '\0' && *end == '\0')
		return (int)fd;
	return open(arg, flags);
}

static const char *errname(int e)
{
	const char *name = strerrorname_np(e);

	return name ? name : "E?";
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "w") == 0) {
		int fd = open_arg(argv[2], O_WRONLY);
		size_t len = strlen(argv[3]);

		if (fd < 0) {
			printf("open %s\n", errname(errno));
			return 2;
		}
		ssize_t n = write(fd, argv[3], len);
		if (n < 0)
			printf("%s\n", errname(errno));
		else if ((size_t)n != len)
			printf("short %zd\n", n);
		else
			printf("ok\n");
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "r") == 0) {
		int fd = open_arg(argv[2], O_RDONLY);
		char buf[4096];
		ssize_t n;

		if (fd < 0) {
			fprintf(stderr, "open %s\n", errname(errno));
			return 2;
		}
		while ((n = read(fd, buf, sizeof(buf))) > 0) {
			if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n)
				return 2;
		}
		if (n < 0)
			fprintf(stderr, "%s\n", errname(errno));
		return 0;
	}
	fprintf(stderr, "usage: fdio w PATH|FD STRING | fdio r PATH|FD\n");
	return 2;
}
