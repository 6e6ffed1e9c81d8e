import Foundation
import Testing
@testable import PGTriageCore

/// `PackedResult` decodes cells from bytes: every answer must be the one `QueryResult.Row` gives
/// for the same text (the Statements counters went from one to the other).
@Suite struct PackedResultTests {
    let integers = ["0", "7", "-1", "+5", "9223372036854775807", "-9223372036854775808", "00012"]
    let badIntegers = ["9223372036854775808", "-9223372036854775809", "", "-", "+", "1.5", "12a", " 1", "1e3"]
    let doubles = ["0", "-0", "1.5", "0.001", "123456.789012", "999999999999999", "-42.125", "1234567890.12345",
                   "0.1", "0.3", "12345678901234567", "1234567.8901234567", "1e+20", "-1.5e-7", "NaN", "Infinity",
                   "-Infinity", "17.", ".5", "00000000000000000001.5"]
    let badDoubles = ["", "-", "abc", "1.2.3", "1,5", "--1"]

    func packed(_ cells: [String?]) -> (QueryResult, PackedResult) {
        let result = QueryResult(columns: ["v"], rows: cells.map { [$0] })
        return (result, PackedResult(result))
    }

    @Test func integersAsInt64ReadsThem() throws {
        let (result, packed) = packed(integers + badIntegers + [nil])
        let column = try packed.column("v")
        for row in 0..<result.count {
            let text = result.rows[row][0]
            let expected = try? result.row(row).int64("v")
            let got = try? packed.int64(row, column)
            #expect(got == expected, "\(text ?? "NULL")")
            if let text, Int64(text) == nil { #expect(throws: PGError.self) { try packed.int64(row, column) } }
        }
        #expect(try packed.int64(packed.count - 1, column) == nil)
    }

    @Test func doublesBitForBitAsDoubleReadsThem() throws {
        let (result, packed) = packed(doubles + badDoubles)
        let column = try packed.column("v")
        for row in 0..<result.count {
            let text = result.rows[row][0] ?? ""
            let expected = try? result.row(row).double("v")
            let got = try? packed.double(row, column)
            #expect(got?.bitPattern == expected?.bitPattern || (got?.isNaN == true && expected?.isNaN == true), "\(text)")
            #expect((got == nil) == (expected == nil), "\(text)")
        }
    }

    /// Many random decimals of the fast path's shape, against the standard library's parser.
    @Test func randomDecimalsMatchTheStandardParser() throws {
        var generator = SystemRandomNumberGenerator()
        var cells: [String] = []
        for _ in 0..<5000 {
            let whole = UInt64.random(in: 0...999_999_999, using: &generator)
            let fraction = UInt64.random(in: 0...999_999, using: &generator)
            let digits = Int.random(in: 0...6, using: &generator)
            let sign = Bool.random(using: &generator) ? "-" : ""
            cells.append(digits == 0 ? "\(sign)\(whole)" : "\(sign)\(whole)." + String(String(fraction).prefix(digits)))
        }
        let (_, packed) = packed(cells)
        let column = try packed.column("v")
        for (row, text) in cells.enumerated() {
            #expect(try packed.double(row, column)?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }

    @Test func stringsBooleansDatesAndNulls() throws {
        let result = QueryResult(columns: ["s", "b", "d"], rows: [
            ["héllo wörld, a text longer than fifteen bytes", "t", "2026-11-26 00:13:03.25+00"],
            ["", "false", nil],
            [nil, "f", "2026-11-26 05:43:03+05:30"],
        ])
        let packed = PackedResult(result)
        let s = try packed.column("s"), b = try packed.column("b"), d = try packed.column("d")
        for row in 0..<result.count {
            #expect(packed.string(row, s) == result.rows[row][0])
            #expect(packed.isNull(row, s) == (result.rows[row][0] == nil))
            #expect(try packed.bool(row, b) == result.row(row).bool("b"))
            #expect(try packed.date(row, d) == result.row(row).date("d"))
        }
        #expect(throws: PGError.self) { try packed.column("missing") }
        let bad = PackedResult(QueryResult(columns: ["b"], rows: [["maybe"]]))
        #expect(throws: PGError.self) { try bad.bool(0, bad.column("b")) }
    }
}
