// krust-bindgen-flags:
/* Macros the tokens alone cannot give: clang evaluates them, with C's type. */
typedef unsigned int gfp_t;
typedef unsigned int acpi_status;
typedef signed char s8;
typedef unsigned char u8;
struct page_like { long flags; void *p[3]; };
#define __force
#define BIT(n) (1UL << (n))
#define _IOC(dir, type, nr, size) (((dir) << 30) | ((type) << 8) | (nr) | ((size) << 16))
#define _IOR(type, nr, t) _IOC(2U, (type), (nr), sizeof(t))
#define __GFP_IO ((__force gfp_t)0x40u)
#define __GFP_FS ((__force gfp_t)0x80u)
#define GFP_NOFS (__GFP_IO | 0)
/* Every operand a gfp_t: the user sees a gfp_t, though C says unsigned int. */
#define GFP_KERNEL (__GFP_IO | __GFP_FS)
#define GFP_NOT_IO (~__GFP_IO & (__GFP_IO | __GFP_FS))
/* ... but a comparison is an int, and u8 | u8 is promoted to int. */
#define GFP_SAME (__GFP_IO == __GFP_FS)
#define U8_BOTH (((u8)1) | ((u8)2))
#define AE_OK (acpi_status) 0x0000
#define SMALL ((s8)-3)
#define BIT3 BIT(3)
#define PAGE_LIKE_SIZE (sizeof(struct page_like))
#define IOCTL_GET _IOR('k', 1, int)
#define ALWAYS ((_Bool)2)
#define RATIO ((float)1 / 4)
/* A macro that would unbalance the declarations after it is left out. */
#define OPEN_BRACE {
#define USES_OPEN_BRACE OPEN_BRACE
#define AFTER ((int)7)
