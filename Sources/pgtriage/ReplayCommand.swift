import ArgumentParser
import PGTriageCore
import PGTriageUI
#if canImport(FoundationEssentials)
import FoundationEssentials
#endif
#if canImport(Glibc)
import Glibc
#endif

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a recording (`pgtriage record`, `--record`) in the console, offline, or as JSON lines.",
        discussion: """
            The console shows every pane as it was at the sample on screen: . and , step one sample, > and < \
            ten, g goes to a time (UTC: 02:13:05, or +90s from the start). Nothing is sent to a server: \
            cancel, terminate and EXPLAIN are refused. --json prints one line per sample in the \
            `snapshot --json` schema. A cut or damaged file replays what it holds, and says where it stopped.
            """
    )

    @Argument(help: "The recording.")
    var file: String

    @Flag(help: "One JSON line per sample (schema: docs/snapshot-json.md) instead of the console.")
    var json = false

    @Option(help: "From this time: HH:MM[:SS] (UTC), YYYY-MM-DD HH:MM:SS, or +90s from the start.")
    var from: String?

    @Option(help: "Up to this time (same forms as --from).")
    var to: String?

    @Option(help: "With --json: at most this many statements, bloat and index entries per sample.")
    var top: Int = 100

    @Option(help: "Theme name (themes/NAME.toml) or path to a theme file.")
    var theme: String?

    /// For bench/record and docs/performance.md: decodes every sample, encodes them again as
    /// the recorder would, and prints the CPU time of each (ms per keyframe, per delta, per decode).
    @Flag(help: .hidden)
    var measure = false

    func run() throws {
        var reader: RecordingReader
        do {
            reader = try RecordingReader(path: file)
        } catch {
            throw UsageFailure(error.description)
        }
        if let note = reader.recoveryNote { writeStandardError("pgtriage: " + note) }
        let first = reader.samples[0].capturedAt
        func moment(_ text: String?, _ option: String) throws -> Date? {
            guard let text else { return nil }
            guard let date = ReplayTime.parse(text, reference: first) else {
                throw UsageFailure("--\(option) \(text): not a time (HH:MM[:SS] in UTC, YYYY-MM-DD HH:MM:SS, or +90s from the start)")
            }
            return date
        }
        let start = try moment(from, "from"), end = try moment(to, "to")
        let window = reader.samples.indices.filter { i in
            let at = reader.samples[i].capturedAt
            return (start.map { at >= $0 } ?? true) && (end.map { at <= $0 } ?? true)
        }
        guard let firstInWindow = window.first else {
            let last = reader.samples[reader.samples.count - 1].capturedAt
            throw UsageFailure("\(file): no sample between \(from ?? "the start") and \(to ?? "the end") (the recording covers \(ISOTime.string(first)) to \(ISOTime.string(last)))")
        }
        if measure {
            var snapshots: [Snapshot] = []
            // CPU time of this thread, not the wall clock: the figures hold on a busy machine.
            func cpuNow() -> Double {
                var now = timespec()
                clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
                return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
            }
            var start = cpuNow()
            for i in window { snapshots.append(try reader.snapshot(i)) }
            let decodeMs = (cpuNow() - start) * 1000 / Double(snapshots.count)
            var encoder = RecordingEncoder(keyframeEvery: reader.header.keyframeEvery)
            var keyframeMs: [Double] = [], deltaMs: [Double] = [], bytes = 0
            for (i, snapshot) in snapshots.enumerated() {
                start = cpuNow()
                bytes += try encoder.frame(snapshot).count
                let took = (cpuNow() - start) * 1000
                if i % encoder.keyframeEvery == 0 { keyframeMs.append(took) } else { deltaMs.append(took) }
            }
            func mean(_ values: [Double]) -> String { values.isEmpty ? "-" : String(Int((values.reduce(0, +) / Double(values.count) * 100).rounded())) .paddedHundredths }
            print("samples \(snapshots.count)")
            print("decode_ms_per_sample \(String(Int((decodeMs * 100).rounded())).paddedHundredths)")
            print("encode_ms_per_keyframe \(mean(keyframeMs))")
            print("encode_ms_per_delta \(mean(deltaMs))")
            print("encode_ms_per_sample \(mean(keyframeMs + deltaMs))")
            print("bytes_per_sample \(bytes / max(1, snapshots.count))")
            return
        }
        if json {
            for i in window {
                let snapshot: Snapshot
                do {
                    snapshot = try reader.snapshot(i)
                } catch {
                    throw UsageFailure(error.description)
                }
                print(try snapshot.json(target: reader.header.target, top: max(0, top)).encoded(pretty: false))
            }
            return
        }
        if isatty(0) == 0 || isatty(1) == 0 {
            throw UsageFailure("replay needs a terminal (or --json for scripts)")
        }
        try browse(reader, at: firstInWindow)
    }

    func browse(_ reader: consuming RecordingReader, at index: Int) throws {
        let shutdown = ShutdownSignal()
        SignalWatcher.install { _ in shutdown.request() }
        let backend = try ThemeHelper.openTerminal(theme: theme)
        let replay = ReplayState(file: PlanCommand.baseName(file), times: reader.samples.map(\.capturedAt), index: index)
        let label = reader.header.target
        let interval = reader.header.intervalSeconds
        var state = AppState.replay(replay, label: label)
        state.interval = AppState.clampInterval(interval)
        // Said on screen too: stderr is hidden until the console ends.
        if let note = reader.recoveryNote { state.status = StatusMessage(note, kind: .error, at: Date()) }
        let runtime = ConsoleRuntime(backend: backend, service: ReplayService(reader: reader, startIndex: index), state: state)
        runtime.start()
        while !shutdown.wait(seconds: 0) && runtime.step(timeoutMilliseconds: 250) {}
        runtime.finish()
        backend.shutdown()
    }
}

private extension String {
    /// "1234" (hundredths) as "12.34".
    var paddedHundredths: String {
        let digits = count < 3 ? String(repeating: "0", count: 3 - count) + self : self
        return digits.dropLast(2) + "." + digits.suffix(2)
    }
}
