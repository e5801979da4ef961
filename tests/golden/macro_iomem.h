// krust-bindgen-flags:
/*
 * Functions a macro writes, as the kernel writes readl and writel: the
 * __iomem in the macro's body still makes the pointer an IoPtr, and the
 * __user and __iomem of a pointer to a tagged pointer stay apart.
 */
#ifdef __clang__
#define __user __attribute__((btf_type_tag("user")))
#define __iomem __attribute__((btf_type_tag("iomem")))
#else
#define __user
#define __iomem
#endif

#define build_read(name, type)                                   \
	static inline type name(const volatile void __iomem *addr) \
	{                                                          \
		return *(const volatile type *)addr;               \
	}

#define build_write(name, type)                                          \
	static inline void name(type val, volatile void __iomem *addr)     \
	{                                                                  \
		*(volatile type *)addr = val;                              \
	}

build_read(readb, unsigned char)
build_read(readl, unsigned int)
build_write(writel, unsigned int)

#define build_slot(name)                                         \
	static inline int name(char __user * __iomem *slot)        \
	{                                                          \
		return slot != 0;                                  \
	}

build_slot(slot_in_io)

/*
 * A pointer type given as the macro's argument is written apart from the
 * parameter's name: its words cannot be told from the macro's, and the
 * pointer keeps no tag.
 */
#define build_check(name, ptr)          \
	static inline int name(ptr p)   \
	{                               \
		return p != 0;          \
	}

build_check(check_io, const void __iomem *)
