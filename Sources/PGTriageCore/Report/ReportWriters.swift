#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The report as markdown: the document's headings (`ReportChecks.headings`) and nothing else
/// at levels 1-3; each check is a level-4 heading with its Observations, Conclusions and
/// Recommendations. Server text in it is made one line and its table pipes escaped.
public enum ReportMarkdown {
    public static func render(_ report: Report) -> String {
        var out: [String] = ["# \(Report.title)", ""]
        out += header(report)
        for section in report.sections {
            out.append(String(repeating: "#", count: section.level) + " " + section.title)
            out.append("")
            if let introduction = section.introduction { out += [introduction, ""] }
            if section.checks.isEmpty && section.introduction == nil { out += ["Nothing to report here.", ""] }
            for check in section.checks { out += render(check) }
        }
        return withoutControls(out.joined(separator: "\n"))
    }

    /// Server text (a statement in its EXPLAIN, say) may carry escape sequences: every control
    /// character but the line break becomes a space, so the file is safe to `cat`.
    static func withoutControls(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let control = (scalar.value < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(scalar.value)
            out.append(control ? " " : scalar)
        }
        return String(out)
    }

    static func header(_ report: Report) -> [String] {
        let s = report.server
        let checks = report.sections.filter { $0.title != "Immediate Optimizations" && $0.title != "Implementation Roadmap" }.flatMap(\.checks)
        let tally = ReportPriority.allCases.map { p in "\(checks.count { $0.priority == p }) \(p.rawValue)" }.joined(separator: ", ")
        var lines = [
            "- **Server:** \(cell(s.target)) (\(s.inRecovery ? "standby" : "primary")), database \(cell(s.database))",
            "- **Version:** PostgreSQL \(cell(s.version)): \(s.support.status)\(s.support.priority.map { " (**\($0.rawValue)**)" } ?? "")",
            "- **Uptime:** \(ReportFormat.duration(s.uptimeSeconds))\(s.startedAt.map { " (started \(ReportFormat.time($0)))" } ?? "")",
            "- **Statistics:** " + (s.statisticsReset.map { "reset \(ReportFormat.time($0)), \(ReportFormat.duration(s.statisticsAgeSeconds)) ago" }
                ?? "never reset (they cover at least the uptime)")
                + (s.statisticsAreYoung ? ". **They cover less than 30 days: usage-based conclusions (unused indexes, scan shares) may change with a monthly job.**" : ""),
            "- **Role:** \(cell(s.role)) (\(s.privilegeSummary))" + (s.limitations.isEmpty ? "; nothing hidden from it." : "; it could not see:"),
        ]
        for limitation in s.limitations { lines.append("  - \(cell(limitation))") }
        lines.append("- **Generated:** \(ReportFormat.time(report.generatedAt)) by pgtriage \(PGTriageCoreVersion.string), read-only, from catalog views")
        lines.append("- **Findings:** \(tally)")
        lines.append("")
        return lines
    }

    static func render(_ check: ReportCheck) -> [String] {
        var out = ["#### \(check.title)\(check.priority.map { " [\($0.rawValue)]" } ?? "")", "", "Check `\(check.id)`.", ""]
        if check.id == "roadmap" {
            // The roadmap is its checklist; the SQL is under each check.
            out += check.observations.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
            out += ["", check.conclusions.joined(separator: " "), ""]
            return out
        }
        out += ["**Observations**", ""]
        for observation in check.observations {
            switch observation {
            case .text(let text): out += [text, ""]
            case .table(let table): out += render(table)
            }
        }
        out += ["**Conclusions**", ""]
        out += check.conclusions.map { "- " + $0 }
        out.append("")
        if !check.recommendations.isEmpty {
            out += ["**Recommendations**", ""]
            for (i, r) in check.recommendations.enumerated() {
                out.append("\(i + 1). \(check.priority.map { "[\($0.rawValue)] " } ?? "")\(r.text)")
                if let sql = r.doSQL { out += ["", "   ```sql"] + sql.split(separator: "\n").map { "   " + $0 } + ["   ```"] }
                if let sql = r.undoSQL { out += ["", "   Undo:", "", "   ```sql"] + sql.split(separator: "\n").map { "   " + $0 } + ["   ```"] }
            }
            out.append("")
        }
        return out
    }

    static func render(_ table: ReportTable) -> [String] {
        guard table.total > 0 else { return ["Nothing found.", ""] }
        var out = ["| " + table.columns.map(cell).joined(separator: " | ") + " |",
                   "|" + table.columns.map { _ in " --- " }.joined(separator: "|") + "|"]
        out += table.rows.map { "| " + $0.map(cell).joined(separator: " | ") + " |" }
        out.append("")
        if table.isCut { out += ["The list is limited to \(table.rows.count) of \(table.total) rows.", ""] }
        return out
    }

