#if canImport(Glibc)
import Glibc
#endif
import PGTriageLocalServer
import Synchronization
import Testing

/// Shared primary/standby pairs for the replication tests: one per major version per test
/// process (started on first use, stopped at exit), skipped like `TestServers` when the version
/// is not installed here (never 15 under CI), an error when installed but unable to start.
/// Tests that pause the standby's replay must resume it before they end (`defer`), and serialise
/// on the pair (`.serialized` suite): they share its state.
enum TestStandbyPairs {
    static func require(major: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> LocalStandbyPair {
        let slot = slots.withLock { slots in
            if let slot = slots[major] { return slot }
            let slot = Slot()
            slots[major] = slot
            return slot
        }
        let outcome: Result<LocalStandbyPair, TestServerError>? = slot.state.withLock { state in
            if let state { return state }
            let installation: PostgresInstallation
            do {
                installation = try PostgresInstallation.find(major: major)
            } catch {
                if TestServers.isCI && major == TestServers.requiredMajorInCI {
                    state = .failure(TestServerError(message: "CI=true and PostgreSQL \(major) is required: \(error)"))
                    return state
                }
                return nil  // skipped: not installed here
            }
            _ = registerExitHandler
            let began = monotonicNow()
            do {
                let pair = try LocalStandbyPair.start(installation)
                print("[TestStandbyPairs] started \(pair) in \(formatSeconds(monotonicNow() - began))")
                state = .success(pair)
            } catch {
                state = .failure(TestServerError(message: "PostgreSQL \(major) is installed but the standby pair did not start: \(error)"))
            }
            return state
        }
        switch outcome {
        case .success(let pair): return pair
        case .failure(let error): throw error
        case nil: try TestServers.skip("PostgreSQL \(major) is not available here", sourceLocation: sourceLocation)
        }
    }

    static func stopAll() {
        let all = slots.withLock { slots in
            defer { slots.removeAll() }
            return Array(slots.values)
        }
        for slot in all {
            slot.state.withLock { state in
                if case .success(let pair) = state { pair.stop() }
                state = nil
            }
        }
    }

    private final class Slot: Sendable {
        let state = Mutex<Result<LocalStandbyPair, TestServerError>?>(nil)
    }

    private static let slots = Mutex<[Int: Slot]>([:])

    private static let registerExitHandler: Void = {
        atexit { TestStandbyPairs.stopAll() }
    }()
}
