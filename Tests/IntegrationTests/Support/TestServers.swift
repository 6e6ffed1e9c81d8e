#if canImport(Glibc)
import Glibc
#endif
import PGTriageLocalServer
import Synchronization
import Testing

/// Shared throwaway PostgreSQL servers for the integration tests: one per major version per test
/// process, started on first use (thread-safe: tests run concurrently) and stopped at exit.
///
/// - A version that is not installed here is skipped with a printed reason: `server(major:)`
///   returns nil, `require(major:)` skips the current test case, saying why (`skip`).
/// - With `CI=true`, PostgreSQL 15 is never skipped: not having it is an error.
/// - An installed version that fails to start is always an error (a bug, not a skip).
///
/// Shared servers must not be paused or reconfigured: use `dedicated(major:options:)` for that.
enum TestServers {
    /// The majors to run parameterised tests over: every version installed here, plus 15 under CI
    /// (so that a missing 15 fails instead of vanishing from the list).
    static let availableMajors: [Int] = {
        var majors = Set(PostgresInstallation.all().map(\.majorVersion))
        if isCI { majors.insert(requiredMajorInCI) }
        return majors.sorted()
    }()

    static let requiredMajorInCI = 15

    static var isCI: Bool {
        guard let value = getenv("CI") else { return false }
        let text = String(cString: value).lowercased()
        return text == "true" || text == "1" || text == "yes"
    }

    /// The shared server for `major`, started on first use; nil (with a printed reason) when the
    /// version is not installed. Throws when it is installed but cannot start, and under CI
    /// when 15 is missing.
    static func server(major: Int) throws -> LocalServer? {
        let slot = slots.withLock { slots in
            if let slot = slots[major] { return slot }
            let slot = Slot()
            slots[major] = slot
            return slot
        }
        return try slot.state.withLock { state in
            switch state {
            case .running(let server):
                return server
            case .skipped:
                return nil
            case .failed(let message):
                throw TestServerError(message: message)
            case .notStarted:
                break
            }
            let installation: PostgresInstallation
            do {
                installation = try PostgresInstallation.find(major: major)
            } catch {
                if isCI && major == requiredMajorInCI {
                    let message = "CI=true and PostgreSQL \(major) is required: \(error)"
                    state = .failed(message)
                    throw TestServerError(message: message)
                }
                let reason = "\(error)"
                print("[TestServers] skipping PostgreSQL \(major): \(reason)")
                state = .skipped(reason)
                return nil
            }
            _ = registerExitHandler
            let began = monotonicNow()
            do {
                let server = try LocalServer.start(installation)
                print("[TestServers] started \(server) in \(formatSeconds(monotonicNow() - began))")
                state = .running(server)
                return server
            } catch {
                let message = "PostgreSQL \(major) is installed (\(installation)) but did not start: \(error)"
                print("[TestServers] \(message)")
                state = .failed(message)
                throw TestServerError(message: message)
            }
        }
    }

    /// The shared server for `major`, or skips the current test case (`skip`) when the version is
    /// not installed here.
    static func require(major: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> LocalServer {
        if let server = try server(major: major) { return server }
        try skip("PostgreSQL \(major) is not available here: \(skipReason(major: major) ?? "not found")", sourceLocation: sourceLocation)
    }

    /// Ends the current test, or the current case of a test over several majors, as skipped with
    /// the reason. Swift Testing 6.3.1's console prints a cancelled case as passed (only its event
    /// stream says cancelled), so for a case the reason is also recorded as a warning: shown in
    /// the output, never a failure.
    static func skip(_ reason: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Never {
        if Test.current?.isParameterized == true {
            Issue.record("skipped: \(reason)", severity: .warning, sourceLocation: sourceLocation)
        }
        try Test.cancel("\(reason)", sourceLocation: sourceLocation)
    }

    /// Why `major` was skipped, if it was.
    static func skipReason(major: Int) -> String? {
        guard let slot = slots.withLock({ $0[major] }) else { return nil }
        return slot.state.withLock { state in
            if case .skipped(let reason) = state { return reason }
            return nil
        }
    }

    /// A server of its own for a test that pauses, restarts or reconfigures it. The caller stops
    /// it (`defer { server.stop() }`). Nil (printed) or throwing like `server(major:)`.
    static func dedicated(major: Int, options: LocalServerOptions = LocalServerOptions()) throws -> LocalServer? {
        let installation: PostgresInstallation
        do {
            installation = try PostgresInstallation.find(major: major)
        } catch {
            if isCI && major == requiredMajorInCI {
                throw TestServerError(message: "CI=true and PostgreSQL \(major) is required: \(error)")
            }
            print("[TestServers] skipping PostgreSQL \(major): \(error)")
            return nil
        }
        return try LocalServer.start(installation, options: options)
    }

    /// Stops every shared server (runs at exit).
    static func stopAll() {
        let all = slots.withLock { slots in
            let all = Array(slots.values)
            slots.removeAll()
            return all
        }
        for slot in all {
            slot.state.withLock { state in
                if case .running(let server) = state { server.stop() }
                state = .notStarted
            }
        }
    }

    // MARK: - Internals

    private enum SlotState {
        case notStarted
        case running(LocalServer)
        case skipped(String)
        case failed(String)
    }

    private final class Slot: Sendable {
        let state = Mutex<SlotState>(.notStarted)
    }

    private static let slots = Mutex<[Int: Slot]>([:])

    private static let registerExitHandler: Void = {
        atexit { TestServers.stopAll() }
    }()
}

struct TestServerError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

func monotonicNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func formatSeconds(_ seconds: Double) -> String {
    let tenths = Int((seconds * 10).rounded())
    return "\(tenths / 10).\(tenths % 10) s"
}
