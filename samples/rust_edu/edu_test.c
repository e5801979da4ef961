/*
 * edu_test.c: userspace tests and benchmark of a driver for QEMU's edu
 * device (edu.h), run in the guest (built static: the guest has busybox and
 * nothing else). DEVICE is /dev/rust_edu or /dev/c_edu.
 *
 *   edu_test DEVICE check           every call, its results checked against values
 *                                   computed here, and every bad input's errno
 *   edu_test DEVICE hammer SECONDS  calls in a loop for SECONDS (while the device is
 *                                   unbound under it): results of the calls that
 *                                   succeed are right, those that fail fail with
 *                                   ENXIO or ENODEV, and none succeeds after one failed
 *   edu_test DEVICE bench [LABEL]   MMIO read latency, IRQ round trip and DMA
 *                                   throughput, in guest time
 *
 * check and hammer print "ok: what" or "not ok: what" per check and exit 1
 * if any failed. hammer also prints "hammer: calls N ok N failed N" and one
 * "hammer: errno NAME N" line per errno seen. bench prints "LABEL METRIC
 * VALUE" lines (LABEL defaults to DEVICE's name): mmio_read_ns, irq_ns,
 * dma_to_mbs, dma_to_cpu_ns, dma_from_mbs, dma_from_cpu_ns, and a "#" line with the spread of the IRQ
 * round trips. Their median is the figure: the card computes a factorial
 * in a thread of QEMU's own, and a call whose interrupt comes after the
 * guest went idle waits for the guest's next timer, which under -icount
 * sleep=off is a jump of guest time as long as that timer is far.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "edu.h"

/* What QEMU's edu device (hw/misc/edu.c) answers in its ID register: version 1.0. */
#define EDU_ID 0x010000edu

static int failures;
static const char *dev;

static void check(bool ok, const char *what)
{
	printf("%s: %s\n", ok ? "ok" : "not ok", what);
	fflush(stdout);
	if (!ok)
		failures++;
}

static const char *errno_name(int e)
{
	static char other[32];
	switch (e) {
	case 0: return "0";
	case EINVAL: return "EINVAL";
	case EFAULT: return "EFAULT";
	case ENOTTY: return "ENOTTY";
	case ENXIO: return "ENXIO";
	case ENODEV: return "ENODEV";
	case ETIMEDOUT: return "ETIMEDOUT";
	case EINTR: return "EINTR";
	case EIO: return "EIO";
	case ENOMEM: return "ENOMEM";
	case EBUSY: return "EBUSY";
	}
	snprintf(other, sizeof(other), "errno %d", e);
	return other;
}

/* The call failed with errno want. */
static void check_errno(int ret, int want, const char *what)
{
	int got = errno;
	char msg[200];
	snprintf(msg, sizeof(msg), "%s: %s (ret %d, errno %s)", what, errno_name(want), ret,
		 errno_name(ret == -1 ? got : 0));
	check(ret == -1 && got == want, msg);
}

static int open_dev(void)
{
	int fd = open(dev, O_RDWR);
	if (fd < 0) {
		printf("not ok: open %s: %s\n", dev, strerror(errno));
		exit(1);
	}
	return fd;
}

/* xorshift64: a fixed sequence, so a failure can be run again. */
static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 32);
}

static void fill_random(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)rnd();
}

/* n! mod 2^32, as the card computes it. */
static uint32_t factorial(uint32_t n)
{
	uint32_t r = 1;
	while (n > 0)
		r *= n--;
	return r;
}

static int get_id(int fd, uint32_t *id)
{
	return ioctl(fd, EDU_IOC_ID, id);
}

static int fact(int fd, uint32_t n, uint32_t *out)
{
	*out = n;
	return ioctl(fd, EDU_IOC_FACT, out);
}

static int liveness(int fd, uint32_t v, uint32_t *out)
{
	*out = v;
	return ioctl(fd, EDU_IOC_LIVENESS, out);
}

static int dma(int fd, unsigned long cmd, void *buf, uint32_t offset, uint32_t len)
{
	struct edu_dma d = { .addr = (uintptr_t)buf, .len = len, .offset = offset };
	return ioctl(fd, cmd, &d);
}

static int mmio_reads(int fd, uint32_t n)
{
	return ioctl(fd, EDU_IOC_MMIO_READS, &n);
}

