/// Short human forms for the Statements and Bloat panes: bytes, counts, milliseconds, rates.
/// Foundation-free (built on `Format.fixed`). Every result fits 6 columns.
enum Humanize {
    /// Bytes with a binary unit, 1024-based as PostgreSQL's pg_size_pretty: "812B", "12kB",
    /// "1.2MB", "340MB", "2.0GB". Below 10 one decimal, else whole numbers.
    static func bytes(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        let units = ["B", "kB", "MB", "GB", "TB", "PB"]
        var v = max(0, value)
        var unit = 0
        while v >= 1000 && unit < units.count - 1 {
            v /= 1024
            unit += 1
        }
        if unit == 0 { return "\(Int(v.rounded()))B" }
        if v < 9.95 { return Format.fixed(v, decimals: 1) + units[unit] }
        return Format.fixed(v, decimals: 0) + units[unit]
    }

    static func bytes(_ value: Int64?) -> String { bytes(value.map(Double.init)) }

    /// A count: "0", "950", "12k", "1.2M", "340M", "2.1G". Rates below 10 keep one decimal ("0.5").
    static func count(_ value: Double?, fraction: Bool = false) -> String {
        guard let value, value.isFinite else { return "-" }
        let v = max(0, value)
        if v < 10 && fraction && v != v.rounded() { return Format.fixed(v, decimals: 1) }
        if v < 1000 { return Format.fixed(v, decimals: 0) }
        let units = ["k", "M", "G", "T"]
        var x = v
        var unit = -1
        while x >= 999.5 && unit < units.count - 1 {
            x /= 1000
            unit += 1
        }
        if x < 9.95 { return Format.fixed(x, decimals: 1) + units[unit] }
        return Format.fixed(x, decimals: 0) + units[unit]
    }

    static func count(_ value: Int64?) -> String { count(value.map(Double.init)) }

    /// Milliseconds: "0.05", "3.2", "412", "12.3s", "5m03s", "2h05m" (at most 6 columns).
    static func milliseconds(_ ms: Double?) -> String {
        guard let ms, ms.isFinite else { return "-" }
        let v = max(0, ms)
        if v < 1 { return Format.fixed(v, decimals: 2) }
        if v < 100 { return Format.fixed(v, decimals: 1) }
        if v < 1000 { return Format.fixed(v, decimals: 0) }
        let seconds = v / 1000
        if seconds < 100 { return Format.fixed(seconds, decimals: 1) + "s" }
        return Format.age(seconds)
    }

    /// A duration given in milliseconds, with its unit: "0.05ms", "4.0ms", "412ms", "12.3s",
    /// "5m03s", "2h05m" (at most 6 columns).
    static func duration(_ ms: Double?) -> String {
        guard let ms, ms.isFinite else { return "-" }
        let v = max(0, ms)
        if v < 1 { return Format.fixed(v, decimals: 2) + "ms" }
        if v < 100 { return Format.fixed(v, decimals: 1) + "ms" }
        if v < 1000 { return Format.fixed(v, decimals: 0) + "ms" }
        return milliseconds(v)
    }

    /// A plain figure: "0.05", "3.2", "412", "1.5k", "12M" (at most 6 columns).
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        let v = max(0, value)
        if v < 1 { return Format.fixed(v, decimals: 2) }
        if v < 100 { return Format.fixed(v, decimals: 1) }
        return count(v)
    }

    /// A share 0...1 as "43.2%" ("100%" when whole).
    static func share(_ ratio: Double?) -> String {
        guard let ratio, ratio.isFinite else { return "-" }
        let pct = max(0, ratio) * 100
        if pct >= 99.95 { return "100%" }
        return Format.fixed(pct, decimals: 1) + "%"
    }

    /// A percentage already 0...100, whole: "43%".
    static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return Format.fixed(max(0, value), decimals: 0) + "%"
    }
}
