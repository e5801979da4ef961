/*
 * map.h: the one hash map of krust.
 *
 * A key is a byte string: a name, or the bytes of a small value that stands
 * for itself (a libclang file handle). The map keeps the key as given, not a
 * copy, so its bytes must live as long as the map does; they usually live in
 * the value itself or in an arena. A value is a pointer. Keys that are equal
 * by another rule than their bytes (libclang's cursors) come with their own
 * hash and the map's `equal`. Nothing is ever removed.
 *
 * Open addressing with linear probing, never more than half full, so that a
 * lookup of a missing key stops soon. What a lookup finds does not depend on
 * the order keys were added in.
 */
#ifndef KRUST_MAP_H
#define KRUST_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct map_key {
	uint64_t hash;
	const void *data; /* never NULL in a key that is added */
	size_t len;
};

struct map_slot {
	struct map_key key; /* key.data NULL: the slot is free */
	void *val;
};

struct map {
	struct map_slot *slots;
	size_t cap, len;
	/* NULL: two keys are equal when their bytes are */
	bool (*equal)(const struct map_key *a, const struct map_key *b);
};

/* An empty map with room for about expected keys before it first grows. */
void map_init(struct map *m, size_t expected);
void map_free(struct map *m);
/* The key of len bytes at data, hashed as a byte string (FNV-1a). */
struct map_key map_key(const void *data, size_t len);
/* The key of a NUL-terminated string, its terminator left out: the same as
 * map_key(s, strlen(s)). */
struct map_key map_str(const char *s);
/* The value stored for key, or NULL. */
void *map_get(const struct map *m, struct map_key key);
/* Where the value of key is stored: *NULL when key was not there, and is now. */
void **map_put(struct map *m, struct map_key key);

#endif
