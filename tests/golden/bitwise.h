// krust-bindgen-flags:
/* sparse's __bitwise, as the kernel defines it for every compiler but sparse. */
#define __bitwise
#define __force

typedef unsigned int __u32;
typedef unsigned short __u16;

/* Byte-order types: newtypes without operators. */
typedef __u16 __bitwise __le16;
typedef __u32 __bitwise __be32;

/* Flags: newtypes with |, &, ^ and ~. */
typedef unsigned int __bitwise gfp_t;
typedef __bitwise unsigned int vm_fault_t;

/* A plain alias of a newtype stays an alias. */
typedef gfp_t alloc_flags;

#define ___GFP_IO 0x40u
#define ___GFP_FS 0x80u
#define __GFP_IO ((__force gfp_t)___GFP_IO)
#define __GFP_FS ((__force gfp_t)___GFP_FS)
#define GFP_NOFS_IO (__GFP_IO | __GFP_FS)
#define VM_FAULT_OOM ((__force vm_fault_t)0x000001)
#define ALLOC_DEFAULT ((alloc_flags)__GFP_IO)
#define HOST_PORT ((__force __be32)0x01020304)

struct request {
	gfp_t gfp;
	__le16 len;
	unsigned int urgent : 1;
	vm_fault_t fault : 7;
};

gfp_t current_gfp(struct request *r, __be32 port);
