/// The monitoring thread's decisions, kept apart from its I/O so they can be tested step by step
/// with a fake clock (the model: postgres-nio's `ConnectionStateMachine`). It decides when to
/// connect and how long to back off, when to refresh (interval, pause, refresh requests, scope
/// changes), what a refresh reads, and when to answer text requests.
///
/// Events go in as mutating calls: the settings from any thread (under the service's lock), the
/// outcome of each action from the monitoring thread. `nextAction(now:)` then says what that
/// thread does next. Times are `MonotonicClock` seconds passed in; the planner never reads a clock.
///
/// A cycle, as the loop has always run it: refresh (unless paused), answer the text requests
/// that came meanwhile, then wait for the interval. The wait ends early when a refresh or a text
/// is asked for, or the interval or pause setting changes; whatever ends it starts the next cycle.
public struct MonitorPlanner: Sendable {
    /// What the monitoring thread does next.
    public enum Action: Equatable, Sendable {
        /// Open the monitoring connection; report `connected()` or `connectFailed(_:now:)`.
        case connect
        /// Tell the UI the connection is gone and when the next attempt comes
        /// (`ServiceEvent.connectionLost`).
        case reportLost(PGError, attempt: Int, retryIn: Double)
        /// Read a snapshot as planned; report `refreshed(now:)`, `refreshFailed()` or
        /// `connectionLost(_:)`.
        case refresh(Refresh)
        /// Fetch these whole texts on the monitoring connection and send each as an event.
        case answerTexts(queryPids: [Int32], statements: [StatementKey])
        /// Nothing to do before this time (nil: until an event comes). Any event may change the
        /// plan, so the thread sleeps on the lock's condition and asks again when woken.
        case wait(until: Double?)
        /// Close the connection and end the thread.
        case stop
    }

    /// What one refresh reads besides the header's figures and the backends.
    public struct Refresh: Equatable, Sendable {
        /// The activity the screen wants listed (idle sessions, pinned pids) and its sections.
        public var scope: SnapshotScope
        /// Sample pg_stat_statements (only while its pane is shown: it costs the most).
        public var readStatements: Bool
        /// Forget the statement counters kept for rates: they were not sampled for a while, and
        /// a rate must never span that gap.
        public var resetStatementRates: Bool
        /// The slow sections to read now (`SnapshotSection.isSlow`); a slow section the scope shows
        /// but not listed here shows its last result.
        public var readSlow: Set<SnapshotSection>
        /// Read this many of the Activity pane's first rows before the refresh and send them
        /// ahead of it (`SnapshotReader.readFirstRows`); 0: none.
        public var firstRows: Int

        public init(scope: SnapshotScope, readStatements: Bool, resetStatementRates: Bool, readSlow: Set<SnapshotSection>,
                    firstRows: Int = 0) {
            self.scope = scope
            self.readStatements = readStatements
            self.resetStatementRates = resetStatementRates
            self.readSlow = readSlow
            self.firstRows = firstRows
        }
    }

    /// Seconds between two reads of a slow section (the bloat estimate, index health, vacuum and
    /// wraparound): what they show moves slowly, and each costs more than the rest of a refresh.
    public static let slowSectionInterval: Double = 30

    /// Back-off between reconnect attempts: 0.5 s doubling to at most 10 s.
    public static func reconnectDelay(attempt: Int) -> Double {
        min(10, 0.5 * Double(1 << min(max(attempt - 1, 0), 5)))
    }

    // Settings, changed from any thread.
    public private(set) var interval: Double
    public private(set) var isPaused = false
    /// What each refresh reads; everything until the UI says what it shows.
    public private(set) var scope: SnapshotScope
    public private(set) var isStopped = false
    /// The first rows the first refresh sends ahead of it (0: none, or sent already).
    private var firstRowsPending: Int
    /// Refresh at the next chance even when paused (`r`, a scope change, after a kill).
    private var refreshRequested = false
    private var queryTextRequests: [Int32] = []
    private var statementTextRequests: [StatementKey] = []

    // The connection.
    private enum Link: Sendable {
        case connectNow
        case retrying(at: Double)
        case connected
    }
    private var link = Link.connectNow
    private var failedAttempts = 0
    private var lossToReport: (error: PGError, attempt: Int, retryIn: Double)?

    // The cycle, while connected.
    private enum Phase: Sendable {
        case startCycle
        case answerTexts
        case waiting
    }
    private var phase = Phase.startCycle
    private var cycleStartedAt: Double = 0
    /// True while the thread sleeps on `.wait`: only then does a settings change end the wait
    /// early (one made while it works applies from the next wait on, as the loop always did).
    private var isWaiting = false
    private var waitCutShort = false
    private var refreshInFlight: Refresh?
    /// When each slow section last arrived (none: not on this connection yet).
    private var slowReadAt: [SnapshotSection: Double] = [:]
    /// The statements reader may hold counters from an earlier sample.
    private var statementCountersHeld = false

