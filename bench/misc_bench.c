/*
 * misc_bench.c: read and write throughput at 4 KiB and 64 KiB, and ioctl
 * round-trip time, of one misc device: misc_bench /dev/NAME. Runs in the
 * guest (static). Prints "NAME METRIC VALUE" lines.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define GET_SIZE _IOR('|', 0x80, uint64_t)
#define SET_SIZE _IOW('|', 0x81, uint64_t)

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static char buf[65536];

/* MB/s of n transfers of size bytes at offset 0. */
static double transfer(int fd, size_t size, int write_it, int n)
{
	double start = now();
	for (int i = 0; i < n; i++) {
		ssize_t r = write_it ? pwrite(fd, buf, size, 0) : pread(fd, buf, size, 0);
		if (r != (ssize_t)size) {
			perror("transfer");
			exit(1);
		}
	}
	return (double)size * n / (now() - start) / 1e6;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: misc_bench /dev/NAME\n");
		return 2;
	}
	int fd = open(argv[1], O_RDWR);
	uint64_t size = sizeof(buf);
	if (fd < 0 || ioctl(fd, SET_SIZE, &size) != 0) {
		perror(argv[1]);
		return 1;
	}
	const char *name = strrchr(argv[1], '/') + 1;
	memset(buf, 'x', sizeof(buf));
	transfer(fd, 4096, 1, 2000); /* warm up */
	printf("%s read4k %.1f\n", name, transfer(fd, 4096, 0, 50000));
	printf("%s write4k %.1f\n", name, transfer(fd, 4096, 1, 50000));
	printf("%s read64k %.1f\n", name, transfer(fd, 65536, 0, 10000));
	printf("%s write64k %.1f\n", name, transfer(fd, 65536, 1, 10000));
	int n = 200000;
	double start = now();
	for (int i = 0; i < n; i++)
		if (ioctl(fd, GET_SIZE, &size) != 0) {
			perror("ioctl");
			return 1;
		}
	printf("%s ioctl_ns %.1f\n", name, (now() - start) / n * 1e9);
	close(fd);
	return 0;
}
