import PGTriageCore

/// What the Statements pane lists: the section's entries, nested ones hidden unless `n`,
/// filtered and sorted as its state says.
public enum StatementsRows {
    /// The text the filter searches: query, user, database, queryid.
    static func haystack(_ row: StatementRow) -> [String] {
        [row.stats.query, row.stats.user ?? "", row.stats.database ?? "", row.stats.key.queryid.map(String.init) ?? ""]
    }

    public static func matches(_ row: StatementRow, filter: String) -> Bool {
        RowFilter.matches(haystack(row), filter: filter)
    }


    /// The rows shown, in order (kept in the state: `StatementsState.rows`).
    public static func rows(_ state: AppState) -> StatementRowList { state.statements.rows }

    static func build(_ state: AppState) -> StatementRowList {
        guard let section = state.snapshot?.statements else { return StatementRowList() }
        let st = state.statements
        // Positions in the section's rows, never copies of them (thousands of large values).
        let hideNested = section.distinguishesNested && !st.showNested
        let all = section.rows
        var shown: [Int32] = []
        shown.reserveCapacity(all.count)
        let filtering = !st.filter.isEmpty
        all.withUnsafeBufferPointer { all in
            for i in all.indices {
                if hideNested && !all[i].stats.key.toplevel { continue }
                if !st.showOwn && all[i].stats.isOwn { continue }
                if filtering && !matches(all[i], filter: st.filter) { continue }
                shown.append(Int32(i))
            }
        }
        // Refreshes mostly bring the same entries in the same places: the sort then starts from
        // the last order, nearly sorted already (the merge sort finds its runs).
        let last = st.rows
        let start = last.members == shown && sameKeys(last.base, all) ? last.order : shown
        return StatementRowList(base: all, members: shown, order: sort(positions: start, of: all, by: st.sortColumn,
                                                                        descending: st.sortDescending, totals: st.showsTotals(section)))
    }

    /// The same entries at the same places.
    static func sameKeys(_ a: [StatementRow], _ b: [StatementRow]) -> Bool {
        guard a.count == b.count else { return false }
        for i in a.indices where a[i].stats.key != b[i].stats.key { return false }
        return true
    }

    /// The figure a column shows (and sorts by) in a mode; nil when unknown (no rate yet).
    /// Inlined: called for every row at every refresh, it must read the row in place, not copy it.
    @inline(__always)
    static func number(_ row: StatementRow, _ column: StatementColumn, totals: Bool) -> Double? {
        let t = row.totals
        if totals {
            switch column {
            case .share: return t.timeShare
            case .time: return t.totalMs
            case .calls: return Double(t.calls)
            case .mean: return t.meanMs
            case .rows: return Double(t.rows)
            case .hit: return t.hitRatio
            case .read: return Double(t.readBytes)
            case .temp: return Double(t.tempWrittenBytes)
            case .wal: return t.walBytes.map(Double.init)
            case .plan: return t.planMs
            default: return nil
            }
        }
        guard let r = row.rate else { return nil }
        switch column {
        case .share: return r.timeShare
        case .time: return r.execMsPerSecond
        case .calls: return r.callsPerSecond
        case .mean: return r.meanMs
        case .rows: return r.rowsPerSecond
        case .hit: return r.hitRatio
        case .read: return r.readBytesPerSecond
        case .temp: return r.tempWrittenBytesPerSecond
        case .wal: return r.walBytesPerSecond
        case .plan: return r.planMsPerSecond
        default: return nil
        }
    }

    static func text(_ row: StatementRow, _ column: StatementColumn) -> String? {
        let s: String?
        switch column {
        case .user: s = row.stats.user
        case .database: s = row.stats.database
        case .query: s = Format.oneLine(row.stats.query)
        default: s = nil
        }
        guard let s, !s.isEmpty else { return nil }
        return s.lowercased()
    }

    /// Sorts by one column; unknown values go last either way; ties fall back to the default
    /// order (exec time over the interval, then in total, then the key) so refreshes keep it.
    public static func sort(_ rows: [StatementRow], by column: StatementColumn, descending: Bool, totals: Bool) -> [StatementRow] {
        sort(positions: rows.indices.map { Int32($0) }, of: rows, by: column, descending: descending, totals: totals).map { rows[Int($0)] }
    }

