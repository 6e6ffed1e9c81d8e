#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PGTriageCore
import PGTriageLocalServer
@testable import PGTriageUI
import Testing

/// The Indexes findings planted on every server the harness can start, seen by the reader, by
/// `pgtriage snapshot --json` (the real binary) and on the pane's screen.
@Suite("Indexes against real servers")
struct IndexesIntegrationTests {
    /// One of each finding: an unused index, a redundant one (a prefix of another), an invalid
    /// one (a failed CREATE UNIQUE INDEX CONCURRENTLY), a foreign key without an index, and a
    /// bloated btree (90 % of its rows deleted, autovacuum off, then ANALYZE).
    static func plant(_ server: LocalServer, prefix: String) throws -> String {
        let db = try Sessions.makeDatabase(server, prefix: prefix)
        let app = try Sessions.app(server, database: db)
        defer { app.close() }
        _ = try app.execute("""
            CREATE TABLE customers (id int PRIMARY KEY, name text);
            INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 1000) g;
            CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, code int, note text);
            INSERT INTO orders SELECT g, 1 + g % 1000, g % 7, 'n' || g FROM generate_series(1, 2000) g;
            CREATE INDEX orders_note_idx ON orders (note);
            CREATE INDEX orders_code_idx ON orders (code);
            CREATE INDEX orders_code_id_idx ON orders (code, id);
            CREATE TABLE churn (id int PRIMARY KEY, v int) WITH (autovacuum_enabled = off);
            INSERT INTO churn SELECT g, g FROM generate_series(1, 100000) g;
            DELETE FROM churn WHERE id % 10 <> 0;
            ANALYZE churn;
            ANALYZE orders;
            CREATE TABLE tags (tag name PRIMARY KEY);
            INSERT INTO tags SELECT 't' || g FROM generate_series(1, 2000) g;
            ANALYZE tags;
            """)
        // Duplicate codes: the build fails and leaves the index invalid.
        try Sessions.plantInvalidIndex(app, "CREATE UNIQUE INDEX CONCURRENTLY orders_code_key ON orders (code)")
        // A scan on the covering index (only it gives this order), none on the others.
        _ = try app.execute("SET enable_seqscan = off; SELECT code, id FROM orders ORDER BY code, id LIMIT 5")
        return db
    }

    func monitor(_ server: LocalServer, database: String) throws -> PGConnection {
        try PGConnection(target: Sessions.target(server, database: database), role: .monitor)
    }

