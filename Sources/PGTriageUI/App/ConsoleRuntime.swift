#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import PGTriageCore

/// Service events on their way to the UI thread: a locked queue plus a self-pipe the UI loop
/// polls, so events wake it at once without ever blocking the service's threads.
final class EventInbox: Sendable {
    private struct Inner {
        var events: [ServiceEvent] = []
        var readFD: Int32
        var writeFD: Int32
        var closed = false
    }
    private let inner: Mutex<Inner>
    let readFD: Int32

    init() {
        var fds: [Int32] = [-1, -1]
        let rc = pipe(&fds)
        if rc == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        }
        if rc != 0 { fds = [-1, -1] }  // no pipe: the loop still wakes on its poll timeout
        readFD = fds[0]
        inner = Mutex(Inner(readFD: fds[0], writeFD: fds[1]))
    }

    /// From any thread: queue the event and wake the loop (one byte; a full pipe already wakes it).
    func post(_ event: ServiceEvent) {
        inner.withLock { state in
            guard !state.closed else { return }
            state.events.append(event)
            if state.writeFD >= 0 {
                var byte: UInt8 = 1
                _ = write(state.writeFD, &byte, 1)
            }
        }
    }

    /// On the UI thread: everything queued so far, in order; empties the pipe too.
    func drain() -> [ServiceEvent] {
        if readFD >= 0 {
            var buffer = [UInt8](repeating: 0, count: 256)
            while read(readFD, &buffer, buffer.count) > 0 {}
        }
        return inner.withLock { state in
            let events = state.events
            state.events.removeAll(keepingCapacity: true)
            return events
        }
    }

    /// Closes the pipe; later posts (a service thread still finishing) are dropped, never written
    /// to a reused descriptor.
    func close() {
        inner.withLock { state in
            guard !state.closed else { return }
            state.closed = true
            state.events.removeAll()
            if state.readFD >= 0 { closeDescriptor(state.readFD) }
            if state.writeFD >= 0 { closeDescriptor(state.writeFD) }
            state.readFD = -1
            state.writeFD = -1
        }
    }

    deinit { close() }
}

private func closeDescriptor(_ fd: Int32) {
    #if canImport(Glibc)
    _ = Glibc.close(fd)
    #else
    _ = Darwin.close(fd)
    #endif
}

/// A service started before the terminal opens, so that its first refresh runs while the
/// terminal starts (about 10 ms of curses set-up the first frame no longer waits for); its events
/// wait in the inbox until `ConsoleRuntime(backend:started:)` takes over.
public final class EarlyStart {
    let service: ConsoleService
    let state: AppState
    let inbox = EventInbox()

    /// Sets the service's interval, pause and scope from `state` (what its first screen shows)
    /// and starts it.
    public init(service: ConsoleService, state: AppState) {
        self.service = service
        var state = state
        ConsoleRuntime.startService(service, state: &state, inbox: inbox)
        self.state = state
    }

    /// Stops the service when the console will not open after all (the terminal failed).
    public func abandon() {
        service.stop()
        inbox.close()
    }
}

/// The console's one UI thread: reads keys and service events, runs `update`, carries out the
/// effects and draws `view(state)` when the screen changed. All terminal calls happen here; the
/// service does its network work on its own threads and only posts events.
public final class ConsoleRuntime {
    public private(set) var state: AppState
    private let backend: TerminalBackend
    private let service: ConsoleService
    private let clock: () -> Date
    private let tickMilliseconds: Int32
    private let inbox: EventInbox
    /// The service was started before the terminal opened (`EarlyStart`).
    private let serviceStarted: Bool
    private var lastDrawn: ScreenGrid?
    private var started = false
    private var finished = false

    /// - Parameters:
    ///   - state: the initial state (connection label, read-only, interval); its size is replaced
    ///     by the backend's.
    ///   - clock: our clock (tests pass a fixed one).
    ///   - tickMilliseconds: how long the loop sleeps without input before a tick (data age).
    public convenience init(
        backend: TerminalBackend, service: ConsoleService, state: AppState,
        clock: @escaping () -> Date = { Date() }, tickMilliseconds: Int32 = 250
    ) {
        self.init(backend: backend, service: service, state: state, inbox: EventInbox(), serviceStarted: false,
                  clock: clock, tickMilliseconds: tickMilliseconds)
    }

    /// Takes over a service `EarlyStart` started before the terminal opened, with the events it
    /// sent meanwhile.
    public convenience init(
        backend: TerminalBackend, started: EarlyStart,
        clock: @escaping () -> Date = { Date() }, tickMilliseconds: Int32 = 250
    ) {
        self.init(backend: backend, service: started.service, state: started.state, inbox: started.inbox, serviceStarted: true,
                  clock: clock, tickMilliseconds: tickMilliseconds)
    }

    private init(
        backend: TerminalBackend, service: ConsoleService, state: AppState, inbox: EventInbox, serviceStarted: Bool,
        clock: @escaping () -> Date, tickMilliseconds: Int32
    ) {
        self.backend = backend
        self.service = service
        self.state = state
        self.inbox = inbox
        self.serviceStarted = serviceStarted
        self.clock = clock
        self.tickMilliseconds = tickMilliseconds
        let size = backend.size
        self.state.width = size.width
        self.state.height = size.height
        self.state.now = clock()
    }

