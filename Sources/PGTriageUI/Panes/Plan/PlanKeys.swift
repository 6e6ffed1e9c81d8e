#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// The Plan pane (the plan browser) as the app sees it: its keys and overlays.
extension PlanPane: PaneFeature {
    static let pane = Pane.plan

    /// The selected node (clamped: the document may have changed).
    static func selectedNode(_ state: AppState) -> PlanNode? {
        guard let plan = state.plan.document?.plan, !plan.nodes.isEmpty else { return nil }
        return plan.nodes[min(max(0, state.plan.selected), plan.nodes.count - 1)]
    }

    /// Runs a browser key on the selected node, then keeps the selection visible.
    static func onNode(_ body: @escaping @Sendable (inout AppState, PlanNode, Key) -> Void) -> @Sendable (inout AppState, Key) -> [Effect] {
        { state, key in
            guard let node = selectedNode(state) else { return [] }
            body(&state, node, key)
            ExplainFlow.normalize(&state)
            return []
        }
    }

    static let hasDocument: @Sendable (AppState) -> Bool = { $0.plan.document != nil }

    static let treeLayer = KeyLayer("Plan", ListKeys.movement(
        page: { treeRows($0) },
        move: { state, delta in ExplainFlow.move(&state, by: delta) }
    ).map { binding in
        KeyBinding(binding.keys, binding.label, help: binding.label.hasPrefix("↑") ? "move between nodes" : binding.help,
                   when: hasDocument, action: binding.action)
    } + [
        KeyBinding([.left, .right], "←→", help: "fold / unfold, parent", hint: "fold", when: hasDocument,
                   action: onNode { state, node, key in
            let id = node.id
            if key == .left {
                if !node.childIDs.isEmpty && !state.plan.collapsed.contains(id) {
                    state.plan.collapsed.insert(id)
                } else if let parent = node.parentID {
                    state.plan.selected = parent
                }
            } else if state.plan.collapsed.contains(id) {
                state.plan.collapsed.remove(id)
            } else if let first = node.childIDs.first {
                state.plan.selected = first
            }
        }),
        KeyBinding([.char("-"), .char("_"), .char("+"), .char("="), .char(" "), .char("*")], "- + Spc *",
                   help: "fold, unfold, toggle, all", when: hasDocument, action: onNode { state, node, key in
            let id = node.id
            switch key {
            case .char("-"), .char("_"): if !node.childIDs.isEmpty { state.plan.collapsed.insert(id) }
            case .char("+"), .char("="): state.plan.collapsed.remove(id)
            case .char("*"): state.plan.collapsed = []
            default:
                if state.plan.collapsed.contains(id) { state.plan.collapsed.remove(id) }
                else if !node.childIDs.isEmpty { state.plan.collapsed.insert(id) }
            }
        }),
        KeyBinding([.enter, .char("d")], "Enter d", help: "every property of a node", hint: "node", when: hasDocument) { state, _ in
            guard let node = selectedNode(state) else { return [] }
            state.plan.detail = PlanNodeDetailState(nodeID: node.id)
            return []
        },
        KeyBinding([.char("f")], "f", help: "findings: go through them", hint: "findings", when: hasDocument) { state, _ in
            focusFindings(&state)
        },
        KeyBinding([.char("F")], "F", help: "show / hide the findings", when: hasDocument) { state, _ in
            state.plan.findingsShown.toggle()
            state.plan.findingsFocused = false
            return []
        },
        KeyBinding([.char("/")], "/  n N", help: "search; next, previous", hint: "search", when: hasDocument) { state, _ in
            state.plan.searchEditing = true
            state.plan.search = ""
            state.plan.searchOrigin = state.plan.selected
            return []
        },
        KeyBinding([.char("n"), .char("N")], "n N", help: nil, when: hasDocument) { state, key in
            guard !state.plan.search.isEmpty else {
                ExplainFlow.info(&state, "no search: / searches node titles and conditions")
                return []
            }
            ExplainFlow.jumpToMatch(&state, after: state.plan.selected, forward: key == .char("n"), including: false)
            return []
        },
        KeyBinding([.escape], "Esc", help: "clear the search", when: { !$0.plan.search.isEmpty }) { state, _ in
            state.plan.search = ""
            return []
        },
        KeyBinding([.char("["), .char("]")], "[ ]", help: "other plans of the input",
                   when: { $0.plan.siblings.count > 1 }) { state, key in
            let count = state.plan.siblings.count
            state.plan.showSibling((state.plan.siblingIndex + (key == .char("]") ? 1 : count - 1)) % count)
            ExplainFlow.info(&state, "plan \(state.plan.siblingIndex + 1) of \(count)")
            return []
        },
        KeyBinding([.char("i")], "i", help: "index what-if (HypoPG)", hint: "what-if", when: hasDocument) { state, _ in
            PlanWhatIf.start(&state)
        },
        KeyBinding([.char("w")], "w", help: "write .json and .txt", hint: "write", when: hasDocument) { state, _ in
            guard let document = state.plan.document else { return [] }
            return [.explain(.save(document))]
        },
        KeyBinding([.char("e")], "e", help: "EXPLAIN it again") { state, _ in rerun(&state, analyze: false) },
        KeyBinding([.char("a")], "a", help: "again, ANALYZE (asks y)") { state, _ in rerun(&state, analyze: true) },
    ])

