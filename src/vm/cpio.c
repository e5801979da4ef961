/*
 * cpio.c: the "newc" cpio format, which is what the kernel unpacks an
 * initramfs from (init/initramfs.c).
 *
 * Each entry is a 110-byte ASCII header (the magic "070701" and thirteen
 * 8-digit hex fields), the NUL-terminated name, padding to 4 bytes, the data
 * and padding to 4 bytes again. A "TRAILER!!!" entry ends the archive. The
 * kernel creates entries in order, so a directory must come before what it
 * holds; cpio_add() sees to that. Times and owners are zero: the archive
 * depends only on its contents.
 */
#include "vm.h"

#include <string.h>
#include <cpio.h>
#include <stdlib.h>

void cpio_init(struct cpio *c)
{
	sb_init(&c->out);
	sv_init(&c->dirs);
	c->ino = 1;
}

void cpio_free(struct cpio *c)
{
	sb_free(&c->out);
	sv_free(&c->dirs);
}

static void pad4(struct strbuf *sb)
{
	while (sb->len % 4)
		sb_addc(sb, '\0');
}

struct entry {
	const char *path; /* absolute; stored without the leading '/' */
	unsigned mode;    /* file type and permissions */
	unsigned nlink;
	unsigned rmajor, rminor;
	const void *data;
	size_t len;
};

static void put_entry(struct cpio *c, const struct entry *e)
{
	const char *name = e->path[0] == '/' ? e->path + 1 : e->path;
	size_t namesize = strlen(name) + 1;
	sb_printf(&c->out, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08zX%08X",
		  c->ino++, e->mode, 0u, 0u, e->nlink, 0u, (unsigned)e->len,
		  0u, 0u, e->rmajor, e->rminor, namesize, 0u);
	sb_addn(&c->out, name, namesize);
	pad4(&c->out);
	if (e->len)
		sb_addn(&c->out, e->data, e->len);
	pad4(&c->out);
}

static bool have_dir(const struct cpio *c, const char *path)
{
	for (size_t i = 0; i < c->dirs.n; i++)
		if (!strcmp(c->dirs.v[i], path))
			return true;
	return false;
}

/* Adds every missing directory above path, outermost first. */
static void add_parents(struct cpio *c, const char *path)
{
	char *p = xstrdup(path);
	for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		cpio_dir(c, p);
		*s = '/';
	}
	free(p);
}

static void cpio_add(struct cpio *c, struct entry *e)
{
	if (e->path[0] != '/')
		fatal("cpio: '%s' is not an absolute path", e->path);
	if (e->len > 0xffffffffu)
		fatal("cpio: '%s' is too large for the newc format", e->path);
	add_parents(c, e->path);
	put_entry(c, e);
}

void cpio_dir(struct cpio *c, const char *path)
{
	if (have_dir(c, path))
		return;
	sv_push(&c->dirs, path);
	cpio_add(c, &(struct entry){ .path = path, .mode = C_ISDIR | 0755, .nlink = 2 });
}

void cpio_file(struct cpio *c, const char *path, unsigned mode, const void *data, size_t len)
{
	cpio_add(c, &(struct entry){ .path = path, .mode = C_ISREG | (mode & 07777), .nlink = 1,
				     .data = data, .len = len });
}

void cpio_symlink(struct cpio *c, const char *path, const char *target)
{
	cpio_add(c, &(struct entry){ .path = path, .mode = C_ISLNK | 0777, .nlink = 1,
				     .data = target, .len = strlen(target) });
}

void cpio_chardev(struct cpio *c, const char *path, unsigned mode, unsigned major, unsigned minor)
{
	cpio_add(c, &(struct entry){ .path = path, .mode = C_ISCHR | (mode & 07777), .nlink = 1,
				     .rmajor = major, .rminor = minor });
}

void cpio_finish(struct cpio *c)
{
	put_entry(c, &(struct entry){ .path = "TRAILER!!!", .nlink = 1 });
}
