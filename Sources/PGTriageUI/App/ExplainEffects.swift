#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import PGTriageCore

/// What the EXPLAIN side asks the runtime to do (one `Effect.explain` case carries it).
public enum ExplainEffect: Sendable, Equatable {
    /// Run it on the service's EXPLAIN connection; answered by `.explainFinished`.
    case run(ExplainRequest)
    /// Cancel the running EXPLAIN (it then finishes with `.cancelled`).
    case cancel
    /// Write the plan as JSON and text (PlanFile.save) and say where in the status line.
    case save(PlanDocument)
}

/// The runtime's side: carries out an `ExplainEffect`.
public enum ExplainEffects {
    static func perform(_ effect: ExplainEffect, service: ConsoleService, state: inout AppState) {
        switch effect {
        case .run(let request): service.explain(request)
        case .cancel: service.cancelExplain()
        case .save(let document):
            do {
                let paths = try save(document, directory: saveDirectory(), date: Date())
                state.status = StatusMessage("plan written to \(paths[0]) (and .txt)", at: state.now)
            } catch {
                state.status = StatusMessage("could not write the plan: \(error)", kind: .error, at: state.now)
            }
        }
    }

    /// The current directory when we may write there, else `$XDG_STATE_HOME/pgtriage/plans`
    /// (default `~/.local/state/pgtriage/plans`), created if needed.
    static func saveDirectory(environment: [String: String] = ProcessEnvironment.all()) throws -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        if access(".", W_OK) == 0, getcwd(&buffer, buffer.count) != nil {
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        let base: String
        if let xdg = environment["XDG_STATE_HOME"], !xdg.isEmpty {
            base = xdg
        } else {
            base = (environment["HOME"] ?? "/tmp") + "/.local/state"
        }
        let folder = base + "/pgtriage/plans"
        try FileSystem.makeDirectories(folder)
        return folder
    }

    /// Writes `<directory>/pgtriage-plan-YYYYMMDD-HHMMSS.json` and `.txt` (a suffix when taken).
    static func save(_ document: PlanDocument, directory: String, date: Date) throws -> [String] {
        let iso = ISOTime.string(date)  // 2026-11-26T01:22:33.123Z
        let day = iso.prefix(10).filter { $0 != "-" }
        let time = iso.dropFirst(11).prefix(8).filter { $0 != ":" }
        var stem = "\(directory)/pgtriage-plan-\(day)-\(time)"
        var n = 2
        while access(stem + ".json", F_OK) == 0 || access(stem + ".txt", F_OK) == 0 {
            stem = "\(directory)/pgtriage-plan-\(day)-\(time)-\(n)"
            n += 1
        }
        return try PlanFile.save(document.plan, to: stem)
    }
}

/// The update side of EXPLAIN and the plan browser: keys, service events, pure.
public enum ExplainFlow {
    static let cutMessage = "query text was cut by track_activity_query_size: cannot explain a fragment"

    /// The database of the connection label `user@host:port/db`.
    static func connectionDatabase(_ state: AppState) -> String? {
        guard let slash = state.connectionLabel.lastIndex(of: "/") else { return nil }
        let name = String(state.connectionLabel[state.connectionLabel.index(after: slash)...])
        return name.isEmpty ? nil : name
    }

    static func error(_ state: inout AppState, _ text: String) {
        state.status = StatusMessage(text, kind: .error, at: state.now)
    }

    static func info(_ state: inout AppState, _ text: String) {
        state.status = StatusMessage(text, at: state.now)
    }

    /// A request with the options the console always uses: BUFFERS (and WAL with ANALYZE),
    /// SETTINGS, FORMAT JSON.
    public static func request(sql: String, database: String?, analyze: Bool) -> ExplainRequest {
        ExplainRequest(sql: sql, database: database, analyze: analyze, buffers: true, wal: analyze, settings: true)
    }

    /// For `e` on a statement of pg_stat_statements (normalised text with `$1...`): a plain
    /// EXPLAIN that asks for `GENERIC_PLAN` on 16+ (the runner refuses before 16 and says so).
    public static func statementRequest(query: String, database: String?, serverVersion: Int) -> ExplainRequest {
        var request = request(sql: query, database: database, analyze: false)
        request.genericPlan = serverVersion >= 160000
        return request
    }