    /// Starts the service and draws the first frame (`run` does it; tests may call it alone).
    public func start() {
        guard !started else { return }
        started = true
        if !serviceStarted { Self.startService(service, state: &state, inbox: inbox) }
        for effect in update(&state, .tick(clock())) { _ = perform(effect) }
        render()
    }

    /// Tells the service what the screen shows before its thread starts (a service handed an
    /// open connection refreshes at once, and a first refresh of every section, the service's
    /// default, would hold the first frame back), then starts it, its events going to `inbox`.
    fileprivate static func startService(_ service: ConsoleService, state: inout AppState, inbox: EventInbox) {
        service.setInterval(seconds: state.interval)
        let scope = AppState.scope(state)
        state.scopeSent = scope
        service.setScope(scope)
        if state.paused { service.setPaused(true) }
        service.start { event in inbox.post(event) }
    }

    /// Runs until the user quits; stops the service before returning. Returns the final state.
    @discardableResult
    public func run() -> AppState {
        start()
        while step(timeoutMilliseconds: tickMilliseconds) {}
        return state
    }

    /// One turn of the loop: wait up to `timeoutMilliseconds` for input or an event, handle
    /// everything waiting, draw if the screen changed. Returns false once the console has quit.
    @discardableResult
    public func step(timeoutMilliseconds: Int32 = 0) -> Bool {
        if !started { start() }
        guard !finished else { return false }
        waitForInput(timeoutMilliseconds)
        let now = clock()
        var messages: [Message] = [.tick(now)]
        messages += inbox.drain().map { .service($0) }
        var keys = 0
        while keys < 256, let key = backend.readKey() {
            keys += 1
            if key == .resize {
                let size = backend.size
                messages.append(.resize(width: size.width, height: size.height))
            } else {
                messages.append(.key(key))
            }
        }
        for message in messages {
            for effect in update(&state, message) {
                if perform(effect) == false {
                    finish()
                    return false
                }
            }
        }
        let bareTick = messages.count == 1
        if !bareTick || tickRedraws(at: now) {
            render()
        }
        return true
    }

    /// A bare tick only moves what follows the clock (the data age, countdowns, status messages
    /// expiring): once a second is enough, and not when a snapshot is due within half a second,
    /// since it redraws everything anyway. Building the view is most of the console's CPU
    /// (docs/performance.md).
    private func tickRedraws(at now: Date) -> Bool {
        guard now.timeIntervalSince(lastRenderAt) >= Self.tickRedrawInterval else { return false }
        if !state.paused, case .connected = state.connection, let arrived = state.snapshotArrivedAt {
            let due = arrived.addingTimeInterval(state.interval)
            if abs(now.timeIntervalSince(due)) < 0.5 { return false }
        }
        return true
    }

    /// Seconds between redraws when nothing but time has passed.
    static let tickRedrawInterval: Double = 1
    private var lastRenderAt = Date(timeIntervalSince1970: 0)

    /// Stops the service and the wake-up pipe; idempotent.
    public func finish() {
        guard !finished else { return }
        finished = true
        service.stop()
        inbox.close()
    }

    private func waitForInput(_ timeout: Int32) {
        var fds: [pollfd] = []
        if backend.inputDescriptor >= 0 { fds.append(pollfd(fd: backend.inputDescriptor, events: Int16(POLLIN), revents: 0)) }
        if inbox.readFD >= 0 { fds.append(pollfd(fd: inbox.readFD, events: Int16(POLLIN), revents: 0)) }
        guard timeout > 0 else { return }
        if fds.isEmpty {
            usleep(UInt32(timeout) * 1000)
            return
        }
        _ = fds.withUnsafeMutableBufferPointer { buffer in
            poll(buffer.baseAddress, nfds_t(buffer.count), timeout)
        }
    }

    /// Carries out one effect; false means quit.
    private func perform(_ effect: Effect) -> Bool {
        switch effect {
        case .setPaused(let paused): service.setPaused(paused)
        case .setInterval(let seconds): service.setInterval(seconds: seconds)
        case .refreshNow: service.refreshNow()
        case .setScope(let scope): service.setScope(scope)
        case .fetchQueryText(let pid): service.fetchQueryText(pid: pid)
        case .fetchStatementText(let key): service.fetchStatementText(key: key)
        case .fetchExactBloat(let oid): service.fetchExactBloat(oid: oid)
        case .cancelExactBloat: service.cancelExactBloat()
        case .writeReport: service.writeReport(directory: ".")
        case .send(let signal, let pids):
            // update never asks in read-only mode; this guard keeps it true whatever changes there.
            guard !state.readOnly else { return true }
            let ownPid = state.serverInfo?.ownPid ?? 0
            let targets = pids.filter { ownPid == 0 || $0 != ownPid }
            if !targets.isEmpty { service.send(signal, to: targets) }
        case .redraw:
            backend.invalidate()
            lastDrawn = nil
        case .explain(let explain):
            if let answer = ExplainEffects.perform(explain, service: service, directory: { try ExplainEffects.saveDirectory() },
                                                   now: clock()) {
                for next in update(&state, answer) where perform(next) == false { return false }
            }
        case .copyToClipboard(let text):
            for next in update(&state, .clipboardCopied(backend.copyToClipboard(text))) where perform(next) == false { return false }
        case .replaySeek(let index): (service as? ReplaySeeking)?.seek(to: index)
        case .quit: return false
        }
        return true
    }

    private func render() {
        lastRenderAt = state.now
        let grid = view(state)
        if grid != lastDrawn {
            backend.draw(grid)
            lastDrawn = grid
        }
    }
}
