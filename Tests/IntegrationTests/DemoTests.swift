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
        guard TestServers.availableMajors.contains(15) else { try TestServers.skip("PostgreSQL 15 is not available here") }
        let demo = try DemoProcess(["demo", "--print", "--pg-version", "15"])

        // The chain needs the workload's first few seconds. A waiter two levels deep is printed
        // with four spaces more than its root.
        let chainSeen = demo.waitForOutput(seconds: 60) { text in
            text.components(separatedBy: "\n").contains { $0.hasPrefix("      ") && $0.contains("on a row of") }
        }
        let stderrText = demo.errors.text
        let folder = stderrText.components(separatedBy: " in ").last?.components(separatedBy: "\n").first ?? ""
        #expect(chainSeen, "no chain two deep in: \(demo.output.text.suffix(2000)) / \(stderrText)")
        #expect(folder.hasPrefix("/tmp/pgtriage-"), "no server folder in: \(stderrText)")
        #expect(FileManager.default.fileExists(atPath: folder))

        try demo.interruptAndExpectNothingLeft(folders: [folder])
    }
}

/// `pgtriage demo …` as a child process, its output collected, for the demo tests.
struct DemoProcess {
    let process = Process()
    let output: StreamCollector
    let errors: StreamCollector

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        output = StreamCollector(out.fileHandleForReading)
        errors = StreamCollector(err.fileHandleForReading)
    }

    /// Polls the output until `seen` holds, the demo exits, or `seconds` pass.
    func waitForOutput(seconds: Double, _ seen: (String) -> Bool) -> Bool {
        var found = false
        _ = Sessions.waitUntil(seconds: seconds) {
            found = seen(output.text)
            return found || !process.isRunning
        }
        return found
    }

    /// Ctrl-C (SIGINT): the demo stops with status 0 and leaves no folder and no server of
    /// `folders` behind.
    func interruptAndExpectNothingLeft(folders: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        kill(process.processIdentifier, SIGINT)
        let stopped = Sessions.waitUntil(seconds: 30) { !process.isRunning }
        #expect(stopped, "demo did not stop on SIGINT", sourceLocation: sourceLocation)
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "stderr: \(errors.text)", sourceLocation: sourceLocation)
        for folder in folders {
            #expect(!FileManager.default.fileExists(atPath: folder), "\(folder) was left behind", sourceLocation: sourceLocation)
            let leftovers = try Binary.shell("pgrep -f -- '[p]ostgres -D \(folder)' || true")
            #expect(leftovers.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "server still running: \(leftovers)",
                    sourceLocation: sourceLocation)
        }
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
