#ifndef COMMUNIQUE_CLMDB_SHIM_H
#define COMMUNIQUE_CLMDB_SHIM_H
#include <lmdb.h>
#include <stddef.h>

/* Hints the CPU to start loading up to `limit` bytes at `p` into cache, one line at a time.
   Scans call it on the next value while the current one is being read: the map's pages
   are mostly not in cache, and waiting for them one line at a time is most of a scan's
   cost. A hint only: it never faults and changes no result. */
static inline void communique_prefetch(const void *p, size_t count, size_t limit) {
  const char *bytes = (const char *)p;
  size_t n = count < limit ? count : limit;
  for (size_t offset = 0; offset < n; offset += 64) __builtin_prefetch(bytes + offset);
}
#endif
