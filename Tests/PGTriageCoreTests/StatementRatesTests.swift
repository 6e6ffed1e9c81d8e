import Foundation
import Testing
@testable import PGTriageCore

@Suite struct StatementRatesTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let a = StatementKey(userid: 10, dbid: 5, queryid: 1, toplevel: true)
    let b = StatementKey(userid: 10, dbid: 5, queryid: 2, toplevel: true)
    let nested = StatementKey(userid: 10, dbid: 5, queryid: 1, toplevel: false)

    func stats(_ key: StatementKey, calls: Int64, ms: Double, rows: Int64 = 0, hit: Int64 = 0, read: Int64 = 0,
               temp: Int64 = 0, wal: Int64? = nil, since: Date? = nil) -> StatementStats {
        StatementStats(key: key, query: "q\(key.queryid ?? 0)", counters: StatementCounters(
            calls: calls, execMs: ms, rows: rows, sharedBlocksHit: hit, sharedBlocksRead: read,
            tempBlocksWritten: temp, walBytes: wal), statsSince: since)
    }

    func row(_ rows: [StatementRow], _ key: StatementKey) -> StatementRow? { rows.first { $0.stats.key == key } }

    @Test func firstSampleHasNoRatesButHasTotals() {
        var rates = StatementRates()
        let (rows, interval) = rates.next(StatementSample(at: t0, statements: [stats(a, calls: 10, ms: 50, rows: 20)]))
        #expect(interval == nil)
        #expect(rows.count == 1)
        #expect(rows[0].rate == nil)
        #expect(rows[0].totals.calls == 10)
        #expect(rows[0].totals.meanMs == 5)
        #expect(rows[0].totals.timeShare == 1)
    }

    @Test func ratesAreDeltasOverTheServerClockInterval() throws {
        var rates = StatementRates(blockSize: 8192)
        _ = rates.next(StatementSample(at: t0, statements: [
            stats(a, calls: 100, ms: 1000, rows: 100, hit: 1000, read: 0, temp: 0, wal: 1000),
            stats(b, calls: 5, ms: 10),
        ]))
        let (rows, interval) = rates.next(StatementSample(at: t0 + 2, statements: [
            stats(a, calls: 300, ms: 1600, rows: 500, hit: 1900, read: 100, temp: 4, wal: 3000),
            stats(b, calls: 5, ms: 10),
        ]))
        #expect(interval == 2)
        let rate = try #require(row(rows, a)?.rate)
        #expect(rate.seconds == 2)
        #expect(rate.calls == 200)
        #expect(rate.callsPerSecond == 100)
        #expect(rate.execMsPerSecond == 300)
        #expect(rate.meanMs == 3)
        #expect(rate.rowsPerSecond == 200)
        #expect(rate.hitRatio == 0.9)
        #expect(rate.readBytesPerSecond == 100 * 8192 / 2)
        #expect(rate.tempWrittenBytesPerSecond == 4 * 8192 / 2)
        #expect(rate.walBytesPerSecond == 1000)
        #expect(rate.timeShare == 1)  // b ran nothing in the interval
        // An entry that did nothing: zero rates, no mean, no hit ratio, no share.
        let idle = try #require(row(rows, b)?.rate)
        #expect(idle.callsPerSecond == 0)
        #expect(idle.meanMs == nil)
        #expect(idle.hitRatio == nil)
        #expect(idle.timeShare == 0)
        #expect(idle.walBytesPerSecond == nil)
    }

    @Test func timeSharesSplitTheIntervalsExecutionTime() throws {
        var rates = StatementRates()
        _ = rates.next(StatementSample(at: t0, statements: [stats(a, calls: 0, ms: 0), stats(b, calls: 0, ms: 0)]))
        let (rows, _) = rates.next(StatementSample(at: t0 + 1, statements: [stats(a, calls: 1, ms: 75), stats(b, calls: 1, ms: 25)]))
        #expect(row(rows, a)?.rate?.timeShare == 0.75)
        #expect(row(rows, b)?.rate?.timeShare == 0.25)
        #expect(row(rows, a)?.totals.timeShare == 0.75)
    }

    @Test func newEntriesWaitForTheirSecondSample() throws {
        var rates = StatementRates()
        _ = rates.next(StatementSample(at: t0, statements: [stats(a, calls: 1, ms: 1)]))
        let (second, _) = rates.next(StatementSample(at: t0 + 1, statements: [stats(a, calls: 2, ms: 2), stats(b, calls: 50, ms: 500)]))
        #expect(row(second, a)?.rate != nil)
        #expect(row(second, b)?.rate == nil)
        #expect(row(second, a)?.rate?.timeShare == 1)  // b's 500 ms are not known to be in this interval
        let (third, _) = rates.next(StatementSample(at: t0 + 2, statements: [stats(a, calls: 3, ms: 3), stats(b, calls: 60, ms: 600)]))
        #expect(row(third, b)?.rate?.callsPerSecond == 10)
    }

    @Test func aCounterGoingDownRestartsThatEntryOnly() throws {
        var rates = StatementRates()
        _ = rates.next(StatementSample(at: t0, statements: [stats(a, calls: 1000, ms: 5000), stats(b, calls: 10, ms: 10)]))
        let (rows, interval) = rates.next(StatementSample(at: t0 + 1, statements: [stats(a, calls: 3, ms: 2), stats(b, calls: 20, ms: 20)]))
        #expect(interval == 1)
        #expect(row(rows, a)?.rate == nil)
        #expect(row(rows, b)?.rate?.callsPerSecond == 10)
        let (after, _) = rates.next(StatementSample(at: t0 + 2, statements: [stats(a, calls: 8, ms: 4), stats(b, calls: 20, ms: 20)]))
        #expect(row(after, a)?.rate?.callsPerSecond == 5)
    }

    @Test func anyCounterGoingDownIsAReset() {
        var rates = StatementRates()
        _ = rates.next(StatementSample(at: t0, statements: [stats(a, calls: 10, ms: 10, rows: 10, hit: 100, wal: 500)]))
        // Calls went up but the block and WAL counters went down: the entry was reset and refilled.
        let (rows, _) = rates.next(StatementSample(at: t0 + 1, statements: [stats(a, calls: 20, ms: 20, rows: 20, hit: 5, wal: 10)]))
        #expect(rows[0].rate == nil)
    }

    @Test func aChangedStatsSinceRestartsTheEntryEvenIfCountersGrew() {
        var rates = StatementRates()
        _ = rates.next(StatementSample(at: t0, statements: [stats(a, calls: 10, ms: 10, since: t0 - 100)]))
        let (rows, _) = rates.next(StatementSample(at: t0 + 1, statements: [stats(a, calls: 50, ms: 50, since: t0 + 0.5)]))
        #expect(rows[0].rate == nil)
        let (after, _) = rates.next(StatementSample(at: t0 + 2, statements: [stats(a, calls: 60, ms: 60, since: t0 + 0.5)]))
        #expect(after[0].rate?.callsPerSecond == 10)
    }

    @Test func aWholeResetRestartsEverything() {
        var rates = StatementRates()
        _ = rates.next(StatementSample(at: t0, statsReset: t0 - 1000, statements: [stats(a, calls: 1, ms: 1)]))
        let (rows, interval) = rates.next(StatementSample(at: t0 + 1, statsReset: t0 + 0.5, statements: [stats(a, calls: 5, ms: 5)]))
        #expect(interval == nil)
        #expect(rows[0].rate == nil)
        let (after, _) = rates.next(StatementSample(at: t0 + 2, statsReset: t0 + 0.5, statements: [stats(a, calls: 7, ms: 7)]))
        #expect(after[0].rate?.callsPerSecond == 2)
    }

    @Test func noRatesWithoutElapsedTime() {
        var rates = StatementRates()
        _ = rates.next(StatementSample(at: t0, statements: [stats(a, calls: 1, ms: 1)]))
        let (same, interval) = rates.next(StatementSample(at: t0, statements: [stats(a, calls: 2, ms: 2)]))
        #expect(interval == nil && same[0].rate == nil)
        let (backwards, _) = rates.next(StatementSample(at: t0 - 5, statements: [stats(a, calls: 3, ms: 3)]))
        #expect(backwards[0].rate == nil)
    }

    @Test func evictedEntriesAreForgottenAndNestedOnesAreSeparate() {
        var rates = StatementRates()
        _ = rates.next(StatementSample(at: t0, statements: [stats(a, calls: 1, ms: 1), stats(nested, calls: 100, ms: 100)]))
        _ = rates.next(StatementSample(at: t0 + 1, statements: [stats(nested, calls: 110, ms: 110)]))
        // `a` was evicted and came back with higher counters: no rate from a stale sample.
        let (rows, _) = rates.next(StatementSample(at: t0 + 2, statements: [stats(a, calls: 40, ms: 40), stats(nested, calls: 120, ms: 120)]))
        #expect(row(rows, a)?.rate == nil)
        #expect(row(rows, nested)?.rate?.callsPerSecond == 10)
    }

    @Test func neverANegativeRate() {
        var rates = StatementRates()
        var state: [StatementKey: (Int64, Double)] = [a: (0, 0), b: (0, 0)]
        var generator = SystemRandomNumberGenerator()
        for step in 0..<200 {
            var sample: [StatementStats] = []
            for key in [a, b] {
                var (calls, ms) = state[key]!
                if Int.random(in: 0..<10, using: &generator) == 0 { calls = 0; ms = 0 } else {
                    calls += Int64.random(in: 0...5, using: &generator); ms += Double.random(in: 0...3, using: &generator)
                }
                state[key] = (calls, ms)
                sample.append(stats(key, calls: calls, ms: ms))
            }
            let (rows, _) = rates.next(StatementSample(at: t0 + Double(step), statements: sample))
            for row in rows {
                if let rate = row.rate {
                    #expect(rate.callsPerSecond >= 0 && rate.execMsPerSecond >= 0)
                    #expect((rate.timeShare ?? 0) >= 0 && (rate.timeShare ?? 0) <= 1.000001)
                }
            }
        }
    }

    @Test func sectionOrderIsByIntervalTimeThenTotal() {
        var rates = StatementRates()
        let c = StatementKey(userid: 1, dbid: 1, queryid: 3)
        _ = rates.next(StatementSample(at: t0, statements: [stats(a, calls: 0, ms: 0), stats(b, calls: 0, ms: 900)]))
        let (rows, interval) = rates.next(StatementSample(at: t0 + 1, statements: [
            stats(a, calls: 1, ms: 10), stats(b, calls: 1, ms: 950), stats(c, calls: 1, ms: 5000),
        ]))
        let section = StatementsSection(extensionVersion: "1.10", variant: .post0110, capturedAt: t0 + 1, intervalSeconds: interval, rows: rows)
        #expect(section.byTime.map(\.stats.key) == [b, a, c])
    }
}
