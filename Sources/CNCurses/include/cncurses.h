#ifndef PGTRIAGE_CNCURSES_H
#define PGTRIAGE_CNCURSES_H
// SwiftPM drops the -D flags pkg-config gives, so wide-character curses is switched on here.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift cannot see curses macros or use the global stdscr under Swift 6 concurrency checking:
// these accessors stand in for them.
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline int cn_color_pair(int n) { return COLOR_PAIR(n); }
static inline int cn_key_resize(void) { return KEY_RESIZE; }
static inline int cn_key_f(int n) { return KEY_F(n); }
static inline void cn_set_locale(void) { setlocale(LC_ALL, ""); }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
/// newterm on stdout/stdin: like initscr, but returns NULL instead of exiting when TERM is unusable.
static inline SCREEN *cn_newterm_stdio(void) { return newterm(NULL, stdout, stdin); }
/// Sets the locale from the environment; if its character set is not UTF-8, switches LC_CTYPE to
/// C.UTF-8 so wide characters still work. Returns 1 when the result is UTF-8.
int cn_set_utf8_locale(void);
/// The C library's column width of one character (-1 when not printable).
int cn_wcwidth(unsigned int c);
/// Writes one cell: a UTF-8 string of one grapheme at (y, x), with attributes and colour pair.
int cn_put_cell(int y, int x, const char *utf8, attr_t attrs, short pair);
#endif
