/* The limit: raw LMDB puts and a cursor scan, as the event log does them.
 *
 * Usage: lmdb-reference DIR COUNT VALUE_BYTES BATCH
 * Appends COUNT values of VALUE_BYTES under 8-byte big-endian keys with MDB_APPEND,
 * BATCH puts a transaction (durable commits), then scans them all with a cursor,
 * touching every value. Prints: append_per_s scan_per_s
 */
#include <lmdb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHECK(x)                                                         \
  do {                                                                   \
    int rc_ = (x);                                                       \
    if (rc_) {                                                           \
      fprintf(stderr, "%s: %s\n", #x, mdb_strerror(rc_));                \
      exit(1);                                                           \
    }                                                                    \
  } while (0)

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: %s DIR COUNT VALUE_BYTES BATCH\n", argv[0]);
    return 64;
  }
  const char *dir = argv[1];
  long count = atol(argv[2]), size = atol(argv[3]), batch = atol(argv[4]);
  MDB_env *env;
  MDB_dbi dbi;
  MDB_txn *txn;
  CHECK(mdb_env_create(&env));
  CHECK(mdb_env_set_maxdbs(env, 4));
  CHECK(mdb_env_set_mapsize(env, (size_t)(count * (size + 64) * 2 + (64 << 20))));
  CHECK(mdb_env_open(env, dir, MDB_NOTLS, 0644));
  CHECK(mdb_txn_begin(env, NULL, 0, &txn));
  CHECK(mdb_dbi_open(txn, "events", MDB_CREATE, &dbi));
  CHECK(mdb_txn_commit(txn));

  unsigned char *value = malloc(size);
  for (long i = 0; i < size; i++) value[i] = (unsigned char)(i * 31);
  double start = now();
  for (long i = 0; i < count;) {
    CHECK(mdb_txn_begin(env, NULL, 0, &txn));
    for (long j = 0; j < batch && i < count; j++, i++) {
      uint64_t seq = (uint64_t)i + 1;
      unsigned char key[8];
      for (int b = 0; b < 8; b++) key[b] = (unsigned char)(seq >> (56 - 8 * b));
      value[0] = (unsigned char)i;
      MDB_val k = {8, key}, v = {(size_t)size, value};
      CHECK(mdb_put(txn, dbi, &k, &v, MDB_APPEND));
    }
    CHECK(mdb_txn_commit(txn));
  }
  double append = count / (now() - start);

  start = now();
  CHECK(mdb_txn_begin(env, NULL, MDB_RDONLY, &txn));
  MDB_cursor *cur;
  CHECK(mdb_cursor_open(txn, dbi, &cur));
  MDB_val k, v;
  unsigned long sum = 0;
  long seen = 0;
  while (mdb_cursor_get(cur, &k, &v, MDB_NEXT) == 0) {
    sum += ((unsigned char *)v.mv_data)[0] + ((unsigned char *)v.mv_data)[v.mv_size - 1];
    seen++;
  }
  mdb_cursor_close(cur);
  mdb_txn_abort(txn);
  double scan = seen / (now() - start);
  printf("%.0f %.0f %lu\n", append, scan, sum & 1);
  mdb_env_close(env);
  free(value);
  return seen == count ? 0 : 1;
}
