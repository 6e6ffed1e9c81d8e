#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCurses

/// Why the terminal could not be opened.
public struct TerminalError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The real terminal, through ncursesw. The only file that calls curses; every call must come
/// from one thread (the UI loop).
///
/// `draw` compares each row with the previous frame and, in rows that changed, writes only the
/// cells whose symbol or drawn style changed (`shownStyles`), then one `refresh()`; a resize or
/// `invalidate()` makes the next frame a full redraw.
public final class NCursesBackend: TerminalBackend {
    public private(set) var theme: Theme
    /// True when colours are in use (the terminal has them and the theme is not mono).
    public private(set) var colorsEnabled = false
    private var previous: ScreenGrid?
    private var pairs: [ColorKey: Int16] = [:]
    private var nextPair: Int32 = 1
    private var defaultColorsSupported = false
    private var ended = false

    private struct ColorKey: Hashable { var fg: Int16; var bg: Int16 }

    /// Opens the terminal: locale (UTF-8), newterm, cbreak, noecho, keypad, non-blocking
    /// input, hidden cursor, short ESCDELAY, colours when available and the theme has them.
    public init(theme: Theme) throws {
        self.theme = theme
        guard isatty(0) != 0, isatty(1) != 0 else {
            throw TerminalError("not a terminal: pgtriage needs an interactive terminal (try `pgtriage snapshot --json`)")
        }
        _ = cn_set_utf8_locale()
        set_escdelay(25)
        guard cn_newterm_stdio() != nil else {
            let term = getenv("TERM").map { String(cString: $0) } ?? "(unset)"
            throw TerminalError("cannot open the terminal (TERM=\(term))")
        }
        NCursesBackend.markActive()
        set_escdelay(25)
        let win = cn_stdscr()
        cbreak()
        noecho()
        nonl()
        keypad(win, true)
        // Home and End as tmux and screen send them, whatever TERM says: with TERM=xterm-256color
        // inside tmux, terminfo names ESC O H while tmux sends ESC [ 1 ~.
        for (sequence, code) in [("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[7~", KEY_HOME),
                                 ("\u{1B}[8~", KEY_END), ("\u{1B}[H", KEY_HOME), ("\u{1B}[F", KEY_END),
                                 ("\u{1B}OH", KEY_HOME), ("\u{1B}OF", KEY_END)] where key_defined(sequence) == 0 {
            _ = define_key(sequence, code)
        }
        // A word at a time: Ctrl- and Alt-arrows as xterm, tmux and rxvt send them, Alt-b/Alt-f
        // as readline knows them. Our own codes, whatever terminfo calls them (kLFT5...).
        for (sequences, code) in [(Self.wordLeftSequences, Self.wordLeftCode), (Self.wordRightSequences, Self.wordRightCode)] {
            for sequence in sequences {
                if key_defined(sequence) != 0 { _ = define_key(sequence, 0) }
                _ = define_key(sequence, code)
            }
        }
        nodelay(win, true)
        wtimeout(win, 0)
        curs_set(0)
        leaveok(win, true)
        setupColors()
        erase()
    }

    deinit { shutdown() }