    /// `e` on a statement (for the Statements pane): explains its normalised text in `database`.
    /// Before 16 a text with `$n` cannot be planned without values: the SQL input opens with the
    /// text, for the user to put values in place of the parameters.
    /// `e` on the Statements pane: the selected statement's normalised text in its database
    /// (ANALYZE is not offered: its `$n` have no values). A text the list has cut is explained
    /// only once its whole text was read (Enter reads it).
    static func explainSelectedStatement(_ state: inout AppState) -> [Effect] {
        guard let row = state.selectedStatement else { return [] }
        var text: String? = row.stats.queryIsCut ? nil : row.stats.query
        if let detail = state.statements.detail, detail.key == row.stats.key, case .some(.some(let full)) = detail.fullText {
            text = full
        }
        guard let text else {
            error(&state, "the list shows this statement cut: Enter reads its whole text, then e explains it")
            return []
        }
        return explainStatement(&state, query: text, database: row.stats.database)
    }

    public static func explainStatement(_ state: inout AppState, query: String, database: String?) -> [Effect] {
        let version = state.serverInfo?.versionNum ?? 0
        let request = statementRequest(query: query, database: database, serverVersion: version)
        if version > 0, version < 160000 {
            do {
                _ = try request.prepare(serverVersion: version)
            } catch let refusal as ExplainRefusal where refusal.reason == .needsParameters {
                state.plan.input = ExplainInput(text: query, database: database ?? "", analyze: false)
                error(&state, "PostgreSQL \(version / 10000) has no GENERIC_PLAN: put values in place of $1... and press Enter")
                return []
            } catch {}
        }
        return start(&state, request, origin: "statement")
    }

    /// Starts an EXPLAIN (or asks first, for ANALYZE), after the safety rules had their say.
    /// The one entry point for every source of a plan.
    public static func start(_ state: inout AppState, _ request: ExplainRequest, origin: String) -> [Effect] {
        if state.plan.offline {
            error(&state, "no server (pgtriage plan FILE): nothing can be explained here")
            return []
        }
        if state.plan.running != nil {
            error(&state, "an EXPLAIN is already running (Esc cancels it)")
            return []
        }
        if request.analyze && state.readOnly {
            error(&state, "read-only mode (--read-only): EXPLAIN ANALYZE executes the statement, refused; e explains without running it")
            return []
        }
        guard let version = state.serverInfo?.versionNum else {
            error(&state, "not connected: cannot explain yet")
            return []
        }
        do {
            _ = try request.prepare(serverVersion: version)
        } catch let refusal as ExplainRefusal {
            error(&state, refusal.message)
            return []
        } catch {
            ExplainFlow.error(&state, "\(error)")
            return []
        }
        if request.analyze {
            state.plan.pendingAnalyze = PendingAnalyze(request: request, origin: origin)
            return []
        }
        return run(&state, request, origin: origin)
    }

    static func run(_ state: inout AppState, _ request: ExplainRequest, origin: String) -> [Effect] {
        state.plan.running = RunningExplain(request: request, origin: origin, startedAt: state.now)
        state.status = nil
        return [.explain(.run(request))]
    }

    /// `e` / `a` on a backend (Activity, Locks, or its detail view).
    static func explainBackend(_ state: inout AppState, analyze: Bool) -> [Effect] {
        var backend: BackendActivity?
        var fullText: String??
        var cutByServer = false
        if let detail = state.detail {
            backend = state.snapshot?.backend(pid: detail.pid) ?? detail.lastSeen
            if backend?.query == detail.lastSeen.query {
                fullText = detail.fullQuery
                cutByServer = detail.fullQueryCutByServer
            }
        } else if let pid = state.selectedPid {
            backend = state.snapshot?.backend(pid: pid)
            if backend == nil {
                error(&state, "pid \(pid) is not visible in pg_stat_activity")
                return []
            }
        }
        guard let b = backend else {
            error(&state, "nothing selected to explain")
            return []
        }
        if state.plan.offline { return start(&state, request(sql: b.query, database: b.database, analyze: analyze), origin: "pid \(b.pid)") }
        if Format.oneLine(b.query).isEmpty {
            error(&state, "pid \(b.pid) has no query text to explain")
            return []
        }
        var sql = b.query
        if b.queryIsCut {
            switch fullText {
            case .some(.some(let text)) where !cutByServer:
                sql = text
            case .some(.some):
                error(&state, cutMessage)
                return []
            default:
                if state.plan.running != nil {
                    error(&state, "an EXPLAIN is already running (Esc cancels it)")
                    return []
                }
                state.plan.waitingForText = PendingQueryText(pid: b.pid, database: b.database, analyze: analyze)
                info(&state, "reading the whole query text of pid \(b.pid)…")
                return [.fetchQueryText(pid: b.pid)]
            }
        }
        return start(&state, request(sql: sql, database: b.database, analyze: analyze), origin: "pid \(b.pid)")
    }