    /// One line, no control characters, pipes escaped: safe in a table cell.
    static func cell(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { out.append(" ") } else { out.unicodeScalars.append(scalar) }
        }
        return out.replacing("|", with: "\\|")
    }
}

/// The report as JSON (docs/report.md): `{generated_at, server, sections: [{title, checks: [{id,
/// title, priority, observations, conclusions, recommendations, objects}]}]}`.
public enum ReportJSON {
    public static func document(_ report: Report) -> JSONValue {
        .object([
            ("generated_at", .string(ISOTime.string(report.generatedAt))),
            ("server", server(report.server)),
            ("sections", .array(report.sections.map { section in
                .object([("title", .string(section.title)), ("checks", .array(section.checks.map(check)))])
            })),
        ])
    }

    static func server(_ s: ReportServer) -> JSONValue {
        .object([
            ("target", .string(s.target)), ("database", .string(s.database)), ("version", .string(s.version)),
            ("version_num", .integer(Int64(s.versionNum))),
            ("support", .object([
                ("status", .string(s.support.status)), ("priority", .optional(s.support.priority?.rawValue)),
                ("end_of_life", .optional(s.support.endOfLife.map(ReportFormat.day))),
                ("latest_known_minor", .optional(s.support.latestKnownMinor.map { "\(s.support.major).\($0)" })),
            ])),
            ("in_recovery", .bool(s.inRecovery)), ("started_at", .optional(s.startedAt)), ("uptime_seconds", .optional(s.uptimeSeconds)),
            ("statistics_reset", .optional(s.statisticsReset)), ("statistics_age_seconds", .optional(s.statisticsAgeSeconds)),
            ("statistics_young", .bool(s.statisticsAreYoung)),
            ("role", .string(s.role)),
            ("privileges", .object([("superuser", .bool(s.privileges.superuser)), ("pg_monitor", .bool(s.privileges.pgMonitor)),
                                    ("pg_read_all_stats", .bool(s.privileges.pgReadAllStats))])),
            ("limitations", .array(s.limitations.map(JSONValue.string))),
        ])
    }

    static func check(_ c: ReportCheck) -> JSONValue {
        .object([
            ("id", .string(c.id)), ("title", .string(c.title)), ("priority", .optional(c.priority?.rawValue)),
            ("observations", .array(c.observations.map { observation in
                switch observation {
                case .text(let text): return .object([("text", .string(text))])
                case .table(let t):
                    return .object([("columns", .array(t.columns.map(JSONValue.string))),
                                    ("rows", .array(t.rows.map { .array($0.map(JSONValue.string)) })),
                                    ("total", .integer(Int64(t.total)))])
                }
            })),
            ("conclusions", .array(c.conclusions.map(JSONValue.string))),
            ("recommendations", .array(c.recommendations.map { r in
                .object([("text", .string(r.text)), ("do_sql", .optional(r.doSQL)), ("undo_sql", .optional(r.undoSQL))])
            })),
            ("objects", .array(c.objects.map(JSONValue.string))),
        ])
    }
}

/// The two formats of `pgtriage report` (and of the console's report key).
public enum ReportFormatKind: String, Sendable, CaseIterable {
    case markdown
    case json

    public var fileExtension: String { self == .markdown ? "md" : "json" }

    public func render(_ report: Report) throws -> String {
        switch self {
        case .markdown: return ReportMarkdown.render(report)
        case .json: return try ReportJSON.document(report).encoded() + "\n"
        }
    }
}

/// Where the console's report key puts the report: a new file named after the database and
/// the server time, in the given folder.
public enum ReportFile {
    /// `pgtriage-report-demo-20261130-064212.md`.
    public static func name(database: String, at time: Date, format: ReportFormatKind) -> String {
        let iso = ISOTime.string(time)  // 2026-11-30T06:42:12.123Z
        let stamp = iso.prefix(10).replacing("-", with: "") + "-" + iso.dropFirst(11).prefix(8).replacing(":", with: "")
        let safe = String(database.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "_" })
        return "pgtriage-report-\(safe.isEmpty ? "server" : safe)-\(stamp).\(format.fileExtension)"
    }

    /// Writes the report into `directory` ("." is the current folder) and returns the file's
    /// absolute path.
    public static func write(_ report: Report, format: ReportFormatKind, directory: String) throws -> String {
        var folder = directory
        if !folder.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: 4096)
            if getcwd(&buffer, buffer.count) != nil {
                let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                folder = folder == "." || folder.isEmpty ? cwd : cwd + "/" + folder
            }
        }
        let path = folder + "/" + name(database: report.server.database, at: report.generatedAt, format: format)
        // Owner-only, as recordings and the audit log: it holds query texts and role names.
        try FileSystem.write(Data(try format.render(report).utf8), to: path, mode: 0o600)
        return path
    }
}