    /// Writes the OSC 52 sequence straight to the terminal between frames: curses does not
    /// know of it, and it moves no cursor and draws nothing.
    public func copyToClipboard(_ text: String) -> ClipboardOutcome {
        guard !ended, isatty(1) != 0 else { return .failed("standard output is not a terminal") }
        let insideTmux = getenv("TMUX").map { String(cString: $0).isEmpty == false } ?? false
        switch OSC52.sequence(for: text, insideTmux: insideTmux) {
        case .failure(let why): return .failed(why.reason)
        case .success(let sequence):
            // curses has flushed its frame at refresh(); nothing of ours is buffered in between.
            var bytes = Array(sequence.utf8)[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return .failed("the terminal refused the write (errno \(errno))") }
                bytes = bytes.dropFirst(written)
            }
            return .copied(bytes: text.utf8.count, throughTmux: insideTmux)
        }
    }

    private func setupColors() {
        pairs.removeAll()
        nextPair = 1
        colorsEnabled = false
        guard theme.usesColor, has_colors() else { return }
        start_color()
        defaultColorsSupported = use_default_colors() == OK
        colorsEnabled = true
    }

    /// Switches theme; the next frame is drawn in full.
    public func setTheme(_ theme: Theme) {
        self.theme = theme
        if !ended {
            if theme.usesColor && !colorsEnabled { setupColors() }
            if !theme.usesColor { colorsEnabled = false }
            pairs.removeAll()
            nextPair = 1
        }
        invalidate()
    }

    public var size: (width: Int, height: Int) {
        (Int(max(0, cn_cols())), Int(max(0, cn_lines())))
    }

    public var inputDescriptor: Int32 { 0 }

    /// Forgets the previous frame: the next `draw` repaints everything (after a resize, Ctrl-L).
    public func invalidate() {
        previous = nil
        if !ended { clearok(cn_stdscr(), true) }
    }

    public func draw(_ grid: ScreenGrid) {
        guard !ended else { return }
        let (w, h) = size
        if let p = previous, p.width != grid.width || p.height != grid.height {
            previous = nil
        }
        if previous == nil {
            erase()
            shown = Array(repeating: [], count: grid.height)
        }
        for y in 0..<min(h, grid.height) {
            let row = y * grid.width..<(y + 1) * grid.width
            if let previous, previous.cells[row] == grid.cells[row] { continue }
            let styles = Self.shownStyles(grid, y: y, theme: theme)
            let before = shown[y]
            for x in 0..<min(w, grid.width) {
                let cell = grid[x, y]
                if cell.isContinuation { continue }
                if let previous, previous[x, y] == cell, before.count > x, before[x] == styles[x] { continue }
                put(cell, x: x, y: y, style: styles[x], screenWidth: w)
            }
            shown[y] = styles
        }
        previous = grid
        refresh()
    }

    /// The styles each cell of the row was last drawn with (see `shownStyles`).
    private var shown: [[RoleStyle]] = []

    private func put(_ cell: Cell, x: Int, y: Int, style rs: RoleStyle, screenWidth w: Int) {
        let attrs = attributes(rs.attributes)
        let pair = colorsEnabled ? pairNumber(fg: rs.fg, bg: rs.bg) : 0
        var symbol = drawable(cell.symbol)
        if cell.width == 1, let first = symbol.unicodeScalars.first, cn_wcwidth(first.value) > 1 {
            // We counted one column but the C library draws two: it would eat the next cell.
            symbol = "?"
        }
        _ = cn_put_cell(Int32(y), Int32(x), symbol, attrs, pair)
        if cell.width == 2, let first = symbol.unicodeScalars.first,
           cn_wcwidth(first.value) < 2, x + 1 < w {
            // The C library thinks this character is narrow: keep the column we reserved blank.
            _ = cn_put_cell(Int32(y), Int32(x + 1), " ", attrs, pair)
        }
    }

    public func readKey() -> Key? {
        guard !ended else { return nil }
        let win = cn_stdscr()
        while true {
            var ch: wint_t = 0
            let rc = wget_wch(win, &ch)
            if rc == ERR { return nil }
            let key: Key?
            if rc == KEY_CODE_YES {
                key = NCursesBackend.mapKeyCode(Int32(ch))
            } else {
                key = NCursesBackend.mapCharacter(UInt32(ch))
            }
            if let key {
                if key == .resize { invalidate() }
                return key
            }
            // Unknown key: skip it and look at the next one.
        }
    }

    /// The key codes the word moves are defined with (above ncurses' own and the ones it gives
    /// terminfo's extended keys).
    static let wordLeftCode: Int32 = 0x7F00
    static let wordRightCode: Int32 = 0x7F01
    static let wordLeftSequences = ["\u{1B}[1;5D", "\u{1B}[1;3D", "\u{1B}Od", "\u{1B}b"]
    static let wordRightSequences = ["\u{1B}[1;5C", "\u{1B}[1;3C", "\u{1B}Oc", "\u{1B}f"]

    /// A function/cursor key code (wget_wch returned KEY_CODE_YES) as a `Key`.
    static func mapKeyCode(_ code: Int32) -> Key? {
        switch code {
        case wordLeftCode: return .wordLeft
        case wordRightCode: return .wordRight
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_FIND, KEY_A1: return .home
        case KEY_END, KEY_SELECT, KEY_C1: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case cn_key_resize(): return .resize
        default:
            let f0 = cn_key_f(0)
            if code > f0 && code <= f0 + 12 { return .function(Int(code - f0)) }
            return nil
        }
    }

    /// A character from wget_wch as a `Key`: control characters become named keys or `.ctrl`.
    public static func mapCharacter(_ v: UInt32) -> Key? {
        switch v {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 127, 8: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(v + 96))))
        case 0..<32: return nil
        case 0x80..<0xA0: return nil
        default:
            guard let s = Unicode.Scalar(v) else { return nil }
            return .char(Character(s))
        }
    }

    /// What ncurses can store in one cell: the first scalar plus the zero-width ones that follow
    /// it (setcchar refuses a second spacing character, e.g. in emoji ZWJ sequences).
    /// The styles a row's cells are drawn with. A blank whose style shows nothing but its
    /// background (no reverse, no underline) takes the style drawn on its left when the
    /// backgrounds match: it looks the same, and the terminal is not sent colour changes around
    /// the spaces between columns (most of the bytes of a refresh were such changes).
    static func shownStyles(_ grid: ScreenGrid, y: Int, theme: Theme) -> [RoleStyle] {
        var out: [RoleStyle] = []
        out.reserveCapacity(grid.width)
        var lastStyle: Style?
        var lastResolved = RoleStyle.plain
        for x in 0..<grid.width {
            let cell = grid[x, y]
            if cell.style != lastStyle {
                lastStyle = cell.style
                lastResolved = theme.resolve(cell.style)
            }
            var style = lastResolved
            if let left = out.last, isInvisibleBlank(cell, style), left.bg == style.bg,
               !left.attributes.contains(.reverse), !left.attributes.contains(.underline) {
                style = left
            }
            out.append(style)
        }
        return out
    }

    static func isInvisibleBlank(_ cell: Cell, _ style: RoleStyle) -> Bool {
        cell.symbol == " " && !style.attributes.contains(.reverse) && !style.attributes.contains(.underline)
    }

    private func drawable(_ symbol: String) -> String {
        let scalars = symbol.unicodeScalars
        if scalars.count <= 1 { return symbol.isEmpty ? " " : symbol }
        var out = String.UnicodeScalarView()
        for (i, s) in scalars.enumerated() {
            if i == 0 { out.append(s); continue }
            if out.count >= 4 || DisplayWidth.of(scalar: s) > 0 || s.value == 0x200D { break }
            out.append(s)
        }
        return String(out)
    }

    private func attributes(_ a: TextAttributes) -> attr_t {
        var r = cn_a_normal()
        if a.contains(.bold) { r |= cn_a_bold() }
        if a.contains(.reverse) { r |= cn_a_reverse() }
        if a.contains(.underline) { r |= cn_a_underline() }
        if a.contains(.dim) { r |= cn_a_dim() }
        return r
    }

    private func colorNumber(_ c: ThemeColor, isBackground: Bool) -> Int16 {
        let available = Int(cn_colors())
        switch c {
        case .default:
            if defaultColorsSupported { return -1 }
            return isBackground ? 0 : 7
        case .indexed(let i):
            var n = Int(i)
            if n >= available {
                n = NCursesBackend.approximate(n, colors: available)
            }
            return Int16(n)
        }
    }

    /// Maps a 256-colour index to the 8 (or 16) colours a terminal has.
    static func approximate(_ n: Int, colors: Int) -> Int {
        if n < 16 { return colors >= 16 ? n : n % 8 }
        if n >= 232 {  // greys
            let level = n - 232
            if colors >= 16 { return level < 8 ? 0 : (level < 16 ? 8 : 7) }
            return level < 12 ? 0 : 7
        }
        let c = n - 16
        let r = c / 36, g = (c / 6) % 6, b = c % 6
        let bits = (r >= 3 ? 1 : 0) | (g >= 3 ? 2 : 0) | (b >= 3 ? 4 : 0)
        return bits
    }

    private func pairNumber(fg: ThemeColor, bg: ThemeColor) -> Int16 {
        let key = ColorKey(fg: colorNumber(fg, isBackground: false), bg: colorNumber(bg, isBackground: true))
        // The terminal's own colours get a pair of their own, not pair 0: going back to pair 0
        // is an attribute change to curses, which then sends a full reset (sgr0) before the
        // next colour; a pair change sends only the colour (4 bytes less per coloured cell).
        if let p = pairs[key] { return p }
        guard nextPair < min(cn_color_pairs(), 32767) else { return 0 }
        let p = Int16(nextPair)
        nextPair += 1
        init_pair(p, key.fg, key.bg)
        pairs[key] = p
        return p
    }

    /// Leaves curses mode (endwin). Safe to call more than once.
    public func shutdown() {
        guard !ended else { return }
        ended = true
        NCursesBackend.restoreTerminal()
    }

    // MARK: - Restoring the terminal on every exit path

    nonisolated(unsafe) private static var active = false
    nonisolated(unsafe) private static var hooksInstalled = false
    nonisolated(unsafe) private static var savedActions: [Int32: sigaction] = [:]
    private static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// Ends curses mode if it is on: callable from `atexit`, crash handlers, or any exit path.
    public static func restoreTerminal() {
        guard active else { return }
        active = false
        if !isendwin() { endwin() }
        _ = fflush(nil)
    }

    private static func markActive() {
        active = true
        guard !hooksInstalled else { return }
        hooksInstalled = true
        atexit { NCursesBackend.restoreTerminal() }
        for sig in fatalSignals {
            var old = sigaction()
            guard sigaction(sig, nil, &old) == 0 else { continue }
            savedActions[sig] = old
            var sa = sigaction()
            sa.__sigaction_handler.sa_handler = { sig in
                // Crash path: put the terminal back, then let the previous handler (the Swift
                // runtime's backtracer, or the default action) run.
                NCursesBackend.restoreTerminal()
                if var old = NCursesBackend.savedActions[sig] {
                    sigaction(sig, &old, nil)
                } else {
                    signal(sig, SIG_DFL)
                }
                raise(sig)
            }
            sigemptyset(&sa.sa_mask)
            sa.sa_flags = 0
            sigaction(sig, &sa, nil)
        }
    }
}
