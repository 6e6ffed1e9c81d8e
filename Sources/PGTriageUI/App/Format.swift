#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Compact number and duration formatting for the panes (no `String(format:)`: Foundation-free).
public enum Format {
    /// A duration in at most 5-6 columns: "0.4s", "12s", "3m04s", "2h05m", "3d04h", "123d".
    public static func age(_ seconds: Double, tenths: Bool = true) -> String {
        let s = seconds.isFinite ? max(0, seconds) : 0
        if !tenths && s < 60 { return "\(Int(s))s" }
        if s < 10 {
            let inTenths = Int((s * 10).rounded())
            if inTenths < 100 { return "\(inTenths / 10).\(inTenths % 10)s" }
        }
        let whole = s < 10 ? 10 : Int(s)  // 9.96 rounds to 10.0: shown as "10s"
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m\(twoDigits(whole % 60))s" }
        if whole < 86_400 { return "\(whole / 3600)h\(twoDigits(whole % 3600 / 60))m" }
        let days = whole / 86_400
        if days < 100 { return "\(days)d\(twoDigits(whole % 86_400 / 3600))h" }
        return "\(days)d"
    }

    /// The width of an age column holding these `age` texts: 5 ("4m10s", "3d04h"), 6 when one
    /// needs it ("11m32s", "23h59m"): the culprit's age is never cut.
    public static func ageColumnWidth(_ shown: [String]) -> Int {
        max(5, shown.lazy.map(\.count).max() ?? 0)
    }

    /// An optional age; "-" when unknown.
    public static func age(_ seconds: Double?) -> String {
        seconds.map { age($0) } ?? "-"
    }

    /// A refresh interval: "0.5s", "2s", "60s".
    public static func interval(_ seconds: Double) -> String {
        if seconds == seconds.rounded() { return "\(Int(seconds))s" }
        return fixed(seconds, decimals: 1) + "s"
    }

    /// Fixed-point decimal, rounded half away from zero: fixed(154.26, 1) == "154.3".
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<max(0, decimals) { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let sign = value < 0 && scaled != 0 ? "-" : ""
        let intScale = Int64(scale)
        let intPart = scaled / intScale
        guard decimals > 0 else { return sign + "\(intPart)" }
        var frac = String(scaled % intScale)
        while frac.count < decimals { frac = "0" + frac }
        return sign + "\(intPart).\(frac)"
    }

    /// Transactions per second: one decimal below 1000, whole numbers above.
    public static func rate(_ value: Double?) -> String {
        guard let value else { return "-" }
        return value < 1000 ? fixed(value, decimals: 1) : fixed(value, decimals: 0)
    }

    /// A ratio 0...1 as a percentage with one decimal: "99.1%".
    public static func percent(_ ratio: Double?) -> String {
        guard let ratio else { return "-" }
        return fixed(ratio * 100, decimals: 1) + "%"
    }

    /// The state column: short forms that fit 9 columns.
    public static func state(_ state: String?) -> String {
        switch state {
        case nil: return ""
        case "idle in transaction": return "idle xact"
        case "idle in transaction (aborted)": return "xact abrt"
        case "fastpath function call": return "fastpath"
        default: return state ?? ""
        }
    }

    /// "Lock:transactionid", "" when not waiting.
    public static func wait(type: String?, event: String?) -> String {
        switch (type, event) {
        case let (t?, e?): return "\(t):\(e)"
        case let (t?, nil): return t
        case let (nil, e?): return e
        default: return ""
        }
    }

    /// Query text on one line: control characters and escape sequences go (the Sanitizer),
    /// every run of whitespace becomes one space.
    public static func oneLine(_ text: String) -> String {
        Sanitizer.clean(text, collapseWhitespace: true)
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
