import Foundation
import Testing
@testable import PGTriageCore

/// The missing-indexes check's HypoPG part as pure functions: which statements read a table,
/// which candidate is recommended, the index's name for do and undo, and what the check says
/// when HypoPG is missing or a statement could not be tested.
@Suite struct ReportIndexTrialsTests {
    static func heavyFacts() -> ReportFacts {
        var f = ReportTests.facts()
        f.tableActivity = .available([TableActivity(oid: 1, name: "events", seqScans: 500, indexScans: 0, liveTuples: 20_000)])
        return f
    }

    static func candidate(_ columns: [String], after: Double?, used: Bool?) -> IndexCandidate {
        var c = IndexCandidate(schema: "public", relation: "events", columns: columns, nodeBefore: "Seq Scan on public.events")
        c.costAfter = after
        c.used = used
        c.sizeBytes = after == nil ? nil : 450_560
        return c
    }

    static func trial(before: Double, _ candidates: [IndexCandidate]) -> HypotheticalIndexTrial {
        HypotheticalIndexTrial(statement: "queryid:7", query: "SELECT count(*) FROM events WHERE processed_at IS NULL", share: 0.4,
                               tables: ["public.events"],
                               whatIf: IndexWhatIfReport(database: "app", serverVersion: 150018, hypopg: .installed("1.3.1"),
                                                         planCostBefore: before, candidates: candidates))
    }

    @Test func aStatementReadsATableAfterFromJoinUpdateOrAComma() {
        #expect(ReportGatherer.reads("SELECT count(*) FROM events WHERE processed_at IS NULL", table: "events"))
        #expect(ReportGatherer.reads("select * from public.Events e", table: "events"))
        #expect(ReportGatherer.reads("SELECT 1 FROM a JOIN \"events\" ON true", table: "events"))
        #expect(ReportGatherer.reads("SELECT 1 FROM a, events WHERE a.id = events.id", table: "events"))
        #expect(ReportGatherer.reads("UPDATE events SET kind = $1 WHERE id = $2", table: "events"))
        #expect(ReportGatherer.reads("DELETE FROM ONLY events WHERE kind = $1", table: "events"))
        #expect(!ReportGatherer.reads("INSERT INTO events SELECT g FROM generate_series($1, $2) g", table: "events"))
        #expect(!ReportGatherer.reads("SELECT events_old.id FROM events_old", table: "events"))
        #expect(!ReportGatherer.reads("SELECT events.id FROM other", table: "events"))
    }

    @Test func theRecommendedCandidateIsUsedAndHalvesTheCostCheapestThenNarrowest() {
        let trial = Self.trial(before: 400, [
            Self.candidate(["kind", "processed_at"], after: 40, used: true),
            Self.candidate(["processed_at"], after: 40, used: true),
            Self.candidate(["kind"], after: 30, used: false),
        ])
        #expect(trial.best?.columns == ["processed_at"])
        #expect(Self.trial(before: 400, [Self.candidate(["kind"], after: 201, used: true)]).best == nil)
        #expect(Self.trial(before: 400, [Self.candidate(["kind"], after: 200, used: true)]).best?.columns == ["kind"])
        #expect(Self.trial(before: 400, [Self.candidate(["kind"], after: nil, used: nil)]).best == nil)
    }

    @Test func theIndexNameAvoidsTheSchemasIndexesAndFitsSixtyThreeBytes() {
        let c = Self.candidate(["processed_at"], after: 1, used: true)
        #expect(ReportChecks.indexName(for: c, schema: "public", taken: []) == "events_processed_at_idx")
        #expect(ReportChecks.indexName(for: c, schema: "public", taken: ["public.events_processed_at_idx"]) == "events_processed_at_idx1")
        let long = IndexCandidate(schema: "public", relation: String(repeating: "t", count: 60), columns: ["é"], nodeBefore: "")
        let name = ReportChecks.indexName(for: long, schema: "public", taken: [])
        #expect(name.utf8.count <= 63 && name.hasSuffix("_idx"), "\(name)")
    }

    @Test func aTestedCandidateIsObservedAndRecommendedWithDoAndUndo() throws {
        var f = Self.heavyFacts()
        let untested = HypotheticalIndexTrial(statement: "queryid:8", query: "SELECT count(*) FROM events WHERE kind = $1", share: 0.1,
                                              tables: ["public.events"], notTested: "not tested: parameters, server before 16 (no GENERIC_PLAN; values are not guessed)")
        f.indexTrials = .available(HypotheticalIndexTrials(database: "app", serverVersion: 150018, hypopg: .installed("1.3.1"), trials: [
            Self.trial(before: 400, [Self.candidate(["processed_at"], after: 40, used: true)]), untested,
        ]))
        let check = try #require(ReportChecks.build(f).check("missing_indexes"))
        let tables = check.observations.compactMap { if case .table(let t) = $0 { return t } else { return nil } }
        #expect(tables.count == 3)
        #expect(tables[1].rows[1][3].hasPrefix("not tested: parameters, server before 16"))
        #expect(tables[2].rows == [["queryid:7", "CREATE INDEX ON public.events (processed_at)", "400.00", "40.00", "-90.0 %", "yes", "440 kB"]])
        #expect(check.recommendations.count == 1, "the table got its index: no generic advice for it")
        let rec = try #require(check.recommendations.first)
        #expect(rec.doSQL == "CREATE INDEX CONCURRENTLY events_processed_at_idx ON public.events (processed_at);")
        #expect(rec.undoSQL == "DROP INDEX CONCURRENTLY public.events_processed_at_idx;")
        #expect(rec.text.contains("falls from cost 400.00 to 40.00"))
        #expect(check.objects == ["public.events", "queryid:7"] || check.objects == ["queryid:7", "public.events"])
        #expect(check.conclusions.last?.contains("1 statement could not be tested") == true, "\(check.conclusions)")
    }

    @Test func withoutHypoPGTheCheckSaysHowToGetItAndKeepsItsAdvice() throws {
        var f = Self.heavyFacts()
        f.indexTrials = .available(HypotheticalIndexTrials(database: "app", serverVersion: 180001, hypopg: .missing))
        let report = ReportChecks.build(f)
        let check = try #require(report.check("missing_indexes"))
        #expect(check.observations.contains(.text("Candidate indexes not tested hypothetically: HypoPG is not on this server: install Debian's postgresql-18-hypopg (or build HypoPG), then CREATE EXTENSION hypopg in app.")))
        #expect(check.recommendations.count == 1 && check.recommendations[0].doSQL == nil)
        let coverage = try #require(report.check("coverage"))
        #expect(coverage.observations.contains { if case .table(let t) = $0 { return t.rows.contains { $0[0] == "hypothetical indexes" } } else { return false } })

        f.indexTrials = .available(HypotheticalIndexTrials(database: "app", serverVersion: 180001, hypopg: .available))
        let available = try #require(ReportChecks.build(f).check("missing_indexes"))
        #expect(available.observations.contains(.text("Candidate indexes not tested hypothetically: HypoPG is not installed in app: CREATE EXTENSION hypopg; (the server has it) tests these without building them.")))
    }
}
