#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the probe found (one row of `StatementsCatalog.probe`).
public struct StatementsProbe: Sendable, Equatable {
    /// `pg_extension.extversion` in the connected database; nil when not created.
    public var extensionVersion: String?
    /// Quoted schema of the extension.
    public var schema: String?
    public var database: String
    public var role: String
    /// `shared_preload_libraries` as the server says it; nil when our role may not see it.
    public var preloadLibraries: String?
    /// `pg_stat_statements.max` is defined in our backend: the library is loaded.
    public var libraryLoaded: Bool
    public var tracksPlanning: Bool
    /// The server has the extension's files (only asked when it is not created).
    public var availableOnServer: Bool?
    /// Superuser or pg_read_all_stats: other roles' texts are visible.
    public var seesAllTexts: Bool
    /// `pg_stat_statements.max`: at most this many entries (nil: the library is not loaded).
    public var maxEntries: Int?

    public init(extensionVersion: String? = nil, schema: String? = nil, database: String = "postgres", role: String = "postgres",
                preloadLibraries: String? = nil, libraryLoaded: Bool = false, tracksPlanning: Bool = false,
                availableOnServer: Bool? = nil, seesAllTexts: Bool = true, maxEntries: Int? = nil) {
        self.extensionVersion = extensionVersion; self.schema = schema; self.database = database; self.role = role
        self.preloadLibraries = preloadLibraries; self.libraryLoaded = libraryLoaded; self.tracksPlanning = tracksPlanning
        self.availableOnServer = availableOnServer; self.seesAllTexts = seesAllTexts; self.maxEntries = maxEntries
    }

    /// `shared_preload_libraries` names pg_stat_statements (nil: we cannot see the setting).
    public var preloadListsIt: Bool? {
        guard let preloadLibraries else { return nil }
        return preloadLibraries.split(separator: ",").contains { item in
            var name = item.trimmingSpaces
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            if let slash = name.lastIndex(of: "/") { name = String(name[name.index(after: slash)...]) }
            if name.hasSuffix(".so") { name = String(name.dropLast(3)) }
            return name == "pg_stat_statements"
        }
    }

    /// The query to use, or exactly why there is none. (A library that is not loaded but
    /// listed, e.g. the setting changed without a restart, is found by the read itself: 55000.)
    public func diagnose(queryLength: Int) -> Result<StatementsQuery, StatementsUnavailable> {
        let loaded = libraryLoaded || preloadListsIt == true
        guard let extensionVersion, let schema else {
            if availableOnServer == false { return .failure(.notInstalled(database: database)) }
            if !loaded { return .failure(.notPreloaded(database: database, extensionCreated: false)) }
            return .failure(.notCreated(database: database))
        }
        guard let query = StatementsQuery.forExtension(version: extensionVersion, schema: schema, queryLength: queryLength) else {
            return .failure(.unsupportedVersion(extensionVersion))
        }
        if !loaded { return .failure(.notPreloaded(database: database, extensionCreated: true)) }
        return .success(query)
    }

    /// The limitation to show when other roles' texts are hidden from us.
    public var textLimitation: String? {
        seesAllTexts ? nil
            : "role \(role) sees other roles' statements as <insufficient privilege>: GRANT pg_read_all_stats TO \(role)"
    }
}

