import Foundation
import Testing
@testable import PGTriageCore

/// The Indexes flags and fix SQL as pure functions (IndexesFindings.swift).
@Suite struct IndexesTests {
    // orders(id, customer_id, created_at, status): column numbers 1...4.
    let pkey = IndexDefinition(oid: 1, tableOid: 100, table: "orders", name: "orders_pkey", columns: [1], isUnique: true, isPrimary: true)
    let byCustomer = IndexDefinition(oid: 2, tableOid: 100, table: "orders", name: "orders_customer_idx", columns: [2])
    let byCustomerDate = IndexDefinition(oid: 3, tableOid: 100, table: "orders", name: "orders_customer_created_idx", columns: [2, 3])

    @Test func unusedOnlyWhenItEnforcesNothing() {
        #expect(IndexFindings.isUnused(byCustomer, scans: 0))
        #expect(!IndexFindings.isUnused(byCustomer, scans: 1))
        #expect(!IndexFindings.isUnused(pkey, scans: 0))
        for enforcing in [
            IndexDefinition(oid: 9, tableOid: 100, table: "t", name: "u", columns: [2], isUnique: true),
            IndexDefinition(oid: 9, tableOid: 100, table: "t", name: "x", method: "gist", columns: [2], isExclusion: true),
            IndexDefinition(oid: 9, tableOid: 100, table: "t", name: "r", columns: [2], isReplicaIdentity: true),
        ] {
            #expect(!IndexFindings.isUnused(enforcing, scans: 0), "\(enforcing.name)")
        }
        var invalid = byCustomer
        invalid.isValid = false
        #expect(!IndexFindings.isUnused(invalid, scans: 0), "an invalid index is flagged invalid, not unused")
    }

    @Test func aLeadingPrefixWithTheSameOperatorClassesIsRedundant() {
        #expect(IndexFindings.covers(byCustomerDate, byCustomer))
        #expect(!IndexFindings.covers(byCustomer, byCustomerDate), "the longer one is not covered")
        #expect(IndexFindings.coveringIndex(of: byCustomer, among: [pkey, byCustomer, byCustomerDate])?.name == "orders_customer_created_idx")
        // (created_at, customer_id) does not start with customer_id.
        let reversed = IndexDefinition(oid: 4, tableOid: 100, table: "orders", name: "r", columns: [3, 2])
        #expect(!IndexFindings.covers(reversed, byCustomer))
        // Another table, access method, operator class, collation, predicate or expression: no.
        var other = byCustomerDate; other.tableOid = 101
        #expect(!IndexFindings.covers(other, byCustomer))
        other = byCustomerDate; other.method = "hash"
        #expect(!IndexFindings.covers(other, byCustomer))
        other = byCustomerDate; other.operatorClasses = [3126, 1978]
        #expect(!IndexFindings.covers(other, byCustomer))
        other = byCustomerDate; other.collations = [950, 0]
        #expect(!IndexFindings.covers(other, byCustomer))
        other = byCustomerDate; other.predicate = "(status = 'open'::text)"
        #expect(!IndexFindings.covers(other, byCustomer))
        other = byCustomerDate; other.isValid = false
        #expect(!IndexFindings.covers(other, byCustomer), "an invalid index covers nothing")
        // INCLUDE columns: (customer_id) INCLUDE (created_at) does not give (customer_id, created_at) an order.
        let including = IndexDefinition(oid: 5, tableOid: 100, table: "orders", name: "inc", columns: [2, 3], keyColumnCount: 1)
        #expect(!IndexFindings.covers(including, byCustomerDate))
        #expect(IndexFindings.covers(including, byCustomer))
    }

