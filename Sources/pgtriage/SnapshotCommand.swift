import ArgumentParser
import PGTriageCore
#if canImport(Glibc)
import Glibc
#endif

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print one snapshot (activity, blocking trees, server summary) for scripts and tickets."
    )

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Print JSON (schema: docs/snapshot-json.md).")
    var json = false

    @Option(help: "Seconds between the two samples that give TPS and cache hit ratio (0: one sample, rates null).")
    var sample: Double = 1

    func run() throws {
        let conn = try PGConnection(target: connection.connectionTarget, role: .monitor)
        let info = try SnapshotReader.readServerInfo(conn)
        var reader = SnapshotReader(info: info, queryLength: 2048)
        var snapshot = try reader.read(conn)
        if sample > 0 {
            usleep(UInt32(min(sample, 60) * 1_000_000))
            snapshot = try reader.read(conn)
        }
        if json {
            print(try snapshot.json(target: conn.label).encoded())
        } else {
            print(SnapshotText.render(snapshot, target: conn.label))
        }
    }
}

/// A plain-text snapshot for a terminal or a ticket (and the demo until the console opens).
enum SnapshotText {
    static func render(_ snapshot: Snapshot, target: String) -> String {
        let now = snapshot.capturedAt
        let summary = snapshot.summary
        var lines: [String] = []
        let tps = summary.tps.map { String(Int($0.rounded())) } ?? "-"
        let hit = summary.cacheHitRatio.map { String(Int(($0 * 100).rounded())) + "%" } ?? "-"
        lines.append("\(target)  PostgreSQL \(snapshot.info.version)  connections \(summary.connections)/\(summary.maxConnections)  active \(summary.activeConnections)  idle-in-xact \(summary.idleInTransaction)  waiting \(summary.waitingOnLocks)  tps \(tps)  hit \(hit)")
        for (section, reason) in snapshot.limitations.sorted(by: { $0.key < $1.key }) {
            lines.append("limited \(section): \(reason)")
        }
        let byPid = Dictionary(snapshot.activity.map { ($0.pid, $0) }, uniquingKeysWith: { a, _ in a })
        if snapshot.blocking.roots.isEmpty {
            lines.append("blocking: none")
        } else {
            lines.append("blocking: \(snapshot.blocking.blockedCount) backends wait")
            func walk(_ node: BlockingNode, depth: Int) {
                let backend = byPid[node.pid]
                let indent = String(repeating: "  ", count: depth)
                let what = backend?.lockWait?.summary ?? (backend?.state ?? "?")
                let age = backend?.xactAge(at: now).map { " xact \(Int($0))s" } ?? ""
                let query = backend.map { " " + $0.query.split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(60) } ?? ""
                lines.append("  \(indent)\(node.pid) \(backend?.user ?? "?") \(what)\(age)\(query)")
                node.blocked.forEach { walk($0, depth: depth + 1) }
            }
            snapshot.blocking.roots.forEach { walk($0, depth: 0) }
        }
        let busy = snapshot.activity.filter { $0.backendType == "client backend" && !$0.isIdle }
            .sorted { ($0.queryAge(at: now) ?? 0) > ($1.queryAge(at: now) ?? 0) }
        lines.append("non-idle backends: \(busy.count)")
        for backend in busy.prefix(10) {
            let age = backend.queryAge(at: now).map { "\(Int($0))s" } ?? "-"
            let query = backend.query.split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(70)
            lines.append("  \(backend.pid) \(backend.user ?? "?") \(backend.state ?? "?") \(age) \(query)")
        }
        return lines.joined(separator: "\n")
    }
}
