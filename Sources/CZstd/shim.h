#ifndef COMMUNIQUE_CZSTD_SHIM_H
#define COMMUNIQUE_CZSTD_SHIM_H
#include <stddef.h>
/* ZDICT_trainFromBuffer_fastCover is in zstd's experimental section (exported by Debian's
   libzstd 1.5): with its parameters fixed it trains in a fifth of the time of
   ZDICT_trainFromBuffer, which searches them. */
#define ZDICT_STATIC_LINKING_ONLY
#include <zdict.h>
#include <zstd.h>
#include <string.h>

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
   one (too few or too uniform samples). FastCover with fixed parameters (segments of 200
   bytes, 8-byte d-mers, 2^16 frequency slots, every sample trained on), single-threaded,
   so the same samples give the same dictionary; its id is derived from its content, and its
   entropy tables are made for level 3. On releases of about 700 bytes the fixed parameters
   compress as well as ZDICT_trainFromBuffer's search (measured on the generated corpus). */
static inline size_t communique_zdict_train(void *out, size_t capacity, const void *samples,
                                            const size_t *sizes, unsigned count) {
  ZDICT_fastCover_params_t parameters;
  memset(&parameters, 0, sizeof parameters);
  parameters.k = 200;
  parameters.d = 8;
  parameters.f = 16;
  parameters.accel = 1;
  parameters.splitPoint = 1.0;
  parameters.zParams.compressionLevel = 3;
  size_t written = ZDICT_trainFromBuffer_fastCover(out, capacity, samples, sizes, count, parameters);
  return ZDICT_isError(written) ? 0 : written;
}
#endif
