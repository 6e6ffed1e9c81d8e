import PGTriageCore
import Synchronization

/// The service behind `pgtriage replay FILE`: no server; the recorded snapshots, one at a time,
/// as `.snapshot` events (the panes cannot tell them from live ones). What would need a server
/// is answered with what the recording has (the texts as recorded) or a refusal.
public final class ReplayService: ConsoleService, ReplaySeeking, Sendable {
    /// Reached only under the mutex (the reader's JSON decoder is a class: not Sendable).
    private struct State: ~Copyable, @unchecked Sendable {
        var reader: RecordingReader
        var events: (@Sendable (ServiceEvent) -> Void)?
        var shown: Snapshot?
        /// The recorded plan the Plan pane was last given (index into `reader.plans`).
        var planShown: Int?
    }
    private let state: Mutex<State>
    private let startIndex: Int

    public init(reader: RecordingReader, startIndex: Int = 0) {
        state = Mutex(State(reader: reader))
        self.startIndex = startIndex
    }

    public func start(events: @escaping @Sendable (ServiceEvent) -> Void) {
        state.withLock { $0.events = events }
        seek(to: startIndex)
    }

    /// Posts the sample, and the last plan captured up to it when that is another than the
    /// Plan pane has (the pane keeps it: a plan is not undone by stepping back).
    public func seek(to index: Int) {
        let (events, post) = state.withLock { state -> ([ServiceEvent], (@Sendable (ServiceEvent) -> Void)?) in
            guard state.reader.samples.indices.contains(index) else { return ([.warning("no sample \(index + 1) in the recording")], state.events) }
            var out: [ServiceEvent] = []
            do {
                let snapshot = try state.reader.snapshot(index)
                state.shown = snapshot
                out.append(.snapshot(snapshot))
            } catch {
                return ([.warning("\(error)")], state.events)
            }
            let time = state.reader.samples[index].capturedAt
            if let last = state.reader.plans.lastIndex(where: { $0.capturedAt <= time }), last != state.planShown {
                state.planShown = last
                do {
                    out.append(.explainFinished(.success(try ExplainResult(recorded: try state.reader.plan(last)))))
                } catch {
                    out.append(.warning("a recorded plan does not read: \(error)"))
                }
            }
            return (out, state.events)
        }
        if let post { events.forEach(post) }
    }

    private func post(_ event: ServiceEvent) {
        state.withLock { $0.events }?(event)
    }

    private var shown: Snapshot? { state.withLock { $0.shown } }

    public func setPaused(_ paused: Bool) {}
    public func setInterval(seconds: Double) {}
    public func refreshNow() {}
    /// Never asked: `update` refuses actions in a replay; answered as refused all the same.
    public func send(_ signal: BackendSignal, to pids: [Int32]) {
        for pid in pids { post(.actionFinished(ActionResult(signal: signal, pid: pid, outcome: .refused(ReplayKeys.noServer)))) }
    }
    /// The text as recorded (cut to the list's length if it was).
    public func fetchQueryText(pid: Int32) {
        let backend = shown?.backend(pid: pid)
        post(.queryText(pid: pid, text: backend?.query, cutByServer: false))
    }
    /// Never asked: `update` refuses EXPLAIN in a replay.
    public func explain(_ request: ExplainRequest) {}
    public func cancelExplain() {}
    public func fetchStatementText(key: StatementKey) {
        post(.statementText(key: key, text: shown?.statements?.rows.first { $0.stats.key == key }?.stats.query))
    }
    public func fetchExactBloat(oid: UInt32) {
        post(.exactBloatFailed(oid: oid, PGError(kind: .connect, message: ReplayKeys.noServer + ": exact figures need the server")))
    }
    public func cancelExactBloat() {}
    /// Never asked: the replay's keys refuse `R`; answered as refused all the same.
    public func writeReport(directory: String) {
        post(.reportFailed(ReplayKeys.noServer + ": a report needs the server"))
    }
    /// Every recorded part is in every sample: nothing to narrow.
    public func setScope(_ scope: SnapshotScope) {}
    public func stop() {}
}
