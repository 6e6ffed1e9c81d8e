#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

extension Pane {
    static let plan = Pane(id: "plan", title: "Plan")
}

/// EXPLAIN's keys that work from every pane: its dialogs and input line, cancelling a running
/// one, and the offline plan browser's refusals. `KeyRouting` places them.
enum ExplainKeys {
    /// The ANALYZE confirmation, else the SQL input line, when open.
    static func modalLayer(_ state: AppState) -> KeyLayer? {
        if state.plan.pendingAnalyze != nil { return analyzeConfirmation }
        if state.plan.input != nil { return inputLayer }
        return nil
    }

    static let analyzeConfirmation = KeyLayer("EXPLAIN ANALYZE", [
        KeyBinding([.char("y"), .char("Y")], "y", help: "run it (rolled back)") { state, _ in
            guard let pending = state.plan.pendingAnalyze else { return [] }
            state.plan.pendingAnalyze = nil
            return ExplainFlow.run(&state, pending.request, origin: pending.origin)
        },
    ], otherKeys: .handle { state, _ in
        state.plan.pendingAnalyze = nil
        ExplainFlow.info(&state, "EXPLAIN ANALYZE not run")
        return []
    })

    /// `x`: SQL typed on the status line, the database to run it in, ANALYZE or not. The line
    /// edits as a shell's does: the cursor moves by characters and words, words go with Ctrl-W,
    /// Up/Down recall what was run before.
    static let inputLayer = KeyLayer("EXPLAIN typed SQL", [
        KeyBinding([.enter], "Enter", help: "run it (db field: to SQL)") { state, _ in submitInput(&state) },
        KeyBinding([.escape, .ctrl("c")], "Esc", help: "close the input") { state, _ in
            state.plan.input = nil
            return []
        },
        KeyBinding([.tab, .backTab], "Tab", help: "SQL / database field") { state, _ in
            state.plan.input?.editingDatabase.toggle()
            return []
        },
        KeyBinding([.ctrl("a"), .function(2)], "^A  F2", help: "ANALYZE on / off") { state, _ in
            state.plan.input?.analyze.toggle()
            return []
        },
        KeyBinding([.left, .right, .home, .end], "← → Home", help: "move the cursor") { state, key in
            guard let input = state.plan.input else { return [] }
            switch key {
            case .left: state.plan.input?.moveCursor(to: input.cursor - 1)
            case .right: state.plan.input?.moveCursor(to: input.cursor + 1)
            case .home: state.plan.input?.moveCursor(to: 0)
            default: state.plan.input?.moveCursor(to: input.text.count)
            }
            return []
        },
        KeyBinding([.wordLeft, .wordRight], "^← ^→", help: "a word left / right (Alt-b Alt-f)") { state, key in
            state.plan.input?.moveWord(forward: key == .wordRight)
            return []
        },
        KeyBinding([.backspace], "Backspace", help: "delete before the cursor") { state, _ in
            state.plan.input?.deleteBackward()
            return []
        },
        KeyBinding([.delete], "Delete", help: "delete under the cursor") { state, _ in
            state.plan.input?.deleteForward()
            return []
        },
        KeyBinding([.ctrl("w")], "Ctrl-W", help: "delete the word before") { state, _ in
            state.plan.input?.deleteWordBackward()
            return []
        },
        KeyBinding([.ctrl("u")], "Ctrl-U", help: "empty the field") { state, _ in
            guard var input = state.plan.input else { return [] }
            if input.editingDatabase { input.database = "" } else { input.text = ""; input.cursor = 0 }
            state.plan.input = input
            return []
        },
        KeyBinding([.up, .down], "↑↓", help: "SQL run before") { state, key in
            recall(&state, older: key == .up)
            return []
        },
    ], otherKeys: .handle { state, key in
        guard case .char(let c) = key else { return [] }
        state.plan.input?.insert(c)
        return []
    })

    /// Up: the previous statement run from the line; Down: the next, then the text being typed
    /// (kept while browsing as the entry past the newest).
    static func recall(_ state: inout AppState, older: Bool) {
        guard var input = state.plan.input, !input.editingDatabase else { return }
        let history = state.plan.inputHistory
        guard !history.isEmpty else { return }
        let current = input.historyIndex ?? history.count
        let next = older ? max(0, current - 1) : min(history.count, current + 1)
        guard next != current else { return }
        if input.historyIndex == nil { state.plan.draft = input.text }
        input.text = next == history.count ? state.plan.draft : history[next]
        input.historyIndex = next == history.count ? nil : next
        input.cursor = input.text.count
        state.plan.input = input
    }

    static func submitInput(_ state: inout AppState) -> [Effect] {
        guard var input = state.plan.input else { return [] }
        if input.editingDatabase {
            input.editingDatabase = false
            state.plan.input = input
            return []
        }
        state.plan.input = nil
        if !input.text.isEmpty, state.plan.inputHistory.last != input.text {
            state.plan.inputHistory.append(input.text)
            if state.plan.inputHistory.count > PlanState.inputHistoryLimit { state.plan.inputHistory.removeFirst() }
        }
        let database = String(input.database.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        let effects = ExplainFlow.start(
            &state, ExplainFlow.request(sql: input.text, database: database.isEmpty ? nil : database, analyze: input.analyze),
            origin: "typed SQL")
        if state.plan.running == nil && state.plan.pendingAnalyze == nil {
            state.plan.input = input  // refused: the text stays, to be fixed
        }
        return effects
    }

    /// `x` (a global key; the Bloat pane's own `x` comes first there).
    static func openInput(_ state: inout AppState) -> [Effect] {
        if state.plan.offline {
            ExplainFlow.error(&state, "no server (pgtriage plan FILE): nothing can be explained here")
            return []
        }
        state.plan.input = ExplainInput()
        return []
    }

    /// While an EXPLAIN runs: Ctrl-C cancels it anywhere, Esc where no view is open over the
    /// list (there Esc closes the view).
    static let runningLayer = KeyLayer("Running EXPLAIN", [
        KeyBinding([.escape], "Esc", help: "cancel the running EXPLAIN", when: { !KeyRouting.viewIsOpen($0) }) { state, _ in
            cancelRunning(&state)
        },
        KeyBinding([.ctrl("c")], "C-c", help: "cancel the running EXPLAIN") { state, _ in cancelRunning(&state) },
    ])

    static func cancelRunning(_ state: inout AppState) -> [Effect] {
        guard let running = state.plan.running, !running.cancelling else { return [] }
        state.plan.running?.cancelling = true
        return [.explain(.cancel)]
    }

    /// `pgtriage plan FILE`: no server, so only the Plan pane.
    static let offlineLayer = KeyLayer("Offline", [
        KeyBinding(GlobalKeys.paneKeys + [.tab, .backTab, .char("r"), .char("R"), .char("p"), .char("P"), .function(5)], "digits r R p",
                   help: nil) { state, _ in
            ExplainFlow.error(&state, "offline (pgtriage plan FILE): only the Plan pane, no server")
            return []
        },
    ])
}
