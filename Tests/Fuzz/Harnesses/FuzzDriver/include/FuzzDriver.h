// libFuzzer's entry for programs that have their own main(), as SwiftPM's executables do:
// it parses the libFuzzer options in argv and runs `callback` on each input. Defined in
// libclang_rt.fuzzer, which -sanitize=fuzzer links in.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