    @Test(arguments: TestServers.availableMajors)
    func everyPlantedFindingIsFlaggedWithItsFix(major: Int) throws {
        let server = try TestServers.require(major: major)
        let db = try Self.plant(server, prefix: "indexes_read")
        let connection = try monitor(server, database: db)
        defer { connection.close() }
        var reader = IndexesReader(versionNum: connection.serverVersionNum)
        var section: IndexesSection?
        // Scan counters reach the statistics system when the planting session goes idle or exits.
        let seen = try Sessions.waitUntil(seconds: 10) {
            section = try reader.read(connection).value
            return (section?.indexes.first { $0.name == "orders_code_id_idx" }?.scans ?? 0) > 0
        }
        #expect(seen, "no scan of orders_code_id_idx counted")
        let found = try #require(section)
        func index(_ name: String) throws -> IndexHealth { try #require(found.indexes.first { $0.name == name }, "\(name)") }

        let unused = try index("orders_note_idx")
        #expect(unused.flags == [.unused])
        #expect(unused.fixSQL == "DROP INDEX CONCURRENTLY public.orders_note_idx;  -- unused since the statistics reset")
        #expect(unused.undoSQL == "CREATE INDEX CONCURRENTLY orders_note_idx ON public.orders USING btree (note);")
        #expect(unused.sizeBytes > 0 && unused.sizeBytes % 8192 == 0)

        let redundant = try index("orders_code_idx")
        #expect(redundant.flags.contains(.redundant))
        #expect(redundant.coveredBy == "orders_code_id_idx")
        #expect(try index("orders_code_id_idx").flags.isEmpty)

        let invalid = try index("orders_code_key")
        #expect(invalid.flags == [.invalid])
        #expect(!invalid.definition.isValid)
        #expect(invalid.undoSQL == "CREATE UNIQUE INDEX CONCURRENTLY orders_code_key ON public.orders USING btree (code);")

        let bloated = try index("churn_pkey")
        #expect(bloated.flags == [.bloated], "estimate \(String(describing: bloated.bloat)) size \(bloated.sizeBytes)")
        #expect((bloated.bloat.percent ?? 0) > 70)
        #expect(bloated.fixSQL == "REINDEX INDEX CONCURRENTLY public.churn_pkey;")

        #expect(try index("tags_pkey").bloat == .notApplicable("a name column: the estimate cannot be trusted"),
                "a name column is kept as cstring in the index: the table's column type is what counts")
        #expect(try index("orders_pkey").flags.isEmpty, "a primary key is never unused")
        #expect(try index("customers_pkey").flags.isEmpty)

        let fk = try #require(found.missingFKIndexes.first { $0.table == "orders" })
        #expect(found.missingFKIndexes.count == 1)
        #expect(fk.constraint == "orders_customer_id_fkey" && fk.columns == ["customer_id"] && fk.referencedTable == "public.customers")
        #expect(fk.fixSQL == "CREATE INDEX CONCURRENTLY orders_customer_id_idx ON public.orders (customer_id);")
        #expect(fk.tableSizeBytes > 0 && fk.tableWrites >= 2000)

        #expect(found.database == db)
        #expect(found.indexes.prefix(4).allSatisfy { !$0.flags.isEmpty }, "flagged first")
        if major >= 16 {
            #expect(try index("orders_code_id_idx").lastScan != nil, "last_idx_scan from 16")
        } else {
            #expect(try index("orders_code_id_idx").lastScan == nil)
        }

        // The pane built from the real section, at 80x24.
        var snapshot = try { () throws -> Snapshot in
            var snapshotReader = SnapshotReader(info: try SnapshotReader.readServerInfo(connection))
            return try snapshotReader.read(connection)
        }()
        snapshot.setIndexes(.available(found))
        let info = try SnapshotReader.readServerInfo(connection)
        var state = AppState(connectionLabel: "t", width: 80, height: 24, now: snapshot.capturedAt)
        _ = update(&state, .service(.connected(target: "t", info: info)))
        _ = update(&state, .service(.snapshot(snapshot)))
        _ = update(&state, .key(.char("6")))
        let backend = MemoryBackend(width: 80, height: 24)
        backend.draw(view(state))
        let screen = backend.lines().joined(separator: "\n")
        for expected in ["orders_note_idx", "orders_code_idx", "orders_code_key", "churn_pkey", "unused", "redundant", "invalid", "bloated"] {
            #expect(screen.contains(expected), "\(expected) not on\n\(screen)")
        }
        _ = update(&state, .key(.char("f")))
        backend.draw(view(state))
        let foreignKeys = backend.lines().joined(separator: "\n")
        #expect(foreignKeys.contains("orders_customer_id_fkey"), "\(foreignKeys)")
    }

    /// The read drops the supported foreign keys in SQL before looking up column names: it must
    /// agree with `IndexFindings.isSupported` (H003: the FK's columns lead a valid, non-partial
    /// index as key columns, in any order) on every edge, or a missing index would go unseen.
    @Test(arguments: TestServers.availableMajors)
    func foreignKeysWithoutAnIndexMatchTheRuleInEveryCase(major: Int) throws {
        let server = try TestServers.require(major: major)
        let db = try Sessions.makeDatabase(server, prefix: "indexes_fk")
        let app = try Sessions.app(server, database: db)
        defer { app.close() }
        _ = try app.execute("""
            CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));
            CREATE TABLE q (id int PRIMARY KEY);
            CREATE TABLE any_order (x int, y int, z int, FOREIGN KEY (x, y) REFERENCES p);
            CREATE INDEX ON any_order (y, x, z);
            CREATE TABLE prefix_longer (x int, y int, FOREIGN KEY (x) REFERENCES q);
            CREATE INDEX ON prefix_longer (x, y);
            CREATE TABLE include_only (x int, y int, FOREIGN KEY (x, y) REFERENCES p);
            CREATE INDEX ON include_only (x) INCLUDE (y);
            CREATE TABLE partial (x int, y int, FOREIGN KEY (x, y) REFERENCES p);
            CREATE INDEX ON partial (x, y) WHERE x > 0;
            CREATE TABLE gap (x int, y int, z int, FOREIGN KEY (x, y) REFERENCES p);
            CREATE INDEX ON gap (x, z, y);
            CREATE TABLE expression (x int REFERENCES q);
            CREATE INDEX ON expression ((x + 0));
            CREATE TABLE "Quoted" ("Mixed Case" int REFERENCES q);
            CREATE TABLE invalid (x int REFERENCES q);
            INSERT INTO q VALUES (1);
            INSERT INTO invalid VALUES (1), (1);
            """)
        try Sessions.plantInvalidIndex(app, "CREATE UNIQUE INDEX CONCURRENTLY invalid_x_key ON invalid (x)")
        let connection = try monitor(server, database: db)
        defer { connection.close() }
        var reader = IndexesReader(versionNum: connection.serverVersionNum)
        let section = try #require(try reader.read(connection).value)
        let missing = Dictionary(uniqueKeysWithValues: section.missingFKIndexes.map { ($0.table, $0) })
        #expect(Set(missing.keys) == ["include_only", "partial", "gap", "expression", "Quoted", "invalid"], "\(missing.keys.sorted())")
        #expect(missing["gap"]?.columns == ["x", "y"])
        #expect(missing["Quoted"]?.quotedColumns == ["\"Mixed Case\""])
        #expect(missing["Quoted"]?.fixSQL == "CREATE INDEX CONCURRENTLY \"Quoted_Mixed Case_idx\" ON public.\"Quoted\" (\"Mixed Case\");")
    }

