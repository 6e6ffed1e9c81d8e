#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PGTriageLocalServer

/// Runs the real `pgtriage` executable, built next to the test bundle by `swift build --build-tests`.
enum Binary {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var path: String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidates = [bundle.appendingPathComponent("pgtriage").path]
        // The test bundle may sit one level deeper (…/debug/pgtriagePackageTests.xctest).
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("pgtriage").path)
        if let dir = ProcessInfo.processInfo.environment["PGTRIAGE_BINARY"] { candidates.insert(dir, at: 0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    static func run(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 60) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes while it runs so a large output cannot fill a pipe and stall it.
        let outData = LockedData(), errData = LockedData()
        let group = DispatchGroup()
        for (handle, sink) in [(out.fileHandleForReading, outData), (err.fileHandleForReading, errData)] {
            group.enter()
            DispatchQueue.global().async {
                sink.set(handle.readDataToEndOfFile())
                group.leave()
            }
        }
        if group.wait(timeout: .now() + timeout) == .timedOut { process.terminate() }
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: outData.string, stderr: errData.string)
    }
}

extension Binary {
    /// Output (stdout and stderr) of a shell command. Spawned with posix_spawn and every other
    /// descriptor closed: a daemon it starts (tmux's server) must not inherit Foundation.Process's
    /// exit-watch descriptor, or waiting for the shell would never end.
    static func shell(_ command: String) throws -> String {
        try ChildProcess.run("/bin/sh", ["-c", command], timeoutSeconds: 30).output
    }

    /// Exit status of a shell command, its output discarded.
    static func shellStatus(_ command: String) -> Int32 {
        (try? ChildProcess.run("/bin/sh", ["-c", command], timeoutSeconds: 30).status) ?? -1
    }
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    var string: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
}
