#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One pg_stat_statements entry's identity. `queryid` is nil for entries of other roles that our
/// role may not see (pg_stat_statements hides their queryid and text); those are summed into one
/// entry per (userid, dbid, toplevel).
public struct StatementKey: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public var userid: UInt32
    public var dbid: UInt32
    public var queryid: Int64?
    /// false for statements run inside functions (1.9+); always true before 1.9.
    public var toplevel: Bool

    public init(userid: UInt32, dbid: UInt32, queryid: Int64?, toplevel: Bool = true) {
        self.userid = userid; self.dbid = dbid; self.queryid = queryid; self.toplevel = toplevel
    }

    public static func < (lhs: StatementKey, rhs: StatementKey) -> Bool {
        (lhs.userid, lhs.dbid, lhs.queryid ?? .min, lhs.toplevel ? 1 : 0) < (rhs.userid, rhs.dbid, rhs.queryid ?? .min, rhs.toplevel ? 1 : 0)
    }

    public var description: String {
        "\(userid)/\(dbid)/\(queryid.map(String.init) ?? "hidden")\(toplevel ? "" : "/nested")"
    }
}

/// Cumulative counters of one entry, since it was created or last reset. Optional ones are nil
/// where the installed extension version lacks them.
public struct StatementCounters: Sendable, Equatable, Codable {
    public var calls: Int64
    /// Execution time, milliseconds (`total_exec_time`; `total_time` before 1.8).
    public var execMs: Double
    /// Planning (1.8+): counted only with `pg_stat_statements.track_planning = on`.
    @CompactInt64 public var plans: Int64?
    @CompactDouble public var planMs: Double?
    public var rows: Int64
    public var sharedBlocksHit: Int64
    public var sharedBlocksRead: Int64
    public var sharedBlocksDirtied: Int64
    public var sharedBlocksWritten: Int64
    public var tempBlocksWritten: Int64
    /// Time reading/writing shared blocks (needs `track_io_timing`), ms.
    public var blockReadMs: Double
    public var blockWriteMs: Double
    /// Temp-file I/O time (1.10+), ms.
    @CompactDouble public var tempBlockMs: Double?
    /// WAL generated (1.8+), bytes.
    @CompactInt64 public var walBytes: Int64?
    /// Parallel workers planned and launched (1.12+).
    @CompactInt64 public var workersPlanned: Int64?
    @CompactInt64 public var workersLaunched: Int64?

    public init(
        calls: Int64 = 0, execMs: Double = 0, plans: Int64? = nil, planMs: Double? = nil, rows: Int64 = 0,
        sharedBlocksHit: Int64 = 0, sharedBlocksRead: Int64 = 0, sharedBlocksDirtied: Int64 = 0,
        sharedBlocksWritten: Int64 = 0, tempBlocksWritten: Int64 = 0, blockReadMs: Double = 0,
        blockWriteMs: Double = 0, tempBlockMs: Double? = nil, walBytes: Int64? = nil,
        workersPlanned: Int64? = nil, workersLaunched: Int64? = nil
    ) {
        self.calls = calls; self.execMs = execMs; self.plans = plans; self.planMs = planMs; self.rows = rows
        self.sharedBlocksHit = sharedBlocksHit; self.sharedBlocksRead = sharedBlocksRead
        self.sharedBlocksDirtied = sharedBlocksDirtied; self.sharedBlocksWritten = sharedBlocksWritten
        self.tempBlocksWritten = tempBlocksWritten; self.blockReadMs = blockReadMs; self.blockWriteMs = blockWriteMs
        self.tempBlockMs = tempBlockMs; self.walBytes = walBytes
        self.workersPlanned = workersPlanned; self.workersLaunched = workersLaunched
    }

