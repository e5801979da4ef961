/*
 * sparse-tags.h: read after the kernel's compiler_types.h when krust parses
 * kernel headers with clang (never compiled into anything).
 *
 * For its compiler the kernel defines __user, __iomem and __rcu as nothing
 * (or as BTF tags, off for parsers that say -D__BINDGEN__). krust wants to
 * see them: as clang's btf_type_tag they stay on the pointer types, and the
 * Rust bindings give such pointers types of their own (UserPtr, IoPtr,
 * RcuPtr) that cannot be dereferenced by mistake.
 */
#undef __user
#define __user __attribute__((btf_type_tag("user")))
#undef __iomem
#define __iomem __attribute__((btf_type_tag("iomem")))
#undef __rcu
#define __rcu __attribute__((btf_type_tag("rcu")))
/*
 * __bitwise is not redefined here: uapi/linux/types.h defines it after any
 * -include, so krust recognises the word among a typedef's own tokens.
 */
