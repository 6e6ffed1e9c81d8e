#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Saving a plan so it can be opened again offline (`pgtriage plan FILE`): EXPLAIN's JSON with the
/// query text in it (as auto_explain writes it), and the text format as psql prints it, with the
/// statement it echoes (`psql -e`) before the table. Both read back to the same tree.
public enum PlanFile {
    /// Writes `<base>.json` and `<base>.txt`; returns the two paths. `queryText`: the statement
    /// the plan is of, when the plan does not carry it already.
    @discardableResult
    public static func save(_ plan: Plan, queryText: String? = nil, to base: String) throws -> [String] {
        let stem = base.hasSuffix(".json") ? String(base.dropLast(5)) : (base.hasSuffix(".txt") ? String(base.dropLast(4)) : base)
        let paths = [stem + ".json", stem + ".txt"]
        var plan = plan
        if plan.queryText == nil, let queryText, !queryText.isEmpty {
            plan.properties.insert(("Query Text", .string(queryText)), at: 0)
        }
        try FileSystem.write(Data(json(plan).utf8), to: paths[0], mode: 0o600)
        try FileSystem.write(Data(psqlText(plan).utf8), to: paths[1], mode: 0o600)
        return paths
    }

    /// EXPLAIN (FORMAT JSON)'s document, from the tree (the query text first, as auto_explain).
    static func json(_ plan: Plan) -> String {
        var plan = plan
        plan.sourceFormat = .text  // rendered from the tree, whatever came in
        return PlanText.json(plan)
    }

    /// What psql prints for `EXPLAIN (options) query;` with `-e`: the statement, then the plan in
    /// the text format as an aligned table (border 1) titled QUERY PLAN, and the row count.
    public static func psqlText(_ plan: Plan) -> String {
        var out = ""
        if let query = plan.queryText?.trimmedPlanSpaces(), !query.isEmpty {
            out += explainStatement(plan) + " " + (query.hasSuffix(";") ? query : query + ";") + "\n"
        }
        var lines = PlanText.render(fromTree: plan).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        let title = "QUERY PLAN"
        let width = max(title.count, lines.map(\.displayWidthForPsql).max() ?? 0)
        let left = (width - title.count) / 2
        out += " " + String(repeating: " ", count: left) + title + String(repeating: " ", count: width - title.count - left) + " \n"
        out += String(repeating: "-", count: width + 2) + "\n"
        for line in lines { out += " " + line + "\n" }
        out += "(\(lines.count) \(lines.count == 1 ? "row" : "rows"))\n\n"
        return out
    }

    /// `EXPLAIN (ANALYZE, BUFFERS, VERBOSE, SETTINGS)` as far as the plan shows which were used.
    static func explainStatement(_ plan: Plan) -> String {
        var options: [String] = []
        if plan.isAnalyzed { options.append("ANALYZE") }
        if plan.nodes.contains(where: { $0.value("Output") != nil }) { options.append("VERBOSE") }
        if plan.nodes.contains(where: \.hasBuffers) { options.append("BUFFERS") }
        if plan.value("Settings") != nil { options.append("SETTINGS") }
        return options.isEmpty ? "EXPLAIN" : "EXPLAIN (" + options.joined(separator: ", ") + ")"
    }
}

extension String {
    /// Columns psql gives the text (wide characters take two); ASCII plans are the usual case.
    var displayWidthForPsql: Int {
        unicodeScalars.reduce(0) { width, scalar in
            let v = scalar.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
            return width + (wide ? 2 : 1)
        }
    }
}