    @Test func uniqueAndPrimaryAreNeverRedundantToANonUniqueIndex() {
        let uniqueCustomer = IndexDefinition(oid: 6, tableOid: 100, table: "orders", name: "orders_customer_key", columns: [2], isUnique: true)
        #expect(!IndexFindings.covers(byCustomerDate, uniqueCustomer), "a unique prefix is a stronger constraint")
        #expect(!IndexFindings.covers(byCustomer, uniqueCustomer), "not even to an exact non-unique duplicate")
        #expect(IndexFindings.covers(uniqueCustomer, byCustomer), "the non-unique duplicate is the redundant one")
        let pkeyCopy = IndexDefinition(oid: 7, tableOid: 100, table: "orders", name: "a_orders_id_key", columns: [1], isUnique: true)
        #expect(IndexFindings.covers(pkey, pkeyCopy), "a unique index on exactly the primary key's columns")
        #expect(!IndexFindings.covers(pkeyCopy, pkey), "the primary key never")
        let wider = IndexDefinition(oid: 8, tableOid: 100, table: "orders", name: "orders_id_status_key", columns: [1, 4], isUnique: true)
        #expect(!IndexFindings.covers(wider, pkey))
    }

    @Test func exactDuplicatesFlagOneOfTheTwo() {
        let twin = IndexDefinition(oid: 9, tableOid: 100, table: "orders", name: "orders_customer_idx1", columns: [2])
        #expect(IndexFindings.covers(byCustomer, twin))
        #expect(!IndexFindings.covers(twin, byCustomer))
        let flags = IndexFindings.flag([byCustomer, twin], scans: [2: 10, 9: 10], bloat: [:], sizes: [:], building: [])
        #expect(flags[9]?.flags == [.redundant])
        #expect(flags[9]?.coveredBy == "orders_customer_idx")
        #expect(flags[2]?.flags == [])
    }

    @Test func invalidUnlessABuildIsRunning() {
        var broken = byCustomer
        broken.isValid = false
        #expect(IndexFindings.isInvalid(broken, building: []))
        #expect(!IndexFindings.isInvalid(broken, building: [IndexBuild(tableOid: 100, indexOid: 2, phase: "building index")]))
        #expect(!IndexFindings.isInvalid(broken, building: [IndexBuild(tableOid: 100, indexOid: 0, phase: "initializing")]))
        #expect(IndexFindings.isInvalid(broken, building: [IndexBuild(tableOid: 101, indexOid: 0)]))
        #expect(!IndexFindings.isInvalid(byCustomer, building: []))
    }

    @Test func bloatedFromFortyPercentOfAMebibyte() {
        #expect(IndexFindings.isBloated(.estimated(percent: 40, bytes: 1 << 20), sizeBytes: 4 << 20))
        #expect(!IndexFindings.isBloated(.estimated(percent: 39.9, bytes: 1 << 20), sizeBytes: 4 << 20))
        #expect(!IndexFindings.isBloated(.estimated(percent: 90, bytes: 1 << 19), sizeBytes: 1 << 19), "small indexes are noise")
        #expect(!IndexFindings.isBloated(.notApplicable("name"), sizeBytes: 1 << 30))
        #expect(!IndexFindings.isBloated(.noStatistics(.noStatistics), sizeBytes: 1 << 30))
    }

    @Test func foreignKeysNeedTheirColumnsLeadingAValidIndex() {
        #expect(IndexFindings.isSupported(foreignKeyColumns: [2], by: [pkey, byCustomerDate]))
        #expect(!IndexFindings.isSupported(foreignKeyColumns: [3], by: [pkey, byCustomerDate]), "created_at is second")
        #expect(IndexFindings.isSupported(foreignKeyColumns: [3, 2], by: [byCustomerDate]), "in any order, as H003")
        var partial = byCustomer; partial.predicate = "(status = 'open'::text)"
        #expect(!IndexFindings.isSupported(foreignKeyColumns: [2], by: [partial]))
        var invalid = byCustomer; invalid.isValid = false
        #expect(!IndexFindings.isSupported(foreignKeyColumns: [2], by: [invalid]))
        #expect(!IndexFindings.isSupported(foreignKeyColumns: [2], by: []))
    }

