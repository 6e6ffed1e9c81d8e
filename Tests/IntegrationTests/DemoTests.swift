#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PGTriageCore
import Testing

@Suite("pgtriage demo")
struct DemoTests {
    /// The demo's workload makes a blocking chain at least two deep, and Ctrl-C (SIGINT) leaves
    /// no server and no temporary folder behind.
    @Test func demoShowsAChainAndCleansUpOnInterrupt() throws {
        guard TestServers.availableMajors.contains(15) else { try Test.cancel("PostgreSQL 15 is not available here") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["demo", "--print", "--pg-version", "15"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = StreamCollector(out.fileHandleForReading)
        let errors = StreamCollector(err.fileHandleForReading)

        // The chain needs the workload's first few seconds.
        let deadline = MonotonicClock.now() + 60
        var chainSeen = false
        while MonotonicClock.now() < deadline && process.isRunning {
            let text = output.text
            // A waiter two levels deep is printed with four spaces more than its root.
            if text.components(separatedBy: "\n").contains(where: { $0.hasPrefix("      ") && $0.contains("on a row of") }) {
                chainSeen = true
                break
            }
            usleep(200_000)
        }
        let stderrText = errors.text
        let folder = stderrText.components(separatedBy: " in ").last?.components(separatedBy: "\n").first ?? ""
        #expect(chainSeen, "no chain two deep in: \(output.text.suffix(2000)) / \(stderrText)")
        #expect(folder.hasPrefix("/tmp/pgtriage-"), "no server folder in: \(stderrText)")
        #expect(FileManager.default.fileExists(atPath: folder))

        kill(process.processIdentifier, SIGINT)
        let stopDeadline = MonotonicClock.now() + 30
        while process.isRunning && MonotonicClock.now() < stopDeadline { usleep(100_000) }
        #expect(!process.isRunning, "demo did not stop on SIGINT")
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "stderr: \(errors.text)")
        #expect(!FileManager.default.fileExists(atPath: folder), "\(folder) was left behind")
        let leftovers = try Binary.shell("pgrep -f -- '[p]ostgres -D \(folder)' || true")
        #expect(leftovers.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "server still running: \(leftovers)")
    }
}

/// Reads a pipe on a background thread into a growing buffer.
final class StreamCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.lock(); data.append(chunk); lock.unlock()
            }
        }
    }

    var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
}
