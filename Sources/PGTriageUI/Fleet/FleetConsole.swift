#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import PGTriageCore

/// The fleet console's loop on the UI thread: draws the list the poller keeps filling, and on
/// Enter hands the terminal to a full console on that server (`openConsole` runs it until the
/// DBA quits it), then takes it back. The poller's workers go on meanwhile, so the list is
/// current when the DBA comes back.
public final class FleetConsole {
    public private(set) var state: FleetListState
    private let backend: TerminalBackend
    private let poller: FleetPoller
    private let openConsole: (FleetServer) -> Void
    private let clock: () -> Date
    private var lastDrawn: ScreenGrid?
    private var started = false
    /// Bumped by the workers after each row changes; the loop redraws when it moved.
    private let changes = WaitCondition(0)
    private var seenChanges = 0

    public init(backend: TerminalBackend, poller: FleetPoller, interval: Double,
                clock: @escaping () -> Date = { Date() }, openConsole: @escaping (FleetServer) -> Void) {
        self.backend = backend
        self.poller = poller
        self.clock = clock
        self.openConsole = openConsole
        let size = backend.size
        state = FleetListState(width: size.width, height: size.height, interval: interval, now: clock())
    }

    public func start() {
        guard !started else { return }
        started = true
        let changes = self.changes
        poller.start { changes.update { $0 += 1 } }
        render(force: true)
    }

    /// One turn: waits up to `timeoutMilliseconds` for a key, handles the keys waiting, redraws
    /// when something changed. Returns false once the DBA quit.
    @discardableResult
    public func step(timeoutMilliseconds: Int32 = 250) -> Bool {
        if !started { start() }
        if backend.inputDescriptor >= 0, timeoutMilliseconds > 0 {
            var descriptor = pollfd(fd: backend.inputDescriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, timeoutMilliseconds)
        }
        state.now = clock()
        var force = false
        var handled = false
        while let key = backend.readKey() {
            handled = true
            if key == .resize {
                let size = backend.size
                state.width = size.width
                state.height = size.height
                continue
            }
            state.status = nil
            switch state.handle(key) {
            case .none: break
            case .quit: return false
            case .refreshNow: poller.refreshNow()
            case .redraw:
                backend.invalidate()
                force = true
            case .open(let service):
                guard let server = poller.servers.first(where: { $0.name == service }) else { break }
                if let invalid = server.invalid {
                    state.status = "cannot open \(service): \(invalid)"
                    break
                }
                openConsole(server)
                // Back from the console: whatever it drew is gone from our frame.
                let size = backend.size
                state.width = size.width
                state.height = size.height
                backend.invalidate()
                force = true
            }
        }
        let changed = changes.withLock { $0 }
        if changed != seenChanges {
            seenChanges = changed
            state.rows = poller.rows()
            handled = true
        }
        // Without a key or a new row only the data ages move: once a second is enough.
        if handled || force || state.now.timeIntervalSince(lastRenderAt) >= 1 {
            render(force: force)
        }
        return true
    }

    /// Stops the poller's workers.
    public func finish(wait: Bool = true) {
        poller.stop(wait: wait)
    }

    private var lastRenderAt = Date(timeIntervalSince1970: 0)

    private func render(force: Bool) {
        lastRenderAt = state.now
        if state.rows.isEmpty { state.rows = poller.rows() }
        let grid = state.render()
        if force || grid != lastDrawn {
            backend.draw(grid)
            lastDrawn = grid
        }
    }
}
