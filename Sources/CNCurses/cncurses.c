#define _GNU_SOURCE 1
#include "cncurses.h"
#include <stdlib.h>
#include <string.h>
#include <langinfo.h>

static int cn_codeset_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

int cn_set_utf8_locale(void) {
    setlocale(LC_ALL, "");
    if (cn_codeset_is_utf8()) return 1;
    if (setlocale(LC_CTYPE, "C.UTF-8") != NULL && cn_codeset_is_utf8()) return 1;
    if (setlocale(LC_CTYPE, "en_US.UTF-8") != NULL && cn_codeset_is_utf8()) return 1;
    return 0;
}

int cn_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

int cn_put_cell(int y, int x, const char *utf8, attr_t attrs, short pair) {
    wchar_t wide[8];
    size_t n = mbstowcs(wide, utf8, 7);
    if (n == (size_t)-1 || n == 0) { wide[0] = L'?'; n = 1; }
    wide[n] = L'\0';
    cchar_t cell;
    if (setcchar(&cell, wide, attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}