    /// The sum of two entries' counters (hidden entries of one role and database are summed).
    public func adding(_ other: StatementCounters) -> StatementCounters {
        func sum<T: AdditiveArithmetic>(_ a: T?, _ b: T?) -> T? {
            switch (a, b) {
            case let (a?, b?): return a + b
            case let (a?, nil): return a
            case let (nil, b?): return b
            default: return nil
            }
        }
        return StatementCounters(
            calls: calls + other.calls, execMs: execMs + other.execMs, plans: sum(plans, other.plans),
            planMs: sum(planMs, other.planMs), rows: rows + other.rows,
            sharedBlocksHit: sharedBlocksHit + other.sharedBlocksHit, sharedBlocksRead: sharedBlocksRead + other.sharedBlocksRead,
            sharedBlocksDirtied: sharedBlocksDirtied + other.sharedBlocksDirtied,
            sharedBlocksWritten: sharedBlocksWritten + other.sharedBlocksWritten,
            tempBlocksWritten: tempBlocksWritten + other.tempBlocksWritten,
            blockReadMs: blockReadMs + other.blockReadMs, blockWriteMs: blockWriteMs + other.blockWriteMs,
            tempBlockMs: sum(tempBlockMs, other.tempBlockMs), walBytes: sum(walBytes, other.walBytes),
            workersPlanned: sum(workersPlanned, other.workersPlanned), workersLaunched: sum(workersLaunched, other.workersLaunched)
        )
    }

    /// True when any counter is lower than in `earlier`: the entry was reset (or evicted and
    /// created again) in between.
    public func wentDown(since earlier: StatementCounters) -> Bool {
        func down<T: Comparable>(_ now: T?, _ then: T?) -> Bool {
            guard let now, let then else { return false }
            return now < then
        }
        return calls < earlier.calls || execMs < earlier.execMs || rows < earlier.rows
            || sharedBlocksHit < earlier.sharedBlocksHit || sharedBlocksRead < earlier.sharedBlocksRead
            || sharedBlocksDirtied < earlier.sharedBlocksDirtied || sharedBlocksWritten < earlier.sharedBlocksWritten
            || tempBlocksWritten < earlier.tempBlocksWritten
            || blockReadMs < earlier.blockReadMs || blockWriteMs < earlier.blockWriteMs
            || down(plans, earlier.plans) || down(planMs, earlier.planMs) || down(tempBlockMs, earlier.tempBlockMs)
            || down(walBytes, earlier.walBytes)
            || down(workersPlanned, earlier.workersPlanned) || down(workersLaunched, earlier.workersLaunched)
    }
}

/// One entry as read: identity, names, text (cut in SQL) and counters.
public struct StatementStats: Sendable, Equatable, Identifiable, Codable {
    public var key: StatementKey
    public var user: String?
    public var database: String?
    /// Normalised text, cut to the list length; `<insufficient privilege>` for hidden entries.
    public var query: String
    /// True when `query` was cut (the whole text is fetched on demand).
    public var queryIsCut: Bool
    public var counters: StatementCounters
    /// When the entry started counting (1.11+): a change means it was reset in between.
    public var statsSince: Date?
    /// One of pgtriage's own statements (they end with `SessionSettings.statementTag`).
    public var isOwn = false

    public init(key: StatementKey, user: String? = nil, database: String? = nil, query: String = "",
                queryIsCut: Bool = false, counters: StatementCounters, statsSince: Date? = nil) {
        self.key = key; self.user = user; self.database = database; self.query = query
        self.queryIsCut = queryIsCut; self.counters = counters; self.statsSince = statsSince
    }

    public var id: StatementKey { key }
    /// Other roles' entries whose queryid and text our role may not see.
    public var isHidden: Bool { key.queryid == nil }
}

/// Every entry at one moment, with the server clock it was read at.
public struct StatementSample: Sendable, Equatable {
    /// Server clock (`clock_timestamp()`) when read.
    public var at: Date
    /// `pg_stat_statements_info.stats_reset` (1.9+): a change means everything was reset.
    public var statsReset: Date?
    public var statements: [StatementStats]

    public init(at: Date, statsReset: Date? = nil, statements: [StatementStats]) {
        self.at = at; self.statsReset = statsReset; self.statements = statements
    }
}

