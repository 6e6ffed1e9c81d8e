import Synchronization
import PGTriageCore

/// A stand-in for the libpq service in UI tests: records every call the console makes (one
/// `Call` per protocol method, with its arguments), and lets the test push events as if they came
/// from the service's threads.
final class ScriptedService: ConsoleService, Sendable {
    enum Call: Equatable, Sendable {
        case start
        case setPaused(Bool)
        case setInterval(Double)
        case refreshNow
        case send(BackendSignal, [Int32])
        case fetchQueryText(Int32)
        case explain(ExplainRequest)
        case cancelExplain
        case fetchStatementText(StatementKey)
        case fetchExactBloat(UInt32)
        case cancelExactBloat
        case writeReport(String)
        case setScope(SnapshotScope)
        case stop
    }

    private struct Inner {
        var calls: [Call] = []
        var sink: (@Sendable (ServiceEvent) -> Void)?
    }
    private let inner = Mutex(Inner())

    var calls: [Call] { inner.withLock { $0.calls } }

    /// Delivers an event the way the real service does: through the callback given to `start`.
    func emit(_ event: ServiceEvent) {
        let sink = inner.withLock { $0.sink }
        sink?(event)
    }

    func start(events: @escaping @Sendable (ServiceEvent) -> Void) {
        inner.withLock { $0.calls.append(.start); $0.sink = events }
    }
    func setPaused(_ paused: Bool) { inner.withLock { $0.calls.append(.setPaused(paused)) } }
    func setInterval(seconds: Double) { inner.withLock { $0.calls.append(.setInterval(seconds)) } }
    func refreshNow() { inner.withLock { $0.calls.append(.refreshNow) } }
    func send(_ signal: BackendSignal, to pids: [Int32]) { inner.withLock { $0.calls.append(.send(signal, pids)) } }
    func fetchQueryText(pid: Int32) { inner.withLock { $0.calls.append(.fetchQueryText(pid)) } }
    func explain(_ request: ExplainRequest) { inner.withLock { $0.calls.append(.explain(request)) } }
    func cancelExplain() { inner.withLock { $0.calls.append(.cancelExplain) } }
    func fetchStatementText(key: StatementKey) { inner.withLock { $0.calls.append(.fetchStatementText(key)) } }
    func fetchExactBloat(oid: UInt32) { inner.withLock { $0.calls.append(.fetchExactBloat(oid)) } }
    func cancelExactBloat() { inner.withLock { $0.calls.append(.cancelExactBloat) } }
    func writeReport(directory: String) { inner.withLock { $0.calls.append(.writeReport(directory)) } }
    func setScope(_ scope: SnapshotScope) { inner.withLock { $0.calls.append(.setScope(scope)) } }
    func stop() { inner.withLock { $0.calls.append(.stop) } }
}
