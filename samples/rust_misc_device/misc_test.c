/*
 * misc_test.c: userspace tests of /dev/rust_misc_device, run in the guest
 * (built static: the guest has busybox and nothing else).
 *
 *   misc_test basic          read, write, seek, the ioctls, readv/writev and fdinfo
 *   misc_test faults         NULL and kernel-address buffers give EFAULT
 *   misc_test limits         oversized lengths and sizes give EINVAL, unknown ioctls ENOTTY
 *   misc_test stress SECONDS 16 processes read, write, resize and reset at once
 *   misc_test cycles N KO [PARAMS]
 *                            N loads (with the module parameters PARAMS) and
 *                            unloads of module KO (with an open and a write of
 *                            the device when KO is rust_misc_device); checks
 *                            the slab for leaks
 *   misc_test bind-cycles N DRIVER DEVICE [FILE]
 *                            N unbinds and binds of DEVICE (a PCI address) from
 *                            and to the loaded PCI driver DRIVER, through sysfs
 *                            (with a write to FILE between the two); checks the
 *                            slab for leaks as cycles does. DRIVER may name its
 *                            bus, BUS/DRIVER (platform/foo), and DEVICE is then
 *                            a device of that bus
 *
 * Each prints "ok: what" or "not ok: what" per check and exits 1 if any failed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DEV "/dev/rust_misc_device"
#define GET_SIZE _IOR('|', 0x80, uint64_t)
#define SET_SIZE _IOW('|', 0x81, uint64_t)
#define RESET _IO('|', 0x82)
#define MAX_SIZE (1u << 20)
#define RECORD 4096

static int failures;

static void check(int ok, const char *what)
{
	printf("%s: %s\n", ok ? "ok" : "not ok", what);
	fflush(stdout);
	if (!ok)
		failures++;
}

/* The call failed with errno want. */
static void check_errno(long ret, int want, const char *what)
{
	int got = errno;
	char msg[200];
	snprintf(msg, sizeof(msg), "%s (ret %ld, errno %s, wanted %s)", what, ret, strerror(got), strerror(want));
	check(ret == -1 && got == want, msg);
}

static int open_dev(void)
{
	int fd = open(DEV, O_RDWR);
	if (fd < 0) {
		perror(DEV);
		exit(1);
	}
	return fd;
}

static uint64_t size_of_dev(int fd)
{
	uint64_t size = 0;
	if (ioctl(fd, GET_SIZE, &size) != 0)
		return UINT64_MAX;
	return size;
}

static int set_size(int fd, uint64_t size)
{
	return ioctl(fd, SET_SIZE, &size);
}

/* The value of field in /proc/self/fdinfo/fd, or -1. */
static long fdinfo_field(int fd, const char *field)
{
	char path[64], line[200];
	long value = -1;
	size_t n = strlen(field);
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	FILE *f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, field, n) && line[n] == ':') {
			value = strtol(line + n + 1, NULL, 10);
			break;
		}
	if (f)
		fclose(f);
	return value;
}

/* Vectors of several segments: the iov_iter crosses from one to the next. */
static void vectors(int fd)
{
	char a[100], b[3000], c[1], back[3101];
	memset(a, 'a', sizeof(a));
	memset(b, 'b', sizeof(b));
	c[0] = 'c';
	struct iovec out[] = { { a, sizeof(a) }, { b, sizeof(b) }, { c, sizeof(c) } };
	check(pwritev(fd, out, 3, 10) == 3101, "writev of three segments");
	char r1[1], r2[3100];
	struct iovec in[] = { { r1, sizeof(r1) }, { r2, sizeof(r2) } };
	check(preadv(fd, in, 2, 10) == 3101, "readv into two segments");
	memcpy(back, r1, 1);
	memcpy(back + 1, r2, sizeof(r2));
	check(memcmp(back, a, 100) == 0 && memcmp(back + 100, b, 3000) == 0 && back[3100] == 'c',
	      "readv gives back what writev wrote");
	struct iovec bad[] = { { a, 10 }, { NULL, 10 } };
	check_errno(pwritev(fd, bad, 2, 0), EFAULT, "a writev whose second segment is NULL");
	check_errno(preadv(fd, bad, 2, 0), EFAULT, "a readv whose second segment is NULL");
}

