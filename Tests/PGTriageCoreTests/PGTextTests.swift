import Foundation
import Testing
@testable import PGTriageCore

@Suite struct PGTextTests {
    @Test func timestampsInUTCWithFraction() throws {
        let date = try #require(PGText.timestamp("2026-11-26 00:13:03.25+00"))
        #expect(date.timeIntervalSince1970 == 1_795_651_983.25)
    }

    @Test func timestampOffsetsAreApplied() throws {
        let utc = try #require(PGText.timestamp("2026-11-26 05:43:03+00"))
        let india = try #require(PGText.timestamp("2026-11-26 11:13:03+05:30"))
        #expect(utc == india)
        let west = try #require(PGText.timestamp("2026-11-25 19:43:03-10"))
        #expect(utc == west)
    }

    @Test func timestampsBeforeEpochAndLeapDays() throws {
        #expect(PGText.timestamp("1969-12-31 23:59:59+00")?.timeIntervalSince1970 == -1)
        #expect(PGText.timestamp("2024-02-29 00:00:00+00")?.timeIntervalSince1970 == 1_709_164_800)
        #expect(PGText.timestamp("2000-01-01")?.timeIntervalSince1970 == 946_684_800)
    }

    @Test func unreadableTimestampsAreNil() {
        #expect(PGText.timestamp("infinity") == nil)
        #expect(PGText.timestamp("2026-13-01 00:00:00+00") == nil)
        #expect(PGText.timestamp("2026-11-26 00:13") == nil)
        #expect(PGText.timestamp("2026-11-26 00:13:03+00 junk") == nil)
    }

    @Test func intervals() {
        #expect(PGText.intervalSeconds("00:00:01.5") == 1.5)
        #expect(PGText.intervalSeconds("-00:01:00") == -60)
        #expect(PGText.intervalSeconds("3 days") == 259_200.0)
        #expect(PGText.intervalSeconds("1 day 02:00:00") == 93_600.0)
        #expect(PGText.intervalSeconds("1 year 2 mons") == 365.25 * 86_400 + 60 * 86_400)
        #expect(PGText.intervalSeconds("soon") == nil)
        #expect(PGText.intervalSeconds("") == nil)
    }

    @Test func arrays() {
        #expect(PGText.int32Array("{}") == [])
        #expect(PGText.int32Array("{42}") == [42])
        #expect(PGText.int32Array("{1,22,333}") == [1, 22, 333])
        #expect(PGText.int32Array("{1,x}") == nil)
        #expect(PGText.int32Array("1,2") == nil)
        #expect(PGText.simpleArray("{a,\"b,c\",\"d\\\"e\"}") == ["a", "b,c", "d\"e"])
    }

    @Test func booleansAndNumbers() {
        #expect(PGText.bool("t") == true)
        #expect(PGText.bool("f") == false)
        #expect(PGText.bool("yes") == nil)
        #expect(PGText.double("1.5e3") == 1500)
        #expect(PGText.double("NaN")?.isNaN == true)
    }

    @Test func rowsDecodeByNameAndRejectBadText() throws {
        let result = QueryResult(columns: ["pid", "ok", "at", "blockers", "note"],
                                 rows: [["42", "t", "2026-11-26 00:00:00+00", "{7,8}", nil]])
        let row = try #require(result.first)
        #expect(try row.int32("pid") == 42)
        #expect(try row.bool("ok") == true)
        #expect(try row.date("at") != nil)
        #expect(try row.int32Array("blockers") == [7, 8])
        #expect(try row.string("note") == nil)
        #expect(throws: PGError.self) { try row.int("missing") }
        #expect(throws: PGError.self) { try row.int("ok") }
    }

    @Test func isoTimeRoundTrips() {
        let date = Date(timeIntervalSince1970: 1_795_651_983.25)
        #expect(ISOTime.string(date) == "2026-11-26T00:13:03.250Z")
    }

    @Test func oneLineJoinsLibpqMessages() {
        let message = "connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n\tIs the server running?\n"
        #expect(PGConnection.oneLine(message) == "connection to server at \"127.0.0.1\", port 1 failed: Connection refused Is the server running?")
    }
}