private extension Substring {
    var trimmingSpaces: String {
        var slice = self
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}

/// Reads pg_stat_statements on one connection, once per refresh, keeping what rates need
/// between samples and a cache of texts (fetched only for entries not seen before).
///
/// The service calls `read(_:)` once per refresh on the monitoring connection; it throws only
/// when the connection is lost (so the service reconnects, then calls `reset()`); every other
/// failure is an `.unavailable` result with the reason and the fix.
public struct StatementsReader: Sendable {
    public var queryLength: Int
    public let blockSize: Int
    /// Entries read (and texts fetched) a batch at a time (`StatementsQuery.batchRows`).
    public var batchRows = StatementsQuery.batchRows
    /// The query in use (nil until a probe found the extension readable).
    public private(set) var query: StatementsQuery?
    private var probe: StatementsProbe?
    /// The query of the last good sample (survives a failed read, so rates go on after it).
    private var lastQuery: StatementsQuery?
    /// The last sample's rows (texts included: an entry's text is fetched once, when it appears).
    private var rates: StatementRates
    /// The last counters result's columns, each of its rows' fingerprints, and where each row
    /// went in the rates' rows (-1: a hidden entry, summed with others): a row whose bytes have
    /// not changed since is the same entry with the same counters, taken as it was without
    /// decoding it. (Fingerprints, not the result: 8 bytes a row instead of its 100-250.)
    private var lastColumns: [String] = []
    private var lastFingerprints: [UInt64] = []
    /// The fingerprint of the row each of the rates' rows came from (by place in `rates.rows`;
    /// a hidden entry's is not used): a row that moved is matched by its key and this.
    private var lastFingerprintOfPlace: [UInt64] = []
    private var fingerprints: [UInt64] = []
    private var lastPlaces: [Int32] = []
    /// This sample's entries as the rates take them, and `lastPlaces` of the next sample: kept
    /// between refreshes for their capacity (a few bytes an entry).
    private var entries: [StatementRates.Source] = []
    private var places: [Int32] = []
    /// The entries read afresh. Not kept: a first sample decodes every entry (a megabyte at 5000
    /// entries), the samples after it the few that ran.
    private var changed: [StatementStats] = []
    /// The refresh's text for the query in use and a number of batches.
    private var refreshText: (query: StatementsQuery, batches: Int, sql: String)?
    /// While a sample is read: where each hidden entry (summed by role, database and level) is
    /// in `changed`, and the counters' columns.
    private var hiddenIndex: [StatementKey: Int] = [:]
    private var columns: [String] = []

    public init(queryLength: Int = 256, blockSize: Int = 8192) {
        self.queryLength = queryLength
        self.blockSize = blockSize
        self.rates = StatementRates(blockSize: blockSize)
    }

    public init(info: ServerInfo, queryLength: Int = 256) {
        self.init(queryLength: queryLength, blockSize: info.blockSize)
    }

    /// Forgets the probe, the samples and the texts (after a reconnect).
    public mutating func reset() {
        query = nil
        lastQuery = nil
        probe = nil
        forgetSamples()
    }

    /// Forgets the last sample (rates and texts start over).
    private mutating func forgetSamples() {
        rates.reset()
        lastColumns = []
        lastFingerprints = []
        lastPlaces = []
        lastFingerprintOfPlace = []
    }

    public static func readProbe(_ connection: PGConnection) throws -> StatementsProbe {
        guard let row = try connection.query(StatementsCatalog.probe).first else {
            throw PGError(kind: .decode, message: "the pg_stat_statements probe returned no row")
        }
        let planning = try row.string("track_planning")
        return StatementsProbe(
            extensionVersion: try row.string("extversion"),
            schema: try row.string("schema"),
            database: try row.string("database") ?? "",
            role: try row.string("role") ?? "",
            preloadLibraries: try row.string("preload"),
            libraryLoaded: try row.bool("library_loaded") ?? false,
            tracksPlanning: planning.flatMap(PGText.bool) ?? false,
            availableOnServer: try row.bool("available"),
            seesAllTexts: try row.bool("sees_all_texts") ?? false,
            maxEntries: try row.string("max_entries").flatMap { Int($0) }
        )
    }

