import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

/// Cancels the query running on a connection, from any thread (libpq documents `PQcancel` as
/// thread-safe; the handle is freed only with the connection that made it).
public final class PGCancelHandle: @unchecked Sendable {
    private let handle: OpaquePointer
    /// Set when we asked to cancel, so a 57014 error reads as "cancelled", not as a timeout.
    private let requested = WaitCondition()
    private var wasRequested = false

    init?(connection: OpaquePointer) {
        guard let handle = PQgetCancel(connection) else { return nil }
        self.handle = handle
    }

    deinit { PQfreeCancel(handle) }

    /// Asks the server to cancel the running query, without waiting for it: `PQcancel` opens a
    /// connection of its own and waits for the server to close it, with no time limit, so a
    /// server that accepts connections but never answers (a frozen postmaster) would hold the
    /// caller (the UI's Esc, the monitoring thread's deadline, quitting) for ever. It runs on a
    /// thread of its own; the handle lives until that thread is done. Whether it arrived, the
    /// query's end tells.
    public func cancel() {
        requested.withLock { wasRequested = true }
        WorkerThread { [self] in
            var buffer = [CChar](repeating: 0, count: 256)
            _ = PQcancel(handle, &buffer, Int32(buffer.count))
        }.detach()
    }

    func consumeRequest() -> Bool {
        requested.withLock {
            defer { wasRequested = false }
            return wasRequested
        }
    }
}

/// One libpq session. Not thread-safe: a connection is owned by one thread. Queries are sent
/// asynchronously and waited for with `poll`, so the owner can be interrupted (`cancelHandle`,
/// or a client-side deadline) and never hangs on a dead network.
public final class PGConnection {
    private var conn: OpaquePointer?
    public let target: ConnectionTarget
    public let role: SessionRole
    public let settings: SessionSettings
    public private(set) var cancelHandle: PGCancelHandle?
    /// Our backend's pid (so we can hide ourselves and never signal ourselves).
    public private(set) var backendPid: Int32 = 0
    /// Notices gathered during the current query.
    fileprivate var pendingNotices: [String] = []
    /// Flights to the server so far: each sends one or more statements and waits for their
    /// results (the connect's own exchange not counted). What the first frame waits for.
    public private(set) var roundTrips = 0
    /// Told, every quarter second a statement goes unanswered, how long it has waited (on the
    /// owner's thread): the console says when the server stops answering.
    public var waitObserver: ((_ waited: Double) -> Void)?
    /// The opening query's result (see `init`), until `takeOpeningResult` claims it.
    private var openingResult: (sql: String, result: QueryResult)?

    /// Connects and applies the session settings. Throws `PGError(kind: .connect)` with libpq's
    /// message in one line (libpq never includes the password in it).
    /// - Parameters:
    ///   - abandon: checked while waiting for the server; returning true gives up (used when the
    ///     console quits during a slow connect).
    ///   - openingQuery: a statement without parameters sent in the same flight as the session
    ///     settings and run after them, in force: one round trip for both (the server info
    ///     before the first frame). Its result waits in `takeOpeningResult(of:)`.
    public init(
        target: ConnectionTarget, role: SessionRole, settings: SessionSettings? = nil,
        abandon: (() -> Bool)? = nil, openingQuery: String? = nil
    ) throws {
        self.target = target
        self.role = role
        self.settings = settings ?? .forRole(role)
        try connect(abandon: abandon, openingQuery: openingQuery)
    }

    /// The opening query's result when `sql` was the opening query and nobody took it yet.
    public func takeOpeningResult(of sql: String) -> QueryResult? {
        guard let opening = openingResult, opening.sql == sql else { return nil }
        openingResult = nil
        return opening.result
    }

    deinit { close() }

    public func close() {
        cancelHandle = nil
        if let conn { PQfinish(conn) }
        conn = nil
        preparedSQL = [:]
        sentOnce = [:]
    }

    public var isConnected: Bool {
        guard let conn else { return false }
        return PQstatus(conn) == CONNECTION_OK
    }

    /// `user@host:port/db` as libpq resolved it, never with a password.
    public var label: String {
        guard let conn else { return "(not connected)" }
        func text(_ value: UnsafeMutablePointer<CChar>?) -> String { value.map { String(cString: $0) } ?? "" }
        var host = text(PQhost(conn))
        if host.hasPrefix("/") { host = "[\(host)]" }  // a Unix-socket directory
        return "\(text(PQuser(conn)))@\(host):\(text(PQport(conn)))/\(text(PQdb(conn)))"
    }

