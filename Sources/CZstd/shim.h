#ifndef COMMUNIQUE_CZSTD_SHIM_H
#define COMMUNIQUE_CZSTD_SHIM_H
#include <stddef.h>
#include <zdict.h>
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
/* Compresses like communique_zstd_compress, against a prepared dictionary (at its level),
   and without the dictionary's id in the frame (the payload states it). */
static inline long communique_zstd_compress_dictionary(ZSTD_CCtx *context, const ZSTD_CDict *dictionary,
                                                       const void *in, size_t count, void *out,
                                                       size_t capacity) {
  ZSTD_CCtx_reset(context, ZSTD_reset_session_and_parameters);
  if (ZSTD_isError(ZSTD_CCtx_refCDict(context, dictionary))) return -1;
  if (ZSTD_isError(ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 0))) return -1;
  if (ZSTD_isError(ZSTD_CCtx_setParameter(context, ZSTD_c_contentSizeFlag, 0))) return -1;
  if (ZSTD_isError(ZSTD_CCtx_setParameter(context, ZSTD_c_dictIDFlag, 0))) return -1;
  size_t written = ZSTD_compress2(context, out, capacity, in, count);
  return ZSTD_isError(written) ? -1 : (long)written;
}

/* communique_zstd_decompress against a prepared dictionary. */
static inline int communique_zstd_decompress_dictionary(ZSTD_DCtx *context, const ZSTD_DDict *dictionary,
                                                        const void *in, size_t count, void *out,
                                                        size_t expected) {
  if (ZSTD_findFrameCompressedSize(in, count) != count) return 1;
  size_t written = ZSTD_decompress_usingDDict(context, out, expected, in, count, dictionary);
  return (!ZSTD_isError(written) && written == expected) ? 0 : 1;
}

/* Trains a dictionary of at most `capacity` bytes on `count` samples laid end to end in
   `samples` (`sizes` gives each one's length). Returns its size, or 0 when zstd cannot train
   one (too few or too uniform samples). Single-threaded, so the same samples give the same
   dictionary; its id is derived from its content. */
static inline size_t communique_zdict_train(void *out, size_t capacity, const void *samples,
                                            const size_t *sizes, unsigned count) {
  size_t written = ZDICT_trainFromBuffer(out, capacity, samples, sizes, count);
  return ZDICT_isError(written) ? 0 : written;
}
#endif