/// Per-second rates of one entry over the last interval (between two samples).
public struct StatementRate: Sendable, Equatable, Codable {
    /// Seconds between the two samples (server clock).
    public var seconds: Double
    public var calls: Int64
    public var callsPerSecond: Double
    /// Execution time spent per wall-clock second, ms/s (1000 = one backend busy all the time).
    public var execMsPerSecond: Double
    /// This entry's share (0...1) of all entries' execution time over the interval; nil when
    /// nothing ran.
    @CompactDouble public var timeShare: Double? = nil
    /// Mean execution time of the calls made in the interval; nil with no calls.
    @CompactDouble public var meanMs: Double? = nil
    public var rowsPerSecond: Double
    /// Shared-buffer hit ratio (0...1) over the interval; nil with no block traffic.
    @CompactDouble public var hitRatio: Double? = nil
    /// Shared blocks read (from the OS or disk), bytes per second.
    public var readBytesPerSecond: Double
    /// Shared blocks dirtied and written, bytes per second.
    public var dirtiedBytesPerSecond: Double
    public var writtenBytesPerSecond: Double
    /// Temp files written, bytes per second.
    public var tempWrittenBytesPerSecond: Double
    /// Block I/O time (shared read + write, and temp where tracked), ms/s.
    public var ioMsPerSecond: Double
    /// Planning time, ms/s; nil where not tracked.
    @CompactDouble public var planMsPerSecond: Double? = nil
    /// WAL bytes per second (1.8+).
    @CompactDouble public var walBytesPerSecond: Double? = nil
}

/// Cumulative figures of one entry since it started counting (the "totals" mode).
public struct StatementTotals: Sendable, Equatable, Codable {
    public var calls: Int64
    public var totalMs: Double
    @CompactDouble public var meanMs: Double? = nil
    public var rows: Int64
    @CompactDouble public var hitRatio: Double? = nil
    public var readBytes: Int64
    public var tempWrittenBytes: Int64
    @CompactInt64 public var walBytes: Int64? = nil
    @CompactDouble public var planMs: Double? = nil
    /// Share (0...1) of all entries' execution time since they started counting.
    @CompactDouble public var timeShare: Double? = nil
}

/// A row of the Statements pane and of `snapshot --json`.
///
/// Stored as three words: the pane keeps two samples of thousands of rows, and from one sample
/// to the next most entries ran nothing. So an entry's stats and cumulative figures live in one
/// object that both samples' rows point to while its counters stay the same; the rate of every
/// entry that ran nothing is one object too; only the share of all time is the row's own.
/// Reads and writes as the value it stands for (in code, in `==` and in JSON).
public struct StatementRow: Sendable, Equatable, Identifiable, Codable {
    /// The entry as read, with its cumulative figures (their share of all time left out).
    @usableFromInline final class Entry: Sendable {
        @usableFromInline let stats: StatementStats
        @usableFromInline let totals: StatementTotals

        @usableFromInline init(stats: StatementStats, totals: StatementTotals) {
            var unshared = totals
            unshared.timeShare = nil
            self.stats = stats
            self.totals = unshared
        }
    }

    @usableFromInline final class Rate: Sendable {
        @usableFromInline let value: StatementRate
        @usableFromInline init(_ value: StatementRate) { self.value = value }
    }

    @usableFromInline var entry: Entry
    @usableFromInline var rateObject: Rate?
    @usableFromInline var share: CompactDouble

    public init(stats: StatementStats, rate: StatementRate?, totals: StatementTotals) {
        self.init(entry: Entry(stats: stats, totals: totals), rate: rate.map(Rate.init), share: totals.timeShare)
    }

    /// A row of an entry (and a rate) already held by another row.
    init(entry: Entry, rate: Rate?, share: Double?) {
        self.entry = entry
        self.rateObject = rate
        self.share = CompactDouble(wrappedValue: share)
    }

    public var stats: StatementStats {
        @inlinable get { entry.stats }
        set { entry = Entry(stats: newValue, totals: entry.totals) }
    }

    /// nil on an entry's first sample, and after it (or everything) was reset.
    public var rate: StatementRate? {
        @inlinable get { rateObject?.value }
        set { rateObject = newValue.map(Rate.init) }
    }

    public var totals: StatementTotals {
        @inlinable get {
            var totals = entry.totals
            totals.timeShare = share.wrappedValue
            return totals
        }
        set {
            share.wrappedValue = newValue.timeShare
            var unshared = newValue
            unshared.timeShare = nil
            if unshared != entry.totals { entry = Entry(stats: entry.stats, totals: unshared) }
        }
    }

    public var id: StatementKey { entry.stats.key }

    public static func == (a: StatementRow, b: StatementRow) -> Bool {
        (a.entry === b.entry || (a.entry.stats == b.entry.stats && a.entry.totals == b.entry.totals))
            && (a.rateObject === b.rateObject || a.rate == b.rate) && a.share == b.share
    }

