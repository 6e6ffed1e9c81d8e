#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PGTriageCore
import PGTriageLocalServer
@testable import PGTriageUI
import Testing

/// Record a live blocking chain with the real binary, stop the server, replay the file.
@Suite("record and replay", .serialized)
struct RecordReplayTests {
    @Test func aRecordedChainReplaysAfterTheServerIsGone() throws {
        guard let server = try TestServers.dedicated(major: 15) else {
            try Test.cancel("PostgreSQL 15 is not available here")
        }
        var serverStopped = false
        defer { if !serverStopped { server.stop() } }
        let file = NSTemporaryDirectory() + "pgtriage-record-\(UInt32.random(in: 0...UInt32.max)).rec"
        defer { unlink(file) }

        let chain = try BlockingChain(server)
        let (a, b, c) = (chain.a.backendPid, chain.b.backendPid, chain.c.backendPid)
        let record = try Binary.run(["record", server.conninfo(database: chain.database), "--interval", "0.5", "--count", "3", "--output", file],
                                    timeout: 60)
        chain.release()
        server.stop()
        serverStopped = true
        #expect(record.status == 0, "\(record.stderr)")
        #expect(record.stderr.hasPrefix("pgtriage record: 3 samples, "), "\(record.stderr)")

        // --json: one line per sample, the chain in each.
        let replay = try Binary.run(["replay", file, "--json"])
        #expect(replay.status == 0, "\(replay.stderr)")
        let lines = replay.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        for line in lines {
            let sample = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let roots = sample?["blocking"] as? [[String: Any]] ?? []
            let root = roots.first { $0["pid"] as? Int == Int(a) }
            let first = (root?["blocked"] as? [[String: Any]])?.first
            let second = (first?["blocked"] as? [[String: Any]])?.first
            #expect(first?["pid"] as? Int == Int(b) && second?["pid"] as? Int == Int(c), "\(line.prefix(300))")
        }

        // The console on the file: the Locks pane at the second sample is the chain.
        let reader = try RecordingReader(path: file)
        let service = ReplayService(reader: reader, startIndex: 1)
        let events = ReplayTestsEvents()
        var state = AppState.replay(ReplayState(file: "chain.rec", times: reader.samples.map(\.capturedAt), index: 1),
                                    label: reader.header.target, width: 100, height: 24)
        service.start { events.post($0) }
        events.drain(into: &state)
        _ = update(&state, .key(.char("2")))
        let screen = view(state).lines()
        #expect(screen[0].contains("sample 2/3"), "\(screen[0])")
        #expect(screen[3].hasPrefix(" Locks — 2 blocked by 1 root"), "\(screen[3])")
        let rows = screen[5...7].map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
        #expect(rows == ["\(a) postgres", "└─ \(b)", "└─ \(c)"], "\(screen[5...7])")

        // Cut anywhere in its last frame, the file replays the samples before it.
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        let lastFrame = reader.samples[2].offset
        var second = reader
        let expected = try second.snapshot(1)
        for cut in lastFrame..<bytes.count {
            var damaged = try RecordingReader(bytes: Array(bytes[..<cut]), name: "cut")
            #expect(damaged.samples.count == 2, "cut at \(cut)")
            if cut % 101 == 0 || cut == bytes.count - 1 { #expect(try damaged.snapshot(1) == expected, "cut at \(cut)") }
        }
        let cutFile = file + ".cut"
        defer { unlink(cutFile) }
        try Data(bytes[..<(bytes.count - 7)]).write(to: URL(fileURLWithPath: cutFile))
        let cutReplay = try Binary.run(["replay", cutFile, "--json"])
        #expect(cutReplay.status == 0 && cutReplay.stdout.split(separator: "\n").count == 2)
        #expect(cutReplay.stderr.contains("recovered 2 samples; stopped at byte \(lastFrame)"), "\(cutReplay.stderr)")

        // Refusals: one line, exit 2.
        for (bad, message) in [(file + ".missing", "no such file"), ("/etc/hostname", "not a pgtriage recording")] {
            let run = try Binary.run(["replay", bad, "--json"])
            #expect(run.status == 2 && run.stderr.contains(message) && run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
    }
}

/// Events the replay service sends, handed to `update` as the runtime would.
final class ReplayTestsEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var queue: [ServiceEvent] = []
    func post(_ event: ServiceEvent) { lock.lock(); queue.append(event); lock.unlock() }
    func drain(into state: inout AppState) {
        lock.lock(); let events = queue; queue = []; lock.unlock()
        for event in events { _ = update(&state, .service(event)) }
    }
}
