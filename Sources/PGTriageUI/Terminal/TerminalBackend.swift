#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A key press, decoded by the backend.
public enum Key: Equatable, Hashable, Sendable {
    case char(Character)          // printable, incl. " " (space)
    case up, down, left, right, pageUp, pageDown, home, end
    case wordLeft, wordRight      // Ctrl- or Alt-Left/Right, Alt-b/Alt-f (a word at a time)
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)            // F1...F12
    case ctrl(Character)          // ctrl-a ... (lowercase letter)
    case resize
}

/// Where frames are shown and keys come from: ncurses on a terminal, memory in tests.
public protocol TerminalBackend: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// Shows the grid; an ncurses backend writes only cells that changed since the last frame.
    func draw(_ grid: ScreenGrid)
    /// Non-blocking: the next key, or nil when none is waiting.
    func readKey() -> Key?
    /// Descriptor to poll() for input readiness (stdin for ncurses); -1 for MemoryBackend.
    var inputDescriptor: Int32 { get }
    /// Forget what the terminal shows, so the next frame is drawn whole (Ctrl-L).
    func invalidate()
    /// Puts text on the clipboard of the machine the terminal runs on (`OSC52`).
    func copyToClipboard(_ text: String) -> ClipboardOutcome
}

/// A backend for tests (ratatui's TestBackend): keeps the last frame, reads queued keys.
public final class MemoryBackend: TerminalBackend {
    public private(set) var width: Int
    public private(set) var height: Int
    /// The last grid drawn (blank until the first `draw`).
    public private(set) var grid: ScreenGrid
    /// How many frames were drawn.
    public private(set) var drawCount = 0
    private var keys: [Key] = []
    private var keyIndex = 0

    public init(width: Int = 80, height: Int = 24) {
        self.width = width
        self.height = height
        self.grid = ScreenGrid(width: width, height: height)
    }

    public var size: (width: Int, height: Int) { (width, height) }
    public var inputDescriptor: Int32 { -1 }

    public func draw(_ grid: ScreenGrid) {
        self.grid = grid
        drawCount += 1
    }

    public func readKey() -> Key? {
        guard keyIndex < keys.count else { return nil }
        let k = keys[keyIndex]
        keyIndex += 1
        if keyIndex == keys.count { keys.removeAll(); keyIndex = 0 }
        return k
    }

    /// Queues keys for `readKey`.
    public func pushKeys(_ newKeys: [Key]) { keys.append(contentsOf: newKeys) }

    /// Changes the size, as a terminal resize would, and queues `.resize` like ncurses does.
    public func resize(width: Int, height: Int) {
        self.width = width
        self.height = height
        keys.append(.resize)
    }

    /// The texts `copyToClipboard` was given, in order (nothing reaches a terminal).
    public private(set) var copied: [String] = []
    public func copyToClipboard(_ text: String) -> ClipboardOutcome {
        switch OSC52.sequence(for: text, insideTmux: false) {
        case .failure(let why): return .failed(why.reason)
        case .success: copied.append(text); return .copied(bytes: text.utf8.count, throughTmux: false)
        }
    }

    /// Counts requests for a whole redraw (nothing is cached here to forget).
    public private(set) var invalidateCount = 0
    public func invalidate() { invalidateCount += 1 }

    /// The last frame as text: one string per row, wide characters once, trailing spaces trimmed.
    public func lines() -> [String] { grid.lines() }

    /// The style of the cell at (x, y) in the last frame.
    public func styleAt(x: Int, y: Int) -> Style {
        guard grid.contains(x: x, y: y) else { return .plain }
        return grid[x, y].style
    }
}

/// What became of a copy to the clipboard, as the status line says it.
public enum ClipboardOutcome: Sendable, Equatable {
    case copied(bytes: Int, throughTmux: Bool)
    case failed(String)

    public var isCopied: Bool { if case .copied = self { return true } else { return false } }

    public var summary: String {
        switch self {
        case .copied(let bytes, let tmux):
            return "copied \(bytes) bytes of SQL to your clipboard (OSC 52\(tmux ? " through tmux" : ""); a terminal that refuses it shows nothing)"
        case .failed(let why): return "could not copy: \(why)"
        }
    }
}

/// OSC 52, "set the clipboard": `ESC ] 52 ; c ; <base64> BEL`. The terminal on the DBA's own
/// machine sets its clipboard, over SSH too (xterm, iTerm2, kitty, WezTerm, Windows Terminal,
/// foot, Alacritty; some ask first or need it enabled). Inside tmux the plain sequence reaches
/// the outer terminal when tmux's `set-clipboard` is `on`; with `external` (the default) tmux
/// drops it, so the sequence is sent a second time wrapped in tmux's passthrough
/// (`ESC Ptmux; ... ESC \`, every ESC doubled; tmux 3.3+ needs `allow-passthrough on`). The
/// same text twice is harmless when both get through.
public enum OSC52 {
    /// Many terminals drop longer sequences (xterm's default limit is about 100 000 bytes).
    public static let maximumEncodedBytes = 100_000

    public struct Refusal: Error, Equatable, Sendable { public var reason: String }

    public static func sequence(for text: String, insideTmux: Bool) -> Result<String, Refusal> {
        let encoded = Data(text.utf8).base64EncodedString()
        guard encoded.utf8.count <= maximumEncodedBytes else {
            return .failure(Refusal(reason: "the SQL is \(text.utf8.count) bytes; terminals take at most \(maximumEncodedBytes) bytes of OSC 52"))
        }
        let plain = "\u{1B}]52;c;\(encoded)\u{07}"
        guard insideTmux else { return .success(plain) }
        let wrapped = "\u{1B}Ptmux;" + plain.replacing("\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
        return .success(plain + wrapped)
    }
}