    /// One sample: counters (and clock) in one round trip, plus one for texts when new entries
    /// appeared. Probes first when there is no usable query yet (cheap: one row).
    public mutating func read(_ connection: PGConnection) throws -> SectionResult<StatementsSection> {
        do {
            if query == nil {
                let found = try Self.readProbe(connection)
                probe = found
                switch found.diagnose(queryLength: queryLength) {
                case .failure(let reason):
                    return .unavailable(reason.section)
                case .success(let chosen):
                    // A different version (or schema) since the last sample: start over.
                    if chosen != lastQuery { forgetSamples() }
                    query = chosen
                    lastQuery = chosen
                }
            }
            guard let query, let probe else { return .unavailable(StatementsUnavailable.failed("no query").section) }
            // Packed: thousands of rows of numbers, decoded from libpq's bytes, a batch at a time.
            // As many batches as the last sample had entries (the first: as many as it may hold).
            let expected = lastFingerprints.isEmpty ? probe.maxEntries ?? 5000 : lastFingerprints.count
            let batches = StatementsQuery.fetches(expectedRows: expected, batchRows: batchRows)
            if refreshText?.query != query || refreshText?.batches != batches {
                // Written once per query and number of batches, not every refresh (a few kB).
                refreshText = (query, batches, query.refresh(expectedEntries: batches * batchRows, batchRows: batchRows))
            }
            var clock: (now: Date, statsReset: Date?, deallocations: Int64?)?
            var results = 0
            beginCollecting()
            try connection.executePackedEach(refreshText!.sql) { result in
                results += 1
                if results == 1 {
                    guard !result.isEmpty, let now = try result.date(0, result.column("now")) else { return }
                    clock = (now, try result.date(0, result.column("stats_reset")), try result.int64(0, result.column("dealloc")))
                } else if !result.columns.isEmpty {  // not the DECLARE
                    try collect(result)
                }
            }
            guard let clock, results >= 3 else {
                throw PGError(kind: .decode, message: "pg_stat_statements refresh returned \(results) results and \(clock == nil ? "no" : "a") clock")
            }
            try fillTexts(query: query, connection: connection)
            let (rows, interval) = rates.update(at: clock.now, statsReset: clock.statsReset, entries: entries, changed: changed)
            lastColumns = columns
            swap(&lastFingerprints, &fingerprints)
            swap(&lastPlaces, &places)
            lastFingerprintOfPlace.removeAll(keepingCapacity: true)
            lastFingerprintOfPlace.append(contentsOf: repeatElement(0, count: rows.count))
            for (row, place) in lastPlaces.enumerated() where place >= 0 { lastFingerprintOfPlace[Int(place)] = lastFingerprints[row] }
            changed = []
            return .available(StatementsSection(
                extensionVersion: query.extensionVersion, variant: query.variant, capturedAt: clock.now,
                intervalSeconds: interval, statsReset: clock.statsReset, deallocations: clock.deallocations,
                tracksPlanning: probe.tracksPlanning, limitation: probe.textLimitation, rows: rows))
        } catch let error as PGError {
            if error.kind == .connectionLost || !connection.isConnected { throw error }
            // Probe again next time: the extension may have been dropped, updated or loaded.
            let created = query != nil
            let database = probe?.database ?? ""
            query = nil
            if error.sqlState == "55000" {  // "must be loaded via shared_preload_libraries"
                return .unavailable(StatementsUnavailable.notPreloaded(database: database, extensionCreated: created).section)
            }
            return .unavailable(StatementsUnavailable.failed(error.description).section)
        }
    }

    /// The whole normalised text of one entry (the detail view); nil when it is gone or hidden.
    public func fullText(of key: StatementKey, on connection: PGConnection) throws -> String? {
        guard let query, let queryid = key.queryid else { return nil }
        return try connection.query(query.fullText, ["\(key.userid)", "\(key.dbid)", "\(queryid)", key.toplevel ? "true" : "false"])
            .first?.string("query").map(SecretRedaction.redact)
    }

    /// Starts a sample: `collect` then takes its batches of counters in turn.
    private mutating func beginCollecting() {
        entries.removeAll(keepingCapacity: true)
        changed = []
        places.removeAll(keepingCapacity: true)
        fingerprints.removeAll(keepingCapacity: true)
        hiddenIndex = [:]
        columns = []
    }