    @Test(arguments: TestServers.availableMajors)
    func snapshotJSONCarriesTheFindings(major: Int) throws {
        let server = try TestServers.require(major: major)
        let db = try Self.plant(server, prefix: "indexes_json")
        let run = try Binary.run(["snapshot", "--json", "--sample", "0", server.conninfo(database: db, user: "postgres")])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let indexes = try #require(object["indexes"] as? [[String: Any]], "\(run.stdout.prefix(300))")
        func flags(_ name: String) -> [String]? {
            indexes.first { $0["name"] as? String == name }?["flags"] as? [String]
        }
        #expect(flags("orders_note_idx") == ["unused"])
        #expect(flags("orders_code_idx")?.contains("redundant") == true)
        #expect(flags("orders_code_key") == ["invalid"])
        #expect(flags("churn_pkey") == ["bloated"])
        let redundant = try #require(indexes.first { $0["name"] as? String == "orders_code_idx" })
        #expect(redundant["covered_by"] as? String == "orders_code_id_idx")
        for key in ["schema", "table", "name", "size_bytes", "scans", "last_scan", "unique", "primary", "valid", "flags",
                    "covered_by", "bloat_pct", "fix_sql", "undo_sql"] {
            #expect(redundant.keys.contains(key), "indexes[].\(key)")
        }
        let missing = try #require(object["missing_fk_indexes"] as? [[String: Any]])
        #expect(missing.count == 1)
        #expect(missing.first?["constraint"] as? String == "orders_customer_id_fkey")
        #expect(missing.first?["columns"] as? [String] == ["customer_id"])
        #expect(missing.first?["referenced_table"] as? String == "public.customers")
        #expect((missing.first?["fix_sql"] as? String)?.hasPrefix("CREATE INDEX CONCURRENTLY") == true)
        #expect((missing.first?["table_size_bytes"] as? Int ?? 0) > 0)
        #expect((object["unavailable"] as? [String: Any])?["indexes"] == nil)
    }