    /// `f`: the arrows move in the findings list; Enter goes to the finding's node.
    static let findingsLayer = KeyLayer("Findings (f)", [
        KeyBinding([.up, .down, .char("j"), .char("k"), .pageUp, .pageDown, .home, .end], "↑↓ j k", help: "the next finding",
                   hint: "finding") { state, key in
            guard let findings = state.plan.document?.analysis.findings, !findings.isEmpty else { return [] }
            var index = state.plan.findingIndex
            switch key {
            case .home: index = 0
            case .end: index = findings.count - 1
            default: index += ListKeys.delta(for: key, page: findingRows(state)) ?? 0
            }
            selectFinding(&state, index)
            return []
        },
        KeyBinding([.enter], "Enter", help: "go to its node", hint: "go to node") { state, _ in
            state.plan.findingsFocused = false
            if let findings = state.plan.document?.analysis.findings, !findings.isEmpty {
                ExplainFlow.reveal(&state, findings[min(max(0, state.plan.findingIndex), findings.count - 1)].nodeID)
            }
            return []
        },
        KeyBinding([.escape, .char("f")], "Esc f", help: "back to the tree", hint: "tree") { state, _ in
            state.plan.findingsFocused = false
            return []
        },
    ])

    /// Typing a search: each key jumps to the first match from where it started.
    static let searchLayer = KeyLayer("Search (/)", [
        KeyBinding([.enter], "Enter", help: "keep the search") { state, _ in
            state.plan.searchEditing = false
            if let document = state.plan.document, !state.plan.search.isEmpty,
               document.matches(state.plan.search).isEmpty {
                ExplainFlow.error(&state, "no node matches \"\(state.plan.search)\"")
            }
            return []
        },
        KeyBinding([.escape, .ctrl("c")], "Esc", help: "clear the search") { state, _ in
            state.plan.search = ""
            state.plan.searchEditing = false
            return []
        },
        KeyBinding([.backspace, .delete], "Backspace", help: "delete a character") { state, _ in
            if !state.plan.search.isEmpty { state.plan.search.removeLast() }
            ExplainFlow.jumpToMatch(&state, after: state.plan.searchOrigin, forward: true, including: true)
            return []
        },
        KeyBinding([.ctrl("u")], "Ctrl-U", help: "empty the search") { state, _ in
            state.plan.search = ""
            return []
        },
    ], otherKeys: .handle { state, key in
        guard case .char(let c) = key else { return [] }
        state.plan.search.append(c)
        ExplainFlow.jumpToMatch(&state, after: state.plan.searchOrigin, forward: true, including: true)
        return []
    })