    /// Sorts one batch of the counters into `entries`: a row unchanged since the last sample is
    /// taken as it was (no decoding); the others are decoded into `changed`. Hidden entries (NULL
    /// queryid) of one role, database and level are summed into one, as `decodeCounters` does.
    private mutating func collect(_ result: PackedResult) throws {
        guard !result.isEmpty else { return }
        if columns.isEmpty { columns = result.columns }
        let c = try CounterColumns(result)
        let comparable = result.columns == lastColumns
        for batchRow in 0..<result.count {
            // The row's place in the sample (the batches before this one held the ones before).
            let row = fingerprints.count
            let fingerprint = result.rowFingerprint(batchRow)
            fingerprints.append(fingerprint)
            if comparable, row < lastPlaces.count, lastPlaces[row] >= 0, lastFingerprints[row] == fingerprint {
                places.append(Int32(entries.count))
                entries.append(.unchanged(Int(lastPlaces[row])))
                continue
            }
            // Moved (entries before it were evicted or reset): found by its key, unchanged if its
            // bytes are those it had there. Only the key is read.
            if comparable, let key = try Self.decodeKey(result, batchRow, c), key.queryid != nil,
               let place = rates.previousPlace(of: key, near: entries.count),
               place < lastFingerprintOfPlace.count, lastFingerprintOfPlace[place] == fingerprint {
                places.append(Int32(entries.count))
                entries.append(.unchanged(place))
                continue
            }
            guard let stats = try Self.decodeRow(result, batchRow, c) else { places.append(-1); continue }
            if stats.isHidden {
                places.append(-1)
                if let index = hiddenIndex[stats.key] {
                    changed[index].counters = changed[index].counters.adding(stats.counters)
                    continue
                }
                hiddenIndex[stats.key] = changed.count
            } else {
                places.append(Int32(entries.count))
            }
            entries.append(.changed(changed.count, previous: rates.previousPlace(of: stats.key, near: entries.count)))
            changed.append(stats)
        }
    }

    /// Texts of the entries read afresh: the last sample's where the entry was in it, else
    /// fetched (one `showtext := true` read, only when entries appeared).
    private mutating func fillTexts(query: StatementsQuery, connection: PGConnection) throws {
        /// The entries whose text is fetched, by key: their place in `changed`.
        var missing: [StatementKey: Int] = [:]
        let previous = rates.rows
        for source in entries {
            guard case .changed(let index, let place) = source else { continue }
            if changed[index].isHidden {
                changed[index].query = "<insufficient privilege>"
            } else if let place {
                let before = previous[place].stats
                changed[index].query = before.query
                changed[index].queryIsCut = before.queryIsCut
                changed[index].isOwn = before.isOwn
            } else {
                missing[changed[index].key] = index
            }
        }
        guard !missing.isEmpty else { return }
        let queryids = Set(missing.keys.compactMap(\.queryid)).sorted()
        for start in stride(from: 0, to: queryids.count, by: batchRows) {
            let batch = queryids[start..<min(start + batchRows, queryids.count)]
            let packed = try connection.queryPacked(query.texts, ["{" + batch.map(String.init).joined(separator: ",") + "}"])
            guard !packed.isEmpty else { continue }
            let keys = try KeyColumns(packed), text = try packed.column("query"), cut = try packed.column("query_cut")
            let ours = try packed.column("ours")
            // Each text straight into its entry (thousands at the first sample: no table of them).
            for row in 0..<packed.count {
                guard let key = try keys.key(packed, row), let index = missing[key] else { continue }
                changed[index].query = SecretRedaction.redact(packed.string(row, text) ?? "")
                changed[index].queryIsCut = try packed.bool(row, cut) ?? false
                changed[index].isOwn = try packed.bool(row, ours) ?? false
            }
        }
    }

    /// The columns that make a `StatementKey`, in every query that returns entries.
    private struct KeyColumns {
        let userid, dbid, queryid, toplevel: QueryResult.Column

        init(_ r: PackedResult) throws {
            userid = try r.column("userid"); dbid = try r.column("dbid")
            queryid = try r.column("queryid"); toplevel = try r.column("toplevel")
        }

