/*
 * map.c: the hash map (map.h).
 *
 * A slot holds an entry's hash beside its index, so that a probe looks at
 * the entry itself only when the hashes agree, and growing the table reads
 * no entry at all.
 */
#include "map.h"

#include "krust.h"

#include <stdlib.h>
#include <string.h>

struct map_slot {
	uint32_t hash;
	uint32_t index; /* into v, plus one; 0: the slot is free */
};

void map_init(struct map *m, size_t expected)
{
	size_t cap = 16;
	while (cap < 2 * expected)
		cap *= 2;
	*m = (struct map){ .slots = xcalloc(cap, sizeof(*m->slots)), .cap = cap };
}

void map_free(struct map *m)
{
	free(m->slots);
	free(m->v);
	*m = (struct map){ 0 };
}

/*
 * Eight bytes at a step, each word folded in by a rotate, an xor and a
 * multiply by an odd constant (as rustc's FxHash does): a name costs a few
 * steps, not one per byte. The final mix brings the high bits, where the
 * multiplies leave the most entropy, down to the low ones that pick a slot.
 */
static uint64_t hash_words(const unsigned char *p, size_t len)
{
	const uint64_t k = 0x517cc1b727220a95ULL;
	uint64_t h = len * k;
	for (; len >= 8; p += 8, len -= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (((h << 5) | (h >> 59)) ^ w) * k;
	}
	if (len) {
		uint64_t w = 0;
		memcpy(&w, p, len);
		h = (((h << 5) | (h >> 59)) ^ w) * k;
	}
	h ^= h >> 32;
	h *= k;
	return h ^ (h >> 29);
}

struct map_key map_key(const void *data, size_t len)
{
	return (struct map_key){ (uint32_t)hash_words(data, len), (uint32_t)len, data };
}

struct map_key map_str(const char *s)
{
	return map_key(s, strlen(s));
}

static bool same_key(const struct map *m, const struct map_key *a, const struct map_key *b)
{
	if (m->equal)
		return m->equal(a, b);
	return a->len == b->len && !memcmp(a->data, b->data, a->len);
}

/* The slot of key's entry, or the free one where it would go. */
static struct map_slot *find(const struct map *m, const struct map_key *key)
{
	size_t mask = m->cap - 1;
	for (size_t i = key->hash & mask;; i = (i + 1) & mask) {
		struct map_slot *s = &m->slots[i];
		if (!s->index || (s->hash == key->hash && same_key(m, &m->v[s->index - 1].key, key)))
			return s;
	}
}

static void grow(struct map *m)
{
	struct map_slot *old = m->slots;
	size_t n = m->cap;
	m->cap *= 2;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (size_t i = 0; i < n; i++) {
		if (!old[i].index)
			continue;
		size_t j = old[i].hash & (m->cap - 1);
		while (m->slots[j].index)
			j = (j + 1) & (m->cap - 1);
		m->slots[j] = old[i];
	}
	free(old);
}

void *map_get(const struct map *m, struct map_key key)
{
	const struct map_slot *s = find(m, &key);
	return s->index ? m->v[s->index - 1].val : NULL;
}

void **map_put(struct map *m, struct map_key key)
{
	struct map_slot *s = find(m, &key);
	if (s->index)
		return &m->v[s->index - 1].val;
	if (2 * (m->len + 1) > m->cap) {
		grow(m);
		s = find(m, &key);
	}
	if (m->len == m->cap_v) {
		m->cap_v = m->cap_v ? 2 * m->cap_v : m->cap / 2; /* as many as the slots take */
		m->v = xrealloc(m->v, m->cap_v * sizeof(*m->v));
	}
	m->v[m->len] = (struct map_entry){ .key = key };
	*s = (struct map_slot){ key.hash, (uint32_t)++m->len };
	return &m->v[m->len - 1].val;
}
