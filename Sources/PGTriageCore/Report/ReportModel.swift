#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How urgent a finding is, as postgres-checkup tags its messages: P1 act now, P2 plan it soon,
/// P3 worth doing. Ordered P1 < P2 < P3 (the roadmap's order).
public enum ReportPriority: String, Sendable, Equatable, Comparable, CaseIterable {
    case p1 = "P1"
    case p2 = "P2"
    case p3 = "P3"

    public static func < (a: ReportPriority, b: ReportPriority) -> Bool { a.rawValue < b.rawValue }

    /// The more urgent of two (nil: no finding).
    public static func most(_ a: ReportPriority?, _ b: ReportPriority?) -> ReportPriority? {
        switch (a, b) {
        case let (a?, b?): return min(a, b)
        default: return a ?? b
        }
    }
}

/// Rows of an observation, cut to the first few; `total` says how many there were.
public struct ReportTable: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[String]]
    public var total: Int

    /// The first `limit` of `rows` (all of them counted in `total`).
    public init(columns: [String], rows: [[String]], limit: Int = ReportThresholds.listLimit) {
        self.columns = columns
        self.rows = Array(rows.prefix(limit))
        self.total = rows.count
    }

    public var isCut: Bool { total > rows.count }
}

/// One piece of collected data: a sentence or a small table.
public enum ReportObservation: Sendable, Equatable {
    case text(String)
    case table(ReportTable)
}

/// An action, with the SQL to do it and to undo it where there is one (the report never runs it).
public struct ReportRecommendation: Sendable, Equatable {
    public var text: String
    public var doSQL: String?
    public var undoSQL: String?

    public init(_ text: String, doSQL: String? = nil, undoSQL: String? = nil) {
        self.text = text; self.doSQL = doSQL; self.undoSQL = undoSQL
    }
}

/// One check: what was seen, what it means, what to do, and how urgent it is.
public struct ReportCheck: Sendable, Equatable {
    /// Stable identifier (`unused_indexes`), the same in markdown anchors and JSON.
    public var id: String
    public var title: String
    /// nil: nothing to act on (or not checked).
    public var priority: ReportPriority?
    public var observations: [ReportObservation]
    public var conclusions: [String]
    public var recommendations: [ReportRecommendation]
    /// The tables, indexes, sequences, roles or pids concerned (schema-qualified).
    public var objects: [String]

    public init(id: String, title: String, priority: ReportPriority? = nil, observations: [ReportObservation] = [],
                conclusions: [String] = [], recommendations: [ReportRecommendation] = [], objects: [String] = []) {
        self.id = id; self.title = title; self.priority = priority; self.observations = observations
        self.conclusions = conclusions; self.recommendations = recommendations; self.objects = objects
    }

    /// A check that could not be made, and why (listed, never left out).
    public static func notChecked(id: String, title: String, reason: String) -> ReportCheck {
        ReportCheck(id: id, title: title, observations: [.text("Not checked: \(reason)")],
                    conclusions: ["Not checked: \(reason)"])
    }
}

/// One heading of the document, with its checks (a parent heading has an introduction instead).
public struct ReportSection: Sendable, Equatable {
    public var title: String
    /// 2 for `##`, 3 for `###`.
    public var level: Int
    /// What a heading without checks says (a summary of the parts below it).
    public var introduction: String?
    public var checks: [ReportCheck]

    public init(title: String, level: Int, introduction: String? = nil, checks: [ReportCheck] = []) {
        self.title = title; self.level = level; self.introduction = introduction; self.checks = checks
    }
}

/// The header: which server, how current, and what our role could see.
public struct ReportServer: Sendable, Equatable {
    /// `user@host:port/db`, never a password.
    public var target: String
    public var database: String
    public var version: String
    public var versionNum: Int
    public var support: VersionSupport
    public var inRecovery: Bool
    public var startedAt: Date?
    public var uptimeSeconds: Double?
    /// When the connected database's statistics were last reset; nil: never.
    public var statisticsReset: Date?
    /// Seconds the usage counters cover (since the reset, else at least the uptime).
    public var statisticsAgeSeconds: Double?
    public var role: String
    public var privileges: Privileges
    /// What the role could not see or read, each with its fix.
    public var limitations: [String]

    public init(target: String, database: String, version: String, versionNum: Int, support: VersionSupport, inRecovery: Bool,
                startedAt: Date?, uptimeSeconds: Double?, statisticsReset: Date?, statisticsAgeSeconds: Double?,
                role: String, privileges: Privileges, limitations: [String]) {
        self.target = target; self.database = database; self.version = version; self.versionNum = versionNum
        self.support = support; self.inRecovery = inRecovery; self.startedAt = startedAt; self.uptimeSeconds = uptimeSeconds
        self.statisticsReset = statisticsReset; self.statisticsAgeSeconds = statisticsAgeSeconds
        self.role = role; self.privileges = privileges; self.limitations = limitations
    }

    /// Usage-based conclusions (unused indexes, scan shares) are weak on statistics this young.
    public var statisticsAreYoung: Bool {
        (statisticsAgeSeconds ?? 0) < ReportThresholds.youngStatisticsSeconds
    }

    /// "superuser", "pg_monitor", ... or "none of the monitoring roles".
    public var privilegeSummary: String {
        var names: [String] = []
        if privileges.superuser { names.append("superuser") }
        if privileges.pgMonitor { names.append("pg_monitor") }
        if privileges.pgReadAllStats && !privileges.pgMonitor { names.append("pg_read_all_stats") }
        return names.isEmpty ? "none of the monitoring roles (pg_monitor, pg_read_all_stats)" : names.joined(separator: ", ")
    }
}

/// The whole assessment.
public struct Report: Sendable, Equatable {
    public static let title = "Database Architecture Assessment"

    /// Server clock when gathering began.
    public var generatedAt: Date
    public var server: ReportServer
    public var sections: [ReportSection]

    public init(generatedAt: Date, server: ReportServer, sections: [ReportSection]) {
        self.generatedAt = generatedAt; self.server = server; self.sections = sections
    }

    public var checks: [ReportCheck] { sections.flatMap(\.checks) }

    public func check(_ id: String) -> ReportCheck? { checks.first { $0.id == id } }
}
