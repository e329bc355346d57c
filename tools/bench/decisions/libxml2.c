// Parse each file given on the command line with libxml2 (XML_PARSE_RECOVER | XML_PARSE_NONET),
// ROUNDS times; print per-file outcome with -v, and total bytes, seconds, MB/s.
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static void quiet(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
int main(int argc, char **argv) {
  int verbose = 0, html = 0, rounds = atoi(getenv("ROUNDS") ? getenv("ROUNDS") : "5");
  int first = 1;
  while (first < argc && argv[first][0] == '-') {
    if (!strcmp(argv[first], "-v")) verbose = 1;
    if (!strcmp(argv[first], "-html")) html = 1;
    first++;
  }
  xmlSetGenericErrorFunc(NULL, quiet);
  int n = argc - first; char **buf = calloc(n, sizeof *buf); long *len = calloc(n, sizeof *len);
  long total = 0;
  for (int i = 0; i < n; i++) {
    FILE *f = fopen(argv[first + i], "rb"); if (!f) { perror(argv[first + i]); return 1; }
    fseek(f, 0, SEEK_END); len[i] = ftell(f); fseek(f, 0, SEEK_SET);
    buf[i] = malloc(len[i] + 1); if (fread(buf[i], 1, len[i], f) != (size_t)len[i]) return 1; fclose(f);
    total += len[i];
  }
  int opts = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR | (getenv("NOENT") ? XML_PARSE_NOENT : 0);
  int roots = 0; struct timespec a, b; double best = 1e9;
  for (int r = 0; r < rounds; r++) {
    roots = 0; clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < n; i++) {
      xmlDocPtr d = html ? htmlReadMemory(buf[i], (int)len[i], argv[first + i], NULL, opts)
                         : xmlReadMemory(buf[i], (int)len[i], argv[first + i], NULL, opts);
      xmlNodePtr root = d ? xmlDocGetRootElement(d) : NULL;
      if (root) roots++;
      if (verbose && r == 0) {
        xmlChar *out = NULL; int outlen = 0;
        if (d) xmlDocDumpMemory(d, &out, &outlen);
        printf("%s: doc=%s root=%s serialized=%d bytes\n", argv[first + i], d ? "yes" : "NULL",
               root ? (const char *)root->name : "-", outlen);
        if (out && outlen < 400) printf("  %.*s\n", outlen, out);
        xmlFree(out);
      }
      if (d) xmlFreeDoc(d);
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double s = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9; if (s < best) best = s;
  }
  printf("libxml2 %s: %d files, %ld bytes, %d with a root element, best of %d: %.4f s, %.1f MB/s\n",
         LIBXML_DOTTED_VERSION, n, total, roots, rounds, best, total / best / 1e6);
  return 0;
}
