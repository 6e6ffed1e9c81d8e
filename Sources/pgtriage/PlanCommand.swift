import ArgumentParser
import PGTriageCore
import PGTriageUI
#if canImport(Glibc)
import Glibc
#endif

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Analyse a saved plan, offline (no server needed).",
        discussion: """
            FILE holds EXPLAIN output: FORMAT JSON, YAML or XML, the default text format, psql's output \
            of any of them (any border, line style, expanded, wrapped, unaligned, CSV), lines quoted by \
            a GUI client, or auto_explain's log entries, log prefix and all. '-' reads standard input. \
            --print writes the analysed tree (self time and share, rows estimated vs actual, loops, \
            buffers) and the findings; --json the same as JSON (docs/explain.md). An input with \
            several plans (rules, nested statements in a log) prints each; --json then prints an array.
            """
    )

    @Argument(help: "The plan file ('-' for standard input).")
    var file: String

    @Flag(name: .customLong("print"), help: "Print the analysed plan instead of opening the browser.")
    var printReport = false

    @Flag(help: "With --print: JSON instead of text.")
    var json = false

    @Option(help: "Theme name (themes/NAME.toml) or path to a theme file (the browser).")
    var theme: String?

    /// For bench/plan-parse (docs/performance.md): times reading and parsing, the analysis, and
    /// the browser's keys (headless, at 200x50), and prints them as "name value" lines.
    @Flag(help: .hidden)
    var measure = false

    func run() throws {
        let started = MonotonicClock.now()
        let plans: [Plan]
        do {
            plans = try PlanParser.loadAll(path: file)
        } catch {
            throw UsageFailure("\(file): \(error)")
        }
        let plan = plans[0]
        let parsed = MonotonicClock.now()
        let analysis = PlanAnalysis(plan: plan)
        let analyses = [analysis] + plans.dropFirst().map { PlanAnalysis(plan: $0) }
        if measure {
            Self.measure(plan, analysis, parseSeconds: parsed - started, analysisSeconds: MonotonicClock.now() - parsed)
            return
        }
        if json {
            // One plan: its report; several (rules, a log): an array of them, in input order.
            let reports = zip(plans, analyses).map { PlanReport.json($0, $1) }
            print(PlanReport.jsonText(reports.count == 1 ? reports[0] : .array(reports)), terminator: "")
            return
        }
        if printReport || isatty(0) == 0 || isatty(1) == 0 {
            if !printReport {
                // A script or a pipe: the browser needs a terminal; the printed report is what helps.
                writeStandardError("pgtriage: not a terminal: printing the analysed plan (as --print)")
            }
            for (index, (each, eachAnalysis)) in zip(plans, analyses).enumerated() {
                if plans.count > 1 { print((index > 0 ? "\n" : "") + "== plan \(index + 1) of \(plans.count)") }
                print(Sanitizer.cleanLines(PlanReport.text(each, eachAnalysis)), terminator: "")
            }
            return
        }
        if file == "-" {  // (only reached on a terminal: a pipe on stdin printed above)
            throw UsageFailure("the browser needs the keyboard on standard input: give a file, or use --print")
        }
        let source = "file " + Self.baseName(file)
        try browse(zip(plans, analyses).map { PlanDocument(plan: $0, analysis: $1, source: source) })
    }

    /// `--measure`: "nodes N", "parse_ms", "analysis_ms", "browser_open_ms" (the document and
    /// its first frame), then for each kind of key the worst time of a key and its frame.
    static func measure(_ plan: Plan, _ analysis: PlanAnalysis, parseSeconds: Double, analysisSeconds: Double) {
        func ms(_ seconds: Double) -> String { PlanText.fixed(seconds * 1000, 1) }
        print("nodes \(plan.nodes.count)")
        print("parse_ms \(ms(parseSeconds))")
        print("analysis_ms \(ms(analysisSeconds))")
        var start = MonotonicClock.now()
        var state = AppState.offlinePlan(PlanDocument(plan: plan, analysis: analysis, source: "file"), label: "plan", width: 200, height: 50)
        _ = view(state)
        print("browser_open_ms \(ms(MonotonicClock.now() - start))")
        // The last node's title, as a search: the search that goes furthest.
        let needle = String(plan.nodes[plan.nodes.count - 1].title.suffix(12))
        let steps: [(String, [Key])] = [
            ("down", Array(repeating: .down, count: 20)), ("page_down", Array(repeating: .pageDown, count: 5)),
            ("end", [.end]), ("home", [.home]), ("down", [.down]),
            ("fold", [.char("-")]), ("unfold", [.char("+")]), ("fold_all", [.home, .left]), ("unfold_all", [.char("*")]),
            ("search_typing", [.char("/")] + needle.map { Key.char($0) } + [.enter]), ("search_next", [.char("n"), .char("N"), .char("n")]),
        ]
        var worst: [(String, Double)] = []
        for (name, keys) in steps {
            for key in keys {
                start = MonotonicClock.now()
                _ = update(&state, .key(key))
                _ = view(state)
                let took = MonotonicClock.now() - start
                if let i = worst.firstIndex(where: { $0.0 == name }) { worst[i].1 = max(worst[i].1, took) } else { worst.append((name, took)) }
            }
        }
        for (name, took) in worst { print("key_ms_\(name) \(ms(took))") }
        print("key_ms_worst \(ms(worst.map(\.1).max() ?? 0))")
    }

    static func baseName(_ path: String) -> String {
        path == "-" ? "standard input" : String(path.split(separator: "/").last ?? Substring(path))
    }

    /// The plan browser on its own: the console with no server behind it, on the Plan pane.
    func browse(_ documents: [PlanDocument]) throws {
        let shutdown = ShutdownSignal()
        SignalWatcher.install { _ in shutdown.request() }
        let backend = try ThemeHelper.openTerminal(theme: theme)
        let label = "plan " + Self.baseName(file)
        let runtime = ConsoleRuntime(backend: backend, service: OfflineService(),
                                     state: AppState.offlinePlans(documents, label: label))
        runtime.start()
        while !shutdown.wait(seconds: 0) && runtime.step(timeoutMilliseconds: 250) {}
        runtime.finish()
        backend.shutdown()
    }
}

/// No server: the offline plan browser's service does nothing (update refuses EXPLAINs there).
final class OfflineService: ConsoleService, Sendable {
    func start(events: @escaping @Sendable (ServiceEvent) -> Void) {}
    func setPaused(_ paused: Bool) {}
    func setInterval(seconds: Double) {}
    func refreshNow() {}
    func send(_ signal: BackendSignal, to pids: [Int32]) {}
    func fetchQueryText(pid: Int32) {}
    /// Never asked: `update` refuses EXPLAIN without a server and says so.
    func explain(_ request: ExplainRequest) {}
    /// Nothing runs, so nothing to cancel.
    func cancelExplain() {}
    /// The plan browser has no Statements pane to ask for a text.
    func fetchStatementText(key: StatementKey) {}
    /// The plan browser has no Bloat pane to ask for exact figures.
    func fetchExactBloat(oid: UInt32) {}
    /// Nothing runs, so nothing to cancel.
    func cancelExactBloat() {}
    /// There is no server to assess (the key is refused offline).
    func writeReport(directory: String) {}
    /// There are no refreshes for a scope to narrow.
    func setScope(_ scope: SnapshotScope) {}
    func stop() {}
}
