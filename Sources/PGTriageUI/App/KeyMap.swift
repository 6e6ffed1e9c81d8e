/// What a key means on a pane (outside dialogs, help, the filter input and the detail view).
public enum Command: Sendable, Equatable {
    case showPane(Pane)
    case nextPane, previousPane
    case up, down, pageUp, pageDown, home, end
    case togglePause
    case intervalUp, intervalDown
    case refresh
    case redraw
    case help
    case quit
    case toggleIdle
    case cycleSort, reverseSort
    case filter
    case clear
    case detail
    case mark
    case cancel, terminate
}

/// The key bindings, in one table: `command(for:)` reads it and the help screen lists it.
public enum KeyMap {
    public struct Binding: Sendable {
        /// How the help shows the keys, e.g. "c  F7".
        public var keys: String
        public var description: String
        public var section: String
    }

    public static func command(for key: Key) -> Command? {
        switch key {
        case .char(let c):
            switch c {
            case "1", "2", "3", "4", "5": return .showPane(Pane(rawValue: Int(String(c))!)!)
            case "p", "P": return .togglePause
            case "+", "=": return .intervalUp
            case "-", "_": return .intervalDown
            case "r": return .refresh
            case "?", "h": return .help
            case "q", "Q": return .quit
            case "i", "I": return .toggleIdle
            case "s": return .cycleSort
            case "S": return .reverseSort
            case "/": return .filter
            case " ": return .mark
            case "c": return .cancel
            case "k", "K": return .terminate
            case "j": return .down
            default: return nil
            }
        case .tab: return .nextPane
        case .backTab: return .previousPane
        case .up: return .up
        case .down: return .down
        case .pageUp: return .pageUp
        case .pageDown: return .pageDown
        case .home: return .home
        case .end: return .end
        case .enter: return .detail
        case .escape: return .clear
        case .function(1): return .help
        case .function(3), .function(4): return .filter
        case .function(5): return .refresh
        case .function(6): return .cycleSort
        case .function(7): return .cancel
        case .function(9): return .terminate
        case .function(10): return .quit
        case .ctrl("c"): return .quit
        case .ctrl("l"): return .redraw
        default: return nil
        }
    }

    /// Every key, for the help screen (`?`). Keep in step with `command(for:)` and docs/usage.md.
    /// Short descriptions: the help shows two columns at 80x24.
    public static let bindings: [Binding] = [
        Binding(keys: "1 2", description: "Activity, Locks", section: "Panes"),
        Binding(keys: "3 4 5", description: "Statements, Bloat, Plan", section: "Panes"),
        Binding(keys: "Tab S-Tab", description: "next / previous pane", section: "Panes"),
        Binding(keys: "Up Down j", description: "move the selection", section: "Move"),
        Binding(keys: "PgUp PgDn", description: "a page up / down", section: "Move"),
        Binding(keys: "Home End", description: "first / last row", section: "Move"),
        Binding(keys: "Enter", description: "detail: full query, fields", section: "Look"),
        Binding(keys: "/  F4", description: "filter (Enter keeps it)", section: "Look"),
        Binding(keys: "Esc", description: "clear filter, then marks", section: "Look"),
        Binding(keys: "s  F6", description: "sort by the next column", section: "Look"),
        Binding(keys: "S", description: "reverse the sort order", section: "Look"),
        Binding(keys: "i", description: "show / hide idle sessions", section: "Look"),
        Binding(keys: "t  n  x", description: "3 totals/nested, 4 exact", section: "Look"),
        Binding(keys: "Space", description: "mark / unmark a backend", section: "Act"),
        Binding(keys: "c  F7", description: "cancel the query", section: "Act"),
        Binding(keys: "k  F9", description: "terminate the backend", section: "Act"),
        Binding(keys: "y", description: "confirm; other keys: no", section: "Act"),
        Binding(keys: "p", description: "pause / resume refreshing", section: "Refresh"),
        Binding(keys: "+  -", description: "interval (0.5s to 60s)", section: "Refresh"),
        Binding(keys: "r  F5", description: "refresh now", section: "Refresh"),
        Binding(keys: "?  F1", description: "this help", section: "Other"),
        Binding(keys: "q  F10", description: "quit", section: "Other"),
        Binding(keys: "Ctrl-L", description: "repaint the screen", section: "Other"),
    ]
}