    enum CodingKeys: String, CodingKey { case stats, rate, totals }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(stats: try container.decode(StatementStats.self, forKey: .stats),
                  rate: try container.decodeIfPresent(StatementRate.self, forKey: .rate),
                  totals: try container.decode(StatementTotals.self, forKey: .totals))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(stats, forKey: .stats)
        try container.encodeIfPresent(rate, forKey: .rate)
        try container.encode(totals, forKey: .totals)
    }
}

/// Rates from successive samples, per entry. An entry gets a rate from its second sample on;
/// a counter that goes down, a changed `stats_since` (the entry was reset) or a changed
/// `stats_reset` (everything was) starts that entry (or all) over: never a negative rate.
///
/// Thousands of entries are rated every refresh, most of them unchanged and in the same order
/// as the refresh before. So the last sample's rows are kept (their counters are what the next
/// sample is rated against, their texts are reused), and each sample is written in place into
/// the rows of the sample before it (two buffers in turn: no block allocated, faulted in and
/// unmapped per refresh). Entries are matched by place; a key -> place table is built only
/// when a sample comes in another order.
public struct StatementRates: Sendable {
    public let blockSize: Int
    /// The last sample's clock and reset time.
    private var previous: (at: Date, statsReset: Date?)?
    /// The last sample's rows: what the next sample is rated against.
    public private(set) var rows: [StatementRow] = []
    /// The rows of the sample before, written over by the next sample once nobody else holds
    /// them (the console drops a snapshot when the next one arrives).
    private var spare: [StatementRow] = []
    /// Where each key is in `rows`; nil until a sample comes in another order (then built once).
    private var placeOfKey: [StatementKey: Int]?

    public init(blockSize: Int = 8192) {
        self.blockSize = blockSize
    }

    /// Forgets every earlier sample (after a reconnect, or an extension version change).
    public mutating func reset() {
        previous = nil
        rows = []
        spare = []
        placeOfKey = nil
    }

    /// One entry of a sample, as `update(at:statsReset:entries:changed:)` takes it.
    public enum Source: Sendable, Equatable {
        /// The entry at this place in `rows`, unchanged since (same key, same counters).
        case unchanged(Int)
        /// Counters read afresh (`changed[i]`), with the entry's place in `rows` if it was there.
        case changed(Int, previous: Int?)
    }

    /// The place in `rows` of `key`, looked for at `place` first: samples mostly come in the
    /// order of the one before.
    public mutating func previousPlace(of key: StatementKey, near place: Int) -> Int? {
        if place < rows.count, rows[place].stats.key == key { return place }
        if placeOfKey == nil {
            var table: [StatementKey: Int] = [:]
            table.reserveCapacity(rows.count)
            for (i, row) in rows.enumerated() where table[row.stats.key] == nil { table[row.stats.key] = i }
            placeOfKey = table
        }
        return placeOfKey?[key]
    }

    /// The rows of `sample`, with rates against the previous sample, in the sample's order.
    public mutating func next(_ sample: StatementSample) -> (rows: [StatementRow], interval: Double?) {
        let sources = sample.statements.enumerated().map { i, stats in
            Source.changed(i, previous: previousPlace(of: stats.key, near: i))
        }
        return update(at: sample.at, statsReset: sample.statsReset, entries: sources, changed: sample.statements)
    }

