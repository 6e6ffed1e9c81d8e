#if canImport(Glibc)
import Glibc
#endif

/// A value behind a mutex, with a condition variable to sleep on until it changes: the one
/// primitive the service threads share state and wait on. The value is reachable only inside
/// `withLock`, `update` and `wait`, so the compiler checks what would otherwise be a convention
/// ("guarded by the lock"); the `@unchecked` below is the one promise, kept here.
/// (pthread directly: Foundation's NSCondition would pull all of Foundation into the binary, and
/// `Synchronization.Mutex` has no condition variable to sleep on.)
public final class WaitCondition<Value> {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Touched only with `mutex` held.
    private var value: Value

    public init(_ value: Value) {
        self.value = value
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

    /// Reads or changes the value under the lock, waking nobody: for changes no waiter waits for.
    public func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }

    /// Changes the value under the lock, then wakes every waiter to look at it again.
    public func update<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        defer { broadcast() }
        return try withLock(body)
    }

    /// Runs `step` under the lock until it returns `.ready`, sleeping in between as it asks;
    /// `update` (or `broadcast`) wakes it early. The value is never borrowed across a sleep, so
    /// other threads change it in between, and a change made after `step` looked cannot be
    /// missed (the lock is held from the look to the sleep).
    public func wait<Result>(_ step: (inout Value) throws -> WaitStep<Result>) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while true {
            switch try step(&value) {
            case .ready(let result): return result
            case .sleep(let deadline): sleepLocked(until: deadline)
            }
        }
    }

    public func broadcast() {
        pthread_cond_broadcast(condition)
    }

    /// Sleeps (the lock held) until woken or the `MonotonicClock` time `deadline` (nil: no limit).
    fileprivate func sleepLocked(until deadline: Double?) {
        guard let deadline else {
            pthread_cond_wait(condition, mutex)
            return
        }
        let whole = deadline.rounded(.down)
        var time = timespec()
        time.tv_sec = Int(whole)
        time.tv_nsec = min(999_999_999, Int((deadline - whole) * 1e9))
        pthread_cond_timedwait(condition, mutex, &time)
    }
}

/// Safe to share: the value is only ever touched with the mutex held.
extension WaitCondition: @unchecked Sendable where Value: Sendable {}

/// What a `WaitCondition.wait` step found: the result, or how long to sleep before looking again.
public enum WaitStep<Result> {
    case ready(Result)
    /// Sleep until this `MonotonicClock` time (nil: until woken), then look again.
    case sleep(until: Double?)
}

/// The lock and condition alone, for types whose guarded state still lives beside it.
extension WaitCondition where Value == Void {
    public convenience init() { self.init(()) }

    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        try withLock { (_: inout Void) in try body() }
    }

    /// Waits (the lock held by the caller inside `withLock`) until signalled or `seconds` pass.
    public func wait(seconds: Double) {
        sleepLocked(until: MonotonicClock.now() + seconds)
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

    /// Nobody will wait for it: it ends by itself, or with the process (a cancel request to a
    /// server that never answers).
    public func detach() {
        guard !joined else { return }
        joined = true
        pthread_detach(thread)
    }
}
