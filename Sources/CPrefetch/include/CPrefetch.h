// A hint to the processor to start bringing memory into the cache, for the trainer to ask for the
// next example's image while it still works on this one. Swift has no prefetch of its own, and an
// ordinary load would stall the processor until the memory arrives; this changes no value.
#ifndef BACKPROP_CPREFETCH_H
#define BACKPROP_CPREFETCH_H

/// Asks for the cache line holding `address` to be read into every cache level (a hint only: it
/// never faults, even for an address that is not mapped).
static inline __attribute__((always_inline)) void backprop_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