    /// The whole text of a query arrived (`.queryText`): explain it, unless the server cut it.
    static func queryTextArrived(_ state: inout AppState, pid: Int32, text: String?, cutByServer: Bool) -> [Effect] {
        guard let waiting = state.plan.waitingForText, waiting.pid == pid else { return [] }
        state.plan.waitingForText = nil
        guard let text else {
            error(&state, "pid \(pid) has ended: nothing to explain")
            return []
        }
        if cutByServer {
            error(&state, cutMessage)
            return []
        }
        return start(&state, request(sql: text, database: waiting.database, analyze: waiting.analyze), origin: "pid \(pid)")
    }

    /// `.explainFinished`: show the plan (and switch to the Plan pane), or say what went wrong.
    static func finished(_ state: inout AppState, _ result: Result<ExplainResult, ExplainError>) -> [Effect] {
        let running = state.plan.running
        state.plan.running = nil
        let origin = running?.origin ?? "query"
        switch result {
        case .success(let r):
            let database = r.request.database ?? connectionDatabase(state)
            let source = origin + (database.map { " in \($0)" } ?? "") + (r.usedGenericPlan ? " (generic plan)" : "")
            state.plan.show(PlanDocument(plan: r.plan, analysis: r.analysis, source: source, request: r.request))
            state.pane = .plan
            state.detail = nil
            let time = r.plan.executionTime.map { "execution " + PlanRows.ms($0) } ?? "estimates only: a runs ANALYZE"
            info(&state, "plan of \(origin): \(r.analysis.findings.count) finding" + (r.analysis.findings.count == 1 ? "" : "s") + ", \(time)")
        case .failure(.cancelled):
            info(&state, "EXPLAIN of \(origin) cancelled (rolled back)")
        case .failure(.refused(let refusal)):
            error(&state, refusal.message)
        case .failure(.server(let pgError)):
            error(&state, "EXPLAIN of \(origin) failed: \(pgError.description)")
        case .failure(let other):
            error(&state, other.description)
        }
        return []
    }

    // MARK: - Keys