static void basic(void)
{
	int fd = open_dev();
	char buf[RECORD], back[RECORD];
	check(size_of_dev(fd) == 4096, "the buffer starts at 4096 bytes");
	for (int i = 0; i < RECORD; i++)
		buf[i] = (char)(i * 7);
	check(write(fd, buf, RECORD) == RECORD, "write 4096 bytes");
	check(lseek(fd, 0, SEEK_CUR) == RECORD, "the position moved on");
	check(write(fd, buf, 1) == -1 && errno == ENOSPC, "write at the end gives ENOSPC");
	check(read(fd, back, 10) == 0, "read at the end gives 0");
	check(lseek(fd, 0, SEEK_SET) == 0, "seek to the start");
	check(read(fd, back, RECORD) == RECORD && memcmp(buf, back, RECORD) == 0, "read back what was written");
	check(lseek(fd, -96, SEEK_END) == RECORD - 96, "seek from the end");
	check(read(fd, back, 200) == 96, "a read near the end is short");
	check_errno(lseek(fd, 1, SEEK_END), EINVAL, "seek past the end");
	check_errno(lseek(fd, -1, SEEK_SET), EINVAL, "seek before the start");
	check(pwrite(fd, "hello", 5, 100) == 5 && pread(fd, back, 5, 100) == 5 && memcmp(back, "hello", 5) == 0,
	      "pwrite and pread");
	int fd2 = open_dev();
	check(pread(fd2, back, 5, 100) == 5 && memcmp(back, "hello", 5) == 0, "a second opener sees the same buffer");
	check(set_size(fd, 10000) == 0 && size_of_dev(fd2) == 10000, "resize, seen by the other opener");
	check(pread(fd, back, 1, 9999) == 1 && back[0] == 0, "grown bytes are zero");
	check(pread(fd, back, 5, 100) == 5 && memcmp(back, "hello", 5) == 0, "resizing keeps the content");
	check(set_size(fd, MAX_SIZE) == 0 && size_of_dev(fd) == MAX_SIZE, "resize to 1 MiB");
	check(ioctl(fd, RESET) == 0 && pread(fd, back, 5, 100) == 5 && memcmp(back, "\0\0\0\0\0", 5) == 0,
	      "reset zeroes the buffer");
	check(set_size(fd, 4096) == 0 && size_of_dev(fd) == 4096, "resize back to 4096");
	check(set_size(fd, 0) == 0 && read(fd, back, 10) == -1 && errno == EINVAL,
	      "an empty buffer: the old position is past the end");
	check(set_size(fd, 4096) == 0, "resize again");
	check(fdinfo_field(fd, "rust_misc_device_size") == 4096, "fdinfo shows the size");
	check(set_size(fd2, 5000) == 0 && fdinfo_field(fd, "rust_misc_device_size") == 5000,
	      "fdinfo follows a resize by the other opener");
	vectors(fd);
	check(set_size(fd, 4096) == 0, "back to 4096 bytes");
	close(fd2);
	close(fd);
}

static void faults(void)
{
	int fd = open_dev();
	/* volatile: the compiler must not see the NULL it would warn about. */
	char *volatile null = NULL;
	char *kernel = (char *)0xffffffff81000000ul;
	check_errno(write(fd, null, 16), EFAULT, "write from NULL");
	check_errno(pread(fd, null, 16, 0), EFAULT, "read to NULL");
	check_errno(pwrite(fd, kernel, 16, 0), EFAULT, "write from a kernel address");
	check_errno(pread(fd, kernel, 16, 0), EFAULT, "read to a kernel address");
	check_errno(ioctl(fd, GET_SIZE, NULL), EFAULT, "GET_SIZE to NULL");
	check_errno(ioctl(fd, SET_SIZE, NULL), EFAULT, "SET_SIZE from NULL");
	check_errno(ioctl(fd, GET_SIZE, kernel), EFAULT, "GET_SIZE to a kernel address");
	check_errno(ioctl(fd, SET_SIZE, kernel), EFAULT, "SET_SIZE from a kernel address");
	/* A buffer whose second page is not mapped: the copy faults half way. */
	char *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(pages + 4096, 4096);
	check_errno(pwrite(fd, pages + 2048, 4096, 0), EFAULT, "write from a half-unmapped buffer");
	check_errno(pread(fd, pages + 2048, 4096, 0), EFAULT, "read to a half-unmapped buffer");
	check(size_of_dev(fd) == 4096, "the device still works");
	close(fd);
}

