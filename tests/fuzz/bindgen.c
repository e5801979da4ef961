/*
 * bindgen.c: the libFuzzer target for `krust bindgen`.
 *
 * Each input is a header. It goes the whole way a user's header goes:
 * checked, parsed by libclang, its macros evaluated, the IR passes run, the
 * Rust written to a buffer. Whatever the input, this must end without a
 * crash, a leak or undefined behaviour (the target is built with ASan and
 * UBSan); errors and warnings about the input are expected and ignored.
 */
#include "ir/ir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One file per process in $TMPDIR, rewritten for each input: clang reads headers from disk. */
static const char *input_path(void)
{
	static char path[4096];
	if (!path[0]) {
		const char *dir = getenv("TMPDIR");
		snprintf(path, sizeof(path), "%s/krust-fuzz-%ld.h", dir ? dir : "/tmp", (long)getpid());
	}
	return path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = input_path();
	if (!write_file_atomic(path, (const char *)data, size))
		return 0;
	struct strvec headers, args;
	sv_init(&headers);
	sv_init(&args);
	sv_push(&headers, path);
	struct bindgen_opts o = { .ctypes_prefix = "::core::ffi", .layout_checks = true };
	struct ir *ir = ir_new();
	if (clang_parse_headers(ir, &headers, &args, NULL)) {
		ir_eval_macros(ir);
		ir_select(ir, &o);
		ir_name(ir);
		ir_order(ir);
		ir_layout(ir);
		struct strbuf out;
		sb_init(&out);
		emit_rust(ir, &o, &out);
		sb_free(&out);
	}
	ir_free(ir);
	sv_free(&headers);
	sv_free(&args);
	return 0;
}
