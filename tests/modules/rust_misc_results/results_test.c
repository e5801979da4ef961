/*
 * results_test.c: what userspace gets from rust_misc_results's devices,
 * whose callbacks return EIOCBQUEUED, too many bytes and errno-range ioctl
 * results. Run in the guest (built static). Prints "ok: what" or
 * "not ok: what" per check and exits 1 if any failed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <unistd.h>

#define ITER "/dev/rust_misc_results_iter"
#define PLAIN "/dev/rust_misc_results_plain"

static int failures;

/* The call returned want_ret, or failed with errno want_errno when want_ret is -1. */
static void check(long ret, long want_ret, int want_errno, const char *what)
{
	int got = errno;
	int ok = ret == want_ret && (want_ret != -1 || got == want_errno);
	printf("%s: %s (ret %ld, errno %s)\n", ok ? "ok" : "not ok", what, ret, ret == -1 ? strerror(got) : "-");
	fflush(stdout);
	if (!ok)
		failures++;
}

static int open_or_fail(const char *path)
{
	int fd = open(path, O_RDWR);
	check(fd < 0 ? -1 : 0, 0, 0, path);
	return fd;
}

static void iter_device(void)
{
	int fd = open_or_fail(ITER);
	if (fd < 0)
		return;
	char buf[8] = "abcd";
	struct iovec iov[2] = { { buf, 2 }, { buf + 2, 2 } };
	check(read(fd, buf, 4), -1, EIO, "read(2) of a read_iter saying EIOCBQUEUED gives EIO");
	check(readv(fd, iov, 2), -1, EIO, "readv(2) of a read_iter saying EIOCBQUEUED gives EIO");
	check(write(fd, buf, 4), -1, EIO, "write(2) of 4 bytes that write_iter says were 5 gives EIO");
	check(writev(fd, iov, 2), -1, EIO, "writev(2) of 4 bytes that write_iter says were 5 gives EIO");
	check(lseek(fd, 0, SEEK_SET), -1, EIO, "an llseek saying EIOCBQUEUED gives EIO");
	check(lseek(fd, 0, SEEK_CUR), -1, EINVAL, "an llseek to a negative position gives EINVAL");
	check(lseek(fd, 42, SEEK_END), 42, 0, "an llseek to 42 gives 42");
	check(ioctl(fd, 0x100), -1, EIO, "an ioctl saying EIOCBQUEUED gives EIO");
	check(ioctl(fd, 0x101), -1, EIO, "an ioctl whose Ok is -EIOCBQUEUED gives EIO");
	check(ioctl(fd, 0x102), -1, EINVAL, "an ioctl whose Ok is -EINVAL gives EINVAL");
	check(ioctl(fd, 0x103), 7, 0, "an ioctl whose Ok is 7 gives 7");
	close(fd);
}

static void plain_device(void)
{
	int fd = open_or_fail(PLAIN);
	if (fd < 0)
		return;
	char buf[4] = "abcd";
	check(read(fd, buf, 4), -1, EIO, "a plain read saying EIOCBQUEUED gives EIO");
	check(write(fd, buf, 4), -1, EIO, "a plain write saying EIOCBQUEUED gives EIO");
	close(fd);
}

int main(void)
{
	iter_device();
	plain_device();
	return failures ? 1 : 0;
}