    /// `sort(_:by:descending:totals:)` of the rows at `positions` in `rows`: sorts the positions.
    static func sort(positions: [Int32], of rows: [StatementRow], by column: StatementColumn, descending: Bool,
                     totals: Bool) -> [Int32] {
        // The rows read in place (a copy of each would retain and release its text).
        rows.withUnsafeBufferPointer { rows in
            func fallback(_ i: Int32) -> StatementTie {
                StatementTie(rate: totals ? 0 : rows[Int(i)].rate?.execMsPerSecond ?? -1, total: rows[Int(i)].totals.totalMs,
                             key: rows[Int(i)].stats.key)
            }
            if column.isText {
                return ListOrder.sorted(positions, by: { text(rows[Int($0)], column) }, descending: descending, tieKey: fallback)
            }
            // Refreshes mostly leave the order as it was (the list starts from its last order):
            // one pass tells, before any key is stored or moved.
            var inOrder = true
            var previous = positions.first.map { number(rows[Int($0)], column, totals: totals) } ?? nil
            for i in positions.indices.dropFirst() {
                let current = number(rows[Int(positions[i])], column, totals: totals)
                if !ListOrder.precedes(previous, current, descending: descending, tie: { fallback(positions[i - 1]) < fallback(positions[i]) }) {
                    inOrder = false
                    break
                }
                previous = current
            }
            if inOrder { return positions }
            return ListOrder.sorted(positions, by: { number(rows[Int($0)], column, totals: totals) }, descending: descending,
                                    tieKey: fallback)
        }
    }
}

/// The Statements pane's rows: positions in the section's rows (shared with the snapshot, not
/// copied), in the order shown.
public struct StatementRowList: RandomAccessCollection, Sendable, Equatable {
    public let base: [StatementRow]
    /// The positions listed, ascending (what the filter kept).
    let members: [Int32]
    public let order: [Int32]
    /// The shown rows' keys, in order: the cursor is resolved in them at every frame and key.
    public let keys: [StatementKey]
    /// Display width of the widest user and database name shown (their columns' widths).
    let widestUser: Int
    let widestDatabase: Int

    public init(base: [StatementRow] = [], order: [Int32] = []) {
        self.init(base: base, members: order.sorted(), order: order)
    }

    init(base: [StatementRow], members: [Int32], order: [Int32]) {
        self.base = base
        self.members = members
        self.order = order
        var keys: [StatementKey] = []
        keys.reserveCapacity(order.count)
        // Each distinct name measured once: thousands of rows, a few users and databases.
        var users = Set<String>(), databases = Set<String>()
        var widestUser = 0, widestDatabase = 0
        // A name like the row before's needs no look-up (rows of one user and database follow
        // each other).
        // Read in place: copying each row out of the array retains and releases its text.
        var lastUser: String?, lastDatabase: String?
        base.withUnsafeBufferPointer { base in
            for position in order {
                keys.append(base[Int(position)].stats.key)
                let user = base[Int(position)].stats.user ?? "", database = base[Int(position)].stats.database ?? ""
                if user != lastUser, users.insert(user).inserted {
                    widestUser = Swift.max(widestUser, DisplayWidth.of(Sanitizer.clean(user)))
                }
                if database != lastDatabase, databases.insert(database).inserted {
                    widestDatabase = Swift.max(widestDatabase, DisplayWidth.of(Sanitizer.clean(database)))
                }
                lastUser = user
                lastDatabase = database
            }
        }
        self.keys = keys
        self.widestUser = widestUser
        self.widestDatabase = widestDatabase
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { order.count }
    public subscript(position: Int) -> StatementRow { base[Int(order[position])] }

    public static func == (a: StatementRowList, b: StatementRowList) -> Bool {
        a.order == b.order && a.base == b.base
    }
}

/// The default order among equals: exec time over the interval, then in total (both largest
/// first), then the key.
struct StatementTie: Comparable {
    var rate: Double
    var total: Double
    var key: StatementKey

    static func < (a: StatementTie, b: StatementTie) -> Bool {
        if a.rate != b.rate { return a.rate > b.rate }
        if a.total != b.total { return a.total > b.total }
        return a.key < b.key
    }
}