    public var serverVersionNum: Int { conn.map { Int(PQserverVersion($0)) } ?? 0 }

    private func connect(abandon: (() -> Bool)?, openingQuery: String?) throws {
        // TCP keepalives and a user timeout notice a dead network path within about 20 s (libpq
        // ignores them on Unix sockets); first, so a conninfo that sets its own wins.
        var pairs: [(String, String)] = [
            ("keepalives", "1"), ("keepalives_idle", "10"), ("keepalives_interval", "5"), ("keepalives_count", "3"),
            ("tcp_user_timeout", "20000"),
        ]
        pairs += target.keywordPairs()
        pairs.append(("application_name", settings.applicationName))
        pairs.append(("client_encoding", "UTF8"))
        let keywords = pairs.map { strdup($0.0) } + [nil]
        let values = pairs.map { strdup($0.1) } + [nil]
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let started: OpaquePointer? = keywords.map { UnsafePointer($0) }.withUnsafeBufferPointer { kw in
            values.map { UnsafePointer($0) }.withUnsafeBufferPointer { vals in
                PQconnectStartParams(kw.baseAddress, vals.baseAddress, 1)
            }
        }
        guard let started else { throw PGError(kind: .connect, message: "out of memory starting a connection") }
        conn = started
        guard PQstatus(started) != CONNECTION_BAD else {
            let message = PGConnection.oneLine(PQerrorMessage(started))
            close()
            throw PGError(kind: .connect, message: message)
        }
        let timeout = target.connectTimeout(fallback: settings.connectTimeout)
        let deadline = MonotonicClock.now() + timeout
        var status = PGRES_POLLING_WRITING
        while status != PGRES_POLLING_OK {
            if status == PGRES_POLLING_FAILED {
                let message = PGConnection.oneLine(PQerrorMessage(started))
                close()
                throw PGError(kind: .connect, message: message)
            }
            let events = Int16(status == PGRES_POLLING_READING ? POLLIN : POLLOUT)
            // Wait in short slices so a deadline or an abandon request is noticed promptly.
            while !waitForSocket(started, events: events, seconds: 0.2) {
                if MonotonicClock.now() >= deadline {
                    close()
                    throw PGError(kind: .connect, message: "timed out after \(Int(timeout)) s connecting")
                }
                if abandon?() == true {
                    close()
                    throw PGError(kind: .connect, message: "connection attempt abandoned")
                }
            }
            status = PQconnectPoll(started)
        }
        PQsetNoticeProcessor(started, { context, message in
            guard let context, let message else { return }
            let connection = Unmanaged<PGConnection>.fromOpaque(context).takeUnretainedValue()
            connection.pendingNotices.append(PGConnection.oneLine(message))
        }, Unmanaged.passUnretained(self).toOpaque())
        backendPid = PQbackendPID(started)
        cancelHandle = PGCancelHandle(connection: started)
        do {
            try applySessionSettings(then: openingQuery)
        } catch {
            close()
            throw error
        }
    }

    /// Timeouts, read-only, and the output formats our decoders expect, with `openingQuery`
    /// after them in one round trip (simple protocol: the statements run in order in one
    /// implicit transaction, so the opening query never runs without the settings, and a
    /// failure anywhere closes the connection rather than leave it half set).
    private func applySessionSettings(then openingQuery: String?) throws {
        // Literals, not parameters (the simple protocol has none): numbers and on/off we made.
        // The implicit transaction began before `default_transaction_read_only` was set: it is
        // made read-only itself, so the opening query is held to it as every later one is.
        let settingsSQL = """
            SELECT set_config('statement_timeout', '\(settings.statementTimeoutMs)', false),
                   set_config('lock_timeout', '\(settings.lockTimeoutMs)', false),
                   set_config('idle_in_transaction_session_timeout', '\(settings.idleInTransactionTimeoutMs)', false),
                   set_config('default_transaction_read_only', '\(settings.readOnly ? "on" : "off")', false),
                   set_config('DateStyle', 'ISO, YMD', false),
                   set_config('IntervalStyle', 'postgres', false),
                   set_config('TimeZone', 'UTC', false)\(settings.readOnly ? ",\n       set_config('transaction_read_only', 'on', true)" : "")
            """
        guard let openingQuery else {
            _ = try execute(settingsSQL)
            return
        }
        let results = try execute(settingsSQL + ";\n" + openingQuery)
        guard results.count == 2 else {
            throw PGError(kind: .decode, message: "the session settings and the opening query gave \(results.count) results, not 2")
        }
        openingResult = (openingQuery, results[1])
    }

