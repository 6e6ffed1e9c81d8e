#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import Testing
@testable import PGTriageUI
import PGTriageCore

/// The console on a recording: the fixture server without a chain, then with it, then after.
@Suite struct ReplayTests {
    /// Events the replay service sends, handed to `update` as the runtime would.
    final class Events: Sendable {
        let queue = Mutex<[ServiceEvent]>([])
        func post(_ event: ServiceEvent) { queue.withLock { $0.append(event) } }
        func drain(into state: inout AppState) {
            for event in queue.withLock({ q in defer { q = [] }; return q }) { _ = update(&state, .service(event)) }
        }
    }

    /// Three samples one second apart (08:00:00, 01, 02 UTC): the chain is in the second only.
    static func recording() throws -> (RecordingReader, String) {
        let path = "/tmp/pgtriage-replay-ui-\(UInt32.random(in: 0...UInt32.max)).rec"
        let writer = try RecordingWriter(path: path, header: RecordingHeader(target: "triage@db1:5432/shop", startedAt: Fixtures.t0, intervalSeconds: 1))
        let calm = [Fixtures.d, Fixtures.e]
        writer.append(Fixtures.snapshot(activity: calm, waits: [:], at: Fixtures.t0))
        writer.append(Fixtures.snapshot(at: Fixtures.t0 + 1))
        writer.append(Fixtures.snapshot(activity: calm, waits: [:], at: Fixtures.t0 + 2))
        writer.close()
        return (try RecordingReader(path: path), path)
    }

    /// Carries out the effects the way ConsoleRuntime does for a replay.
    func perform(_ effects: [Effect], _ service: ReplayService, _ events: Events, _ state: inout AppState) {
        for case .replaySeek(let index) in effects { service.seek(to: index) }
        events.drain(into: &state)
    }

    @Test func stepsThroughTheSamplesAndTheHeaderSaysWhere() throws {
        let (reader, path) = try Self.recording()
        defer { unlink(path) }
        let service = ReplayService(reader: reader)
        let events = Events()
        var state = AppState.replay(ReplayState(file: "incident.rec", times: reader.samples.map(\.capturedAt)),
                                    label: reader.header.target)
        state.now = Fixtures.now
        service.start { events.post($0) }
        events.drain(into: &state)
        _ = update(&state, .key(.char("2")))
        var lines = view(state).lines()
        #expect(lines[0] == " triage@db1:5432/shop  PostgreSQL 15.18  up 3d04h  replay  08:00:00  sample 1/3")
        #expect(lines[3] == " Locks — 0 blocked")
        // The status line offers stepping first: the pane's actions are refused here.
        #expect(lines[23].hasPrefix("? help  . next  , prev  g go to"), "\(lines[23])")

        perform(update(&state, .key(.char("."))), service, events, &state)
        lines = view(state).lines()
        #expect(lines[0].hasSuffix("replay  08:00:01  sample 2/3"))
        #expect(Array(lines[3...7]) == [
            " Locks — 2 blocked by 1 root",
            "  PID       USER  WAITING FOR              AGE HELD QUERY",
            "  101       alice IDLE IN XACT (culprit) 5m01s    2 update accounts set balance…",
            "  └─ 102    bob   ShareLock on transact…   41s      update accounts set balance…",
            "     └─ 103 carol AccessExclusiveLock o…   13s      alter table accounts add co…",
        ])

        perform(update(&state, .key(.char(">"))), service, events, &state)
        #expect(view(state).lines()[0].hasSuffix("sample 3/3"))
        _ = update(&state, .key(.char(".")))
        #expect(state.visibleStatus?.text == "the last sample of the recording")

        // g: a time of day (UTC), then Enter.
        var effects: [Effect] = []
        for key in [Key.char("g")] + Fixtures.chars("08:00:01") + [.enter] { effects += update(&state, .key(key)) }
        #expect(effects.contains(.replaySeek(1)))
        perform(effects, service, events, &state)
        #expect(view(state).lines()[0].hasSuffix("sample 2/3"))
        for key in [Key.char("g")] + Fixtures.chars("soon") + [.enter] { _ = update(&state, .key(key)) }
        #expect(state.visibleStatus?.text.hasPrefix("not a time: soon") == true)
    }

    /// A plan captured while recording reaches the Plan pane when the replay gets to its time;
    /// the pane on screen stays.
    @Test func aCapturedPlanOpensInThePlanBrowser() throws {
        let path = "/tmp/pgtriage-replay-plan-\(UInt32.random(in: 0...UInt32.max)).rec"
        defer { unlink(path) }
        let writer = try RecordingWriter(path: path, header: RecordingHeader(target: "triage@db1:5432/shop", startedAt: Fixtures.t0, intervalSeconds: 1))
        writer.append(Fixtures.snapshot(at: Fixtures.t0))
        writer.append(Fixtures.snapshot(at: Fixtures.t0 + 1))
        writer.append(RecordedPlan(capturedAt: Fixtures.t0 + 1, sql: "update accounts set balance = 1 where id = 1", database: "shop",
                                   analyze: false, usedGenericPlan: false, serverVersion: 150_018, output: PlanSamples.nestedLoop))
        writer.append(Fixtures.snapshot(at: Fixtures.t0 + 2))
        writer.close()
        let reader = try RecordingReader(path: path)
        let service = ReplayService(reader: reader)
        let events = Events()
        var state = AppState.replay(ReplayState(file: "incident.rec", times: reader.samples.map(\.capturedAt)), label: reader.header.target)
        state.now = Fixtures.now
        service.start { events.post($0) }
        events.drain(into: &state)
        _ = update(&state, .key(.char("2")))
        #expect(state.plan.document == nil)
        perform(update(&state, .key(.char("."))), service, events, &state)
        #expect(state.pane == .locks)
        #expect(state.plan.document?.plan.nodes.map(\.title) == (try PlanParser.parse(PlanSamples.nestedLoop)).nodes.map(\.title))
        #expect(state.plan.document?.source == "recorded query in shop")
        #expect(state.visibleStatus?.text == "a plan captured in the recording: 5 Plan shows it")
        _ = update(&state, .key(.char("5")))
        #expect(view(state).lines()[3].contains("recorded query in shop"))
    }

    @Test func whatNeedsAServerIsRefusedWithAMessage() throws {
        let (reader, path) = try Self.recording()
        defer { unlink(path) }
        let service = ReplayService(reader: reader, startIndex: 1)
        let events = Events()
        var state = AppState.replay(ReplayState(file: "incident.rec", times: reader.samples.map(\.capturedAt), index: 1),
                                    label: reader.header.target)
        service.start { events.post($0) }
        events.drain(into: &state)
        _ = update(&state, .key(.char("2")))
        for (key, message) in [
            (Key.char("c"), "replay: no server behind a recording: cancel refused, nothing sent"),
            (.char("K"), "replay: no server behind a recording: terminate refused, nothing sent"),
            (.char("e"), "replay: no server behind a recording: nothing can be explained here"),
            (.char("r"), "replay: no server behind a recording: nothing refreshes, nothing runs (. , step; g goes to a time)"),
            (.char("x"), "replay: no server behind a recording: nothing refreshes, nothing runs (. , step; g goes to a time)"),
        ] {
            state.status = nil
            let effects = update(&state, .key(key)).filter { if case .setScope = $0 { return false } else { return true } }
            #expect(effects.isEmpty, "\(key)")
            #expect(state.pendingAction == nil && state.plan.running == nil)
            #expect(state.visibleStatus?.text == message, "\(key)")
        }
    }
}