    /// Keys that are EXPLAIN's or the plan browser's; nil lets the console handle the key.
    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
        if state.plan.input != nil { return inputKey(&state, key) }
        if let pending = state.plan.pendingAnalyze {
            state.plan.pendingAnalyze = nil
            if key == .char("y") || key == .char("Y") { return run(&state, pending.request, origin: pending.origin) }
            info(&state, "EXPLAIN ANALYZE not run")
            return []
        }
        if state.plan.searchEditing { return searchKey(&state, key) }
        if state.filterEditing { return nil }
        if let running = state.plan.running {
            let noOverlay = state.detail == nil && state.plan.detail == nil
            if key == .ctrl("c") || (key == .escape && noOverlay) {
                if !running.cancelling {
                    state.plan.running?.cancelling = true
                    return [.explain(.cancel)]
                }
                return []
            }
        }
        if state.pane == .plan, state.plan.detail != nil, state.detail == nil { return nodeDetailKey(&state, key) }
        switch key {
        case .char("e"), .char("a"):
            let analyze = key == .char("a")
            if state.detail != nil || state.pane == .activity || state.pane == .locks {
                return explainBackend(&state, analyze: analyze)
            }
            if state.pane == .statements {
                return analyze ? nil : explainSelectedStatement(&state)
            }
            if state.pane == .plan {
                guard let document = state.plan.document else {
                    error(&state, "no plan to run again: e on a query in Activity or Locks, or x")
                    return []
                }
                guard var request = document.request else {
                    error(&state, "this plan came from a file: nothing to run again")
                    return []
                }
                request.analyze = analyze
                request.wal = analyze
                if analyze { request.genericPlan = false }
                return start(&state, request, origin: document.source.firstRange(of: " in ").map { String(document.source[..<$0.lowerBound]) } ?? document.source)
            }
            return nil
        case .char("x"):
            guard state.detail == nil, state.pane != .statements, state.pane != .bloat else { return nil }
            if state.plan.offline {
                error(&state, "no server (pgtriage plan FILE): nothing can be explained here")
                return []
            }
            state.plan.input = ExplainInput()
            return []
        default:
            break
        }
        if state.plan.offline {
            switch key {
            case .char("1"), .char("2"), .char("3"), .char("4"), .tab, .backTab, .char("r"), .char("p"), .function(5):
                error(&state, "offline (pgtriage plan FILE): only the Plan pane, no server")
                return []
            default: break
            }
        }
        guard state.pane == .plan, state.detail == nil else { return nil }
        return planKey(&state, key)
    }

    static func inputKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var input = state.plan.input else { return [] }
        switch key {
        case .char(let c):
            if input.editingDatabase { input.database.append(c) } else { input.text.append(c) }
        case .backspace, .delete:
            if input.editingDatabase { if !input.database.isEmpty { input.database.removeLast() } }
            else if !input.text.isEmpty { input.text.removeLast() }
        case .ctrl("u"):
            if input.editingDatabase { input.database = "" } else { input.text = "" }
        case .tab, .backTab:
            input.editingDatabase.toggle()
        case .ctrl("a"), .function(2):
            input.analyze.toggle()
        case .escape, .ctrl("c"):
            state.plan.input = nil
            return []
        case .enter:
            if input.editingDatabase {
                input.editingDatabase = false
                break
            }
            state.plan.input = nil
            let database = String(input.database.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
            let effects = start(&state, request(sql: input.text, database: database.isEmpty ? nil : database, analyze: input.analyze),
                                origin: "typed SQL")
            if state.plan.running == nil && state.plan.pendingAnalyze == nil {
                state.plan.input = input  // refused: the text stays, to be fixed
            }
            return effects
        default:
            break
        }
        state.plan.input = input
        return []
    }

    // MARK: plan pane

    static func rows(_ state: AppState) -> [PlanRow] {
        guard let document = state.plan.document else { return [] }
        return PlanRows.rows(document.plan, collapsed: state.plan.collapsed)
    }

    /// Keeps the selection on a visible row and in view.
    static func normalize(_ state: inout AppState) {
        let rows = rows(state)
        guard !rows.isEmpty else { return }
        var index = rows.firstIndex { $0.id == state.plan.selected }
        if index == nil {
            // Hidden under a collapsed node: its nearest visible ancestor.
            if let document = state.plan.document, state.plan.selected < document.plan.nodes.count {
                for ancestor in document.plan.ancestors(of: state.plan.selected) {
                    if let i = rows.firstIndex(where: { $0.id == ancestor }) { index = i; break }
                }
            }
        }
        let i = index ?? 0
        state.plan.selected = rows[i].id
        state.plan.scroll = Table.scrollOffset(selected: i, offset: state.plan.scroll, rowCount: rows.count,
                                               visibleRows: PlanPane.treeRows(state))
    }

    static func move(_ state: inout AppState, by delta: Int) {
        let rows = rows(state)
        guard !rows.isEmpty else { return }
        let current = rows.firstIndex { $0.id == state.plan.selected } ?? 0
        let target = delta >= 0 ? (current > Int.max - delta ? rows.count - 1 : current + delta)
                                : (current < Int.min - delta ? 0 : current + delta)
        state.plan.selected = rows[min(max(0, target), rows.count - 1)].id
        normalize(&state)
    }

    /// Selects a node, expanding what hides it.
    static func reveal(_ state: inout AppState, _ id: Int) {
        guard let document = state.plan.document, id >= 0, id < document.plan.nodes.count else { return }
        state.plan.collapsed.subtract(document.plan.ancestors(of: id))
        state.plan.selected = id
        normalize(&state)
    }

    static func planKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
        guard let document = state.plan.document else { return nil }
        let plan = document.plan
        let page = PlanPane.treeRows(state)
        if state.plan.findingsFocused { if let effects = findingsKey(&state, key) { return effects } }
        let id = state.plan.selected
        let node = plan.nodes[min(max(0, id), plan.nodes.count - 1)]
        switch key {
        case .up: move(&state, by: -1)
        case .down, .char("j"): move(&state, by: 1)
        case .pageUp: move(&state, by: -page)
        case .pageDown: move(&state, by: page)
        case .home: move(&state, by: Int.min / 2)
        case .end: move(&state, by: Int.max / 2)
        case .left:
            if !node.childIDs.isEmpty && !state.plan.collapsed.contains(id) {
                state.plan.collapsed.insert(id)
            } else if let parent = node.parentID {
                state.plan.selected = parent
            }
        case .right:
            if state.plan.collapsed.contains(id) {
                state.plan.collapsed.remove(id)
            } else if let first = node.childIDs.first {
                state.plan.selected = first
            }
        case .char("-"), .char("_"):
            if !node.childIDs.isEmpty { state.plan.collapsed.insert(id) }
        case .char("+"), .char("="):
            state.plan.collapsed.remove(id)
        case .char(" "):
            if state.plan.collapsed.contains(id) { state.plan.collapsed.remove(id) }
            else if !node.childIDs.isEmpty { state.plan.collapsed.insert(id) }
        case .char("*"):
            state.plan.collapsed = []
        case .enter, .char("d"):
            state.plan.detail = PlanNodeDetailState(nodeID: id)
        case .char("f"):
            guard !document.analysis.findings.isEmpty else {
                info(&state, plan.isAnalyzed ? "no findings in this plan" : "no findings: plain EXPLAIN has no times or rows (a runs ANALYZE)")
                return []
            }
            state.plan.findingsShown = true
            state.plan.findingsFocused = true
            if let i = document.analysis.findings.firstIndex(where: { $0.nodeID == id }) { state.plan.findingIndex = i }
            state.plan.findingIndex = min(state.plan.findingIndex, document.analysis.findings.count - 1)
            reveal(&state, document.analysis.findings[state.plan.findingIndex].nodeID)
        case .char("F"):
            state.plan.findingsShown.toggle()
            state.plan.findingsFocused = false
        case .char("/"):
            state.plan.searchEditing = true
            state.plan.search = ""
            state.plan.searchOrigin = id
        case .char("n"), .char("N"):
            guard !state.plan.search.isEmpty else {
                info(&state, "no search: / searches node titles and conditions")
                return []
            }
            jumpToMatch(&state, after: id, forward: key == .char("n"), including: false)
        case .char("w"):
            return [.explain(.save(document))]
        case .escape:
            if !state.plan.search.isEmpty {
                state.plan.search = ""
                return []
            }
            return nil
        default:
            return nil
        }
        normalize(&state)
        return []
    }

    static func findingsKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
        guard let document = state.plan.document else { return nil }
        let findings = document.analysis.findings
        guard !findings.isEmpty else {
            state.plan.findingsFocused = false
            return nil
        }
        let page = PlanPane.findingRows(state)
        var index = state.plan.findingIndex
        switch key {
        case .up: index -= 1
        case .down, .char("j"): index += 1
        case .pageUp: index -= page
        case .pageDown: index += page
        case .home: index = 0
        case .end: index = findings.count - 1
        case .enter:
            state.plan.findingsFocused = false
            reveal(&state, findings[min(max(0, index), findings.count - 1)].nodeID)
            return []
        case .escape, .char("f"):
            state.plan.findingsFocused = false
            return []
        default:
            return nil
        }
        index = min(max(0, index), findings.count - 1)
        state.plan.findingIndex = index
        let rows = PlanPane.findingRows(state)
        state.plan.findingsScroll = Table.scrollOffset(selected: index, offset: state.plan.findingsScroll,
                                                       rowCount: findings.count, visibleRows: rows)
        reveal(&state, findings[index].nodeID)
        return []
    }

    static func nodeDetailKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
        guard var detail = state.plan.detail, let document = state.plan.document else { return nil }
        let page = max(1, state.height - 6)
        switch key {
        case .escape, .enter, .char("q"), .char("d"), .backspace:
            state.plan.detail = nil
            return []
        case .ctrl("c"), .function(10), .char("?"), .function(1):
            return nil
        default:
            guard let scrolled = DetailScroll.moved(detail.scroll, by: key, page: page) else { return [] }
            detail.scroll = scrolled
        }
        detail.scroll = max(0, min(detail.scroll, PlanNodeDetail.maxScroll(document, detail, width: state.width, height: state.height)))
        state.plan.detail = detail
        return []
    }

    static func searchKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        switch key {
        case .char(let c):
            state.plan.search.append(c)
            jumpToMatch(&state, after: state.plan.searchOrigin, forward: true, including: true)
        case .backspace, .delete:
            if !state.plan.search.isEmpty { state.plan.search.removeLast() }
            jumpToMatch(&state, after: state.plan.searchOrigin, forward: true, including: true)
        case .ctrl("u"):
            state.plan.search = ""
        case .enter:
            state.plan.searchEditing = false
            if let document = state.plan.document, !state.plan.search.isEmpty,
               PlanRows.matches(document.plan, search: state.plan.search).isEmpty {
                error(&state, "no node matches \"\(state.plan.search)\"")
            }
        case .escape, .ctrl("c"):
            state.plan.search = ""
            state.plan.searchEditing = false
        default:
            break
        }
        return []
    }

    /// Selects the next (or previous) node matching the search, in plan order, wrapping around.
    static func jumpToMatch(_ state: inout AppState, after id: Int, forward: Bool, including: Bool) {
        guard let document = state.plan.document else { return }
        let matches = PlanRows.matches(document.plan, search: state.plan.search)
        guard !matches.isEmpty else { return }
        let target: Int
        if forward {
            target = matches.first { including ? $0 >= id : $0 > id } ?? matches[0]
        } else {
            target = matches.last { including ? $0 <= id : $0 < id } ?? matches[matches.count - 1]
        }
        reveal(&state, target)
    }
}
