// libFuzzer's mutator, for the frame-aware custom mutator in ProtocolFuzzTarget.swift.
#include <stddef.h>
#include <stdint.h>
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
