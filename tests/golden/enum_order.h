// krust-bindgen-flags:
/* An enum's type is C's, even where it is used before it is defined (a
 * header included earlier declares it): the definition decides. */
enum later;
enum __attribute__((packed)) later_small;
struct early_user {
	enum later *state;
	enum later_small *kind;
};
void set_state(enum later *s, enum later_small *k);
enum later { LATER_NEG = -1, LATER_POS = 1 };
enum __attribute__((packed)) later_small { SMALL_ONE = 1, SMALL_BIG = 200 };
struct late_user {
	enum later state;
	enum later_small kind;
};
