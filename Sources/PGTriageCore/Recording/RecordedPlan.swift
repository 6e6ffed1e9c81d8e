#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An EXPLAIN that finished while the console recorded: the server's output as it came (the
/// plan is parsed again on replay, as `pgtriage plan FILE` would), what was asked, and the
/// server time of the sample it followed. A frame of its own, not a sample.
public struct RecordedPlan: Codable, Sendable, Equatable {
    public var capturedAt: Date
    public var sql: String
    public var database: String?
    public var analyze: Bool
    public var usedGenericPlan: Bool
    public var serverVersion: Int
    public var output: String

    public init(capturedAt: Date, sql: String, database: String?, analyze: Bool, usedGenericPlan: Bool, serverVersion: Int, output: String) {
        self.capturedAt = capturedAt; self.sql = sql; self.database = database; self.analyze = analyze
        self.usedGenericPlan = usedGenericPlan; self.serverVersion = serverVersion; self.output = output
    }

    public init(_ result: ExplainResult, at capturedAt: Date) {
        self.init(capturedAt: capturedAt, sql: result.request.sql, database: result.request.database,
                  analyze: result.request.analyze, usedGenericPlan: result.usedGenericPlan,
                  serverVersion: result.serverVersion, output: result.output)
    }
}

extension ExplainResult {
    /// The result again from a recording (the plan parsed from the recorded output).
    public init(recorded: RecordedPlan) throws {
        let plan = try PlanParser.parse(recorded.output)
        self.init(request: ExplainRequest(sql: recorded.sql, database: recorded.database, analyze: recorded.analyze),
                  statement: recorded.sql, usedGenericPlan: recorded.usedGenericPlan, serverVersion: recorded.serverVersion,
                  output: recorded.output, plan: plan, analysis: PlanAnalysis(plan: plan), elapsed: 0)
    }
}