        /// nil for a row without its role or database (the entry is unusable).
        func key(_ r: PackedResult, _ row: Int) throws -> StatementKey? {
            guard let userid = try r.int64(row, userid), let dbid = try r.int64(row, dbid) else { return nil }
            return StatementKey(userid: UInt32(truncatingIfNeeded: userid), dbid: UInt32(truncatingIfNeeded: dbid),
                                queryid: try r.int64(row, queryid), toplevel: try r.bool(row, toplevel) ?? true)
        }
    }

    /// Decodes the counters query (any variant: same aliases). Hidden entries (NULL queryid) of
    /// one role, database and level are summed into one. Columns are looked up once: thousands
    /// of entries are read every refresh.
    public static func decodeCounters(_ result: QueryResult) throws -> [StatementStats] {
        try decodeCounters(PackedResult(result))
    }

    /// `decodeCounters(_:)` of cells as libpq gave them.
    public static func decodeCounters(_ result: PackedResult) throws -> [StatementStats] {
        var statements: [StatementStats] = []
        statements.reserveCapacity(result.count)
        var hiddenIndex: [StatementKey: Int] = [:]
        guard !result.isEmpty else { return statements }
        let c = try CounterColumns(result)
        for row in 0..<result.count {
            guard let stats = try decodeRow(result, row, c) else { continue }
            if stats.isHidden {
                if let index = hiddenIndex[stats.key] {
                    statements[index].counters = statements[index].counters.adding(stats.counters)
                    continue
                }
                hiddenIndex[stats.key] = statements.count
            }
            statements.append(stats)
        }
        return statements
    }

    /// The key of one row of the counters query; nil for a row without its role or database.
    private static func decodeKey(_ result: PackedResult, _ row: Int, _ c: CounterColumns) throws -> StatementKey? {
        try result.withBytes(row, c.entry) { cell in try Entry(cell).key() } ?? nil
    }

    /// One row of the counters query; nil for a row without its role or database.
    private static func decodeRow(_ result: PackedResult, _ row: Int, _ c: CounterColumns) throws -> StatementStats? {
        try result.withBytes(row, c.entry) { cell -> StatementStats? in
            let entry = try Entry(cell)
            guard let key = try entry.key() else { return nil }
            let queryid = key.queryid
            let counters = StatementCounters(
                calls: try entry.int64(.calls) ?? 0,
                execMs: try entry.double(.execMs) ?? 0,
                plans: try entry.int64(.plans),
                planMs: try entry.double(.planMs),
                rows: try entry.int64(.rows) ?? 0,
                sharedBlocksHit: try entry.int64(.sharedBlocksHit) ?? 0,
                sharedBlocksRead: try entry.int64(.sharedBlocksRead) ?? 0,
                sharedBlocksDirtied: try entry.int64(.sharedBlocksDirtied) ?? 0,
                sharedBlocksWritten: try entry.int64(.sharedBlocksWritten) ?? 0,
                tempBlocksWritten: try entry.int64(.tempBlocksWritten) ?? 0,
                blockReadMs: try entry.double(.blockReadMs) ?? 0,
                blockWriteMs: try entry.double(.blockWriteMs) ?? 0,
                tempBlockMs: try entry.double(.tempBlockMs),
                walBytes: try entry.double(.walBytes).map { Int64($0) },
                workersPlanned: try entry.int64(.workersPlanned),
                workersLaunched: try entry.int64(.workersLaunched)
            )
            return StatementStats(key: key, user: result.string(row, c.rolname), database: result.string(row, c.datname),
                                  counters: counters, statsSince: queryid == nil ? nil : try entry.date(.statsSince))
        } ?? nil
    }

