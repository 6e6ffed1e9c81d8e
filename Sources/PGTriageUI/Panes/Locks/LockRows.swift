import PGTriageCore

/// One line of the Locks tree: a backend at some depth below a root.
public struct LockRow: Sendable, Equatable {
    /// Pids from the root down to this row: unique per row even when a waiter sits under two holders.
    public var path: [Int32]
    public var depth: Int
    /// Tree lines drawn before the pid ("├─ ", "│  └─ ", ...); empty for roots.
    public var prefix: String
    public var inCycle: Bool
    /// Distinct backends held up below this row (shown for roots).
    public var heldUp: Int
    public var pid: Int32 { path.last! }
    public var isRoot: Bool { depth == 0 }
}

public enum LockRows {
    /// Flattens the forest depth first, roots in the forest's order, children in theirs.
    public static func rows(_ forest: BlockingForest) -> [LockRow] {
        var out: [LockRow] = []
        func walk(_ node: BlockingNode, path: [Int32], lastFlags: [Bool]) {
            let depth = lastFlags.count
            let prefix = TreePrefix.prefix(lastFlags: lastFlags)
            let here = path + [node.pid]
            out.append(LockRow(path: here, depth: depth, prefix: prefix, inCycle: node.inCycle,
                               heldUp: node.heldUpCount))
            for (i, child) in node.blocked.enumerated() {
                walk(child, path: here, lastFlags: lastFlags + [i == node.blocked.count - 1])
            }
        }
        for root in forest.roots { walk(root, path: [], lastFlags: []) }
        return out
    }
}

extension LockRows {
    /// The trees with a backend that matches the filter (pid, user, database, state, what it
    /// waits for, query), whole: a waiter is only understood with its root.
    static func filtered(_ rows: [LockRow], snapshot: Snapshot, filter: String) -> [LockRow] {
        guard !filter.isEmpty else { return rows }
        func matches(_ row: LockRow) -> Bool {
            guard let b = snapshot.backend(pid: row.pid) else { return RowFilter.matches([String(row.pid)], filter: filter) }
            return RowFilter.matches([String(b.pid), b.user ?? "", b.database ?? "", b.state ?? "", b.lockWait?.summary ?? "", b.query],
                                     filter: filter)
        }
        let kept = Set(rows.filter(matches).compactMap { $0.path.first })
        return rows.filter { kept.contains($0.path[0]) }
    }

    /// The rows the Locks pane shows.
    static func shown(_ state: AppState) -> [LockRow] {
        guard let snapshot = state.snapshot else { return [] }
        return filtered(rows(snapshot.blocking), snapshot: snapshot, filter: state.locks.filter)
    }
}
