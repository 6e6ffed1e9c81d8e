#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Every threshold the report's checks use, in one place; docs/report.md lists them with their
/// sources (anchors: /work/shared/research/wave2-features.md section 4.3).
public enum ReportThresholds {
    /// Rows shown per observation table (postgres-checkup's LISTLIMIT idea).
    public static let listLimit = 10
    /// Usage statistics younger than this weaken "unused" and scan-share conclusions (checkup H002).
    public static let youngStatisticsSeconds: Double = 30 * 86_400

    /// One statement above this share of all execution time: P1 (checkup K000 MAX_QUERY_TOTAL_TIME).
    public static let dominantStatementShare = 0.30
    /// Slow statements: mean at or over this, with at least `slowStatementCalls` calls (pghero).
    public static let slowStatementMeanMs = 20.0
    public static let slowStatementCalls: Int64 = 100
    /// A statement's shared-buffer hit ratio below this, with real block traffic, is listed (pghero's 99 %).
    public static let hitRatio = 0.99
    /// Statements with fewer block reads than this are not judged on their hit ratio (noise).
    public static let statementHitMinimumBlocks: Int64 = 1_000

    /// Tables read mostly by sequential scans: over this share of scans, on this many rows (pghero 95 % / 10 000).
    public static let sequentialScanShare = 0.95
    public static let sequentialScanMinimumRows: Int64 = 10_000
    /// Candidate indexes tried with HypoPG (plain EXPLAIN) on at most this many top statements
    /// naming those tables, in at most this many seconds together, each EXPLAIN at most
    /// `hypotheticalIndexStatementSeconds` (pgtriage's own: keeps the report under 10 s).
    public static let hypotheticalIndexStatements = 3
    public static let hypotheticalIndexSeconds = 4.0
    public static let hypotheticalIndexStatementSeconds = 2.0
    /// A candidate is recommended when the planner uses it and the plan's cost falls by at least
    /// this share (pgtriage's own: a halving, so an estimate's noise does not make the advice).
    public static let hypotheticalIndexCostDrop = 0.5

    /// Unused and redundant indexes: P2 when they add up to more than this share of the database (checkup H002/H004), else P3.
    public static let indexWasteShareP2 = 0.05

    /// Heap and btree bloat (checkup F004/F005): listed at 40 %, P1 at 90 %, only on relations over 1 MiB.
    public static let bloatPercentWarning = 40.0
    public static let bloatPercentCritical = 90.0
    public static let bloatMinimumBytes: Int64 = 1 << 20

    /// Transactions (active or idle in one) open longer than this: P1 (checkup G002).
    public static let longTransactionSeconds: Double = 3_600
    /// Idle in transaction longer than this: P2 (pghero's long-running query, 60 s); any shorter one: P3.
    public static let idleInTransactionSeconds: Double = 60

    /// Connections against max_connections: P2 at 80 %, P1 at 95 % (pgtriage's own; pghero warns at a fixed 500).
    public static let connectionsShareP2 = 0.80
    public static let connectionsShareP1 = 0.95

    /// Requested checkpoints above this share of all checkpoints: P2 (pgtriage's own; checkup's E checks are unimplemented).
    public static let requestedCheckpointShare = 0.10
    /// Checkpoint counters below this many are not judged.
    public static let checkpointsMinimum: Int64 = 10

    /// XID/MXID age as % of where the server stops: P2 at 25 %, P1 at 50 % (checkup F002 CRITICAL_CAPACITY_USAGE).
    public static let wraparoundPercent = (p2: 25.0, p1: 50.0)
    /// Sequences (integer keys): P2 at 50 %, P1 at 75 % of the column type's maximum (pgwatch sequence_health).
    public static let sequencePercent = (p2: TablesThresholds.sequencePercent.warning, p1: TablesThresholds.sequencePercent.critical)

    /// WAL retained by a slot: P2 at 2 GiB, P1 at 10 GiB (pgEdge ai-dba-workbench #11; not a mainstream anchor).
    public static let slotRetainedBytes = (p2: Int64(2) << 30, p1: Int64(10) << 30)

    /// Lock waits above this share of the sampled active backends: P2 (pgtriage's own).
    public static let lockWaitShare = 0.30

    /// Partitioning candidates: tables at least this large (pgtriage's own; no anchor computes it).
    public static let partitioningMinimumBytes: Int64 = 10 << 30
    /// Read share of the workload above which read replicas are worth weighing (pgtriage's own).
    public static let readShareForReplicas = 0.80
}

/// Where a major version stands: end of life, near it, or a minor behind.
public struct VersionSupport: Sendable, Equatable {
    public var major: Int
    public var minor: Int
    /// The major's end of life (the PostgreSQL versioning policy: five years after its first release).
    public var endOfLife: Date?
    /// The newest minor of this major known to this build of pgtriage (`PostgresReleases`).
    public var latestKnownMinor: Int?
    public var status: String
    public var priority: ReportPriority?

