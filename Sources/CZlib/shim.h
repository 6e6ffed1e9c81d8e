#ifndef PGTRIAGE_CZLIB_SHIM_H
#define PGTRIAGE_CZLIB_SHIM_H
#include <zlib.h>
#endif
