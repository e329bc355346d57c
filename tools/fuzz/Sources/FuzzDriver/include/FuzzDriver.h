// libFuzzer's driver entry (in libclang_rt.fuzzer, linked by -sanitize=fuzzer): each fuzz
// target's main.swift calls it, since SwiftPM renames an executable's own main.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
