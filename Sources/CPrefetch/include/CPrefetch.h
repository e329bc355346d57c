#ifndef COMMUNIQUE_CPREFETCH_H
#define COMMUNIQUE_CPREFETCH_H
#include <stddef.h>

/* Hints the CPU to start loading up to `limit` bytes at `p` into cache, one line at a time.
   Swift has no prefetch of its own. Callers issue it for memory they will read a little
   later (the next value of a scan, the slot a hash probe will read) so that the wait for it
   overlaps other work. A hint only: it never faults and changes no result. */
static inline void communique_prefetch(const void *p, size_t count, size_t limit) {
  const char *bytes = (const char *)p;
  size_t n = count < limit ? count : limit;
  for (size_t offset = 0; offset < n; offset += 64) __builtin_prefetch(bytes + offset);
}
#endif
