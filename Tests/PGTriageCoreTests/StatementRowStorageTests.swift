import Foundation
import Testing
@testable import PGTriageCore

/// A Statements row is three words (the pane keeps two samples of thousands): its entry object
/// is shared with the sample before while the entry is unchanged, the rate of every idle entry is
/// one object, and yet a row reads, writes, compares and encodes as the plain value it stands for.
@Suite struct StatementRowStorageTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func stats(_ n: Int64, calls: Int64) -> StatementStats {
        StatementStats(key: StatementKey(userid: 10, dbid: 5, queryid: n), user: "app", database: "shop",
                       query: "select \(n) from a_table_with_a_long_name", counters: StatementCounters(calls: calls, execMs: Double(calls)))
    }

    @Test func aRowIsThreeWords() {
        #expect(MemoryLayout<StatementRow>.stride == 24)
    }

    @Test func unchangedEntriesShareTheirObjectAndIdleOnesTheirRate() {
        var rates = StatementRates()
        let first = (1...20).map { stats($0, calls: $0) }
        let (before, _) = rates.next(StatementSample(at: t0, statements: first))
        var changed = first[4]
        changed.counters.calls += 3
        changed.counters.execMs += 3
        let entries = first.indices.map { $0 == 4 ? StatementRates.Source.changed(0, previous: 4) : .unchanged($0) }
        let (after, _) = rates.update(at: t0 + 1, statsReset: nil, entries: entries, changed: [changed])
        for i in first.indices where i != 4 {
            #expect(after[i].entry === before[i].entry)
            #expect(after[i].rateObject === after[0].rateObject)  // one idle rate for all
            #expect(after[i].rate?.calls == 0)
        }
        #expect(after[4].entry !== before[4].entry)
        #expect(after[4].rate?.calls == 3)
        // Shares follow the new sum though the entries are the same objects.
        #expect(after[0].totals.timeShare != before[0].totals.timeShare)
        #expect(after[0].totals.timeShare == StatementRates.share(1, of: first.reduce(0) { $0 + $1.counters.execMs } + 3))
    }

    @Test func aCopyChangedLeavesTheOriginalAsItWas() {
        let rate = StatementRate(seconds: 1, calls: 2, callsPerSecond: 2, execMsPerSecond: 4, timeShare: 0.5, meanMs: 2,
                                 rowsPerSecond: 2, readBytesPerSecond: 0, dirtiedBytesPerSecond: 0, writtenBytesPerSecond: 0,
                                 tempWrittenBytesPerSecond: 0, ioMsPerSecond: 0)
        let totals = StatementTotals(calls: 7, totalMs: 14, meanMs: 2, rows: 7, readBytes: 0, tempWrittenBytes: 0, timeShare: 0.25)
        let original = StatementRow(stats: stats(1, calls: 7), rate: rate, totals: totals)
        var copy = original
        copy.stats.query = "changed"
        copy.rate?.calls = 99
        copy.totals.rows = 1
        copy.totals.timeShare = 0.75
        #expect(original.stats.query == "select 1 from a_table_with_a_long_name")
        #expect(original.rate == rate)
        #expect(original.totals == totals)
        #expect(copy.stats.query == "changed" && copy.rate?.calls == 99 && copy.totals.rows == 1 && copy.totals.timeShare == 0.75)
        #expect(copy != original)
        // Equal values in other objects are equal rows.
        #expect(StatementRow(stats: stats(1, calls: 7), rate: rate, totals: totals) == original)
        var back = copy
        back.stats.query = original.stats.query
        back.rate = rate
        back.totals = totals
        #expect(back == original)
    }

    /// The JSON of a row is that of its three values under their names, nil rate left out.
    @Test func encodesAsItsValues() throws {
        struct Plain: Encodable { var stats: StatementStats; var rate: StatementRate?; var totals: StatementTotals }
        let totals = StatementTotals(calls: 7, totalMs: 14, meanMs: 2, rows: 7, readBytes: 0, tempWrittenBytes: 0, timeShare: 0.25)
        let row = StatementRow(stats: stats(1, calls: 7), rate: nil, totals: totals)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(row)
        #expect(json == (try encoder.encode(Plain(stats: row.stats, rate: nil, totals: totals))))
        #expect(!String(decoding: json, as: UTF8.self).contains("\"rate\""))
        #expect(try JSONDecoder().decode(StatementRow.self, from: json) == row)
    }
}

extension StatementRowStorageTests {
    /// A sample with fewer entries than the one two samples before (whose buffer it is written
    /// into) has only its own rows: none left over from that buffer.
    @Test func aSmallerSampleLeavesNoRowsOfTheBufferItReuses() {
        var rates = StatementRates()
        let five = (1...5).map { stats($0, calls: $0) }
        let three = Array(five.prefix(3))
        for (step, sample) in [five, five, three, three, three].enumerated() {
            let entries = sample.indices.map { StatementRates.Source.changed($0, previous: $0) }
            let (rows, _) = rates.update(at: t0 + Double(step), statsReset: nil, entries: entries, changed: sample)
            #expect(rows.map(\.stats.key) == sample.map(\.key), "step \(step)")
            #expect(rows.allSatisfy { $0.totals.timeShare == StatementRates.share($0.totals.totalMs, of: sample.reduce(0) { $0 + $1.counters.execMs }) })
        }
    }
}