    /// Runs one statement with text parameters ($1, $2, ...; nil is NULL).
    /// - Parameter timeout: client-side deadline in seconds: past it we send a cancel (the server's
    ///   statement_timeout normally fires first; this covers a server that stopped answering).
    public func query(_ sql: String, _ parameters: [String?] = [], timeout: Double? = nil) throws -> QueryResult {
        let conn = try liveConnection()
        return try send(conn, parameters, timeout: timeout) { params in
            PQsendQueryParams(conn, tagged(sql), Int32(parameters.count), nil, params, nil, nil, 0)
        }
    }

    /// `query(_:_:timeout:)` with the cells packed into one buffer instead of a `String` per cell
    /// (thousands of rows: the Statements texts of every entry on a first read).
    public func queryPacked(_ sql: String, _ parameters: [String?] = [], timeout: Double? = nil) throws -> PackedResult {
        let conn = try liveConnection()
        let results = try send(conn, parameters, timeout: timeout, copy: { owned, _ in owned.packed() }) { params in
            PQsendQueryParams(conn, tagged(sql), Int32(parameters.count), nil, params, nil, nil, 0)
        }
        return results.last ?? PackedResult(QueryResult(columns: [], rows: []))
    }

    /// Sends a statement with text parameters through `sender` and waits for its last result.
    private func send(
        _ conn: OpaquePointer, _ parameters: [String?], timeout: Double?,
        _ sender: (UnsafePointer<UnsafePointer<CChar>?>?) -> Int32
    ) throws -> QueryResult {
        let results = try send(conn, parameters, timeout: timeout, copy: { owned, notices in owned.copy(notices: notices) }, sender)
        return results.last ?? QueryResult(columns: [], rows: [])
    }

    /// `send`, each result copied out by `copy`.
    private func send<Copied>(
        _ conn: OpaquePointer, _ parameters: [String?], timeout: Double?, copy: (OwnedResult, [String]) -> Copied,
        _ sender: (UnsafePointer<UnsafePointer<CChar>?>?) -> Int32
    ) throws -> [Copied] {
        pendingNotices = []
        let cParams = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { cParams.forEach { free($0) } }
        let sent = cParams.map { UnsafePointer($0) }.withUnsafeBufferPointer { sender($0.baseAddress) }
        guard sent == 1 else { throw connectionError(conn) }
        return try collectResults(conn, timeout: timeout, copy: copy)
    }

    /// Runs a fixed statement prepared once per connection under `name` (planned once, not on
    /// every refresh): the statements run every interval use it. Its first run on a session is
    /// sent whole instead (parse, bind and execute in one round trip, where preparing first
    /// takes two): the first refresh is what the first frame waits for; the second run prepares.
    public func queryPrepared(_ name: String, _ sql: String, _ parameters: [String?] = [], timeout: Double? = nil) throws -> QueryResult {
        let conn = try liveConnection()
        if preparedSQL[name] == nil, sentOnce[name] != sql {
            let result = try query(sql, parameters, timeout: timeout)
            sentOnce[name] = sql
            return result
        }
        if preparedSQL[name] != sql {
            pendingNotices = []
            if preparedSQL[name] != nil {
                _ = try query("DEALLOCATE \"\(name)\"")
                preparedSQL[name] = nil
            }
            guard PQsendPrepare(conn, name, tagged(sql), Int32(parameters.count), nil) == 1 else { throw connectionError(conn) }
            _ = try collectResults(conn, timeout: timeout)
            preparedSQL[name] = sql
        }
        return try send(conn, parameters, timeout: timeout) { params in
            PQsendQueryPrepared(conn, name, Int32(parameters.count), params, nil, nil, 0)
        }
    }

    /// The statement with `SessionSettings.statementTag` at its end; each statement of a
    /// catalog's multi-statement text (they are joined by ";\n") gets its own.
    func tagged(_ sql: String) -> String {
        settings.tagsStatements ? Self.tag(sql, SessionSettings.statementTag) : sql
    }

    static func tag(_ sql: String, _ tag: String) -> String {
        var out = ""
        var rest = Substring(sql)
        while let end = rest.firstRange(of: ";\n") {
            out += rest[..<end.lowerBound] + tag + ";\n"
            rest = rest[end.upperBound...]
        }
        return out + rest + tag
    }

