/// Which keys work now, in one order of precedence, and the dispatch that follows it.
///
/// From the top (the first layer that takes a key wins; docs/usage.md "Keys"):
/// 1. the too-small screen (only quitting);
/// 2. the app's dialogs and input lines, one at a time: a cancel/terminate confirmation, the
///    EXPLAIN ANALYZE confirmation, the SQL input (`x`), the list filter (`/`);
/// 3. the help page;
/// 4. a running EXPLAIN (Esc or Ctrl-C cancel it);
/// 5. the pane on screen: its own dialogs and detail view first, then its list;
/// 6. the offline plan browser's refusals (no server behind it), or a replay's keys (stepping
///    through the recording, and the refusals of what needs a server);
/// 7. the global keys (panes, refresh, help, quit).
enum KeyRouting {
    static func layers(_ state: AppState) -> [KeyLayer] {
        if state.isTooSmall { return [tooSmall] }
        if let modal = BackendActions.confirmationLayer(state) ?? ExplainKeys.modalLayer(state) ?? FilterInput.layer(state)
            ?? ReplayKeys.inputLayer(state) {
            return [modal]
        }
        if state.helpShown { return [HelpContent.layer] }
        var out: [KeyLayer] = []
        if state.plan.running != nil { out.append(ExplainKeys.runningLayer) }
        out += PaneRegistry.feature(state.pane).keyLayers(state)
        if state.plan.offline { out.append(ExplainKeys.offlineLayer) }
        if state.replay != nil { out.append(ReplayKeys.layer) }
        out.append(GlobalKeys.layer)
        return out
    }

    /// A view is open over the pane's list (a detail view keeps its keys): Esc closes it
    /// rather than doing what it does over the list.
    static func viewIsOpen(_ state: AppState) -> Bool {
        if case .keep = PaneRegistry.feature(state.pane).keyLayers(state).first?.otherKeys { return true }
        return false
    }

    /// What `?` lists for the pane on screen: its layers, then the global keys.
    /// (Offline, the refusals come before the global keys, so the help leaves those out.)
    static func helpLayers(_ state: AppState) -> [KeyLayer] {
        PaneRegistry.feature(state.pane).helpLayers + (state.plan.offline ? [ExplainKeys.offlineLayer] : [])
            + (state.replay != nil ? [ReplayKeys.layer] : []) + [GlobalKeys.layer]
    }

    static func handle(_ state: inout AppState, _ key: Key) -> [Effect] {
        for layer in layers(state) {
            if let binding = layer.binding(for: key, in: state) { return binding.action(&state, key) }
            switch layer.otherKeys {
            case .passDown:
                continue
            case .keep:
                return GlobalKeys.everywhere.binding(for: key, in: state)?.action(&state, key) ?? []
            case .handle(let other):
                return other(&state, key)
            }
        }
        // A letter no layer takes: said, so the DBA does not wait for something to happen; but
        // never over a message still shown (a refusal, then a reflexive `y`, keeps the refusal).
        if case .char(let c) = key, c != " ", state.visibleStatus == nil {
            state.status = StatusMessage("\(c): not a key of the \(state.pane.title) pane (? lists its keys)",
                                         kind: .error, at: state.now)
        }
        return []
    }

    /// The status line's hints when nothing else talks: those of the top layer that has any,
    /// with help first and quit last below a list (over a view `q` closes it: no quit hint);
    /// a replay's stepping keys right after help.
    static func hints(_ state: AppState) -> [KeyBinding] {
        let layers = layers(state)
        guard let top = layers.first(where: { layer in layer.bindings.contains { $0.hint != nil } }) else { return [] }
        let own = top.bindings.filter { $0.hint != nil && $0.isEnabled(state) }
        let everywhere = GlobalKeys.everywhere.bindings.filter { $0.hint != nil }
        let help = everywhere.filter { $0.keys.contains(.char("?")) }
        let hints: [KeyBinding]
        switch top.otherKeys {
        case .passDown:
            // In a replay, stepping comes before the pane's own keys (some of which it refuses).
            let replay = state.replay != nil ? ReplayKeys.layer.bindings.filter { $0.hint != nil } : []
            hints = help + replay + own + everywhere.filter { !$0.keys.contains(.char("?")) }
        case .keep: hints = own + help
        case .handle: hints = own
        }
        var seen = Set<String>()
        return hints.filter { seen.insert($0.label).inserted }
    }

    /// Below 80x24 nothing is visible, so nothing may happen but quitting.
    static let tooSmall = KeyLayer("Terminal too small", [
        KeyBinding([.char("q"), .function(10), .ctrl("c")], "q", help: "quit") { state, _ in GlobalKeys.quit(&state) },
    ], otherKeys: .handle { _, _ in [] })
}
