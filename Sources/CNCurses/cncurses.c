#include "cncurses.h"
#include <stdlib.h>
#include <string.h>

int cn_put_cell(int y, int x, const char *utf8, attr_t attrs, short pair) {
    wchar_t wide[8];
    size_t n = mbstowcs(wide, utf8, 7);
    if (n == (size_t)-1 || n == 0) { wide[0] = L'?'; n = 1; }
    wide[n] = L'\0';
    cchar_t cell;
    if (setcchar(&cell, wide, attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}