/* The card's ID register, and the liveness register's inversion. */
static void check_registers(int fd)
{
	char msg[128];
	uint32_t id = 0;
	int ret = get_id(fd, &id);
	snprintf(msg, sizeof(msg), "EDU_IOC_ID gives %#x (got %#x, ret %d)", EDU_ID, id, ret);
	check(ret == 0 && id == EDU_ID, msg);
	uint32_t values[] = { 0, 1, 0x12345678, 0xffffffff, 0x80000000, rnd(), rnd() };
	bool all = true;
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		uint32_t got = 0;
		if (liveness(fd, values[i], &got) != 0 || got != ~values[i]) {
			printf("# liveness %#x gave %#x: %s\n", values[i], got, strerror(errno));
			all = false;
		}
	}
	check(all, "EDU_IOC_LIVENESS gives ~v for 7 values");
	check(mmio_reads(fd, 0) == 0, "EDU_IOC_MMIO_READS of 0 reads");
	check(mmio_reads(fd, 1000) == 0, "EDU_IOC_MMIO_READS of 1000 reads");
}

static void check_factorials(int fd)
{
	uint32_t ns[] = { 0, 1, 2, 5, 10, 12, 13, 20, 33, 34, 100, 1000, rnd() % 5000 };
	for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
		char msg[128];
		uint32_t got = 0;
		int ret = fact(fd, ns[i], &got);
		snprintf(msg, sizeof(msg), "EDU_IOC_FACT %u! mod 2^32 = %u (got %u, ret %d)", ns[i],
			 factorial(ns[i]), got, ret);
		check(ret == 0 && got == factorial(ns[i]), msg);
	}
}

static uint8_t card[EDU_DMA_SIZE]; /* what the card's buffer should hold */

/* A random pattern to the card at offset, and back: the same bytes. */
static void round_trip(int fd, uint32_t offset, uint32_t len)
{
	static uint8_t out[EDU_DMA_SIZE], back[EDU_DMA_SIZE];
	char msg[128];
	fill_random(out, len);
	memset(back, 0, len);
	int to = dma(fd, EDU_IOC_DMA_TO, out, offset, len);
	int from = dma(fd, EDU_IOC_DMA_FROM, back, offset, len);
	snprintf(msg, sizeof(msg), "DMA round trip of %u random bytes at offset %u", len, offset);
	check(to == 0 && from == 0 && memcmp(out, back, len) == 0, msg);
	memcpy(card + offset, out, len);
}