static void limits(void)
{
	int fd = open_dev();
	char *big = malloc(MAX_SIZE + 1);
	check_errno(set_size(fd, MAX_SIZE + 1), EINVAL, "resize beyond 1 MiB");
	check_errno(set_size(fd, UINT64_MAX), EINVAL, "resize to 2^64-1");
	check_errno(pwrite(fd, big, MAX_SIZE + 1, 0), EINVAL, "a write longer than 1 MiB");
	check_errno(pread(fd, big, MAX_SIZE + 1, 0), EINVAL, "a read longer than 1 MiB");
	check_errno(pread(fd, big, 16, 1ll << 40), EINVAL, "a read beyond the buffer");
	check_errno(ioctl(fd, _IO('|', 0x99)), ENOTTY, "an unknown ioctl");
	check_errno(ioctl(fd, _IOR('x', 0x80, uint64_t), big), ENOTTY, "another driver's ioctl");
	check(size_of_dev(fd) == 4096, "the size did not change");
	free(big);
	close(fd);
}

/*
 * A record is RECORD bytes at offset 0: a sequence number, a length, bytes
 * derived from both, and a checksum of everything before it. Writers write
 * whole records; readers check every record they see. A torn write (bytes of
 * two records mixed) fails the checksum. An all-zero record is valid: a reset.
 */
struct record {
	uint64_t seq;
	uint64_t writer;
	uint8_t bytes[RECORD - 24];
	uint64_t sum;
};

static uint64_t checksum(const struct record *r)
{
	const uint8_t *p = (const uint8_t *)r;
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < offsetof(struct record, sum); i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

static void fill(struct record *r, uint64_t writer, uint64_t seq)
{
	r->seq = seq;
	r->writer = writer;
	for (size_t i = 0; i < sizeof(r->bytes); i++)
		r->bytes[i] = (uint8_t)(seq * 31 + writer * 7 + i);
	r->sum = checksum(r);
}

static int valid(const struct record *r)
{
	static const struct record zero;
	return memcmp(r, &zero, sizeof(zero)) == 0 || checksum(r) == r->sum;
}

/* One process's part: returns its number of bad records, or -1 on an error. */
static long worker(int id, double seconds)
{
	int fd = open_dev();
	struct record r;
	long bad = 0, ops = 0;
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	srand((unsigned)id);
	for (uint64_t seq = 1;; seq++) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec + (now.tv_nsec - start.tv_nsec) / 1e9 > seconds)
			break;
		int what = id % 4;
		if (what == 0 || what == 1) {
			fill(&r, (uint64_t)id, seq);
			if (pwrite(fd, &r, sizeof(r), 0) != sizeof(r))
				return -1;
		} else if (what == 2) {
			if (pread(fd, &r, sizeof(r), 0) != sizeof(r))
				return -1;
			if (!valid(&r))
				bad++;
		} else {
			/* Resize between 4096 and 64 KiB; now and then reset. */
			int ret = (seq % 50 == 0) ? ioctl(fd, RESET) : set_size(fd, RECORD + (uint64_t)(rand() % 61440));
			if (ret != 0)
				return -1;
		}
		ops++;
	}
	close(fd);
	printf("worker %d: %ld operations, %ld bad records\n", id, ops, bad);
	return bad;
}

static void stress(double seconds)
{
	int fd = open_dev();
	/* Zeroed: what earlier tests left is no record, and a reader may run first. */
	check(set_size(fd, RECORD) == 0 && ioctl(fd, RESET) == 0, "start from one zeroed record");
	pid_t pids[16];
	for (int i = 0; i < 16; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			exit(worker(i, seconds) == 0 ? 0 : 1);
	}
	int bad = 0;
	for (int i = 0; i < 16; i++) {
		int status;
		waitpid(pids[i], &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			bad++;
	}
	char msg[100];
	snprintf(msg, sizeof(msg), "16 processes for %.0f s: every record whole, every call succeeded", seconds);
	check(bad == 0, msg);
	struct record r;
	check(pread(fd, &r, sizeof(r), 0) == sizeof(r) && valid(&r), "the last record is whole");
	close(fd);
}

/* A /proc/meminfo field in kB, or -1. */
static long meminfo_kib(const char *field)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[200];
	long kib = -1;
	size_t n = strlen(field);
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, field, n) && line[n] == ':') {
			kib = strtol(line + n + 1, NULL, 10);
			break;
		}
	if (f)
		fclose(f);
	return kib;
}

#define MAX_CACHES 512

/* The active objects of every slab cache, and its objects per slab, from /proc/slabinfo. */
struct slabs {
	char name[MAX_CACHES][40];
	long active[MAX_CACHES], per_slab[MAX_CACHES];
	int n;
};

static int read_slabs(struct slabs *s)
{
	FILE *f = fopen("/proc/slabinfo", "r");
	char line[512];
	s->n = 0;
	if (!f)
		return -1;
	while (s->n < MAX_CACHES && fgets(line, sizeof(line), f))
		if (sscanf(line, "%39s %ld %*d %*d %ld", s->name[s->n], &s->active[s->n],
			   &s->per_slab[s->n]) == 3)
			s->n++;
	fclose(f);
	return s->n > 0 ? 0 : -1;
}