    /// Enter on a node: every property it has.
    static let nodeDetailLayer = DetailKeys.layer("Node detail (Enter)", DetailKeys.Access(
        scroll: { $0.plan.detail?.scroll ?? 0 },
        setScroll: { state, to in state.plan.detail?.scroll = to },
        maxScroll: { state in
            guard let detail = state.plan.detail, let document = state.plan.document else { return 0 }
            return PlanNodeDetail.maxScroll(document, detail, width: state.width, height: state.height)
        },
        close: { $0.plan.detail = nil }
    ), actions: [
        KeyBinding([.char("d")], "d", help: nil) { state, _ in
            state.plan.detail = nil
            return []
        },
    ])

    static func keyLayers(_ state: AppState) -> [KeyLayer] {
        if state.plan.searchEditing { return [searchLayer] }
        if state.plan.whatIf != nil { return [PlanWhatIf.layer] }
        if state.plan.detail != nil, state.plan.document != nil { return [nodeDetailLayer] }
        if state.plan.findingsFocused, state.plan.document?.analysis.findings.isEmpty == false { return [findingsLayer, treeLayer] }
        return [treeLayer]
    }

    static let helpLayers = [treeLayer, findingsLayer, nodeDetailLayer, PlanWhatIf.layer]

    static func renderOverlays(_ state: AppState, grid: inout ScreenGrid) {
        if let detail = state.plan.detail, let document = state.plan.document {
            PlanNodeDetail.render(state, document, detail, grid: &grid)
        }
        if let whatIf = state.plan.whatIf { PlanWhatIf.render(state, whatIf, grid: &grid) }
    }

    static func moveSelection(_ state: inout AppState, by delta: Int) { ExplainFlow.move(&state, by: delta) }

    static func normalize(_ state: inout AppState) { ExplainFlow.normalize(&state) }

    static func focusFindings(_ state: inout AppState) -> [Effect] {
        guard let document = state.plan.document else { return [] }
        guard !document.analysis.findings.isEmpty else {
            ExplainFlow.info(&state, document.plan.isAnalyzed
                ? "no findings in this plan" : "no findings: plain EXPLAIN has no times or rows (a runs ANALYZE)")
            return []
        }
        state.plan.findingsShown = true
        state.plan.findingsFocused = true
        if let i = document.analysis.findings.firstIndex(where: { $0.nodeID == state.plan.selected }) { state.plan.findingIndex = i }
        selectFinding(&state, state.plan.findingIndex)
        return []
    }

    static func selectFinding(_ state: inout AppState, _ index: Int) {
        guard let findings = state.plan.document?.analysis.findings, !findings.isEmpty else { return }
        let index = min(max(0, index), findings.count - 1)
        state.plan.findingIndex = index
        state.plan.findingsScroll = Table.scrollOffset(selected: index, offset: state.plan.findingsScroll,
                                                       rowCount: findings.count, visibleRows: findingRows(state))
        ExplainFlow.reveal(&state, findings[index].nodeID)
    }

    /// `e` / `a` on the Plan pane: the same request again (with or without ANALYZE).
    static func rerun(_ state: inout AppState, analyze: Bool) -> [Effect] {
        guard let document = state.plan.document else {
            ExplainFlow.error(&state, "no plan to run again: e on a query in Activity or Locks, or x")
            return []
        }
        guard var request = document.request else {
            ExplainFlow.error(&state, "this plan came from a file: nothing to run again")
            return []
        }
        request.analyze = analyze
        request.wal = analyze
        if analyze { request.genericPlan = false }
        let origin = document.source.firstRange(of: " in ").map { String(document.source[..<$0.lowerBound]) } ?? document.source
        return ExplainFlow.start(&state, request, origin: origin)
    }
}
