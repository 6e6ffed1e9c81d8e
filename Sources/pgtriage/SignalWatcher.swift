import PGTriageCore
#if canImport(Glibc)
import Glibc
#endif

/// Turns SIGINT, SIGTERM and SIGHUP into an orderly shutdown: the signals are blocked in every
/// thread (call `install` before starting any) and one thread waits for them with sigwait, then
/// runs `onSignal` as ordinary code, where a C signal handler could do almost nothing safely.
enum SignalWatcher {
    static let watched: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    static func install(_ onSignal: @escaping @Sendable (Int32) -> Void) {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in watched { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let mask = set
        _ = WorkerThread {
            var waitSet = mask
            while true {
                var received: Int32 = 0
                if sigwait(&waitSet, &received) == 0 { onSignal(received) }
            }
        }
    }
}