    @Test func fixAndUndoSQL() {
        var unused = IndexHealth(definition: byCustomer, sizeBytes: 8192, flags: [.unused],
                                 indexDefinitionSQL: "CREATE INDEX orders_customer_idx ON public.orders USING btree (customer_id)")
        #expect(unused.fixSQL == "DROP INDEX CONCURRENTLY public.orders_customer_idx;  -- unused since the statistics reset")
        #expect(unused.undoSQL == "CREATE INDEX CONCURRENTLY orders_customer_idx ON public.orders USING btree (customer_id);")
        unused.flags = [.unused, .redundant]
        unused.coveredBy = "orders_customer_created_idx"
        #expect(unused.fixSQL == "DROP INDEX CONCURRENTLY public.orders_customer_idx;  -- redundant to orders_customer_created_idx, unused since the statistics reset")
        #expect(IndexFixSQL.createConcurrently("CREATE UNIQUE INDEX k ON public.t USING btree (a)") == "CREATE UNIQUE INDEX CONCURRENTLY k ON public.t USING btree (a);")
        let bloated = IndexHealth(definition: byCustomer, sizeBytes: 8192, flags: [.bloated])
        #expect(bloated.fixSQL == "REINDEX INDEX CONCURRENTLY public.orders_customer_idx;")
        #expect(bloated.undoSQL == nil)
        #expect(IndexHealth(definition: byCustomer, sizeBytes: 8192).fixSQL == nil)
        // Quoted names.
        let odd = IndexDefinition(oid: 10, tableOid: 100, schema: "Sales", table: "order", name: "by \"who\"", columns: [2])
        #expect(IndexHealth(definition: odd, sizeBytes: 0, flags: [.invalid]).fixSQL == "DROP INDEX CONCURRENTLY \"Sales\".\"by \"\"who\"\"\";  -- invalid")
    }

    @Test func missingForeignKeyIndexSQLNamesTheIndexItCreates() {
        let fk = MissingFKIndex(constraintOid: 1, schema: "public", table: "order_lines", tableOid: 200, constraint: "order_lines_order_id_fkey",
                                columns: ["order_id", "User"], referencedTable: "public.orders", tableSizeBytes: 8192)
        #expect(fk.fixSQL == "CREATE INDEX CONCURRENTLY \"order_lines_order_id_User_idx\" ON public.order_lines (order_id, \"User\");")
        #expect(fk.undoSQL == "DROP INDEX CONCURRENTLY public.\"order_lines_order_id_User_idx\";")
        let long = MissingFKIndex(constraintOid: 2, schema: "public", table: String(repeating: "t", count: 60), tableOid: 201, constraint: "c",
                                  columns: ["parent_id"], referencedTable: "public.p", tableSizeBytes: 0)
        #expect(long.fixSQL == "CREATE INDEX CONCURRENTLY ON public.\(long.table) (parent_id);")
        #expect(long.undoSQL.hasPrefix("-- DROP INDEX CONCURRENTLY"))
    }

    @Test func identifiersAreQuotedAsQuoteIdentDoes() {
        #expect(SQLIdentifier.quote("orders") == "orders")
        #expect(SQLIdentifier.quote("t_1") == "t_1")
        #expect(SQLIdentifier.quote("1t") == "\"1t\"")
        #expect(SQLIdentifier.quote("Orders") == "\"Orders\"")
        #expect(SQLIdentifier.quote("user") == "\"user\"")
        #expect(SQLIdentifier.quote("a\"b") == "\"a\"\"b\"")
        #expect(SQLIdentifier.quote("") == "\"\"")
    }

