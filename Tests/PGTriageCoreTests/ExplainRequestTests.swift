import Testing
@testable import PGTriageCore

@Suite struct ExplainRequestTests {
    @Test func scannerSplitsStatementsOutsideQuotesAndComments() {
        let scan = SQLScanner.scan("""
            select ';', "a;b", E'\\';', $$ ; $$, $fn$ ; $fn$ -- ; comment
            /* ; /* nested ; */ */ from t where x = $2; ;
            """)
        #expect(scan.statements.count == 1)
        #expect(scan.maxParameter == 2)
        #expect(scan.leadingWords.first == "SELECT")
        #expect(!scan.unterminated)
        #expect(SQLScanner.scan("select 1; commit").statements.count == 2)
        #expect(SQLScanner.scan("select '$1', $$ $3 $$").maxParameter == 0)
        #expect(SQLScanner.scan("select 'abc").unterminated)
        #expect(SQLScanner.scan("/* c */ (select 1)").leadingWords == ["SELECT", "1"])
    }

    private func refusal(_ request: ExplainRequest, version: Int = 150000) -> ExplainRefusal.Reason? {
        do {
            _ = try request.prepare(serverVersion: version)
            return nil
        } catch let error as ExplainRefusal {
            return error.reason
        } catch {
            return nil
        }
    }

    @Test func unsafeOrImpossibleTextsAreRefused() {
        #expect(refusal(ExplainRequest(sql: "VACUUM FULL t", analyze: true)) == .cannotRunInTransaction)
        #expect(refusal(ExplainRequest(sql: "create unique index concurrently i on t (a)")) == .cannotRunInTransaction)
        #expect(refusal(ExplainRequest(sql: "REINDEX TABLE CONCURRENTLY t")) == .cannotRunInTransaction)
        #expect(refusal(ExplainRequest(sql: "CREATE DATABASE x")) == .cannotRunInTransaction)
        #expect(refusal(ExplainRequest(sql: "ALTER SYSTEM SET work_mem = '1GB'")) == .cannotRunInTransaction)
        #expect(refusal(ExplainRequest(sql: "CLUSTER")) == .cannotRunInTransaction)
        #expect(refusal(ExplainRequest(sql: "ROLLBACK")) == .transactionControl)
        #expect(refusal(ExplainRequest(sql: "CALL p()")) == .transactionControl)
        #expect(refusal(ExplainRequest(sql: "DELETE FROM t; COMMIT; DELETE FROM t", analyze: true)) == .multipleStatements)
        #expect(refusal(ExplainRequest(sql: "SELECT 1", queryIsCut: true)) == .truncated)
        #expect(refusal(ExplainRequest(sql: "  -- nothing\n")) == .empty)
        #expect(refusal(ExplainRequest(sql: "explain analyze delete from t")) == .alreadyExplain)
        #expect(refusal(ExplainRequest(sql: "ANALYZE t")) == .notExplainable)
        #expect(refusal(ExplainRequest(sql: "SELECT 1")) == nil)
        #expect(refusal(ExplainRequest(sql: "CREATE TABLE x AS SELECT 1", analyze: true)) == nil)
        #expect(refusal(ExplainRequest(sql: "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", analyze: true)) == nil)
    }

    @Test func parametersGenericPlanOn16OrValues() throws {
        let sql = "SELECT * FROM t WHERE id = $1"
        #expect(refusal(ExplainRequest(sql: sql), version: 150000) == .needsParameters)
        let generic = try ExplainRequest(sql: sql).prepare(serverVersion: 160000)
        #expect(generic.usesGenericPlan && generic.statement == "EXPLAIN (GENERIC_PLAN, FORMAT JSON) SELECT * FROM t WHERE id = $1")
        #expect(refusal(ExplainRequest(sql: sql, analyze: true), version: 170000) == .needsParameters)
        let bound = try ExplainRequest(sql: sql, analyze: true, buffers: true, wal: true, format: .text, parameters: ["42"]).prepare(serverVersion: 150000)
        #expect(bound.statement == "EXPLAIN (ANALYZE, BUFFERS, WAL, FORMAT TEXT) SELECT * FROM t WHERE id = $1")
        #expect(bound.parameters == ["42"] && bound.executes && !bound.usesGenericPlan)
        let plain = try ExplainRequest(sql: "SELECT 1;", wal: true, settings: true).prepare(serverVersion: 130000)
        #expect(plain.statement == "EXPLAIN (SETTINGS, FORMAT JSON) SELECT 1")
        #expect(!plain.executes)
    }

    @Test func confirmationSaysSequencesAdvance() {
        let text = ExplainRequest(sql: "DELETE FROM t", database: "shop", analyze: true, statementTimeout: 15).analyzeConfirmation
        #expect(text.contains("sequences still advance"))
        #expect(text.contains("(dblink, files, signals to other sessions) is not undone"))
        #expect(text.contains("ROLLBACK"))
        #expect(text.contains("shop"))
        #expect(text.contains("15 s"))
    }
}
