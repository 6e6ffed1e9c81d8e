#ifndef PGTRIAGE_CLIBPQ_SHIM_H
#define PGTRIAGE_CLIBPQ_SHIM_H
#include <postgresql/libpq-fe.h>
#endif