static void check_dma(int fd)
{
	static uint8_t whole[EDU_DMA_SIZE];
	struct { uint32_t offset, len; } cases[] = {
		{ 0, EDU_DMA_SIZE }, { 0, 1 }, { EDU_DMA_SIZE - 1, 1 }, { 1, EDU_DMA_SIZE - 1 },
		{ 0, EDU_DMA_SIZE - 1 }, { 100, 200 }, { 2048, EDU_DMA_SIZE - 2048 }, { 4000, EDU_DMA_SIZE - 4000 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		round_trip(fd, cases[i].offset, cases[i].len);
	for (int i = 0; i < 3; i++) {
		uint32_t offset = rnd() % EDU_DMA_SIZE;
		round_trip(fd, offset, 1 + rnd() % (EDU_DMA_SIZE - offset));
	}
	/* The partial writes landed where they were sent, and nowhere else. */
	memset(whole, 0, sizeof(whole));
	check(dma(fd, EDU_IOC_DMA_FROM, whole, 0, EDU_DMA_SIZE) == 0 && memcmp(whole, card, EDU_DMA_SIZE) == 0,
	      "the card's whole buffer holds each round trip's bytes at its offset");
}

static void check_bad_inputs(int fd)
{
	static uint8_t buf[2 * EDU_DMA_SIZE];
	/* volatile: the compiler must not see the NULL it would warn about. */
	void *volatile null = NULL;
	void *kernel = (void *)0xffffffff81000000ul;
	unsigned long dirs[] = { EDU_IOC_DMA_TO, EDU_IOC_DMA_FROM };
	const char *names[] = { "DMA_TO", "DMA_FROM" };
	char msg[128];

	for (int d = 0; d < 2; d++) {
		struct { uint32_t offset, len; const char *what; } bad[] = {
			{ 0, 0, "length 0" },
			{ 100, 0, "length 0 at offset 100" },
			{ 0, EDU_DMA_SIZE + 1, "EDU_DMA_SIZE + 1 bytes" },
			{ EDU_DMA_SIZE, 1, "1 byte at offset EDU_DMA_SIZE" },
			{ 1, EDU_DMA_SIZE, "EDU_DMA_SIZE bytes at offset 1" },
			{ 0, 4096, "4096 bytes, to the end of the card's buffer" },
			{ 4095, 1, "the card's last byte" },
			{ 4000, 96, "96 bytes at offset 4000, to the end" },
			{ 4096, 1, "1 byte at offset 4096" },
			{ 5000, 10, "10 bytes at offset 5000" },
			{ 0xffffffffu, 2, "offset + length wrapping 32 bits" },
			{ 0, 0xffffffffu, "2^32-1 bytes" },
		};
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			snprintf(msg, sizeof(msg), "%s of %s", names[d], bad[i].what);
			check_errno(dma(fd, dirs[d], buf, bad[i].offset, bad[i].len), EINVAL, msg);
		}
		snprintf(msg, sizeof(msg), "%s with a NULL buffer", names[d]);
		check_errno(dma(fd, dirs[d], null, 0, 16), EFAULT, msg);
		snprintf(msg, sizeof(msg), "%s with a kernel-address buffer", names[d]);
		check_errno(dma(fd, dirs[d], kernel, 0, 16), EFAULT, msg);
		snprintf(msg, sizeof(msg), "%s with a NULL struct edu_dma", names[d]);
		check_errno(ioctl(fd, dirs[d], null), EFAULT, msg);
	}

	/* A buffer whose second page is not mapped: the copy faults half way. */
	uint8_t *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(pages != MAP_FAILED && munmap(pages + 4096, 4096) == 0, "map a page with a hole after it");
	check_errno(dma(fd, EDU_IOC_DMA_TO, pages + 2048, 0, EDU_DMA_SIZE), EFAULT,
		    "DMA_TO from a half-unmapped buffer");
	check_errno(dma(fd, EDU_IOC_DMA_FROM, pages + 2048, 0, EDU_DMA_SIZE), EFAULT,
		    "DMA_FROM to a half-unmapped buffer");
	check(mprotect(pages, 4096, PROT_READ) == 0, "make the page read-only");
	check_errno(dma(fd, EDU_IOC_DMA_FROM, pages, 0, 16), EFAULT, "DMA_FROM to a read-only page");
	munmap(pages, 4096);

	unsigned long u32_calls[] = { EDU_IOC_ID, EDU_IOC_FACT, EDU_IOC_LIVENESS, EDU_IOC_MMIO_READS };
	const char *u32_names[] = { "ID", "FACT", "LIVENESS", "MMIO_READS" };
	for (int i = 0; i < 4; i++) {
		snprintf(msg, sizeof(msg), "%s with a NULL argument", u32_names[i]);
		check_errno(ioctl(fd, u32_calls[i], null), EFAULT, msg);
		snprintf(msg, sizeof(msg), "%s with a kernel-address argument", u32_names[i]);
		check_errno(ioctl(fd, u32_calls[i], kernel), EFAULT, msg);
	}
	/* The output half of FACT and LIVENESS: readable but not writable. */
	uint32_t *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(ro != MAP_FAILED, "map a read-only page");
	check_errno(ioctl(fd, EDU_IOC_ID, ro), EFAULT, "ID into a read-only page");
	check_errno(ioctl(fd, EDU_IOC_FACT, ro), EFAULT, "FACT into a read-only page");
	check_errno(ioctl(fd, EDU_IOC_LIVENESS, ro), EFAULT, "LIVENESS into a read-only page");
	munmap(ro, 4096);

	check_errno(ioctl(fd, _IO(EDU_IOC_MAGIC, 99), 0), ENOTTY, "an unknown command");
	check_errno(ioctl(fd, _IO(EDU_IOC_MAGIC, 0), 0), ENOTTY, "command 0");
	check_errno(ioctl(fd, _IOR(EDU_IOC_MAGIC, 1, uint64_t), buf), ENOTTY, "ID with the wrong size");
	check_errno(ioctl(fd, _IOW(EDU_IOC_MAGIC, 1, uint32_t), buf), ENOTTY, "ID with the wrong direction");
	check_errno(ioctl(fd, _IOR('x', 1, uint32_t), buf), ENOTTY, "another driver's command");

	uint32_t id = 0;
	check(get_id(fd, &id) == 0 && id == EDU_ID, "the device still works after the bad inputs");
}

/* Four processes at once, each round-tripping its own quarter of the card's buffer. */
static void check_concurrent(void)
{
	enum { PROCS = 4, QUARTER = 1000 };
	pid_t pids[PROCS];
	for (int p = 0; p < PROCS; p++) {
		pids[p] = fork();
		if (pids[p] != 0)
			continue;
		int fd = open_dev();
		rng_state += (uint64_t)p * 0x1234567u;
		bool good = true;
		for (int i = 0; i < 100 && good; i++) {
			uint32_t n = rnd() % 40, got = 0, v = rnd();
			good = fact(fd, n, &got) == 0 && got == factorial(n) && liveness(fd, v, &got) == 0 &&
			       got == ~v;
		}
		for (int i = 0; i < 3 && good; i++) {
			uint8_t out[QUARTER], back[QUARTER];
			fill_random(out, sizeof(out));
			good = dma(fd, EDU_IOC_DMA_TO, out, p * QUARTER, QUARTER) == 0 &&
			       dma(fd, EDU_IOC_DMA_FROM, back, p * QUARTER, QUARTER) == 0 &&
			       memcmp(out, back, QUARTER) == 0;
		}
		_exit(good ? 0 : 1);
	}
	bool all = true;
	for (int p = 0; p < PROCS; p++) {
		int status;
		all &= pids[p] > 0 && waitpid(pids[p], &status, 0) == pids[p] && WIFEXITED(status) &&
		       WEXITSTATUS(status) == 0;
	}
	check(all, "4 processes at once: factorials, liveness and DMA round trips all right");
}

static int do_check(void)
{
	int fd = open_dev();
	check_registers(fd);
	check_factorials(fd);
	check_dma(fd);
	check_bad_inputs(fd);
	close(fd);
	check_concurrent();
	return failures ? 1 : 0;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* One call of kind k, checked; -1 with errno when the call failed, 1 when its result was wrong. */
static int hammer_call(int fd, int k)
{
	uint32_t got = 0, v = rnd();
	static uint8_t out[256], back[256];
	switch (k) {
	case 0:
		if (get_id(fd, &got) != 0)
			return -1;
		return got != EDU_ID;
	case 1:
		if (liveness(fd, v, &got) != 0)
			return -1;
		return got != ~v;
	case 2:
		if (fact(fd, v % 20, &got) != 0)
			return -1;
		return got != factorial(v % 20);
	case 3:
		return mmio_reads(fd, 64);
	default:
		fill_random(out, sizeof(out));
		if (dma(fd, EDU_IOC_DMA_TO, out, v % 15 * 256, sizeof(out)) != 0 ||
		    dma(fd, EDU_IOC_DMA_FROM, back, v % 15 * 256, sizeof(out)) != 0)
			return -1;
		return memcmp(out, back, sizeof(out)) != 0;
	}
}

static int do_hammer(int seconds)
{
	static const char *kinds[] = { "ID", "LIVENESS", "FACT", "MMIO_READS", "DMA" };
	int fd = open_dev();
	long calls = 0, good = 0, wrong = 0, failed = 0, after_failure = 0, counts[256] = { 0 };
	int other = 0;
	double end = now() + seconds;
	while (now() < end) {
		/* A DMA takes the card 100 ms: one in 32 calls. */
		int k = calls % 32 == 31 ? 4 : (int)(calls % 4);
		int r = hammer_call(fd, k);
		calls++;
		if (r < 0) {
			int e = errno;
			if (!failed)
				printf("hammer: first failure after %ld calls: %s: %s\n", calls - 1, kinds[k],
				       errno_name(e));
			failed++;
			if (e > 0 && e < 256)
				counts[e]++;
			if (e != ENXIO && e != ENODEV)
				other = e;
		} else if (failed) {
			after_failure++;
		} else {
			good++;
			wrong += r;
		}
	}
	close(fd);
	printf("hammer: calls %ld ok %ld failed %ld\n", calls, good + after_failure, failed);
	for (int e = 1; e < 256; e++)
		if (counts[e])
			printf("hammer: errno %s %ld\n", errno_name(e), counts[e]);
	char msg[128];
	snprintf(msg, sizeof(msg), "hammer: every call that succeeded gave the right result (%ld wrong)", wrong);
	check(wrong == 0, msg);
	snprintf(msg, sizeof(msg), "hammer: every failure is ENXIO or ENODEV (%s)", other ? errno_name(other) : "yes");
	check(other == 0, msg);
	snprintf(msg, sizeof(msg), "hammer: no call succeeded after the first failure (%ld did)", after_failure);
	check(after_failure == 0, msg);
	return failures ? 1 : 0;
}

static void bench_fail(const char *what)
{
	printf("not ok: bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* ns per read of the ID register: the best of 5 calls of 200000 reads. */
static double bench_mmio(int fd)
{
	enum { READS = 200000 };
	double best = 1e30;
	for (int i = 0; i < 5; i++) {
		double start = now();
		if (mmio_reads(fd, READS) != 0)
			bench_fail("EDU_IOC_MMIO_READS");
		double t = (now() - start) / READS * 1e9;
		best = t < best ? t : best;
	}
	return best;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/*
 * ns per EDU_IOC_FACT of 1!: a write, the card's interrupt, a read; the
 * median of 2000 calls timed one by one.
 */
static double bench_irq(int fd)
{
	enum { CALLS = 2000 };
	static double t[CALLS];
	uint32_t got;
	for (int i = 0; i < CALLS; i++) {
		double start = now();
		if (fact(fd, 1, &got) != 0 || got != 1)
			bench_fail("EDU_IOC_FACT");
		t[i] = (now() - start) * 1e9;
	}
	qsort(t, CALLS, sizeof(t[0]), cmp_double);
	printf("# irq ns: min %.0f p10 %.0f p25 %.0f p50 %.0f p75 %.0f p90 %.0f max %.0f\n", t[0], t[CALLS / 10],
	       t[CALLS / 4], t[CALLS / 2], t[CALLS * 3 / 4], t[CALLS * 9 / 10], t[CALLS - 1]);
	return t[CALLS / 2];
}

static double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/*
 * DMAs of EDU_DMA_SIZE bytes in one direction: MB/s, and the calling
 * thread's CPU time per call in ns (the driver's own work, without the
 * wait for the card, during which the thread sleeps).
 */
static void bench_dma(int fd, unsigned long cmd, double *mbs, double *cpu_ns)
{
	enum { CALLS = 3 };
	static uint8_t buf[EDU_DMA_SIZE];
	double start = now(), cpu_start = cpu_now();
	for (int i = 0; i < CALLS; i++)
		if (dma(fd, cmd, buf, 0, EDU_DMA_SIZE) != 0)
			bench_fail("EDU_IOC_DMA");
	*cpu_ns = (cpu_now() - cpu_start) / CALLS * 1e9;
	*mbs = (double)EDU_DMA_SIZE * CALLS / (now() - start) / 1e6;
}

static int do_bench(const char *label)
{
	int fd = open_dev();
	uint32_t got;
	/* Warm up: the first calls fault in the code and the caches. */
	if (mmio_reads(fd, 10000) != 0 || fact(fd, 5, &got) != 0)
		bench_fail("warm-up");
	printf("%s mmio_read_ns %.2f\n", label, bench_mmio(fd));
	printf("%s irq_ns %.1f\n", label, bench_irq(fd));
	double mbs, cpu_ns;
	bench_dma(fd, EDU_IOC_DMA_TO, &mbs, &cpu_ns);
	printf("%s dma_to_mbs %.6f\n%s dma_to_cpu_ns %.0f\n", label, mbs, label, cpu_ns);
	bench_dma(fd, EDU_IOC_DMA_FROM, &mbs, &cpu_ns);
	printf("%s dma_from_mbs %.6f\n%s dma_from_cpu_ns %.0f\n", label, mbs, label, cpu_ns);
	close(fd);
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: edu_test DEVICE check | hammer SECONDS | bench [LABEL]\n");
	return 2;
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return usage();
	dev = argv[1];
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(argv[2], "check") && argc == 3)
		return do_check();
	if (!strcmp(argv[2], "hammer") && argc == 4)
		return do_hammer(atoi(argv[3]));
	if (!strcmp(argv[2], "bench") && argc <= 4) {
		const char *slash = strrchr(dev, '/');
		return do_bench(argc == 4 ? argv[3] : slash ? slash + 1 : dev);
	}
	return usage();
}
