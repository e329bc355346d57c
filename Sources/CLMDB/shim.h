#ifndef COMMUNIQUE_CLMDB_SHIM_H
#define COMMUNIQUE_CLMDB_SHIM_H
#include <lmdb.h>
#endif
