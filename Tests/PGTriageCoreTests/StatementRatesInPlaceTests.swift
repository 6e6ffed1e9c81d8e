import Foundation
import Testing
@testable import PGTriageCore

/// The rates kept between refreshes and written in place (`StatementRates.update`): entries
/// taken unchanged from the last sample, matched by place or by key, rows reused from the
/// sample before. Each case is checked against the same samples read afresh (`next`), whose
/// entries are all decoded and looked up by key.
@Suite struct StatementRatesInPlaceTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func key(_ n: Int64, toplevel: Bool = true) -> StatementKey { StatementKey(userid: 10, dbid: 5, queryid: n, toplevel: toplevel) }

    /// Planning counted for even entries, WAL for those not divisible by 3: every shape of
    /// optional counters (an idle entry's rate depends on it).
    func stats(_ n: Int64, calls: Int64, ms: Double, since: Date? = nil) -> StatementStats {
        StatementStats(key: key(n), user: "app", database: "shop", query: "select \(n)",
                       counters: StatementCounters(calls: calls, execMs: ms, plans: n % 2 == 0 ? calls : nil,
                                                   planMs: n % 2 == 0 ? ms / 10 : nil, rows: calls * 2,
                                                   sharedBlocksHit: calls * 10, sharedBlocksRead: calls,
                                                   walBytes: n % 3 == 0 ? nil : calls * 100),
                       statsSince: since)
    }

    /// What the reader hands the rates: an entry equal to the last sample's entry of its key is
    /// `.unchanged` (its place there), the others `.changed`.
    func sources(_ sample: [StatementStats], rates: inout StatementRates) -> (entries: [StatementRates.Source], changed: [StatementStats]) {
        var entries: [StatementRates.Source] = [], changed: [StatementStats] = []
        for (i, entry) in sample.enumerated() {
            let place = rates.previousPlace(of: entry.key, near: i)
            if let place, rates.rows[place].stats == entry {
                entries.append(.unchanged(place))
            } else {
                entries.append(.changed(changed.count, previous: place))
                changed.append(entry)
            }
        }
        return (entries, changed)
    }

    /// Feeds `samples` both ways and expects the same rows at each step.
    func expectSameAsFresh(_ samples: [(at: Date, statsReset: Date?, statements: [StatementStats])],
                           sourceLocation: SourceLocation = #_sourceLocation) {
        var inPlace = StatementRates(), fresh = StatementRates()
        for (step, sample) in samples.enumerated() {
            let (entries, changed) = sources(sample.statements, rates: &inPlace)
            let (rows, interval) = inPlace.update(at: sample.at, statsReset: sample.statsReset, entries: entries, changed: changed)
            let (expected, expectedInterval) = fresh.next(StatementSample(at: sample.at, statsReset: sample.statsReset,
                                                                          statements: sample.statements))
            #expect(interval == expectedInterval, "step \(step)", sourceLocation: sourceLocation)
            #expect(rows == expected, "step \(step)", sourceLocation: sourceLocation)
            #expect(inPlace.rows == rows, sourceLocation: sourceLocation)
        }
    }

    @Test func idleEntriesTakenUnchangedGetTheRatesOfAFreshRead() {
        let first = (1...50).map { stats($0, calls: $0, ms: Double($0)) }
        var second = first
        second[3] = stats(4, calls: 9, ms: 20)
        var third = second
        third[40] = stats(41, calls: 60, ms: 70.5)
        expectSameAsFresh([(t0, nil, first), (t0 + 1, nil, second), (t0 + 2, nil, third), (t0 + 3, nil, third), (t0 + 4.5, nil, third)])
    }

    @Test func entriesInAnotherOrderAreMatchedByKey() {
        let first = (1...6).map { stats($0, calls: 10, ms: 10) }
        let shuffled = [6, 2, 5, 1, 4, 3].map { stats($0, calls: 10 + $0, ms: 10 + Double($0) * 2) }
        let back = (1...6).map { stats($0, calls: 10 + $0, ms: 10 + Double($0) * 2) }
        expectSameAsFresh([(t0, nil, first), (t0 + 1, nil, shuffled), (t0 + 2, nil, back), (t0 + 3, nil, back)])

        var rates = StatementRates()
        _ = rates.next(StatementSample(at: t0, statements: first))
        let (entries, changed) = sources(shuffled, rates: &rates)
        let (rows, _) = rates.update(at: t0 + 1, statsReset: nil, entries: entries, changed: changed)
        #expect(rows.map(\.stats.key) == [6, 2, 5, 1, 4, 3].map { key($0) })
        #expect(rows[0].rate?.calls == 6 && rows[3].rate?.calls == 1)
    }

    @Test func entriesThatComeAndGo() {
        let two = [stats(1, calls: 1, ms: 1), stats(2, calls: 5, ms: 5)]
        let one = [stats(1, calls: 2, ms: 2)]
        // Entry 2 was evicted (a deallocation) and made again: no rate against its old counters.
        let back = [stats(1, calls: 2, ms: 2), stats(2, calls: 1, ms: 3)]
        let later = [stats(3, calls: 1, ms: 1), stats(1, calls: 3, ms: 3), stats(2, calls: 4, ms: 9)]
        expectSameAsFresh([(t0, nil, two), (t0 + 1, nil, one), (t0 + 2, nil, back), (t0 + 3, nil, later), (t0 + 4, nil, [])])

        var rates = StatementRates()
        for sample in [two, one] { _ = rates.next(StatementSample(at: t0 + Double(rates.rows.count), statements: sample)) }
        let (entries, changed) = sources(back, rates: &rates)
        #expect(entries == [.unchanged(0), .changed(0, previous: nil)])
        let (rows, _) = rates.update(at: t0 + 5, statsReset: nil, entries: entries, changed: changed)
        #expect(rows[1].rate == nil && rows[0].rate?.calls == 0)
    }

    @Test func resetsRestartEntriesInPlaceToo() {
        let before = [stats(1, calls: 10, ms: 10, since: t0 - 100), stats(2, calls: 10, ms: 10, since: t0 - 100)]
        // Entry 1 reset on its own (stats_since moved), then everything (stats_reset moved).
        let entryReset = [stats(1, calls: 30, ms: 30, since: t0 + 0.5), stats(2, calls: 10, ms: 10, since: t0 - 100)]
        let lower = [stats(1, calls: 31, ms: 31, since: t0 + 0.5), stats(2, calls: 2, ms: 2, since: t0 - 100)]
        expectSameAsFresh([
            (t0, t0 - 1000, before), (t0 + 1, t0 - 1000, entryReset), (t0 + 2, t0 - 1000, lower),
            (t0 + 3, t0 + 2.5, lower), (t0 + 4, t0 + 2.5, lower),
        ])
    }

    @Test func randomSamplesGiveWhatAFreshReadGives() {
        var generator = SystemRandomNumberGenerator()
        var counters: [Int64: (Int64, Double)] = [:]
        var samples: [(at: Date, statsReset: Date?, statements: [StatementStats])] = []
        var present = Array(Int64(1)...Int64(40))
        for step in 0..<60 {
            // Mostly idle; some entries run, a few are evicted or appear, the order sometimes moves.
            for n in present where Int.random(in: 0..<8, using: &generator) == 0 {
                let (calls, ms) = counters[n] ?? (0, 0)
                counters[n] = (calls + Int64.random(in: 1...4, using: &generator), ms + Double.random(in: 0...5, using: &generator))
            }
            if Int.random(in: 0..<5, using: &generator) == 0, !present.isEmpty {
                let gone = present.remove(at: Int.random(in: 0..<present.count, using: &generator))
                counters[gone] = nil
            }
            if Int.random(in: 0..<5, using: &generator) == 0 {
                present.insert(Int64(100 + step), at: Int.random(in: 0...present.count, using: &generator))
            }
            if Int.random(in: 0..<10, using: &generator) == 0 { present.shuffle(using: &generator) }
            let statements = present.map { n in stats(n, calls: counters[n]?.0 ?? 0, ms: counters[n]?.1 ?? 0) }
            samples.append((t0 + Double(step), nil, statements))
        }
        expectSameAsFresh(samples)
    }

    /// The console holds a snapshot's rows while the next refresh writes the rows of the one
    /// before: a buffer still held elsewhere is copied, never written over.
    @Test func rowsStillHeldAreNeverWrittenOver() {
        var rates = StatementRates()
        let sample = (1...20).map { stats($0, calls: $0, ms: Double($0)) }
        let (first, _) = rates.next(StatementSample(at: t0, statements: sample))
        let (second, _) = rates.next(StatementSample(at: t0 + 1, statements: sample))
        let firstCopy = first.map { $0 }, secondCopy = second.map { $0 }
        var grown = sample
        grown[0] = stats(1, calls: 500, ms: 500)
        for step in 2..<6 {
            let (entries, changed) = sources(grown, rates: &rates)
            _ = rates.update(at: t0 + Double(step), statsReset: nil, entries: entries, changed: changed)
        }
        #expect(first == firstCopy && second == secondCopy)
        #expect(first[0].rate == nil && second[0].rate?.calls == 0)
    }
}