    @Test func everyVariantSelectsTheSameAliasesInTheSameOrder() {
        func aliases(_ sql: String) -> [String] {
            sql.split(separator: "\n").flatMap { line in
                line.split(separator: ",").compactMap { part -> String? in
                    guard let range = part.range(of: " AS ") else { return nil }
                    return String(part[range.upperBound...].prefix { $0.isLetter || $0 == "_" })
                }
            }
        }
        let all = IndexesQuery.allCases.map { aliases($0.counters) }
        #expect(all.allSatisfy { $0 == all[0] })
        #expect(all[0].contains("last_idx_scan"))
        #expect(IndexesQuery.forServer(versionNum: 150_004) == .post130000)
        #expect(IndexesQuery.forServer(versionNum: 160_000) == .post160000)
        for sql in [IndexesQuery.post160000.refreshCounters(foreignKeyTables: [1, 2]), IndexesQuery.refreshShape(limit: 10)] {
            #expect(!sql.contains("pg_relation_size"))
            #expect(sql.hasPrefix("SET LOCAL max_parallel_workers_per_gather = 0;\nSET LOCAL jit = off;"))
        }
        #expect(IndexesQuery.foreignKeyTables([16400, 16410]).contains("'{16400,16410}'::oid[]"))
    }

    /// A table someone holds (or waits for) in ACCESS EXCLUSIVE: its expressions are not read,
    /// so its indexes are never compared for redundancy, and the reason names the locker.
    @Test func expressionsNotReadAreNeverComparedAndSayWhoLocked() {
        #expect(IndexesReader.lockReason(held: true, locker: 4242) == "the table is locked by pid 4242")
        #expect(IndexesReader.lockReason(held: true, locker: nil) == "the table is locked by a prepared transaction")
        #expect(IndexesReader.lockReason(held: false, locker: 77) == "pid 77 waits to lock the table exclusively (readers queue behind it)")
        let covering = IndexDefinition(oid: 1, tableOid: 100, table: "t", name: "t_expr_id_idx", columns: [0, 1], expressions: "?")
        let prefix = IndexDefinition(oid: 2, tableOid: 100, table: "t", name: "t_expr_idx", columns: [0], expressions: "?")
        #expect(IndexFindings.covers(covering, prefix), "the same expressions: redundant")
        var notRead = prefix
        notRead.notReadBecause = "the table is locked by pid 4242"
        #expect(!IndexFindings.covers(covering, notRead))
        var coveringNotRead = covering
        coveringNotRead.notReadBecause = "the table is locked by pid 4242"
        #expect(!IndexFindings.covers(coveringNotRead, prefix))
    }

    /// Hand-built results of the two round trips: the counters (header, counters, builds, and
    /// the foreign keys' tables when `fkWrites` is given) and the shape.
    struct Reads {
        static func counters(scans: String, at now: String, catalogChanges: String? = "120", oids: [String] = ["1", "2", "3"],
                             fkWrites: String? = nil) -> [PackedResult] {
            let head = QueryResult(columns: ["now", "database", "role", "in_recovery", "block_size", "max_align", "stats_reset", "catalog_changes"],
                                   rows: [[now, "shop", "triage", "f", "8192", "8", "2026-01-01 00:00:00+00", catalogChanges]])
            let all: [String: [String?]] = ["1": ["1", "300", "50", "60", "50", nil], "2": ["2", "200", scans, "0", "0", nil],
                                            "3": ["3", "500", "7", "7", "7", nil], "4": ["4", "10", "0", "0", "0", nil]]
            let counters = QueryResult(columns: ["oid", "pages", "idx_scan", "idx_tup_read", "idx_tup_fetch", "last_idx_scan"],
                                       rows: oids.compactMap { all[$0] })
            let builds = QueryResult(columns: ["relid", "index_relid", "phase"], rows: [])
            let sets = [QueryResult(columns: [], rows: []), QueryResult(columns: [], rows: [])]
            var results = sets + [head, counters, builds]
            if let fkWrites {
                results.append(QueryResult(columns: ["oid", "pages", "writes"], rows: [["100", "2000", fkWrites]]))
            }
            return results.map(PackedResult.init)
        }