    /// A reader kept between reads (the console's) reads the shape once, then only the
    /// counters, and reads it again when DDL makes, renames or drops an index.
    @Test(arguments: TestServers.availableMajors)
    func theShapeIsKeptUntilDDLChangesIt(major: Int) throws {
        let server = try TestServers.require(major: major)
        let db = try Sessions.makeDatabase(server, prefix: "indexes_shape")
        let app = try Sessions.app(server, database: db)
        defer { app.close() }
        _ = try app.execute("CREATE TABLE items (id int PRIMARY KEY, v int)")
        let connection = try monitor(server, database: db)
        defer { connection.close() }
        var reader = IndexesReader(versionNum: connection.serverVersionNum)
        var names: [String] = []
        func read() throws {
            let result = try reader.read(connection)
            names = try #require(result.value, "\(String(describing: result))").indexes.map(\.name).sorted()
        }
        try read()
        #expect(names == ["items_pkey"])
        #expect(reader.shapeReads == 1)
        _ = try app.execute("INSERT INTO items SELECT g, g FROM generate_series(1, 100) g")
        try read()
        #expect(reader.shapeReads == 1, "rows written, no catalog: counters only")

        _ = try app.execute("CREATE INDEX items_v_idx ON items (v)")
        #expect(try Sessions.waitUntil(seconds: 15) { try read(); return names == ["items_pkey", "items_v_idx"] }, "\(names)")
        _ = try app.execute("ALTER INDEX items_v_idx RENAME TO items_value_idx")
        #expect(try Sessions.waitUntil(seconds: 15) { try read(); return names == ["items_pkey", "items_value_idx"] }, "\(names)")
        // A column rename writes pg_attribute alone: the undo SQL (pg_get_indexdef) follows it.
        _ = try app.execute("ALTER TABLE items RENAME COLUMN v TO value")
        var undo: String?
        #expect(try Sessions.waitUntil(seconds: 15) {
            undo = try reader.read(connection).value?.indexes.first { $0.name == "items_value_idx" }?.undoSQL
            return undo == "CREATE INDEX CONCURRENTLY items_value_idx ON public.items USING btree (value);"
        }, "\(String(describing: undo))")
        _ = try app.execute("DROP INDEX items_value_idx")
        #expect(try Sessions.waitUntil(seconds: 15) { try read(); return names == ["items_pkey"] }, "\(names)")
        #expect(reader.shapeReads >= 4)
    }

    /// A standby replays the primary's DDL without counting catalog writes: there the shape is
    /// read every time, so an index made on the primary shows at the standby's next read. Its
    /// scans and dead tuples are its own: no index is called unused there, and both the Indexes
    /// and the Tables sections say so.
    @Test(arguments: [15, 16, 18])
    func onAStandbyTheShapeIsReadEveryTimeAndItsCountersAreSaidToBeItsOwn(major: Int) throws {
        let pair = try TestStandbyPairs.require(major: major)
        let standby = try monitor(pair.standby, database: "postgres")
        defer { standby.close() }
        var reader = IndexesReader(versionNum: standby.serverVersionNum)
        let table = "indexes_standby_\(major)_\(Int.random(in: 0..<1_000_000))"
        _ = try reader.read(standby)
        let primary = try Sessions.app(pair.primary, database: "postgres")
        defer { primary.close() }
        _ = try primary.execute("CREATE TABLE \(table) (id int PRIMARY KEY, v int); CREATE INDEX \(table)_v_idx ON \(table) (v)")
        defer { _ = try? primary.execute("DROP TABLE \(table)") }
        try pair.waitForReplay()
        let section = try #require(try reader.read(standby).value)
        #expect(section.indexes.contains { $0.name == "\(table)_v_idx" })
        #expect(reader.shapeReads == 2)
        // Never scanned here, and maybe the primary's busiest: not called unused on a standby,
        // no DROP offered, and the note says why.
        let fresh = try #require(section.indexes.first { $0.name == "\(table)_v_idx" })
        #expect(fresh.scans == 0 && !fresh.flags.contains(.unused), "\(fresh.flags)")
        #expect(!section.indexes.contains { $0.flags.contains(.unused) })
        #expect(section.limitation?.contains("a standby") == true, "\(section.limitation ?? "nil")")
        // The Tables pane: its dead tuples and vacuum figures are the primary's to read.
        var tables = TablesReader()
        let tablesSection = try #require(try tables.read(standby).value)
        #expect(tablesSection.limitations.contains { $0.hasPrefix("a standby:") }, "\(tablesSection.limitations)")
    }

    /// `pg_get_expr` and `pg_get_indexdef` wait for the table's lock: with a flagged index's
    /// table held ACCESS EXCLUSIVE by a user, the section still comes within the lock_timeout,
    /// the other indexes are listed with their undo, the locked ones say why theirs is missing
    /// (on the pane's detail and in the copied SQL), and after the release the definition comes.
    @Test(arguments: TestServers.availableMajors)
    func aLockedTableLeavesTheRestOfTheSectionAndSaysWhy(major: Int) throws {
        let server = try TestServers.require(major: major)
        let db = try Sessions.makeDatabase(server, prefix: "indexes_locked")
        let app = try Sessions.app(server, database: db)
        defer { app.close() }
        _ = try app.execute("""
            CREATE TABLE held (id int PRIMARY KEY, v int, w int);
            CREATE INDEX held_v_idx ON held (v);
            CREATE INDEX held_w_expr_idx ON held ((w + 1)) WHERE w > 0;
            CREATE INDEX held_w_plus_idx ON held ((w + 1), id) WHERE w > 0;
            CREATE TABLE free (id int PRIMARY KEY, v int);
            CREATE INDEX free_v_idx ON free (v);
            """)
        let connection = try monitor(server, database: db)
        defer { connection.close() }
        // `warm` has read the shape before the lock; `fresh` reads it first while the table is
        // locked (a console opening the pane, or `snapshot`).
        var warm = IndexesReader(versionNum: connection.serverVersionNum)
        var fresh = IndexesReader(versionNum: connection.serverVersionNum)
        func read(_ reader: inout IndexesReader) throws -> IndexesSection {
            let result = try reader.read(connection)
            return try #require(result.value, "\(String(describing: result))")
        }
        func index(_ section: IndexesSection, _ name: String) throws -> IndexHealth {
            try #require(section.indexes.first { $0.name == name }, "\(name)")
        }
        let before = try read(&warm)
        #expect(try index(before, "held_w_expr_idx").flags.contains(.redundant), "redundant while its expressions can be read")
        #expect(try index(before, "held_v_idx").undoSQL != nil)

        let locker = try Sessions.app(server, database: db, name: "locker")
        defer { locker.close() }
        let pid = try #require(try locker.query("SELECT pg_backend_pid() AS pid").first?.int("pid"))
        _ = try locker.execute("BEGIN; LOCK TABLE held IN ACCESS EXCLUSIVE MODE")
        // A lock writes no catalog: the warm reader keeps what it read, without waiting.
        let kept = try read(&warm)
        #expect(try index(kept, "held_v_idx").undoSQL == "CREATE INDEX CONCURRENTLY held_v_idx ON public.held USING btree (v);")
        #expect(try index(kept, "held_w_expr_idx").flags.contains(.redundant))
        let locked = try read(&fresh)
        let why = "the table is locked by pid \(pid)"
        let free = try index(locked, "free_v_idx")
        #expect(free.flags == [.unused])
        #expect(free.undoSQL == "CREATE INDEX CONCURRENTLY free_v_idx ON public.free USING btree (v);")
        #expect(free.definitionNotReadBecause == nil)
        let heldV = try index(locked, "held_v_idx")
        #expect(heldV.flags == [.unused])
        #expect(heldV.fixSQL == "DROP INDEX CONCURRENTLY public.held_v_idx;  -- unused since the statistics reset")
        #expect(heldV.undoSQL == nil)
        #expect(heldV.definitionNotReadBecause == why)
        // `snapshot --json` says why too.
        func undoReason(_ index: IndexHealth) throws -> Any? {
            let object = try JSONSerialization.jsonObject(with: Data(try index.json().encoded(pretty: false).utf8)) as? [String: Any]
            return object?["undo_not_read_because"]
        }
        #expect(try undoReason(heldV) as? String == why)
        #expect(try undoReason(free) is NSNull)
        let heldExpr = try index(locked, "held_w_expr_idx")
        #expect(heldExpr.definition.notReadBecause == why)
        #expect(!heldExpr.flags.contains(.redundant), "expressions not read are not compared")
        #expect(heldExpr.flags == [.unused] && heldExpr.definitionNotReadBecause == why)

        // The pane's detail of the locked index, and what `w` copies.
        let info = try SnapshotReader.readServerInfo(connection)
        var snapshot = try { () throws -> Snapshot in
            var snapshotReader = SnapshotReader(info: info)
            return try snapshotReader.read(connection)
        }()
        snapshot.setIndexes(.available(locked))
        var state = AppState(connectionLabel: "t", width: 100, height: 30, now: snapshot.capturedAt)
        _ = update(&state, .service(.connected(target: "t", info: info)))
        _ = update(&state, .service(.snapshot(snapshot)))
        let keys: [Key] = [.char("6"), .char("/")] + "held_v_idx".map { Key.char($0) } + [.enter, .enter]
        for key in keys {
            _ = update(&state, .key(key))
        }
        let backend = MemoryBackend(width: 100, height: 30)
        backend.draw(view(state))
        let detail = backend.lines().joined(separator: "\n")
        #expect(detail.contains("undo: definition not read: \(why)"), "\(detail)")
        #expect(update(&state, .key(.char("w"))) == [.copyToClipboard("""
            -- fix public.held_v_idx
            DROP INDEX CONCURRENTLY public.held_v_idx;  -- unused since the statistics reset
            -- undo: definition not read: \(why)

            """)])

        _ = try locker.execute("ROLLBACK")
        let released = try read(&fresh)
        #expect(try index(released, "held_v_idx").undoSQL == "CREATE INDEX CONCURRENTLY held_v_idx ON public.held USING btree (v);")
        #expect(try index(released, "held_v_idx").definitionNotReadBecause == nil)
        #expect(try index(released, "held_w_expr_idx").flags.contains(.redundant))
    }
}