    /// - Parameter firstRows: the console's first refresh sends this many of the Activity
    ///   pane's first rows ahead of it, when the Activity pane is what the screen shows (its
    ///   default list: idle sessions hidden); later refreshes and reconnects never do.
    public init(interval: Double, scope: SnapshotScope = .everything, firstRows: Int = 0) {
        self.interval = interval
        self.scope = scope
        self.firstRowsPending = firstRows
    }

    // MARK: settings (from any thread)

    public mutating func setPaused(_ paused: Bool) {
        guard paused != isPaused else { return }
        isPaused = paused
        if isWaiting { waitCutShort = true }
    }

    public mutating func setInterval(_ seconds: Double) {
        guard seconds != interval else { return }
        interval = seconds
        if isWaiting { waitCutShort = true }
    }

    public mutating func requestRefresh() {
        refreshRequested = true
    }

    /// A new scope is read at once, so a pane just opened does not wait for the interval.
    public mutating func setScope(_ scope: SnapshotScope) {
        guard scope != self.scope else { return }
        self.scope = scope
        refreshRequested = true
    }

    public mutating func requestQueryText(pid: Int32) {
        queryTextRequests.append(pid)
    }

    public mutating func requestStatementText(key: StatementKey) {
        statementTextRequests.append(key)
    }

    public mutating func stop() {
        isStopped = true
    }

    // MARK: outcomes (from the monitoring thread)

    /// A new connection: the first refresh comes at once and reads every section it shows.
    public mutating func connected() {
        link = .connected
        failedAttempts = 0
        phase = .startCycle
        refreshInFlight = nil
        slowReadAt = [:]
        statementCountersHeld = false
    }

    public mutating func connectFailed(_ error: PGError, now: Double) {
        failedAttempts += 1
        let delay = Self.reconnectDelay(attempt: failedAttempts)
        link = .retrying(at: now + delay)
        lossToReport = (error, failedAttempts, delay)
    }

    public mutating func refreshed(now: Double) {
        guard let refresh = refreshInFlight else { return }
        refreshInFlight = nil
        for section in refresh.readSlow { slowReadAt[section] = now }
        if refresh.resetStatementRates { statementCountersHeld = false }
    }

    /// Connected still; the previous snapshot stays shown (and the sections' timers run on).
    public mutating func refreshFailed() {
        refreshInFlight = nil
    }

    /// The connection broke during a refresh: reconnect at once; back-off starts if that fails.
    public mutating func connectionLost(_ error: PGError) {
        refreshInFlight = nil
        link = .connectNow
        failedAttempts = 1
        lossToReport = (error, 1, 0)
    }

    // MARK: deciding

    public mutating func nextAction(now: Double) -> Action {
        let action = decide(now: now)
        if case .wait = action { isWaiting = true } else { isWaiting = false }
        return action
    }

    private mutating func decide(now: Double) -> Action {
        if isStopped { return .stop }
        if let loss = lossToReport {
            lossToReport = nil
            return .reportLost(loss.error, attempt: loss.attempt, retryIn: loss.retryIn)
        }
        switch link {
        case .connectNow:
            return .connect
        case .retrying(let at):
            // Only stopping ends a back-off early: requests wait for the connection.
            if now < at { return .wait(until: at) }
            link = .connectNow
            return .connect
        case .connected:
            break
        }
        while true {
            switch phase {
            case .startCycle:
                cycleStartedAt = now
                waitCutShort = false
                phase = .answerTexts
                let refresh = refreshRequested || !isPaused
                refreshRequested = false
                if refresh { return .refresh(plan(now: now)) }
            case .answerTexts:
                phase = .waiting
                if hasTextRequests {
                    defer { queryTextRequests = []; statementTextRequests = [] }
                    return .answerTexts(queryPids: queryTextRequests, statements: statementTextRequests)
                }
            case .waiting:
                let due: Double? = isPaused ? nil : cycleStartedAt + interval
                let timeIsUp = due.map { now >= $0 } ?? false
                guard refreshRequested || waitCutShort || hasTextRequests || timeIsUp else {
                    return .wait(until: due)
                }
                phase = .startCycle
            }
        }
    }

    private var hasTextRequests: Bool { !queryTextRequests.isEmpty || !statementTextRequests.isEmpty }

    private mutating func plan(now: Double) -> Refresh {
        let readStatements = scope.statements
        let resetStatementRates = !readStatements && statementCountersHeld
        if readStatements { statementCountersHeld = true }  // even if the read then fails
        let readSlow = scope.sections.filter { section in
            section.isSlow && (slowReadAt[section].map { now - $0 >= Self.slowSectionInterval } ?? true)
        }
        let firstRows = scope.sections.isEmpty && !scope.idleSessions ? firstRowsPending : 0
        firstRowsPending = 0
        let refresh = Refresh(scope: scope, readStatements: readStatements,
                              resetStatementRates: resetStatementRates, readSlow: readSlow, firstRows: firstRows)
        refreshInFlight = refresh
        return refresh
    }
}
