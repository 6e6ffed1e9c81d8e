#if canImport(Glibc)
import Glibc
#endif

/// Monotonic seconds, for deadlines and back-off (wall clock jumps must not shorten a wait).
public enum MonotonicClock {
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
