import Foundation
import PGTriageCore
import PGTriageLocalServer
import Testing

/// Every output of the command line is a terminal: text from the server or from a file never
/// carries an escape sequence or a control character through, on stdout or stderr, and JSON
/// escapes what terminals act on.
@Suite("Terminal-safe command-line output")
struct TerminalOutputTests {
    /// OSC retitle, clear screen, an 8-bit CSI, a bidi override.
    static let hostile = "evil\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}2J\u{202E}x"

    static func expectClean(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bad = text.unicodeScalars.filter { s in
            let v = s.value
            return (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || v == 0x202E
        }
        #expect(bad.isEmpty, "\(what) lets through \(bad.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
    }

    @Test func planPrintOfAHostileFileIsClean() throws {
        let path = NSTemporaryDirectory() + "pgtriage-hostile-\(UInt32.random(in: 0...UInt32.max)).txt"
        defer { unlink(path) }
        try """
            Seq Scan on "\(Self.hostile)"  (cost=0.00..35.50 rows=2550 width=4) (actual time=0.010..0.200 rows=3 loops=1)
              Filter: (note = '\(Self.hostile)'::text)
            Planning Time: 0.050 ms
            Execution Time: 0.300 ms
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let printed = try Binary.run(["plan", path, "--print"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("evil"))
        Self.expectClean(printed.stdout, "plan --print")
        let json = try Binary.run(["plan", path, "--print", "--json"])
        Self.expectClean(json.stdout, "plan --print --json")
        let unreadable = try Binary.run(["plan", path + ".missing\u{1B}[2J"])
        #expect(unreadable.status == 2)
        Self.expectClean(unreadable.stderr, "an error naming a hostile path")
    }

    @Test(arguments: TestServers.availableMajors)
    func explainAndSnapshotOfHostileNamesAreClean(major: Int) throws {
        let server = try TestServers.require(major: major)
        let db = try Sessions.makeDatabase(server, prefix: "hostile")
        let admin = try Sessions.app(server, database: db)
        defer { admin.close() }
        let table = "\"t\(Self.hostile)\""
        _ = try admin.execute("CREATE TABLE \(table) (x int)")
        _ = try admin.execute("BEGIN; SELECT '\(Self.hostile)' AS note")  // idle in transaction, its last query hostile
        let explain = try Binary.run(["explain", "SELECT * FROM \(table)", server.conninfo(database: db)])
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("Seq Scan on"))
        Self.expectClean(explain.stdout, "explain")
        // JSON keeps what it names: escaped, not removed (the relation's name reads back whole).
        let explainJSON = try Binary.run(["explain", "--format", "json", "SELECT * FROM \(table)", server.conninfo(database: db)])
        #expect(explainJSON.status == 0, "\(explainJSON.stderr)")
        Self.expectClean(explainJSON.stdout, "explain --format json")
        let parsed = try JSONSerialization.jsonObject(with: Data(explainJSON.stdout.utf8)) as? [[String: Any]]
        let plan = parsed?.first?["Plan"] as? [String: Any]
        #expect(plan?["Relation Name"] as? String == "t\(Self.hostile)", "\(explainJSON.stdout)")
        let failed = try Binary.run(["explain", "SELECT * FROM \"no\(Self.hostile)\"", server.conninfo(database: db)])
        #expect(failed.status == 2)
        Self.expectClean(failed.stderr, "explain's error from the server")
        let text = try Binary.run(["snapshot", "--sample", "0", server.conninfo(database: db)])
        #expect(text.status == 0, "\(text.stderr)")
        Self.expectClean(text.stdout, "snapshot")
        let json = try Binary.run(["snapshot", "--json", "--sample", "0", server.conninfo(database: db)])
        #expect(json.stdout.contains("\\u009b2J"), "the hostile query is in the JSON, escaped")
        Self.expectClean(json.stdout, "snapshot --json")
    }
}
