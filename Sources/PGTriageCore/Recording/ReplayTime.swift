#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Times in a replay, in UTC as the server sessions read them: "02:13:05" on the header, and
/// what `--from`, `--to` and the go-to key accept.
public enum ReplayTime {
    /// "02:13:05" (UTC).
    public static func clock(_ date: Date) -> String {
        let seconds = Int((date.timeIntervalSince1970).rounded(.down)) % 86_400
        let s = seconds < 0 ? seconds + 86_400 : seconds
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))"
    }

    /// A moment, from:
    /// - `HH:MM[:SS]`: that time of day (UTC), the first at or after 12 hours before `reference`
    ///   (the recording's first sample): a time a little before the start is that day's (it
    ///   reads as the start), and in a recording across midnight "00:05" is the next day's;
    /// - `YYYY-MM-DD[T| ]HH:MM[:SS][Z]`: that moment (UTC);
    /// - `+90s`, `+10m`, `+2h`, `+30`: that long after `reference`.
    /// nil for anything else.
    public static func parse(_ text: String, reference: Date) -> Date? {
        let text = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        if text.hasPrefix("+") {
            let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
            var number = text.dropFirst()
            var unit = 1.0
            if let last = number.last, let factor = units[last] { number = number.dropLast(); unit = factor }
            guard let value = Double(number), value >= 0, value.isFinite else { return nil }
            return reference.addingTimeInterval(value * unit)
        }
        var body = Substring(text)
        if body.hasSuffix("Z") || body.hasSuffix("z") { body = body.dropLast() }
        let dateAndTime = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "T" || $0 == " " })
        switch dateAndTime.count {
        case 1:
            guard let seconds = timeOfDay(dateAndTime[0]) else { return nil }
            let day = (reference.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
            var moment = day + seconds
            if moment < reference.timeIntervalSince1970.rounded(.down) - 12 * 3600 { moment += 86_400 }
            return Date(timeIntervalSince1970: moment)
        case 2:
            let ymd = dateAndTime[0].split(separator: "-", omittingEmptySubsequences: false)
            guard ymd.count == 3, let y = Int(ymd[0]), let m = Int(ymd[1]), let d = Int(ymd[2]),
                  ymd[0].count == 4, (1...12).contains(m), (1...31).contains(d),
                  let seconds = timeOfDay(dateAndTime[1]) else { return nil }
            return Date(timeIntervalSince1970: Double(daysFromCivil(y, m, d)) * 86_400 + seconds)
        default:
            return nil
        }
    }

    /// "HH:MM" or "HH:MM:SS[.fff]" in seconds since midnight.
    private static func timeOfDay(_ text: Substring) -> Double? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), let h = Int(parts[0]), let m = Int(parts[1]),
              (0..<24).contains(h), (0..<60).contains(m), parts[0].count <= 2, parts[1].count == 2 else { return nil }
        var s = 0.0
        if parts.count == 3 {
            guard let value = Double(parts[2]), value >= 0, value < 61, parts[2].first?.isNumber == true else { return nil }
            s = value
        }
        return Double(h * 3600 + m * 60) + s
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    private static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
