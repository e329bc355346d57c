#ifndef COMMUNIQUE_CZLIB_SHIM_H
#define COMMUNIQUE_CZLIB_SHIM_H
#include <zlib.h>
#endif