    /// The fields of the counters query's `entry` cell, in order: the aliases of
    /// `StatementsQuery.entryExpressions` (the same in every variant).
    enum EntryField: Int, CaseIterable {
        case userid, dbid, toplevel, queryid, calls, execMs, plans, planMs, rows
        case sharedBlocksHit, sharedBlocksRead, sharedBlocksDirtied, sharedBlocksWritten, tempBlocksWritten
        case blockReadMs, blockWriteMs, tempBlockMs, walBytes, workersPlanned, workersLaunched, statsSince

        /// The alias in the SQL.
        var alias: String {
            switch self {
            case .userid: return "userid"
            case .dbid: return "dbid"
            case .toplevel: return "toplevel"
            case .queryid: return "queryid"
            case .calls: return "calls"
            case .execMs: return "exec_ms"
            case .plans: return "plans"
            case .planMs: return "plan_ms"
            case .rows: return "rows"
            case .sharedBlocksHit: return "shared_blks_hit"
            case .sharedBlocksRead: return "shared_blks_read"
            case .sharedBlocksDirtied: return "shared_blks_dirtied"
            case .sharedBlocksWritten: return "shared_blks_written"
            case .tempBlocksWritten: return "temp_blks_written"
            case .blockReadMs: return "blk_read_ms"
            case .blockWriteMs: return "blk_write_ms"
            case .tempBlockMs: return "temp_blk_ms"
            case .walBytes: return "wal_bytes"
            case .workersPlanned: return "workers_planned"
            case .workersLaunched: return "workers_launched"
            case .statsSince: return "stats_since"
            }
        }
    }

    /// One `entry` cell split into its fields (an empty field is NULL).
    private struct Entry {
        let cell: UnsafeBufferPointer<UInt8>
        /// Each field's start and end in `cell`.
        var bounds: [(Int, Int)] = []

        init(_ cell: UnsafeBufferPointer<UInt8>) throws {
            self.cell = cell
            bounds.reserveCapacity(EntryField.allCases.count)
            var start = 0
            for i in 0..<cell.count where cell[i] == UInt8(ascii: ",") {
                bounds.append((start, i))
                start = i + 1
            }
            bounds.append((start, cell.count))
            guard bounds.count == EntryField.allCases.count else {
                throw PGError(kind: .decode, message: "pg_stat_statements entry has \(bounds.count) fields, expected \(EntryField.allCases.count)")
            }
        }

        private func field<T>(_ f: EntryField, as type: String, _ parse: (UnsafeBufferPointer<UInt8>) -> T?) throws -> T? {
            let (start, end) = bounds[f.rawValue]
            guard end > start else { return nil }
            let bytes = UnsafeBufferPointer(rebasing: cell[start..<end])
            guard let value = parse(bytes) else {
                throw PGError(kind: .decode, message: "field \"\(f.alias)\": cannot read \"\(String(decoding: bytes, as: UTF8.self).prefix(40))\" as \(type)")
            }
            return value
        }

        func int64(_ f: EntryField) throws -> Int64? { try field(f, as: "bigint", PGBytes.int64) }

        /// nil without its role or database (the entry is unusable).
        func key() throws -> StatementKey? {
            guard let userid = try int64(.userid), let dbid = try int64(.dbid) else { return nil }
            return StatementKey(userid: UInt32(truncatingIfNeeded: userid), dbid: UInt32(truncatingIfNeeded: dbid),
                                queryid: try int64(.queryid), toplevel: try bool(.toplevel) ?? true)
        }
        func double(_ f: EntryField) throws -> Double? { try field(f, as: "number", PGBytes.double) }
        func bool(_ f: EntryField) throws -> Bool? { try field(f, as: "boolean", PGBytes.bool) }
        func date(_ f: EntryField) throws -> Date? {
            try field(f, as: "timestamp") { PGText.timestamp(String(decoding: $0, as: UTF8.self)) }
        }
    }

    /// The counters query's columns, by name (`StatementsQuery.counters`).
    private struct CounterColumns {
        let entry, rolname, datname: QueryResult.Column

        init(_ r: PackedResult) throws {
            entry = try r.column("entry"); rolname = try r.column("rolname"); datname = try r.column("datname")
        }
    }
}
