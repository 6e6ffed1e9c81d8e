#if canImport(Glibc)
import Glibc
#endif

/// A mutex with a condition variable: the one primitive the service threads wait on.
/// (pthread directly: Foundation's NSCondition would pull all of Foundation into the binary.)
public final class WaitCondition: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    public init() {
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        condition.deallocate()
    }

    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Waits (the lock held by the caller inside `withLock`) until signalled or `seconds` pass.
    public func wait(seconds: Double) {
        var deadline = timespec()
        clock_gettime(CLOCK_MONOTONIC, &deadline)
        let whole = Int(seconds.rounded(.down))
        var nanos = Int(deadline.tv_nsec) + Int((seconds - Double(whole)) * 1e9)
        deadline.tv_sec += whole + nanos / 1_000_000_000
        nanos %= 1_000_000_000
        deadline.tv_nsec = nanos
        pthread_cond_timedwait(condition, mutex, &deadline)
    }

    public func broadcast() {
        pthread_cond_broadcast(condition)
    }
}

/// A named OS thread running `body` once. libpq calls block, so they never run on Swift's
/// cooperative pool (two threads on this machine): each connection gets a thread of its own.
public final class WorkerThread: @unchecked Sendable {
    private var thread = pthread_t()
    private let body: () -> Void
    private var joined = false

    public init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
        let box = Unmanaged.passRetained(self)
        let created = pthread_create(&thread, nil, { raw in
            let worker = Unmanaged<WorkerThread>.fromOpaque(raw!).takeRetainedValue()
            worker.body()
            return nil
        }, box.toOpaque())
        precondition(created == 0, "pthread_create failed: \(created)")
    }

    /// Waits for the thread to finish (once).
    public func join() {
        guard !joined else { return }
        joined = true
        pthread_join(thread, nil)
    }
}
