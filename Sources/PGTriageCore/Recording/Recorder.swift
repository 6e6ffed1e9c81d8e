#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// Records the snapshots a service sends, as the panes show them: the Indexes section rated
/// against the read before it when the service did not rate it (the console does the same,
/// `IndexesSection.rated`), so a replay shows the rates that were on screen. Used by `pgtriage record` and by the console's
/// `--record` (through `RecordingService`).
public final class Recorder: Sendable {
    public let writer: RecordingWriter
    private let lastIndexes = Mutex<IndexesSection?>(nil)
    /// The server time of the last sample: a plan is filed under it.
    private let lastCapturedAt = Mutex<Date?>(nil)

    public init(writer: RecordingWriter) { self.writer = writer }

    /// Records `event` when it is a snapshot or a finished EXPLAIN; true when one was written.
    @discardableResult
    public func observe(_ event: ServiceEvent) -> Bool {
        if case .explainFinished(.success(let result)) = event {
            let at = lastCapturedAt.withLock { $0 } ?? Date()
            return writer.append(RecordedPlan(result, at: at))
        }
        guard case .snapshot(var snapshot) = event else { return false }
        lastCapturedAt.withLock { $0 = snapshot.capturedAt }
        lastIndexes.withLock { last in
            if let incoming = snapshot.indexes {
                if incoming.capturedAt == last?.capturedAt && incoming.database == last?.database {
                    snapshot.indexes = last  // the same read, repeated between slow reads: as rated
                } else {
                    let rated = incoming.rated(since: last)
                    snapshot.indexes = rated
                    last = rated
                }
            }
        }
        return writer.append(snapshot)
    }
}

/// A service that records every snapshot the wrapped one sends on its way to the console
/// (`pgtriage --record FILE`); every request goes to the wrapped service unchanged.
public final class RecordingService: ConsoleService {
    private let wrapped: ConsoleService
    public let recorder: Recorder

    public init(wrapping service: ConsoleService, recorder: Recorder) {
        wrapped = service; self.recorder = recorder
    }

    public func start(events: @escaping @Sendable (ServiceEvent) -> Void) {
        let recorder = recorder
        wrapped.start { event in
            recorder.observe(event)
            events(event)
        }
    }
    public func setPaused(_ paused: Bool) { wrapped.setPaused(paused) }
    public func setInterval(seconds: Double) { wrapped.setInterval(seconds: seconds) }
    public func refreshNow() { wrapped.refreshNow() }
    public func send(_ signal: BackendSignal, to pids: [Int32]) { wrapped.send(signal, to: pids) }
    public func fetchQueryText(pid: Int32) { wrapped.fetchQueryText(pid: pid) }
    public func explain(_ request: ExplainRequest) { wrapped.explain(request) }
    public func cancelExplain() { wrapped.cancelExplain() }
    public func fetchStatementText(key: StatementKey) { wrapped.fetchStatementText(key: key) }
    public func fetchExactBloat(oid: UInt32) { wrapped.fetchExactBloat(oid: oid) }
    public func cancelExactBloat() { wrapped.cancelExactBloat() }
    public func writeReport(directory: String) { wrapped.writeReport(directory: directory) }
    public func setScope(_ scope: SnapshotScope) { wrapped.setScope(scope) }
    public func stop() {
        wrapped.stop()
        recorder.writer.close()
    }
}
