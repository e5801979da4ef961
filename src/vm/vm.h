/*
 * vm.h: what the files of src/vm/ share.
 *
 *   cpio.c       an in-memory cpio "newc" writer, the format the kernel
 *                unpacks an initramfs from
 *   initramfs.c  the guest's file system: busybox, /init, modules, tests
 *   console.c    reads the guest's serial console line by line and turns
 *                it into test results
 *   qemu.c       krust vm: options, QEMU, the event loop
 */
#ifndef KRUST_VM_H
#define KRUST_VM_H

#include "krust.h"

/* ---------------------------------------------------------------- cpio.c */

/*
 * An archive being written. Parent directories are added on demand, once
 * each, so callers name only the files they want.
 */
struct cpio {
	struct strbuf out;
	struct strvec dirs; /* directories already in the archive */
	unsigned ino;
};

void cpio_init(struct cpio *c);
void cpio_free(struct cpio *c);
void cpio_dir(struct cpio *c, const char *path);
void cpio_file(struct cpio *c, const char *path, unsigned mode, const void *data, size_t len);
void cpio_symlink(struct cpio *c, const char *path, const char *target);
void cpio_chardev(struct cpio *c, const char *path, unsigned mode, unsigned major, unsigned minor);
/* Appends the trailer; c->out then holds the whole archive. */
void cpio_finish(struct cpio *c);

/* ----------------------------------------------------------- initramfs.c */

/* Where things go in the guest. Guest scripts know these paths too. */
#define GUEST_MODULES "/modules"
#define GUEST_DIR "/krust"          /* lib.sh, config, tests/ */
#define GUEST_LIB GUEST_DIR "/lib.sh"

struct guest_test {
	const char *name; /* reported as vm/NAME */
	const char *path; /* the script on the host */
};

struct guest_file {
	const char *host;
	const char *guest; /* absolute */
};

struct guest {
	const char *root;     /* krust's data: tests/vm/ lives here */
	const char *busybox;  /* a static busybox on the host */
	struct guest_test *tests;
	size_t n_tests;
	const char **modules;
	size_t n_modules;
	struct guest_file *files;
	size_t n_files;
	unsigned timeout;     /* seconds, per test, enforced by the guest */
};

/* The path of a static busybox, or NULL after saying how to install one. */
const char *find_busybox(void);
/* Writes the initramfs to path. Reports and returns false on failure. */
bool initramfs_write(const struct guest *g, const char *path);

/* ------------------------------------------------------------- console.c */

/*
 * The lines the guest's /init prints around each test. They start a line, but
 * the runner finds them anywhere in one: a kernel message may land in front.
 */
#define MARK "==krust-vm== "
#define MARK_READY MARK "ready"
#define MARK_BEGIN MARK "begin "     /* begin NAME */
#define MARK_END MARK "end "         /* end NAME exit N | end NAME timeout */
#define MARK_DONE MARK "done"

enum vm_phase { PHASE_BOOT, PHASE_TEST, PHASE_BETWEEN, PHASE_DONE };

/*
 * How the runner stopped following the guest: QEMU exited (after power-off,
 * a panic or an error of its own), or a deadline passed and QEMU was killed.
 */
enum vm_end { END_EXITED, END_TIMEOUT };

struct console;
struct console *console_new(const struct guest *g, FILE *log, bool echo);
void console_free(struct console *con);
/* Feeds bytes from the serial port, as they come. */
void console_feed(struct console *con, const char *buf, size_t len);
enum vm_phase console_phase(const struct console *con);
/* Marker lines seen so far: the runner restarts its phase clock when this changes. */
unsigned console_marks(const struct console *con);
bool console_panicked(const struct console *con);
/* QEMU itself failed (why: its message); unfinished tests fail with that reason. */
void console_qemu_failed(struct console *con, const char *why);
/*
 * The guest is gone (or killed): fail whatever did not finish, print the
 * vm/boot line and the summary. Returns true if everything passed.
 */
bool console_finish(struct console *con, enum vm_end how);

/* Monotonic clock, in seconds. */
double now_seconds(void);

#endif
