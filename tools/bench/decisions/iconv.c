// Decode FILE from ENCODING to UTF-8 with glibc iconv(3), best of ROUNDS; output size and MB/s.
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
int main(int argc, char **argv) {
  int rounds = atoi(getenv("ROUNDS") ? getenv("ROUNDS") : "5");
  FILE *f = fopen(argv[2], "rb"); fseek(f, 0, SEEK_END); long n = ftell(f); fseek(f, 0, SEEK_SET);
  char *in = malloc(n); if (fread(in, 1, n, f) != (size_t)n) return 1; fclose(f);
  char *out = malloc(n * 4 + 16); double best = 1e9; size_t produced = 0;
  for (int r = 0; r < rounds; r++) {
    struct timespec a, b; clock_gettime(CLOCK_MONOTONIC, &a);
    iconv_t cd = iconv_open("UTF-8", argv[1]);
    if (cd == (iconv_t)-1) { perror("iconv_open"); return 1; }
    char *ip = in, *op = out; size_t il = n, ol = n * 4 + 16;
    if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) { perror("iconv"); fprintf(stderr, "at byte %ld\n", (long)(ip - in)); return 1; }
    iconv_close(cd); produced = op - out;
    clock_gettime(CLOCK_MONOTONIC, &b);
    double s = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9; if (s < best) best = s;
  }
  printf("glibc iconv %s: %ld bytes in, %zu UTF-8 bytes out, best of %d: %.4f s, %.1f MB/s\n", argv[1], n, produced, rounds, best, n / best / 1e6);
  return 0;
}