/* The I/O mappings alive, from /proc/vmallocinfo (those freed lazily, "unpurged", left out); -1 if unreadable. */
static long ioremaps(void)
{
	FILE *f = fopen("/proc/vmallocinfo", "r");
	char line[512];
	long n = 0;
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		n += strstr(line, " ioremap") && !strstr(line, "unpurged");
	fclose(f);
	return n;
}

/* What grew most from a to b, and whether it looks like a leak. */
struct growth {
	const char *cache;
	long gain, per_slab;
	bool leak;
};

/*
 * A cache leaks when it gains at least `least` active objects and more than
 * a slab's worth (one fresh slab, which SLUB counts whole, is not a leak).
 * The cache reported is the leaking one that grew most, else the one that
 * grew most.
 */
static struct growth grown(const struct slabs *a, const struct slabs *b, long least, const char *skip)
{
	struct growth g = { "none", 0, 0, false };
	for (int i = 0; i < b->n; i++)
		for (int j = 0; j < a->n; j++) {
			if (strcmp(a->name[j], b->name[i]) || (skip && !strcmp(b->name[i], skip)))
				continue;
			long gain = b->active[i] - a->active[j];
			bool leak = gain >= least && gain > b->per_slab[i];
			if ((leak && !g.leak) || (leak == g.leak && gain > g.gain))
				g = (struct growth){ b->name[i], gain, b->per_slab[i], leak };
		}
	return g;
}

static int load(const char *ko, const char *params)
{
	int fd = open(ko, O_RDONLY);
	int ret = fd < 0 ? -1 : (int)syscall(SYS_finit_module, fd, params, 0);
	if (fd >= 0)
		close(fd);
	return ret;
}

static int unload(const char *name)
{
	return (int)syscall(SYS_delete_module, name, O_NONBLOCK);
}

/* One load, open, write, unload; the number of steps that failed. */
static int cycle(const char *ko, const char *params, const char *name, bool device)
{
	int errors = load(ko, params) != 0;
	if (device) {
		int fd = open_dev();
		errors += write(fd, "x", 1) != 1;
		close(fd);
	}
	return errors + (unload(name) != 0);
}

/* What one step of a leak check does: a load and unload, or an unbind and bind. */
struct step {
	const char *ko, *params, *name; /* cycles: the module file, its parameters, its name */
	bool device;		  /* cycles: open and write the misc device */
	const char *driver, *dev, *poke; /* bind-cycles: the PCI driver, device, file to write */
};

/* Writes s to the sysfs file path; 0 on success. */
static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t len = (ssize_t)strlen(s);
	int ret = fd >= 0 && write(fd, s, (size_t)len) == len ? 0 : -1;
	if (fd >= 0)
		close(fd);
	return ret;
}

/* One unbind and bind; the number of steps that failed. */
static int rebind(const struct step *st)
{
	char path[256];
	const char *slash = strchr(st->driver, '/');
	int bus_len = slash ? (int)(slash - st->driver) : 3;
	const char *bus = slash ? st->driver : "pci", *driver = slash ? slash + 1 : st->driver;
	snprintf(path, sizeof(path), "/sys/bus/%.*s/drivers/%s/unbind", bus_len, bus, driver);
	int errors = write_file(path, st->dev) != 0;
	if (st->poke)
		errors += write_file(st->poke, "x") != 0;
	snprintf(path, sizeof(path), "/sys/bus/%.*s/drivers/%s/bind", bus_len, bus, driver);
	return errors + (write_file(path, st->dev) != 0);
}

static int run_step(const struct step *st, bool warm)
{
	return st->driver ? rebind(st) : cycle(st->ko, st->params, st->name, st->device && !warm);
}

/*
 * A leak shows in the unreclaimable slab (kmalloc and the kernel's own
 * caches; dentries and inodes are reclaimable and drift) and, object by
 * object, in one cache's active objects. Neither is exact: SLUB counts the
 * free objects of per-CPU slabs as active, and the kernel's own work moves
 * the slab by a few pages. Measured in 8 runs of 1000 cycles on the stock
 * kernel, the unreclaimable slab moved by at most 60 kB and no cache by more
 * than 64 objects. One fresh slab (512 objects of 8 bytes) can add its
 * whole count with no leak: a cache fails the check when it gains N/4
 * objects and more than a slab's worth. A leak of an object per cycle shows
 * as N less at most a slab: found for objects of 16 bytes and up
 * (tests/modules/rust_leak leaks 64), while 1000 leaks of 8 bytes showed as
 * 512 or 1019 kmalloc-8 objects. 256 bytes per cycle would also gain 250 kB.
 */