    /// A sample given as its entries in order: each unchanged from the previous sample, or read
    /// afresh. Returns the rows (also kept as `rows`) and the interval.
    public mutating func update(at: Date, statsReset: Date?, entries: [Source],
                                changed: [StatementStats]) -> (rows: [StatementRow], interval: Double?) {
        let before = previous
        previous = (at, statsReset)
        var interval: Double?
        if let before {
            let elapsed = at.timeIntervalSince(before.at)
            let wholeReset = before.statsReset != nil && statsReset != nil && before.statsReset != statsReset
            if elapsed > 0 && !wholeReset { interval = elapsed }
        }
        let old = rows

        /// The counters a changed entry is rated against; nil: no rate (no interval, a new
        /// entry, or one reset since).
        func baseline(_ stats: StatementStats, _ place: Int?) -> StatementCounters? {
            guard interval != nil, let place else { return nil }
            let then = old[place].stats
            guard stats.statsSince == then.statsSince, !stats.counters.wentDown(since: then.counters) else { return nil }
            return then.counters
        }

        // The sums the shares divide by, in the sample's order (bit for bit the sums of every
        // entry's delta and counters in turn; an unchanged entry's delta adds zero).
        var intervalExecMs = 0.0, totalExecMs = 0.0
        for source in entries {
            switch source {
            case .unchanged(let place):
                totalExecMs += old[place].stats.counters.execMs
            case .changed(let index, let place):
                let now = changed[index].counters.execMs
                if let then = baseline(changed[index], place) { intervalExecMs += now - then.execMs }
                totalExecMs += now
            }
        }

        var out = spare
        spare = []
        var inPlace = entries.count == old.count
        // The rate of an entry that ran nothing depends only on the interval, on whether
        // anything ran, and on which optional counters it has (planning, WAL): one object for
        // each, shared by all such rows (from finite counters, `rate(delta(c, c))` is the same
        // for every such entry).
        var idleRates: [StatementRow.Rate??] = [nil, nil, nil, nil]
        func idleRate(_ counters: StatementCounters) -> StatementRow.Rate? {
            guard let interval else { return nil }
            let shape = (counters.planMs == nil ? 0 : 1) | (counters.walBytes == nil ? 0 : 2)
            if let known = idleRates[shape] { return known }
            let rate = StatementRow.Rate(Self.rate(Self.delta(counters, counters), seconds: interval, allExecMs: intervalExecMs,
                                                   blockSize: blockSize))
            idleRates[shape] = .some(rate)
            return rate
        }
        /// The row at `place` of the sample. An unchanged entry keeps its object (stats and
        /// totals): only its rate and share are its row's.
        func row(_ place: Int, _ source: Source, _ old: UnsafeBufferPointer<StatementRow>) -> StatementRow {
            switch source {
            case .unchanged(let at):
                if at != place { inPlace = false }
                let entry = old[at].entry
                return StatementRow(entry: entry, rate: idleRate(entry.stats.counters),
                                    share: Self.share(entry.stats.counters.execMs, of: totalExecMs))
            case .changed(let index, let at):
                if at != place { inPlace = false }
                let stats = changed[index]
                var rate: StatementRate?
                if let interval, let then = baseline(stats, at) {
                    rate = Self.rate(Self.delta(stats.counters, then), seconds: interval, allExecMs: intervalExecMs, blockSize: blockSize)
                }
                return StatementRow(stats: stats, rate: rate, totals: Self.totals(stats.counters, allExecMs: totalExecMs, blockSize: blockSize))
            }
        }
        // Room for this sample and a few more entries, reserved at once: grown by appending, the
        // buffer would be copied at each doubling, the old copy and the new one both in memory.
        if out.capacity < entries.count { out.reserveCapacity(entries.count + entries.count / 8) }
        old.withUnsafeBufferPointer { old in
            let reused = min(out.count, entries.count)
            out.withUnsafeMutableBufferPointer { out in
                for place in 0..<reused {
                    // Unchanged for two samples: its entry is in the buffer already; only its
                    // rate and share are written (no object retained and released).
                    if case .unchanged(let at) = entries[place], out[place].entry === old[at].entry {
                        if at != place { inPlace = false }
                        let counters = old[at].entry.stats.counters
                        out[place].rateObject = idleRate(counters)
                        out[place].share = CompactDouble(wrappedValue: Self.share(counters.execMs, of: totalExecMs))
                    } else {
                        out[place] = row(place, entries[place], old)
                    }
                }
            }
            for place in reused..<entries.count { out.append(row(place, entries[place], old)) }
        }
        if out.count > entries.count { out.removeLast(out.count - entries.count) }
        if !inPlace { placeOfKey = nil }
        spare = old
        rows = out
        return (out, interval)
    }

    /// An entry's share (0...1) of all entries' execution time; nil when nothing ran.
    static func share(_ execMs: Double, of allExecMs: Double) -> Double? {
        allExecMs > 0 ? execMs / allExecMs : nil
    }