    /// Statements prepared on this session, by name (a new session starts with none).
    private var preparedSQL: [String: String] = [:]
    /// Statements of `queryPrepared` run once unprepared on this session, by name.
    private var sentOnce: [String: String] = [:]

    /// Runs one or more statements with no parameters (simple protocol): one round trip, one
    /// result per statement.
    public func execute(_ sql: String, timeout: Double? = nil) throws -> [QueryResult] {
        let conn = try liveConnection()
        pendingNotices = []
        guard PQsendQuery(conn, tagged(sql)) == 1 else { throw connectionError(conn) }
        return try collectResults(conn, timeout: timeout)
    }

    /// `execute(_:timeout:)` with each result's cells packed into one buffer instead of a
    /// `String` per cell: for results of thousands of rows decoded to numbers every refresh.
    public func executePacked(_ sql: String, timeout: Double? = nil) throws -> [PackedResult] {
        var results: [PackedResult] = []
        try executePackedEach(sql, timeout: timeout) { results.append($0) }
        return results
    }

    /// `executePacked(_:timeout:)` handing each result to `body` as it arrives and dropping it
    /// before the next is read: a statement fetched in batches (`FETCH n` from a cursor, in the
    /// same round trip) never holds more than one batch. `body` is not called after a failed
    /// statement (the ones after it are not run); the error is thrown once the round trip ends.
    public func executePackedEach(_ sql: String, timeout: Double? = nil, _ body: (PackedResult) throws -> Void) throws {
        let conn = try liveConnection()
        pendingNotices = []
        guard PQsendQuery(conn, tagged(sql)) == 1 else { throw connectionError(conn) }
        var failure: Error?
        try takeResults(conn, timeout: timeout) { owned, _ in
            guard failure == nil else { return }
            do { try body(owned.packed()) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Waits up to `seconds` without sending anything, reading what the server sends (a
    /// terminated backend gets a FATAL and a closed socket). Returns false once the connection is
    /// gone.
    public func waitIdle(seconds: Double) -> Bool {
        guard let conn, PQstatus(conn) == CONNECTION_OK else { return false }
        let deadline = MonotonicClock.now() + seconds
        // The FATAL message and the end of the stream may arrive apart: keep reading until the
        // time is up or the socket reports the end.
        while case let remaining = deadline - MonotonicClock.now(), remaining > 0,
              waitForSocket(conn, events: Int16(POLLIN), seconds: remaining) {
            if PQconsumeInput(conn) == 0 { return false }
            while PQisBusy(conn) == 0, let result = PQgetResult(conn) { PQclear(result) }
            if PQstatus(conn) != CONNECTION_OK { return false }
        }
        return PQstatus(conn) == CONNECTION_OK
    }

    private func liveConnection() throws -> OpaquePointer {
        guard let conn, PQstatus(conn) == CONNECTION_OK else {
            throw PGError(kind: .connectionLost, message: "not connected")
        }
        return conn
    }

    /// Waits for every result of the query sent, without blocking in libpq. Past the deadline
    /// (the caller's, else `settings.answerDeadline`) a cancel is sent; when even that brings no
    /// answer within `settings.abandonAfterCancel`, the server is not answering: the connection
    /// is closed and `.connectionLost` thrown, so the caller can start afresh.
    private func collectResults(_ conn: OpaquePointer, timeout: Double?) throws -> [QueryResult] {
        try collectResults(conn, timeout: timeout) { owned, notices in owned.copy(notices: notices) }
    }

    /// `collectResults(_:timeout:)`, each result copied out by `copy` (given the notices so far).
    private func collectResults<Copied>(_ conn: OpaquePointer, timeout: Double?,
                                        copy: (OwnedResult, [String]) -> Copied) throws -> [Copied] {
        var results: [Copied] = []
        try takeResults(conn, timeout: timeout) { owned, notices in results.append(copy(owned, notices)) }
        return results
    }

    /// Waits for the results of what was sent, handing each good one to `take` as it arrives
    /// (libpq frees it when `take` returns); throws the first error once all have arrived.
    private func takeResults(_ conn: OpaquePointer, timeout: Double?, _ take: (OwnedResult, [String]) -> Void) throws {
        roundTrips += 1
        let started = MonotonicClock.now()
        let deadline = (timeout ?? settings.answerDeadline).map { started + $0 }
        var cancelSent = false
        var firstError: PGError?
        while true {
            guard PQconsumeInput(conn) == 1 else { throw connectionError(conn) }
            while PQisBusy(conn) == 0 {
                guard let result = PQgetResult(conn) else {
                    if let firstError { throw firstError }
                    return
                }
                let owned = OwnedResult(result)
                switch PQresultStatus(result) {
                case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
                    take(owned, pendingNotices)
                default:
                    if firstError == nil { firstError = owned.error(cancelled: cancelHandle?.consumeRequest() ?? false) }
                }
            }
            if let deadline, MonotonicClock.now() >= deadline {
                if !cancelSent {
                    cancelHandle?.cancel()
                    cancelSent = true
                } else if MonotonicClock.now() >= deadline + settings.abandonAfterCancel {
                    let waited = Int((MonotonicClock.now() - started).rounded())
                    close()
                    throw PGError(kind: .connectionLost, message: "server not answering for \(waited) s: gave up on this connection")
                }
            }
            waitObserver?(MonotonicClock.now() - started)
            _ = waitForSocket(conn, events: Int16(POLLIN), seconds: 0.25)
            if PQstatus(conn) == CONNECTION_BAD { throw connectionError(conn) }
        }
    }

    private func connectionError(_ conn: OpaquePointer) -> PGError {
        let message = PGConnection.oneLine(PQerrorMessage(conn))
        let lost = PQstatus(conn) == CONNECTION_BAD
        return PGError(kind: lost ? .connectionLost : .server, message: message.isEmpty ? "connection lost" : message)
    }

    /// poll() on the connection's socket; false on timeout.
    private func waitForSocket(_ conn: OpaquePointer, events: Int16, seconds: Double) -> Bool {
        let socket = PQsocket(conn)
        guard socket >= 0 else { return false }
        var descriptor = pollfd(fd: socket, events: events, revents: 0)
        let milliseconds = Int32(max(0, min(seconds, 3600)) * 1000)
        return poll(&descriptor, 1, milliseconds) > 0
    }

    /// libpq messages end in newlines and may span lines; the console shows one line.
    static func oneLine(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "" }
        return oneLine(String(cString: message))
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: " \t") }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> Substring {
        var slice = self
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return slice
    }
}

/// Owns one PGresult and frees it exactly once, on success and on error alike (a wrapper many
/// copy leaked every error result).
private final class OwnedResult {
    let result: OpaquePointer
    init(_ result: OpaquePointer) { self.result = result }
    deinit { PQclear(result) }

    func copy(notices: [String]) -> QueryResult {
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        var columns: [String] = [], types: [UInt32] = []
        columns.reserveCapacity(columnCount)
        for c in 0..<columnCount {
            columns.append(String(cString: PQfname(result, Int32(c))))
            types.append(UInt32(PQftype(result, Int32(c))))
        }
        var rows: [[String?]] = []
        rows.reserveCapacity(rowCount)
        for r in 0..<rowCount {
            var row: [String?] = []
            row.reserveCapacity(columnCount)
            for c in 0..<columnCount {
                if PQgetisnull(result, Int32(r), Int32(c)) == 1 {
                    row.append(nil)
                } else {
                    row.append(String(cString: PQgetvalue(result, Int32(r), Int32(c))))
                }
            }
            rows.append(row)
        }
        let affected = PQcmdTuples(result).flatMap { Int(String(cString: $0)) }
        return QueryResult(columns: columns, typeOids: types, rows: rows, affectedRows: affected, notices: notices)
    }

    func packed() -> PackedResult {
        let columns = (0..<PQnfields(result)).map { String(cString: PQfname(result, $0)) }
        return PackedResult(columns: columns, count: Int(PQntuples(result)),
                            length: { r, c in Int(PQgetlength(self.result, Int32(r), Int32(c))) }) { r, c in
            guard PQgetisnull(result, Int32(r), Int32(c)) == 0, let text = PQgetvalue(result, Int32(r), Int32(c)) else { return nil }
            return (UnsafePointer(text), Int(PQgetlength(result, Int32(r), Int32(c))))
        }
    }

    func error(cancelled: Bool) -> PGError {
        func field(_ code: UInt8) -> String? {
            guard let value = PQresultErrorField(result, Int32(code)) else { return nil }
            return String(cString: value)
        }
        let sqlState = field(UInt8(ascii: "C"))
        let message = field(UInt8(ascii: "M")) ?? PGConnection.oneLine(PQresultErrorMessage(result))
        let kind: PGError.Kind = (cancelled && sqlState == "57014") ? .cancelled : .server
        return PGError(kind: kind, message: message, sqlState: sqlState, detail: field(UInt8(ascii: "D")), hint: field(UInt8(ascii: "H")))
    }
}