static void leak_check(int n, const struct step *st, const char *what)
{
	static struct slabs before, after;
	int errors = 0;
	/* Warm the caches the first cycles fill. */
	for (int i = 0; i < 20; i++)
		errors += run_step(st, true);
	long kib0 = meminfo_kib("SUnreclaim"), maps0 = ioremaps();
	bool slabinfo = read_slabs(&before) == 0;
	for (int i = 0; i < n; i++)
		errors += run_step(st, false);
	long kib1 = meminfo_kib("SUnreclaim"), maps1 = ioremaps();
	slabinfo = slabinfo && read_slabs(&after) == 0;
	char msg[200];
	snprintf(msg, sizeof(msg), "%d %s succeed", n, what);
	check(errors == 0, msg);
	snprintf(msg, sizeof(msg), "unreclaimable slab %ld kB before, %ld kB after: grew by less than 256 kB",
		 kib0, kib1);
	check(kib0 >= 0 && kib1 >= 0 && kib1 - kib0 < 256, msg);
	/*
	 * An unbind unmaps the driver's BARs, whose vmap_area objects the kernel
	 * frees lazily, in batches of many megabytes (a module load flushes
	 * them, so load cycles see none): for bind cycles the live I/O mappings
	 * are counted instead, and vmap_area left out.
	 */
	const char *skip = NULL;
	if (st->driver) {
		skip = "vmap_area";
		snprintf(msg, sizeof(msg), "I/O mappings alive: %ld before, %ld after", maps0, maps1);
		check(maps0 >= 0 && maps1 == maps0, msg);
	}
	struct growth g = slabinfo ? grown(&before, &after, n / 4, skip) : (struct growth){ "none", 0, 0, false };
	/*
	 * Objects freed after an RCU grace period (kfree_rcu, which batches
	 * for up to 5 s) still count as active for a while: before calling a
	 * growth a leak, let them go and count again.
	 */
	if (g.leak) {
		sleep(6);
		slabinfo = read_slabs(&after) == 0;
		g = slabinfo ? grown(&before, &after, n / 4, skip) : (struct growth){ "none", 0, 0, false };
	}
	snprintf(msg, sizeof(msg), "no slab cache gained an object per cycle (most: %s, %+ld objects, %ld a slab)",
		 g.cache, g.gain, g.per_slab);
	check(slabinfo && !g.leak, msg);
}

static void cycles(int n, const char *ko, const char *params)
{
	char name[64], what[160];
	const char *base = strrchr(ko, '/') ? strrchr(ko, '/') + 1 : ko;
	snprintf(name, sizeof(name), "%.*s", (int)strcspn(base, "."), base);
	struct step st = { .ko = ko, .params = params, .name = name, .device = !strcmp(name, "rust_misc_device") };
	snprintf(what, sizeof(what), "load, %sunload cycles of %s%s%s", st.device ? "open, write, " : "", name,
		 *params ? " " : "", params);
	leak_check(n, &st, what);
}

static void bind_cycles(int n, const char *driver, const char *dev, const char *poke)
{
	char what[200];
	struct step st = { .driver = driver, .dev = dev, .poke = poke };
	snprintf(what, sizeof(what), "unbind, %s%s%sbind cycles of %s on %s", poke ? "write to " : "", poke ? poke : "",
		 poke ? ", " : "", dev, driver);
	leak_check(n, &st, what);
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "basic") == 0)
		basic();
	else if (argc >= 2 && strcmp(argv[1], "faults") == 0)
		faults();
	else if (argc >= 2 && strcmp(argv[1], "limits") == 0)
		limits();
	else if (argc >= 3 && strcmp(argv[1], "stress") == 0)
		stress(atof(argv[2]));
	else if (argc >= 4 && strcmp(argv[1], "cycles") == 0)
		cycles(atoi(argv[2]), argv[3], argc >= 5 ? argv[4] : "");
	else if (argc >= 5 && strcmp(argv[1], "bind-cycles") == 0)
		bind_cycles(atoi(argv[2]), argv[3], argv[4], argc >= 6 ? argv[5] : NULL);
	else {
		fprintf(stderr, "usage: misc_test basic|faults|limits|stress SECONDS|cycles N KO [PARAMS]|"
				"bind-cycles N DRIVER DEVICE [FILE]\n");
		return 2;
	}
	return failures ? 1 : 0;
}
