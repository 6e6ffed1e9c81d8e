import ArgumentParser
import PGTriageCore

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Analyse a saved plan, offline (no server needed).",
        discussion: """
            FILE holds EXPLAIN output: FORMAT JSON, the same pasted from psql, the default text format \
            (as psql prints it or auto_explain logs it, log prefix and all). '-' reads standard input. \
            --print writes the analysed tree (self time and share, rows estimated vs actual, loops, \
            buffers) and the findings; --json the same as JSON (docs/explain.md).
            """
    )

    @Argument(help: "The plan file ('-' for standard input).")
    var file: String

    @Flag(name: .customLong("print"), help: "Print the analysed plan instead of opening the browser.")
    var printReport = false

    @Flag(help: "With --print: JSON instead of text.")
    var json = false

    func run() throws {
        let plan: Plan
        do {
            plan = try PlanParser.load(path: file)
        } catch {
            throw UsageFailure("\(file): \(error)")
        }
        let analysis = PlanAnalysis(plan: plan)
        if json {
            print(PlanReport.jsonText(PlanReport.json(plan, analysis)), terminator: "")
            return
        }
        if !printReport {
            writeStandardError("pgtriage: the plan browser is coming; printing the analysed plan meanwhile")
        }
        print(PlanReport.text(plan, analysis), terminator: "")
    }
}
