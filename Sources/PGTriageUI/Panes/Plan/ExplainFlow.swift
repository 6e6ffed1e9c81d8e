#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

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

    /// `e` on the Statements pane: the selected statement's normalised text in its database
    /// (ANALYZE is not offered: its `$n` have no values). A text the list has cut is explained
    /// only once its whole text was read (Enter reads it).
    static func explainSelectedStatement(_ state: inout AppState) -> [Effect] {
        guard let (text, database) = selectedStatementText(&state, key: "e") else { return [] }
        return explainStatement(&state, query: text, database: database)
    }

    /// `a` on the Statements pane: ANALYZE runs the statement, so its `$n` need values: the SQL
    /// line opens with the text and ANALYZE on, for the DBA to put values in (Enter then asks
    /// `y`). A text without parameters is asked for at once.
    static func analyzeSelectedStatement(_ state: inout AppState) -> [Effect] {
        guard let (text, database) = selectedStatementText(&state, key: "a") else { return [] }
        if text.contains("$1") {
            state.plan.input = ExplainInput(text: text, database: database ?? "", analyze: true)
            error(&state, "EXPLAIN ANALYZE runs the statement: put values in place of $1... and press Enter")
            return []
        }
        return start(&state, request(sql: text, database: database, analyze: true), origin: "statement")
    }

    /// The selected statement's whole text and database; nil (with a message) when the list
    /// has it cut and its whole text was not read yet.
    private static func selectedStatementText(_ state: inout AppState, key: String) -> (String, String?)? {
        guard let row = state.selectedStatement else { return nil }
        var text: String? = row.stats.queryIsCut ? nil : row.stats.query
        if let detail = state.statements.detail, detail.key == row.stats.key, case .some(.some(let full)) = detail.fullText {
            text = full
        }
        guard let text else {
            error(&state, "the list shows this statement cut: Enter reads its whole text, then \(key) explains it")
            return nil
        }
        return (text, row.stats.database)
    }

    /// Explains a statement's normalised text in `database`. Before 16 a text with `$n` cannot
    /// be planned without values: the SQL input opens with the text, for the user to put values
    /// in place of the parameters.
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
        if state.replay != nil {
            error(&state, "\(ReplayKeys.noServer): nothing can be explained here")
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
        case .success(let r) where r.whatIf != nil:
            if let report = r.whatIf { PlanWhatIf.arrived(&state, report, nodeID: running?.whatIfNode) }
        case .success(let r):
            let database = r.request.database ?? connectionDatabase(state)
            let source = origin + (database.map { " in \($0)" } ?? "") + (r.usedGenericPlan ? " (generic plan)" : "")
            // A plan captured in a recording, reached by stepping the replay: the Plan pane has
            // it, the pane on screen stays.
            let recorded = state.replay != nil
            let shown = (recorded ? "recorded " : "") + source
            state.plan.show(all: [PlanDocument(plan: r.plan, analysis: r.analysis, source: shown, request: r.request)]
                + r.otherPlans.map { PlanDocument(plan: $0, source: shown, request: r.request) })
            if recorded {
                info(&state, "a plan captured in the recording: \(Pane.plan.number) Plan shows it")
                return []
            }
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

    // MARK: plan pane

    /// The visible rows (kept by the document until the collapsed set changes: a key that only
    /// moves does not rebuild them).
    static func visible(_ state: AppState) -> PlanDocument.VisibleRows? {
        state.plan.document?.visibleRows(collapsed: state.plan.collapsed)
    }

    static func rows(_ state: AppState) -> [PlanRow] { visible(state)?.rows ?? [] }

    /// Where a node is among the visible rows, nil when hidden (or no such node).
    static func rowIndex(_ visible: PlanDocument.VisibleRows, of id: Int) -> Int? {
        guard id >= 0, id < visible.indexOfNode.count, visible.indexOfNode[id] >= 0 else { return nil }
        return visible.indexOfNode[id]
    }

    /// Keeps the selection on a visible row and in view.
    static func normalize(_ state: inout AppState) {
        guard let visible = visible(state), !visible.rows.isEmpty else { return }
        let rows = visible.rows
        var index = rowIndex(visible, of: state.plan.selected)
        if index == nil {
            // Hidden under a collapsed node: its nearest visible ancestor.
            if let document = state.plan.document, state.plan.selected >= 0, state.plan.selected < document.plan.nodes.count {
                for ancestor in document.plan.ancestors(of: state.plan.selected) {
                    if let i = rowIndex(visible, of: ancestor) { index = i; break }
                }
            }
        }
        let i = index ?? 0
        state.plan.selected = rows[i].id
        state.plan.scroll = Table.scrollOffset(selected: i, offset: state.plan.scroll, rowCount: rows.count,
                                               visibleRows: PlanPane.treeRows(state))
    }

    static func move(_ state: inout AppState, by delta: Int) {
        guard let visible = visible(state), !visible.rows.isEmpty else { return }
        let rows = visible.rows
        let current = rowIndex(visible, of: state.plan.selected) ?? 0
        state.plan.selected = rows[stepped(current, by: delta, count: rows.count)].id
        normalize(&state)
    }

    /// Selects a node, expanding what hides it.
    static func reveal(_ state: inout AppState, _ id: Int) {
        guard let document = state.plan.document, id >= 0, id < document.plan.nodes.count else { return }
        state.plan.collapsed.subtract(document.plan.ancestors(of: id))
        state.plan.selected = id
        normalize(&state)
    }

    /// Selects the next (or previous) node matching the search, in plan order, wrapping around.
    static func jumpToMatch(_ state: inout AppState, after id: Int, forward: Bool, including: Bool) {
        guard let document = state.plan.document else { return }
        let matches = document.matches(state.plan.search)
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
