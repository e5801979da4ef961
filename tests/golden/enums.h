// krust-bindgen-flags:
/* Enums in bindgen's default "consts" style, with the integer type C gives. */
enum color { RED, GREEN = 5, BLUE };
enum { ANON_A = 1, ANON_B = 2 };
typedef enum { STATE_IDLE, STATE_BUSY } state_t;
enum signed_values { NEG = -1, POS = 1 };
enum big { BIG_VALUE = 0x100000000ULL };
enum __attribute__((packed)) small { SMALL_A, SMALL_B = 200 };
/** Documented enum. */
enum documented {
	/** The first value. */
	DOC_FIRST,
	DOC_SECOND, /**< trailing doc */
};
struct holder {
	enum color c;
	enum { INNER_X, INNER_Y } inner;
};
