import Foundation
import Testing
@testable import PGTriageCore

@Suite struct RatesAndJSONTests {
    /// Foundation's encoder keeps no member order on Linux: keys are sorted, so the same document
    /// is always the same text, and absent values are still written.
    @Test func objectsAreWrittenWithSortedKeysAndTheirNulls() throws {
        let value = JSONValue.object([("zeta", .integer(1)), ("alpha", .null), ("mid", .object([("b", .bool(true)), ("a", .string("x"))]))])
        #expect(try value.encoded(pretty: false) == #"{"alpha":null,"mid":{"a":"x","b":true},"zeta":1}"#)
    }

    let t0 = Date(timeIntervalSince1970: 1_000_000)

    @Test func ratesNeedTwoSamples() {
        var rates = CounterRates()
        let first = rates.next(DatabaseCounters(transactions: 100, blocksHit: 900, blocksRead: 100, at: t0))
        #expect(first.tps == nil && first.cacheHitRatio == nil)
        let second = rates.next(DatabaseCounters(transactions: 300, blocksHit: 1800, blocksRead: 200, at: t0 + 2))
        #expect(second.tps == 100)
        #expect(second.cacheHitRatio == 0.9)
    }

    @Test func counterResetStartsOver() {
        var rates = CounterRates()
        _ = rates.next(DatabaseCounters(transactions: 1000, blocksHit: 10, blocksRead: 0, at: t0))
        let reset = rates.next(DatabaseCounters(transactions: 5, blocksHit: 1, blocksRead: 0, at: t0 + 1))
        #expect(reset.tps == nil)
        let after = rates.next(DatabaseCounters(transactions: 15, blocksHit: 1, blocksRead: 0, at: t0 + 2))
        #expect(after.tps == 10)
        #expect(after.cacheHitRatio == nil)  // no block traffic: no ratio rather than 0 or 100 %
    }

    /// Counters are published about once a second: samples closer than that, or before the
    /// next flush, keep the last rate instead of swinging to 0 and back (psql measured 35 tps
    /// where a 0.5 s interval showed 4/66/10/70).
    @Test func samplesCloserThanTheFlushKeepTheLastRate() {
        var rates = CounterRates()
        _ = rates.next(DatabaseCounters(transactions: 0, blocksHit: 0, blocksRead: 0, at: t0))
        #expect(rates.next(DatabaseCounters(transactions: 35, blocksHit: 90, blocksRead: 10, at: t0 + 1)).tps == 35)
        // 0.5 s later, nothing published yet: still 35, not 0.
        let early = rates.next(DatabaseCounters(transactions: 35, blocksHit: 90, blocksRead: 10, at: t0 + 1.5))
        #expect(early.tps == 35 && early.cacheHitRatio == 0.9)
        // Published now, counted from the last sample that counted: 2 s of 35/s.
        #expect(rates.next(DatabaseCounters(transactions: 105, blocksHit: 90, blocksRead: 10, at: t0 + 3)).tps == 35)
        // Half a second with a flush in it: too short a span to count, the last rate stays.
        #expect(rates.next(DatabaseCounters(transactions: 140, blocksHit: 90, blocksRead: 10, at: t0 + 3.5)).tps == 35)
        // A server where nothing moves reads 0 once two seconds have passed.
        #expect(rates.next(DatabaseCounters(transactions: 140, blocksHit: 90, blocksRead: 10, at: t0 + 6)).tps == 35.0 / 3)
        #expect(rates.next(DatabaseCounters(transactions: 140, blocksHit: 90, blocksRead: 10, at: t0 + 8.5)).tps == 0)
    }

    /// Each statement of a catalog's multi-statement text gets the tag at its own end: that is
    /// where pg_stat_statements keeps it.
    @Test func everyStatementIsTaggedAtItsEnd() {
        let tag = SessionSettings.statementTag
        #expect(PGConnection.tag("SELECT 1", tag) == "SELECT 1" + tag)
        #expect(PGConnection.tag("SELECT 1;\nSELECT 2", tag) == "SELECT 1" + tag + ";\nSELECT 2" + tag)
    }

    @Test func connectionTargetOverridesComeAfterTheConninfo() {
        let target = ConnectionTarget(conninfo: "postgres://u@db.example/app", port: "6432", user: "dba")
        let pairs = target.keywordPairs()
        #expect(pairs.map(\.0) == ["dbname", "port", "user"])
        #expect(target.inDatabase("other").keywordPairs().last! == ("dbname", "other"))
    }

    @Test func snapshotJSONHasTheDocumentedShape() throws {
        let a = BackendActivity(pid: 10, database: "demo", user: "batch", application: "billing", state: "idle in transaction",
                                xactStart: t0 - 60, query: "UPDATE accounts SET x = 1")
        let b = BackendActivity(pid: 20, database: "demo", user: "web", state: "active", waitEventType: "Lock",
                                waitEvent: "transactionid", queryStart: t0 - 5, query: "UPDATE accounts", blockedBy: [10],
                                lockWait: LockWait(lockType: "transactionid", mode: "ShareLock", relation: "accounts"))
        let snapshot = Snapshot(
            capturedAt: t0, info: ServerInfo(versionNum: 150018, version: "15.18"),
            summary: ServerSummary(connections: 3, maxConnections: 100),
            activity: [a, b], blocking: BlockingForest.build(waits: [20: [10]])
        )
        let text = try snapshot.json(target: "u@h:1/demo").encoded()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let server = try #require(object["server"] as? [String: Any])
        #expect(server["version_num"] as? Int == 150018)
        #expect(server["tps"] is NSNull)
        let activity = try #require(object["activity"] as? [[String: Any]])
        #expect(activity.count == 2)
        for key in ["pid", "database", "user", "application", "state", "wait_event_type", "wait_event", "query"] {
            #expect(activity[0].keys.contains(key), "activity lacks \(key)")
        }
        #expect(activity[0]["wait_event"] is NSNull)
        #expect(activity[0]["xact_age_s"] as? Double == 60)
        #expect(activity[0]["xact_start"] as? String == "1970-01-12T13:45:40.000Z")
        let blocking = try #require(object["blocking"] as? [[String: Any]])
        #expect(blocking.count == 1)
        #expect(blocking[0]["pid"] as? Int == 10)
        let blocked = try #require(blocking[0]["blocked"] as? [[String: Any]])
        #expect(blocked.map { $0["pid"] as? Int } == [20])
        #expect((blocked[0]["blocked"] as? [Any])?.isEmpty == true)
    }
}
