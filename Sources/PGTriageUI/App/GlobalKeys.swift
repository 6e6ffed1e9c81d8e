/// The keys that work on every pane, below the pane's own (`KeyRouting`).
enum GlobalKeys {
    static let paneKeys: [Key] = PaneRegistry.panes.indices.map { .char(Character(String($0 + 1))) }

    static let layer = KeyLayer("Every pane", [
        KeyBinding(paneKeys, "1-\(PaneRegistry.panes.count)", help: "show pane N (the tabs)") { state, key in
            if case .char(let c) = key, let n = Int(String(c)), let pane = PaneRegistry.pane(number: n) { show(pane, &state) }
            return []
        },
        KeyBinding([.tab, .backTab], "Tab S-Tab", help: "next / previous pane") { state, key in
            show(key == .tab ? PaneRegistry.next(after: state.pane) : PaneRegistry.previous(before: state.pane), &state)
            return []
        },
        KeyBinding([.char("x")], "x", help: "EXPLAIN typed SQL") { state, _ in ExplainKeys.openInput(&state) },
        KeyBinding([.char("p"), .char("P")], "p", help: "pause / resume refreshing") { state, _ in
            state.paused.toggle()
            state.status = StatusMessage(state.paused ? "paused: p resumes" : "resumed", at: state.now)
            return [.setPaused(state.paused)]
        },
        KeyBinding([.char("+"), .char("="), .char("-"), .char("_")], "+  -", help: "interval (0.5s to 60s)") { state, key in
            stepInterval(&state, up: key == .char("+") || key == .char("="))
        },
        KeyBinding([.char("r"), .function(5)], "r  F5", help: "refresh now") { state, _ in
            state.status = StatusMessage("refreshing", at: state.now)
            return [.refreshNow]
        },
        KeyBinding([.char("R")], "R", help: "report to a file here") { state, _ in
            state.status = StatusMessage("writing the assessment report (a few seconds)...", at: state.now)
            return [.writeReport]
        },
    ] + everywhere.bindings)

    /// Keys that still work over a detail view: help, quit, repaint.
    static let everywhere = KeyLayer("Everywhere", [
        KeyBinding([.char("?"), .char("h"), .function(1)], "?  F1", help: "this help", hint: "help") { state, _ in
            state.helpShown = true
            state.helpScroll = 0
            return []
        },
        KeyBinding([.char("q"), .char("Q"), .function(10), .ctrl("c")], "q  F10", help: "quit (a view: close it)", hint: "quit") { state, _ in
            quit(&state)
        },
        KeyBinding([.ctrl("l")], "Ctrl-L", help: "repaint the screen") { _, _ in [.redraw] },
    ])

    /// Another pane: a message about the last one would read as about this one.
    static func show(_ pane: Pane, _ state: inout AppState) {
        if pane != state.pane { state.status = nil }
        state.pane = pane
    }

    static func quit(_ state: inout AppState) -> [Effect] {
        state.quitting = true
        return [.quit]
    }

    static func stepInterval(_ state: inout AppState, up: Bool) -> [Effect] {
        let steps = AppState.intervalSteps
        let current = state.interval
        let next = up ? steps.first { $0 > current + 1e-9 } : steps.last { $0 < current - 1e-9 }
        guard let next else {
            state.status = StatusMessage(
                up ? "refresh interval is already at its maximum, 60s" : "refresh interval is already at its minimum, 0.5s",
                kind: .error, at: state.now)
            return []
        }
        state.interval = next
        state.status = StatusMessage("refresh every \(Format.interval(next))", at: state.now)
        return [.setInterval(next)]
    }
}
