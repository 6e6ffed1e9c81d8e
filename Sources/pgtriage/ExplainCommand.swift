import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import PGTriageCore
import PGTriageUI

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print the plan of one statement (EXPLAIN; with --analyze, run inside BEGIN ... ROLLBACK).",
        discussion: """
            Plain EXPLAIN never executes the statement. --analyze executes it inside a transaction that \
            is always rolled back, with its own statement_timeout: no row changes, but sequences still \
            advance. Statements that cannot run in a transaction block (VACUUM, CREATE INDEX \
            CONCURRENTLY, ...) and texts with several statements are refused. A text with $1... gets \
            a generic plan on 16+ (without --analyze), or takes values with --param. \
            --what-if proposes indexes for every Seq Scan with a Filter and, where the hypopg \
            extension is installed in the database, tries each as a hypothetical index with plain \
            EXPLAIN (nothing is built; no other session sees it).
            """
    )

    @Argument(help: "The statement to explain (or --file).")
    var sql: String?

    @Option(name: .customLong("file"), help: "Read the statement from FILE ('-' for standard input).")
    var file: String?

    @Flag(help: "Execute the statement (rolled back) and show actual times and rows.")
    var analyze = false

    @Flag(help: "Show buffer usage.")
    var buffers = false

    @Flag(help: "Show WAL usage (with --analyze).")
    var wal = false

    @Flag(help: "Show planner settings changed from their defaults.")
    var settings = false

    @Flag(help: "EXPLAIN VERBOSE: output columns and schema-qualified names.")
    var verbose = false

    @Flag(name: .customLong("what-if"), help: "Propose indexes for the scans that filter rows and try them with HypoPG (plain EXPLAIN only).")
    var whatIf = false

    @Option(help: "Output format: text or json.")
    var format: String = "text"

    @Option(name: .customLong("param"), help: "A value for $1, $2, ... (repeat in order).")
    var parameters: [String] = []

    @Option(help: "statement_timeout for the EXPLAIN, in seconds.")
    var timeout: Double = 30

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        guard let chosen = ExplainFormat(rawValue: format.lowercased()) else {
            throw UsageFailure("--format must be text or json")
        }
        guard timeout > 0 && timeout <= 86_400 else { throw UsageFailure("--timeout must be between 0 and 86400 seconds") }
        var connection = self.connection
        let text: String
        if let file {
            // With --file, a lone positional is the connection target, as with the other commands.
            if let sql, connection.target == nil { connection.target = sql }
            else if sql != nil { throw UsageFailure("give the statement either as an argument or with --file, not both") }
            guard let data = file == "-" ? readStandardInput() : FileSystem.read(file).map({ String(decoding: $0, as: UTF8.self) }) else {
                throw UsageFailure("cannot read \(file)")
            }
            text = data
        } else if let sql {
            text = sql
        } else {
            throw UsageFailure("give the statement to explain, or --file FILE")
        }
        if whatIf && analyze { throw UsageFailure("--what-if runs plain EXPLAIN only (HypoPG's indexes exist for the planner, not for ANALYZE)") }
        var request = ExplainRequest(sql: text, analyze: analyze, buffers: buffers, wal: wal, settings: settings,
                                     verbose: verbose, format: chosen, parameters: parameters, statementTimeout: timeout)
        if whatIf { request = request.asWhatIf(.everyScan) }
        let runner = ExplainRunner(target: connection.connectionTarget)
        defer { runner.close() }
        if analyze {
            // Said at run time, on stderr (the plan stays alone on stdout for scripts).
            writeStandardError("pgtriage: EXPLAIN ANALYZE executes the statement inside BEGIN ... ROLLBACK: the rows it changes are "
                + "rolled back, but \(ExplainRequest.rollbackDoesNotUndo)")
        }
        do {
            let result = try runner.run(request)
            if let report = result.whatIf {
                print(chosen == .json ? report.jsonText : Sanitizer.cleanLines(report.lines.joined(separator: "\n")), terminator: chosen == .json ? "" : "\n")
            } else {
                // JSON escapes what a terminal acts on (cleaning would change the names it holds).
                print(chosen == .json ? JSONValue.escapingTerminalControls(result.output) : Sanitizer.cleanLines(result.output))
            }
        } catch {
            throw UsageFailure("\(error)")
        }
    }
}

/// All of standard input as text.
func readStandardInput() -> String? {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if count < 0 { return nil }
        if count == 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
}
