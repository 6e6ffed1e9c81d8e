import ArgumentParser
import PGTriageCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#endif
#if canImport(Glibc)
import Glibc
#endif

struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record what every pane reads into a file, without a terminal (replay it with `pgtriage replay FILE`).",
        discussion: """
            Everything is read: every backend (idle ones too), pg_stat_statements with its rates at each \
            sample, the bloat, indexes and tables sections every 30 s. Stops after --duration or --count, \
            or on Ctrl-C / SIGTERM, the file whole up to the last sample. The file: docs/recording.md.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Seconds between samples (0.5 to 60).")
    var interval: Double = 1

    @Option(help: "Stop after this long: seconds, or with a unit (90s, 10m, 2h).")
    var duration: String?

    @Option(help: "Stop after this many samples.")
    var count: Int?

    @Option(name: .customLong("output"), help: "The recording to create (an existing file is never overwritten).")
    var output: String

    func validate() throws {
        guard (0.5...60).contains(interval) else { throw ValidationError("--interval must be between 0.5 and 60 seconds") }
        if duration != nil && count != nil { throw ValidationError("give --duration or --count, not both") }
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
        if let duration, Self.seconds(duration) == nil { throw ValidationError("--duration: \(duration) is not a time (e.g. 90, 90s, 10m, 2h)") }
    }

    /// "90", "90s", "10m", "2h" in seconds.
    static func seconds(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
        var number = Substring(text)
        var unit = 1.0
        if let last = text.last, let factor = units[last] { number = number.dropLast(); unit = factor }
        guard let value = Double(number), value > 0, value.isFinite else { return nil }
        return value * unit
    }

    func run() throws {
        let shutdown = ShutdownSignal()
        SignalWatcher.install { _ in shutdown.request() }
        let target = connection.connectionTarget
        // An unreachable server or a wrong conninfo is one line and exit 2, before the file exists.
        let probe = try PGConnection(target: target, role: .monitor)
        let label = probe.label
        probe.close()
        let writer: RecordingWriter
        do {
            writer = try RecordingWriter(path: output, header: RecordingHeader(target: label, startedAt: Date(), intervalSeconds: interval))
        } catch {
            throw UsageFailure("\(error)")
        }
        let recorder = Recorder(writer: writer)
        let service = SnapshotService(target: target, readOnly: true, interval: interval, auditLog: nil)
        let limit = count
        service.start { event in
            switch event {
            case .snapshot:
                recorder.observe(event)
                if writer.failure != nil || (limit.map { writer.samples >= $0 } ?? false) { shutdown.request() }
            case .connectionLost(let error, let attempt, let retryIn):
                writeStandardError("pgtriage record: connection lost (attempt \(attempt), next in \(Int(retryIn.rounded(.up)))s): \(error.message)")
            case .connected(let target, _):
                if writer.samples > 0 { writeStandardError("pgtriage record: reconnected to \(target)") }
            case .refreshFailed(let error):
                writeStandardError("pgtriage record: a refresh failed: \(error.description)")
            default:
                break
            }
        }
        service.setScope(.everything)
        let deadline = duration.flatMap(Self.seconds).map { MonotonicClock.now() + $0 }
        while !shutdown.wait(seconds: 0.25) {
            if let deadline, MonotonicClock.now() >= deadline { break }
        }
        service.stop()
        writer.close()
        let samples = writer.samples
        let perSample = samples > 0 ? writer.bytes / samples : 0
        writeStandardError("pgtriage record: \(samples) sample\(samples == 1 ? "" : "s"), \(writer.bytes) bytes (\(perSample) per sample) in \(output)")
        if let failure = writer.failure { throw UsageFailure(failure) }
    }
}
