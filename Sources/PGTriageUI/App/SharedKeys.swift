/// Keys every list does alike: moving the selection. One table, so `j`/`k` and the page keys
/// mean the same on every pane.
enum ListKeys {
    /// How far a movement key moves in a list showing `page` rows; nil for other keys.
    static func delta(for key: Key, page: Int) -> Int? {
        switch key {
        case .up, .char("k"): return -1
        case .down, .char("j"): return 1
        case .pageUp: return -page
        case .pageDown: return page
        case .home: return Int.min / 2
        case .end: return Int.max / 2
        default: return nil
        }
    }

    /// The movement bindings of a list; `move` moves its selection by a number of rows.
    static func movement(
        page: @escaping @Sendable (AppState) -> Int, move: @escaping @Sendable (inout AppState, Int) -> Void
    ) -> [KeyBinding] {
        let action: @Sendable (inout AppState, Key) -> [Effect] = { state, key in
            if let delta = delta(for: key, page: page(state)) { move(&state, delta) }
            return []
        }
        return [
            KeyBinding([.up, .down, .char("j"), .char("k")], "↑↓ j k", help: "move the selection", action: action),
            KeyBinding([.pageUp, .pageDown], "PgUp PgDn", help: "a page up / down", action: action),
            KeyBinding([.home, .end], "Home End", help: "first / last row", action: action),
        ]
    }

    /// `s` and `S` on a sorted list: the next column (starting in its natural order), and the
    /// other order; the status line says the sort. `skip` passes over columns this server
    /// cannot fill.
    static func sorting<Column: CaseIterable & Equatable & Sendable>(
        _ column: WritableKeyPath<AppState, Column> & Sendable, descending: WritableKeyPath<AppState, Bool> & Sendable,
        defaultDescending: @escaping @Sendable (Column) -> Bool,
        skip: @escaping @Sendable (AppState, Column) -> Bool = { _, _ in false },
        describe: @escaping @Sendable (AppState) -> String
    ) -> [KeyBinding] where Column.AllCases: RandomAccessCollection {
        [
            KeyBinding([.char("s"), .function(6)], "s  F6", help: "sort by the next column", hint: "sort") { state, _ in
                let all = Array(Column.allCases)
                var index = all.firstIndex(of: state[keyPath: column]) ?? 0
                for _ in all.indices {
                    index = (index + 1) % all.count
                    if !skip(state, all[index]) { break }
                }
                state[keyPath: column] = all[index]
                state[keyPath: descending] = defaultDescending(all[index])
                state.status = StatusMessage("sort: \(describe(state))", at: state.now)
                return []
            },
            KeyBinding([.char("S")], "S", help: "reverse the sort order") { state, _ in
                state[keyPath: descending].toggle()
                state.status = StatusMessage("sort: \(describe(state))", at: state.now)
                return []
            },
        ]
    }

    /// `/`: the filter input of a pane that has one (`PaneFeature.filter`).
    static let openFilter = KeyBinding([.char("/"), .function(3), .function(4)], "/  F4", help: "filter (Enter keeps it)",
                                       hint: "filter") { state, _ in
        state.filterEditing = true
        return []
    }
}

/// One detail view's keys, the same on every pane: close, scroll, then the pane's actions on
/// what the view shows. Other keys stay in the view (the list behind it does not move), but
/// help, quit and repaint still work.
enum DetailKeys {
    /// How a pane's detail view is scrolled and closed.
    struct Access: Sendable {
        let scroll: @Sendable (AppState) -> Int
        let setScroll: @Sendable (inout AppState, Int) -> Void
        let maxScroll: @Sendable (AppState) -> Int
        let close: @Sendable (inout AppState) -> Void
    }

    static func page(_ state: AppState) -> Int { max(1, state.height - 6) }

    /// The scroll offset after `key`, unclamped; nil when the key does not scroll.
    static func scrolled(_ scroll: Int, by key: Key, page: Int) -> Int? {
        switch key {
        case .up, .char("k"): return scroll - 1
        case .down, .char("j"): return scroll + 1
        case .pageUp: return scroll - page
        case .pageDown, .char(" "): return scroll + page
        case .home: return 0
        case .end: return Int.max / 2
        default: return nil
        }
    }

    static func layer(_ title: String, _ access: Access, actions: [KeyBinding]) -> KeyLayer {
        let scroll: @Sendable (inout AppState, Key) -> [Effect] = { state, key in
            if let to = scrolled(access.scroll(state), by: key, page: page(state)) {
                access.setScroll(&state, max(0, min(to, access.maxScroll(state))))
            }
            return []
        }
        return KeyLayer(title, [
            KeyBinding([.escape, .enter, .char("q"), .backspace], "Esc q", help: "close the view", hint: "close") { state, _ in
                access.close(&state)
                return []
            },
            KeyBinding([.up, .down, .char("j"), .char("k"), .pageUp, .pageDown, .char(" "), .home, .end], "↑↓ j k",
                       help: "scroll; PgUp PgDn Space", hint: "scroll", action: scroll),
        ] + actions, otherKeys: .keep)
    }
}

/// The filter input on the status line (`/`): type to filter live, Enter keeps, Esc clears,
/// Backspace deletes, Ctrl-U empties, arrows move the selection.
enum FilterInput {
    static func layer(_ state: AppState) -> KeyLayer? {
        guard state.filterEditing, let text = PaneRegistry.feature(state.pane).filter else { return nil }
        return KeyLayer("Filter", [
            KeyBinding([.enter], "Enter", help: "keep the filter") { state, _ in
                state.filterEditing = false
                return []
            },
            KeyBinding([.escape], "Esc", help: "clear the filter") { state, _ in
                state[keyPath: text] = ""
                state.filterEditing = false
                return []
            },
            KeyBinding([.backspace, .delete], "Backspace", help: "delete a character") { state, _ in
                if !state[keyPath: text].isEmpty { state[keyPath: text].removeLast() }
                return []
            },
            KeyBinding([.ctrl("u")], "Ctrl-U", help: "empty the filter") { state, _ in
                state[keyPath: text] = ""
                return []
            },
            KeyBinding([.up, .down, .pageUp, .pageDown], "↑↓", help: "move the selection") { state, key in
                if let delta = ListKeys.delta(for: key, page: Layout.listHeight(height: state.height)) {
                    PaneRegistry.feature(state.pane).moveSelection(&state, by: delta)
                }
                return []
            },
            KeyBinding([.ctrl("c")], "Ctrl-C", help: "quit") { state, _ in GlobalKeys.quit(&state) },
        ], otherKeys: .handle { state, key in
            if case .char(let c) = key { state[keyPath: text].append(c) }
            return []
        })
    }

    /// The text being edited, for the status line.
    static func text(_ state: AppState) -> String {
        PaneRegistry.feature(state.pane).filter.map { state[keyPath: $0] } ?? ""
    }
}