    static func delta(_ now: StatementCounters, _ then: StatementCounters) -> StatementCounters {
        func minus<T: AdditiveArithmetic>(_ a: T?, _ b: T?) -> T? {
            guard let a, let b else { return nil }
            return a - b
        }
        return StatementCounters(
            calls: now.calls - then.calls, execMs: now.execMs - then.execMs,
            plans: minus(now.plans, then.plans), planMs: minus(now.planMs, then.planMs), rows: now.rows - then.rows,
            sharedBlocksHit: now.sharedBlocksHit - then.sharedBlocksHit,
            sharedBlocksRead: now.sharedBlocksRead - then.sharedBlocksRead,
            sharedBlocksDirtied: now.sharedBlocksDirtied - then.sharedBlocksDirtied,
            sharedBlocksWritten: now.sharedBlocksWritten - then.sharedBlocksWritten,
            tempBlocksWritten: now.tempBlocksWritten - then.tempBlocksWritten,
            blockReadMs: now.blockReadMs - then.blockReadMs, blockWriteMs: now.blockWriteMs - then.blockWriteMs,
            tempBlockMs: minus(now.tempBlockMs, then.tempBlockMs), walBytes: minus(now.walBytes, then.walBytes),
            workersPlanned: minus(now.workersPlanned, then.workersPlanned),
            workersLaunched: minus(now.workersLaunched, then.workersLaunched)
        )
    }

    static func rate(_ d: StatementCounters, seconds: Double, allExecMs: Double, blockSize: Int) -> StatementRate {
        let bs = Double(blockSize)
        let blocks = d.sharedBlocksHit + d.sharedBlocksRead
        return StatementRate(
            seconds: seconds,
            calls: d.calls,
            callsPerSecond: Double(d.calls) / seconds,
            execMsPerSecond: d.execMs / seconds,
            timeShare: share(d.execMs, of: allExecMs),
            meanMs: d.calls > 0 ? d.execMs / Double(d.calls) : nil,
            rowsPerSecond: Double(d.rows) / seconds,
            hitRatio: blocks > 0 ? Double(d.sharedBlocksHit) / Double(blocks) : nil,
            readBytesPerSecond: Double(d.sharedBlocksRead) * bs / seconds,
            dirtiedBytesPerSecond: Double(d.sharedBlocksDirtied) * bs / seconds,
            writtenBytesPerSecond: Double(d.sharedBlocksWritten) * bs / seconds,
            tempWrittenBytesPerSecond: Double(d.tempBlocksWritten) * bs / seconds,
            ioMsPerSecond: (d.blockReadMs + d.blockWriteMs + (d.tempBlockMs ?? 0)) / seconds,
            planMsPerSecond: d.planMs.map { $0 / seconds },
            walBytesPerSecond: d.walBytes.map { Double($0) / seconds }
        )
    }

    static func totals(_ c: StatementCounters, allExecMs: Double, blockSize: Int) -> StatementTotals {
        let blocks = c.sharedBlocksHit + c.sharedBlocksRead
        return StatementTotals(
            calls: c.calls,
            totalMs: c.execMs,
            meanMs: c.calls > 0 ? c.execMs / Double(c.calls) : nil,
            rows: c.rows,
            hitRatio: blocks > 0 ? Double(c.sharedBlocksHit) / Double(blocks) : nil,
            readBytes: c.sharedBlocksRead * Int64(blockSize),
            tempWrittenBytes: c.tempBlocksWritten * Int64(blockSize),
            walBytes: c.walBytes,
            planMs: c.planMs,
            timeShare: share(c.execMs, of: allExecMs)
        )
    }
}

/// The Statements section of a snapshot.
public struct StatementsSection: Sendable, Equatable, Codable {
    /// As installed in the connected database, e.g. "1.10".
    public var extensionVersion: String
    public var variant: StatementsVariant
    /// Server clock of the sample.
    public var capturedAt: Date
    /// Seconds since the previous sample; nil on the first one and after a full reset.
    public var intervalSeconds: Double?
    /// `pg_stat_statements_info.stats_reset` (1.9+).
    public var statsReset: Date?
    /// Entries evicted because `pg_stat_statements.max` was reached (1.9+): when it grows,
    /// statements come and go and their rates restart.
    public var deallocations: Int64?
    /// `pg_stat_statements.track_planning` is on: planning counters are real.
    public var tracksPlanning: Bool
    /// Why some texts are hidden (our role lacks pg_read_all_stats), with the fix; nil if none.
    public var limitation: String?
    public var rows: [StatementRow]

