/*
 * initramfs.c: the guest's whole file system, written as one cpio archive
 * that the kernel unpacks into its rootfs. There is no disk.
 *
 *   /bin/busybox, /bin/sh   a static busybox; /init installs the applets
 *   /dev/console            so that /init has a console before devtmpfs
 *   /init                   tests/vm/init.sh: mounts, runs the tests, powers off
 *   /krust/config           the test names and the per-test timeout, for /init
 *   /krust/lib.sh           tests/vm/lib.sh, the helpers tests source
 *   /krust/tests/NAME       the test scripts
 *   /modules/NAME.ko        the modules
 *   anything given with --file, at its guest path
 */
#include "vm.h"

#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/*
 * A dynamically linked busybox would find no C library in the guest. A static
 * executable is one without a PT_INTERP program header.
 */
static bool is_static_elf(const char *data, size_t len)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)data;
	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS64)
		return false;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		size_t off = eh->e_phoff + (size_t)i * eh->e_phentsize;
		if (off + sizeof(Elf64_Phdr) > len)
			return false;
		const Elf64_Phdr *ph = (const Elf64_Phdr *)(data + off);
		if (ph->p_type == PT_INTERP)
			return false;
	}
	return true;
}

static bool busybox_is_static(const char *path)
{
	size_t len;
	char *data = read_file(path, &len);
	bool ok = data && is_static_elf(data, len);
	free(data);
	return ok;
}

const char *find_busybox(void)
{
	static const char *const candidates[] = { "/bin/busybox", "/usr/bin/busybox", "/sbin/busybox" };
	const char *dynamic = NULL;
	for (size_t i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++) {
		if (!is_exec(candidates[i]))
			continue;
		if (busybox_is_static(candidates[i]))
			return candidates[i];
		dynamic = candidates[i];
	}
	if (dynamic)
		error("%s is dynamically linked and cannot run in the guest; apt-get install busybox-static", dynamic);
	else
		error("busybox is not installed; apt-get install busybox-static");
	return NULL;
}

/* Adds the host file src at dst. */
static bool add_host_file(struct cpio *c, const char *src, const char *dst, unsigned mode)
{
	size_t len;
	char *data = read_file(src, &len);
	if (!data) {
		error("cannot read %s: %s", src, strerror(errno));
		return false;
	}
	cpio_file(c, dst, mode, data, len);
	free(data);
	return true;
}

static unsigned host_mode(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (st.st_mode & 0777) : 0644;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* /krust/config is sourced by /init; test names are checked to be shell-safe. */
static void add_config(struct cpio *c, const struct guest *g)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "KRUST_TIMEOUT=%u\nKRUST_TESTS='", g->timeout);
	for (size_t i = 0; i < g->n_tests; i++)
		sb_printf(&sb, "%s%s", i ? " " : "", g->tests[i].name);
	sb_adds(&sb, "'\n");
	cpio_file(c, GUEST_DIR "/config", 0644, sb.buf, sb.len);
	sb_free(&sb);
}

static void add_skeleton(struct cpio *c, const struct guest *g)
{
	static const char *const dirs[] = {
		"/bin", "/sbin", "/usr/bin", "/usr/sbin", "/dev", "/proc", "/sys", "/tmp", "/root",
		GUEST_MODULES, GUEST_DIR "/tests",
	};
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		cpio_dir(c, dirs[i]);
	cpio_chardev(c, "/dev/console", 0600, 5, 1);
	cpio_symlink(c, "/bin/sh", "busybox");
	add_config(c, g);
}

static bool add_files(struct cpio *c, const struct guest *g)
{
	char *init = xasprintf("%s/tests/vm/init.sh", g->root);
	char *lib = xasprintf("%s/tests/vm/lib.sh", g->root);
	bool ok = add_host_file(c, g->busybox, "/bin/busybox", 0755);
	ok = ok && add_host_file(c, init, "/init", 0755);
	ok = ok && add_host_file(c, lib, GUEST_LIB, 0644);
	free(init);
	free(lib);
	for (size_t i = 0; ok && i < g->n_tests; i++) {
		char *dst = xasprintf(GUEST_DIR "/tests/%s", g->tests[i].name);
		ok = add_host_file(c, g->tests[i].path, dst, 0755);
		free(dst);
	}
	for (size_t i = 0; ok && i < g->n_modules; i++) {
		char *dst = xasprintf(GUEST_MODULES "/%s", base_name(g->modules[i]));
		ok = add_host_file(c, g->modules[i], dst, 0644);
		free(dst);
	}
	for (size_t i = 0; ok && i < g->n_files; i++)
		ok = add_host_file(c, g->files[i].host, g->files[i].guest, host_mode(g->files[i].host));
	return ok;
}

bool initramfs_write(const struct guest *g, const char *path)
{
	struct cpio c;
	cpio_init(&c);
	add_skeleton(&c, g);
	bool ok = add_files(&c, g);
	if (ok) {
		cpio_finish(&c);
		ok = write_file_atomic(path, c.out.buf, c.out.len);
		if (!ok)
			error("cannot write %s: %s", path, strerror(errno));
	}
	cpio_free(&c);
	return ok;
}