@Suite struct PackedRowFingerprintTests {
    func packed(_ rows: [[String?]], columns: [String] = ["a", "b", "c"]) -> PackedResult {
        PackedResult(QueryResult(columns: columns, rows: rows))
    }

    func same(_ a: PackedResult, _ row: Int, _ b: PackedResult, _ otherRow: Int) -> Bool {
        a.rowFingerprint(row) == b.rowFingerprint(otherRow)
    }

    @Test func rowsWithTheSameCellsAreTheSame() {
        let now = packed([["1", "two", nil], ["3", nil, "x"]])
        let before = packed([["3", nil, "x"], ["1", "two", nil]])
        #expect(same(now, 0, before, 1))
        #expect(same(now, 1, before, 0))
        #expect(!same(now, 0, before, 0))
    }

    @Test func aMovedNullOrAChangedByteIsAChange() {
        let now = packed([["1", "2", nil], ["1", "", "2"], ["12", "3", "4"], [nil, nil, nil]])
        // The same bytes in the row ("1\02\0") with the NULL elsewhere.
        #expect(!same(now, 0, packed([["1", nil, "2"]]), 0))
        // An empty string is not NULL.
        #expect(!same(now, 1, packed([["1", nil, "2"]]), 0))
        #expect(!same(now, 2, packed([["12", "3", "5"]]), 0))
        #expect(!same(now, 2, packed([["1", "23", "4"]]), 0))
        #expect(!same(now, 2, packed([["12", "3", "44"]]), 0))
        #expect(same(now, 3, packed([[nil, nil, nil]]), 0))
        #expect(!same(now, 0, packed([["1", "2"]], columns: ["a", "b"]), 0))
    }

    /// Counters as the refresh reads them (long rows of digits), each changed in one place by
    /// one unit, as a busy entry changes between two refreshes: never the same fingerprint.
    @Test func countersChangedByOneAreAlwaysAChange() {
        var rows: [[String?]] = []
        for i in 0..<2000 {
            let figures = (0..<20).map { String(($0 + 1) * 7919 &* (i + 13)) }.joined(separator: ",")
            rows.append([String(i), "10", figures])
        }
        let before = packed(rows)
        var changedRows = rows
        for i in changedRows.indices {
            var figures = changedRows[i][2]!.split(separator: ",").map { Int($0)! }
            figures[i % figures.count] += 1
            changedRows[i][2] = figures.map(String.init).joined(separator: ",")
        }
        let now = packed(changedRows), again = packed(rows)
        let distinct = Set((0..<rows.count).map { before.rowFingerprint($0) })
        #expect(distinct.count == rows.count)
        for i in rows.indices {
            #expect(!same(now, i, before, i), "row \(i)")
            #expect(same(again, i, before, i), "row \(i)")
        }
    }
}