    public init(extensionVersion: String, variant: StatementsVariant, capturedAt: Date, intervalSeconds: Double? = nil,
                statsReset: Date? = nil, deallocations: Int64? = nil, tracksPlanning: Bool = false,
                limitation: String? = nil, rows: [StatementRow]) {
        self.extensionVersion = extensionVersion; self.variant = variant; self.capturedAt = capturedAt
        self.intervalSeconds = intervalSeconds; self.statsReset = statsReset; self.deallocations = deallocations
        self.tracksPlanning = tracksPlanning; self.limitation = limitation; self.rows = rows
    }

    /// Nested statements (run inside functions) are told apart from top-level ones (1.9+).
    public var distinguishesNested: Bool { variant.columns.contains(.toplevel) }

    /// Rows by execution time over the interval (then cumulative time): the default order.
    public var byTime: [StatementRow] {
        rows.sorted { a, b in
            let ra = a.rate?.execMsPerSecond ?? -1, rb = b.rate?.execMsPerSecond ?? -1
            if ra != rb { return ra > rb }
            if a.totals.totalMs != b.totals.totalMs { return a.totals.totalMs > b.totals.totalMs }
            return a.stats.key < b.stats.key
        }
    }
}

/// Why pg_stat_statements cannot be read here, with the exact fix.
public enum StatementsUnavailable: Sendable, Equatable, Error {
    /// The server has no pg_stat_statements at all (no control file: contrib not installed).
    case notInstalled(database: String)
    /// The library is not in `shared_preload_libraries` (`extensionCreated`: the extension
    /// already exists in this database).
    case notPreloaded(database: String, extensionCreated: Bool)
    /// Preloaded, but `CREATE EXTENSION` was never run in the connected database.
    case notCreated(database: String)
    /// An extension version too old to read (below 1.2).
    case unsupportedVersion(String)
    /// The read failed for another reason (the server's message).
    case failed(String)

    /// Stable code for scripts (`unavailable.statements.code`).
    public var code: String {
        switch self {
        case .notInstalled: return "not_installed"
        case .notPreloaded: return "not_preloaded"
        case .notCreated: return "not_created"
        case .unsupportedVersion: return "unsupported_version"
        case .failed: return "failed"
        }
    }

    public var message: String {
        switch self {
        case .notInstalled: return "pg_stat_statements is not installed on the server"
        case .notPreloaded: return "pg_stat_statements is not loaded: it is missing from shared_preload_libraries"
        case .notCreated(let database): return "pg_stat_statements is loaded but not created in database \(database)"
        case .unsupportedVersion(let version): return "pg_stat_statements \(version) is too old to read (1.2 or later is needed)"
        case .failed(let why): return "pg_stat_statements could not be read: \(why)"
        }
    }

    /// What to do, as a person would type it.
    public var fix: String? {
        switch self {
        case .notInstalled(let database):
            return "install the server's contrib package (pg_stat_statements), add pg_stat_statements to shared_preload_libraries and restart, then run CREATE EXTENSION pg_stat_statements; in database \(database)"
        case .notPreloaded(let database, let created):
            return "add pg_stat_statements to shared_preload_libraries and restart the server"
                + (created ? "" : ", then run CREATE EXTENSION pg_stat_statements; in database \(database)")
        case .notCreated(let database):
            return "CREATE EXTENSION pg_stat_statements; in database \(database)"
        case .unsupportedVersion:
            return "ALTER EXTENSION pg_stat_statements UPDATE;"
        case .failed:
            return nil
        }
    }

    public var section: SectionUnavailable {
        SectionUnavailable(code: code, message: message, fix: fix)
    }
}

/// A snapshot section that could not be had: why, and what to do (`unavailable.<section>`).
public struct SectionUnavailable: Sendable, Equatable, Codable {
    public var code: String
    public var message: String
    public var fix: String?
    public init(code: String, message: String, fix: String? = nil) {
        self.code = code; self.message = message; self.fix = fix
    }

    /// One line for a pane or the status bar.
    public var summary: String { fix.map { "\(message): \($0)" } ?? message }
}

/// A section's value, or why it cannot be had.
public enum SectionResult<Value: Sendable & Equatable>: Sendable, Equatable {
    case available(Value)
    case unavailable(SectionUnavailable)

    public var value: Value? {
        if case .available(let value) = self { return value }
        return nil
    }

    public var reason: SectionUnavailable? {
        if case .unavailable(let reason) = self { return reason }
        return nil
    }
}