        static func shape() -> [QueryResult] {
            let cols = ["oid", "table_oid", "schema", "table_name", "name", "quoted_name", "method", "indkey", "key_columns", "indclass",
                        "indcollation", "expressions", "predicate", "is_unique", "is_primary", "is_exclusion", "is_replident", "valid",
                        "not_read", "lock_held", "locker"]
            let indexes = QueryResult(columns: cols, rows: [
                ["1", "100", "public", "orders", "orders_pkey", "public.orders_pkey", "btree", "1", "1", "1978", "0", nil, nil,
                 "t", "t", "f", "f", "t", "f", nil, nil],
                ["2", "100", "public", "orders", "orders_customer_idx", "public.orders_customer_idx", "btree", "2", "1", "1978", "0", nil, nil,
                 "f", "f", "f", "f", "t", "t", "t", "4242"],
                ["3", "100", "public", "orders", "orders_name_idx", "public.orders_name_idx", "btree", "4", "1", "1986", "950", nil, nil,
                 "f", "f", "f", "f", "t", "f", nil, nil],
            ])
            let fks = QueryResult(columns: ["oid", "constraint_name", "table_oid", "schema", "table_name", "quoted_table", "conkey", "columns",
                                            "quoted_columns", "referenced_table", "table_pages", "writes"],
                                  rows: [["900", "orders_customer_fkey", "100", "public", "orders", "public.orders", "{2}", "{customer_id}",
                                          "{customer_id}", "public.customers", "1000", "0"],
                                         ["901", "orders_region_fkey", "100", "public", "orders", "public.orders", "{3}", "{region_id}",
                                          "{region_id}", "public.regions", "1000", "0"]])
            let bloatColumns = ["oid", "schema", "name", "table_name", "table_oid", "pages", "tuples", "valid", "fillfactor", "readable",
                                "natts", "stats", "attlen", "attalign", "avg_width", "null_frac", "has_name_column"]
            // The pkey: 300 pages for 10 000 int4 entries (about 30 are needed): bloated. Oid 7 is
            // a system catalog's index (the bloat query does not filter schemas): ignored.
            let bloat = QueryResult(columns: bloatColumns, rows: [
                ["1", "public", "orders_pkey", "orders", "100", "300", "10000", "t", nil, "t", "1", "1", "{4}", "{i}", "{4}", "{0}", "f"],
                ["3", "public", "orders_name_idx", "orders", "100", "500", "10000", "t", nil, "t", "1", "1", "{-2}", "{c}", "{64}", "{0}", "t"],
                ["7", "pg_catalog", "pg_class_oid_index", "pg_class", "1259", "900", "100", "t", nil, "t", "1", "1", "{4}", "{i}", "{4}", "{0}", "f"],
            ])
            return [indexes, fks, bloat]
        }
    }

    /// The decoder on hand-built results: flags, sizes from relpages, the bloat estimate reused,
    /// a name column not applicable, the missing FK, and rates over two reads.
    @Test func decodeFlagsAndRates() throws {
        let firstCounters = try IndexesReader.decodeCounters(Reads.counters(scans: "0", at: "2026-03-01 12:00:00+00"))
        let shape = try IndexesReader.decodeShape(Reads.shape(), counters: firstCounters)
        #expect(shape.oids == [1, 2, 3])
        #expect(!shape.isComplete, "orders_customer_idx's expressions were not read")
        #expect(shape.foreignKeyTables == [100])
        let first = IndexesReader.section(shape, firstCounters)
        let byName = Dictionary(uniqueKeysWithValues: first.indexes.map { ($0.name, $0) })
        #expect(byName["orders_pkey"]?.flags == [.bloated])
        #expect(byName["orders_pkey"]?.sizeBytes == Int64(300 * 8192))
        #expect((byName["orders_pkey"]?.bloat.percent ?? 0) > 80)
        #expect(byName["orders_customer_idx"]?.flags == [.unused])
        #expect(byName["orders_customer_idx"]?.definition.notReadBecause == "the table is locked by pid 4242")
        #expect(byName["orders_pkey"]?.definition.notReadBecause == nil)
        #expect(byName["orders_name_idx"]?.bloat == .notApplicable("a name column: the estimate cannot be trusted"))
        #expect(byName["orders_name_idx"]?.flags == [])
        #expect(first.missingFKIndexes.map(\.constraint) == ["orders_region_fkey"], "customer_id leads orders_customer_idx")
        #expect(first.missingFKIndexes.first?.tableSizeBytes == Int64(1000 * 8192))
        #expect(first.indexes.first?.flags.isEmpty == false, "flagged first")
        #expect(abs((first.statisticsAge ?? 0) - 59.5 * 86_400) < 1)
        #expect(!first.statisticsAreYoung)

        // The next read: counters only (the foreign keys' table among them), the same shape.
        var reader = IndexesReader(versionNum: 160_000)
        var section = first
        reader.applyRates(&section)
        #expect(section.intervalSeconds == nil)
        let next = try IndexesReader.decodeCounters(Reads.counters(scans: "30", at: "2026-03-01 12:00:30+00", fkWrites: "30"))
        var second = IndexesReader.section(shape, next)
        reader.applyRates(&second)
        #expect(second.intervalSeconds == 30)
        #expect(second.indexes.first { $0.name == "orders_customer_idx" }?.scansPerSecond == 1)
        #expect(second.indexes.first { $0.name == "orders_customer_idx" }?.flags == [], "scanned: no longer unused")
        #expect(second.missingFKIndexes.first?.writesPerSecond == 1)
        #expect(second.missingFKIndexes.first?.tableSizeBytes == Int64(2000 * 8192), "the table's size from the counters")
        // A pane or a recording rates only what came unrated.
        #expect(second.rated(since: nil) == second, "rated by the reader: kept as it is")
        #expect(IndexesReader.section(shape, next).rated(since: first).intervalSeconds == 30)
    }

