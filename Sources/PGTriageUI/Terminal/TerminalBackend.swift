/// A key press, decoded by the backend.
public enum Key: Equatable, Hashable, Sendable {
    case char(Character)          // printable, incl. " " (space)
    case up, down, left, right, pageUp, pageDown, home, end
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
