@testable import PGTriageUI

import Testing

/// Compares a screen line by line, as ratatui's `assert_buffer_lines` does; on a mismatch it
/// records one issue that shows both whole screens, the differing lines marked.
func expectScreen(_ actual: [String], _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    guard actual != expected else { return }
    let rows = max(actual.count, expected.count)
    var report = ["screen differs (\(actual.count) lines, expected \(expected.count)); > marks the lines that differ"]
    report.append("expected:")
    for i in 0..<rows {
        let e = i < expected.count ? expected[i] : "<none>"
        let a = i < actual.count ? actual[i] : "<none>"
        report.append((e == a ? "  " : "> ") + String(format2(i)) + "|" + e)
    }
    report.append("actual:")
    for i in 0..<rows {
        let e = i < expected.count ? expected[i] : "<none>"
        let a = i < actual.count ? actual[i] : "<none>"
        report.append((e == a ? "  " : "> ") + String(format2(i)) + "|" + a)
    }
    Issue.record(Comment(rawValue: report.joined(separator: "\n")), sourceLocation: sourceLocation)
}

private func format2(_ n: Int) -> String { n < 10 ? " \(n)" : "\(n)" }

/// The header of the fixture state (`Fixtures.state()`) at 80 columns: the one copy of it.
/// Eight whole tabs do not fit 80 columns: they show the panes' short titles.
enum ScreenHeader {
    static let lines: [String] = [
        " triage@db1:5432/shop  PostgreSQL 15.18  up 3d04h         every 2s  data 0s ago",
        " conn 12/100  active 3  idle-xact 1  waiting 2  tps 154.3  cache 99.1%",
        "  1 Act   2 Lock   3 Stmt   4 Bloat   5 Plan   6 Idx   7 Tbl   8 Repl",
    ]
}