    /// The shape is kept while nothing says it changed, and read again when the catalogs were
    /// written, the set of indexes differs, a part was not read, or it is old.
    @Test func theShapeIsReadAgainOnlyWhenItMayHaveChanged() throws {
        let counters = try IndexesReader.decodeCounters(Reads.counters(scans: "0", at: "2026-03-01 12:00:00+00"))
        #expect(counters.catalogChanges == 120)
        var shape = try IndexesReader.decodeShape(Reads.shape(), counters: counters)
        shape.definitions = shape.definitions.map { var d = $0; d.notReadBecause = nil; return d }
        shape.readAt = 1000
        var reader = IndexesReader(versionNum: 150_000)
        #expect(reader.needsShape(counters, now: 1000), "no shape yet")
        reader.setShape(shape)
        #expect(!reader.needsShape(counters, now: 1010))
        #expect(reader.needsShape(counters, now: 1000 + IndexesReader.shapeLifetime), "old")
        let written = try IndexesReader.decodeCounters(Reads.counters(scans: "0", at: "2026-03-01 12:00:10+00", catalogChanges: "121"))
        #expect(reader.needsShape(written, now: 1010), "DDL since")
        let uncounted = try IndexesReader.decodeCounters(Reads.counters(scans: "0", at: "2026-03-01 12:00:10+00", catalogChanges: nil))
        #expect(reader.needsShape(uncounted, now: 1010), "track_counts off, or a standby: read every time")
        let dropped = try IndexesReader.decodeCounters(Reads.counters(scans: "0", at: "2026-03-01 12:00:10+00", oids: ["1", "2"]))
        #expect(reader.needsShape(dropped, now: 1010), "an index fewer")
        let swapped = try IndexesReader.decodeCounters(Reads.counters(scans: "0", at: "2026-03-01 12:00:10+00", oids: ["1", "2", "4"]))
        #expect(reader.needsShape(swapped, now: 1010), "as many, not the same")
        var locked = shape
        locked.definitions[1].notReadBecause = "the table is locked by pid 4242"
        reader.setShape(locked)
        #expect(reader.needsShape(counters, now: 1010), "what was not read is read again")
        // An index the counters have and the shape not yet (made between the two round trips)
        // waits for the next read.
        let made = try IndexesReader.decodeCounters(Reads.counters(scans: "0", at: "2026-03-01 12:00:10+00", oids: ["1", "2"]))
        #expect(IndexesReader.section(shape, made).indexes.map(\.name).sorted() == ["orders_customer_idx", "orders_pkey"])
    }
}
