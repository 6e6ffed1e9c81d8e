#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PGTriageCore
import Testing

@Suite("pgtriage demo --standby")
struct DemoStandbyTests {
    /// The pair comes up, the primary shows its standby streaming and the abandoned slots
    /// retaining WAL (flagged: past the demo's max_wal_size), and Ctrl-C removes both servers.
    @Test func demoStandbyShowsTheStandbyAndTheAbandonedSlotAndCleansUpBoth() throws {
        guard TestServers.availableMajors.contains(15) else { try Test.cancel("PostgreSQL 15 is not available here") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["demo", "--standby", "--print", "--pg-version", "15"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = StreamCollector(out.fileHandleForReading)
        let errors = StreamCollector(err.fileHandleForReading)

        let deadline = MonotonicClock.now() + 60
        var seen = false
        while MonotonicClock.now() < deadline && process.isRunning {
            let text = output.text
            if text.contains("standby standby1 local streaming")
                && text.contains("slot old_replica (physical) inactive, retaining WAL (extended)") {
                seen = true
                break
            }
            usleep(200_000)
        }
        let stderrText = errors.text
        let folders = stderrText.components(separatedBy: "\n").compactMap { line -> String? in
            guard line.hasPrefix("pgtriage demo: server ") || line.hasPrefix("pgtriage demo: standby ") else { return nil }
            return line.components(separatedBy: " in ").dropFirst().first?.components(separatedBy: " ").first
        }
        #expect(seen, "no streaming standby and flagged slot in: \(output.text.suffix(1500)) / \(stderrText)")
        #expect(folders.count == 2 && folders.allSatisfy { $0.hasPrefix("/tmp/pgtriage-15-") }, "\(stderrText)")

        kill(process.processIdentifier, SIGINT)
        let stopDeadline = MonotonicClock.now() + 30
        while process.isRunning && MonotonicClock.now() < stopDeadline { usleep(100_000) }
        #expect(!process.isRunning, "demo did not stop on SIGINT")
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "stderr: \(errors.text)")
        for folder in folders {
            #expect(!FileManager.default.fileExists(atPath: folder), "\(folder) was left behind")
            let leftovers = try Binary.shell("pgrep -f -- '[p]ostgres -D \(folder)' || true")
            #expect(leftovers.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "server still running: \(leftovers)")
        }
    }
}
