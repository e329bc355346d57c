#ifndef COMMUNIQUE_CZSTD_SHIM_H
#define COMMUNIQUE_CZSTD_SHIM_H
#include <stddef.h>
#include <zstd.h>

/* Compresses `count` bytes at `in` into one Zstandard frame (RFC 8878) at level 3, without
   a checksum (the chain hash covers the stored bytes) and without the content size (the
   payload states it). Writes at most `capacity` bytes; returns the count, or -1 when the
   frame does not fit (the caller then stores the text as it is) or zstd fails. `context`
   is reused between calls: creating one per text would cost three times the compression. */
static inline long communique_zstd_compress(ZSTD_CCtx *context, const void *in, size_t count, void *out,
                                            size_t capacity) {
  ZSTD_CCtx_reset(context, ZSTD_reset_session_and_parameters);
  if (ZSTD_isError(ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, 3))) return -1;
  if (ZSTD_isError(ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 0))) return -1;
  if (ZSTD_isError(ZSTD_CCtx_setParameter(context, ZSTD_c_contentSizeFlag, 0))) return -1;
  size_t written = ZSTD_compress2(context, out, capacity, in, count);
  return ZSTD_isError(written) ? -1 : (long)written;
}

/* Decompresses one frame into exactly `expected` bytes. Returns 0 when `in` is exactly one
   frame and it holds exactly that many bytes; 1 otherwise (malformed, shorter, longer,
   several frames). One-shot into the caller's buffer: nothing is allocated for the frame's
   window, and nothing is written past `out + expected`, whatever the input claims. */
static inline int communique_zstd_decompress(ZSTD_DCtx *context, const void *in, size_t count, void *out,
                                             size_t expected) {
  if (ZSTD_findFrameCompressedSize(in, count) != count) return 1;
  size_t written = ZSTD_decompressDCtx(context, out, expected, in, count);
  return (!ZSTD_isError(written) && written == expected) ? 0 : 1;
}
#endif
