import ArgumentParser
import PGTriageCore
import PGTriageUI
#if canImport(FoundationEssentials)
import FoundationEssentials
#endif

extension ReportFormatKind: ExpressibleByArgument {}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the Database Architecture Assessment of the connected server (markdown or JSON; docs/report.md).",
        discussion: """
            Read-only, from catalog views, on a monitoring session with its statement and lock \
            timeouts. Works with pg_monitor; what the role could not check is listed in the report.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "markdown or json.")
    var format: ReportFormatKind = .markdown

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: "Seconds over which the wait-event mix is sampled (0: one sample).")
    var sample: Double = 3

    @Flag(help: "Print how long each part of the gathering took on stderr.")
    var timings = false

    func validate() throws {
        guard sample >= 0, sample <= 600 else { throw ValidationError("--sample must be between 0 and 600 seconds") }
    }

    func run() throws {
        let conn = try PGConnection(target: connection.connectionTarget, role: .monitor, openingQuery: Catalog.serverInfo)
        defer { conn.close() }
        let started = MonotonicClock.now()
        let facts = try ReportGatherer(sampleSeconds: sample).gather(conn)
        if timings {
            let parts = facts.partMilliseconds.map { "\($0.0) \(Int($0.1.rounded())) ms" }.joined(separator: ", ")
            writeStandardError("pgtriage: gathered in \(Int(((MonotonicClock.now() - started) * 1000).rounded())) ms: \(parts)")
        }
        let text = try format.render(ReportChecks.build(facts))
        if let output {
            do {
                try FileSystem.write(Data(text.utf8), to: output, mode: 0o600)  // as ReportFile.write
            } catch {
                throw UsageFailure("could not write the report: \(error)")
            }
            writeStandardError("pgtriage: report written to \(output)")
        } else {
            // JSON escapes what a terminal acts on already; markdown is cleaned line by line.
            let shown = format == .json ? text : Sanitizer.cleanLines(text)
            print(shown, terminator: shown.hasSuffix("\n") ? "" : "\n")
        }
    }
}