    /// Judges `versionNum` (e.g. 150018) at `now`: end of life P1 (checkup A002), within 12 months
    /// of it P2, a minor behind the newest known P2.
    public static func judge(versionNum: Int, at now: Date) -> VersionSupport {
        let major = versionNum / 10000
        let minor = versionNum % 100
        let release = PostgresReleases.known[major]
        var notes: [String] = []
        var priority: ReportPriority?
        if let eol = release?.endOfLife {
            let left = eol.timeIntervalSince(now)
            if left <= 0 {
                notes.append("PostgreSQL \(major) reached its end of life on \(ReportFormat.day(eol)): no more fixes, security ones included")
                priority = .p1
            } else if left < 365 * 86_400 {
                notes.append("PostgreSQL \(major) reaches its end of life on \(ReportFormat.day(eol)), within 12 months")
                priority = .p2
            } else {
                notes.append("PostgreSQL \(major) is supported until \(ReportFormat.day(eol))")
            }
        } else {
            notes.append("PostgreSQL \(major) is not in pgtriage's release table (\(PostgresReleases.asOf)): its support status is unknown")
        }
        if let latest = release?.latestMinor {
            if minor < latest {
                notes.append("\(major).\(minor) is behind \(major).\(latest), the newest minor pgtriage knows (\(PostgresReleases.asOf))")
                priority = ReportPriority.most(priority, .p2)
            } else {
                notes.append("\(major).\(minor) is not behind any minor pgtriage knows (\(PostgresReleases.asOf))")
            }
        }
        return VersionSupport(major: major, minor: minor, endOfLife: release?.endOfLife, latestKnownMinor: release?.latestMinor,
                              status: notes.joined(separator: "; "), priority: priority)
    }
}

/// The release facts this build knows. End-of-life dates: https://www.postgresql.org/support/versioning/
/// (five years after each major's first release, on the November minor release day). Newest
/// minors: the last release of 13 (13.23, its final one, November 2025) and the newest minors
/// pgtriage was tested against (15.18, 18.6); for 14, 16 and 17 the November 2025 minors, a
/// floor (a server below them is certainly behind). Update this table with each release.
public enum PostgresReleases {
    public struct Release: Sendable { public var endOfLife: Date; public var latestMinor: Int }
    public static let asOf = "release table of 2026-11"

    static func day(_ y: Int, _ m: Int, _ d: Int) -> Date {
        // Days from 1970-01-01 (proleptic Gregorian), enough for a fixed table.
        var days = 0
        for year in 1970..<y { days += (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 366 : 365 }
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let months = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        for month in 0..<(m - 1) { days += months[month] }
        days += d - 1
        return Date(timeIntervalSince1970: Double(days) * 86_400)
    }

    public static let known: [Int: Release] = [
        13: Release(endOfLife: day(2025, 11, 13), latestMinor: 23),
        14: Release(endOfLife: day(2026, 11, 12), latestMinor: 20),
        15: Release(endOfLife: day(2027, 11, 11), latestMinor: 18),
        16: Release(endOfLife: day(2028, 11, 9), latestMinor: 11),
        17: Release(endOfLife: day(2029, 11, 8), latestMinor: 7),
        18: Release(endOfLife: day(2030, 11, 14), latestMinor: 6),
    ]
}

/// Small formatting helpers shared by the checks and the writers.
public enum ReportFormat {
    public static func bytes(_ value: Int64?) -> String {
        guard let value else { return "-" }
        let units = ["B", "kB", "MB", "GB", "TB"]
        var amount = Double(value)
        var unit = 0
        while amount >= 1024 && unit < units.count - 1 { amount /= 1024; unit += 1 }
        if unit == 0 { return "\(value) B" }
        return (amount >= 100 ? String(Int(amount.rounded())) : fixed(amount, 1)) + " " + units[unit]
    }

    public static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if digits == 0 { text = String(text[..<dot]) } else if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        } else if digits > 0 {
            text += "." + String(repeating: "0", count: digits)
        }
        return text
    }

    public static func percent(_ share: Double?) -> String {
        guard let share, share.isFinite else { return "-" }
        return fixed(share * 100, 1) + " %"
    }

    /// "1 table", "3 tables" (`plural` for irregular nouns).
    public static func n(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? singular : plural ?? singular + "s")
    }

    /// The verb (or phrase) that agrees with `count`.
    public static func v(_ count: Int, _ singular: String, _ plural: String) -> String {
        count == 1 ? singular : plural
    }

    public static func count(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(" ") }
            out.append(c)
        }
        return (value < 0 ? "-" : "") + String(out.reversed())
    }

    public static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "-" }
        let s = Int(seconds.rounded())
        if s < 120 { return "\(s) s" }
        if s < 7_200 { return "\(s / 60) min" }
        if s < 172_800 { return "\(s / 3600) h" }
        return "\(s / 86_400) days"
    }

    public static func ms(_ value: Double) -> String {
        value >= 100 ? String(Int(value.rounded())) + " ms" : fixed(value, 1) + " ms"
    }

    /// `2026-11-30`.
    public static func day(_ date: Date) -> String { String(ISOTime.string(date).prefix(10)) }

    /// `2026-11-30 06:40:12 UTC`.
    public static func time(_ date: Date) -> String {
        let iso = ISOTime.string(date)
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(8)) + " UTC"
    }

    /// Without leading and trailing whitespace.
    public static func trimmed(_ text: String) -> String {
        var slice = Substring(text)
        while let c = slice.first, c.isWhitespace { slice = slice.dropFirst() }
        while let c = slice.last, c.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }

    /// One line of server text: whitespace runs made one space, cut to `limit` characters.
    public static func oneLine(_ text: String, limit: Int = 80) -> String {
        var visible = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let control = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            visible.append(control ? " " : scalar)
        }
        let joined = String(visible).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return joined.count > limit ? String(joined.prefix(limit - 1)) + "…" : joined
    }
}
