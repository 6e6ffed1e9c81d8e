/// What the demo plants for the Tables pane, besides what the workload already shows
/// (`hot_counters` has autovacuum off and churns dead tuples; `billing-batch` sits idle in a
/// transaction with an xid, holding the xmin horizon):
/// - `tickets`, a serial (integer) key whose sequence is past 75 % of the column's maximum;
/// - `audit_log`, a table near its insert threshold with a lowered scale factor of its own.
public enum DemoTableFindings {
    /// 1 700 000 000 of 2 147 483 647: 79 %, past the 75 % critical mark.
    public static let ticketsLastValue: Int64 = 1_700_000_000

    public static func plant(on connection: PGConnection) throws {
        _ = try connection.execute("""
            DROP TABLE IF EXISTS tickets, audit_log;
            CREATE TABLE tickets (id serial PRIMARY KEY, subject text NOT NULL);
            INSERT INTO tickets (subject) SELECT 'ticket ' || g FROM generate_series(1, 100) g;
            SELECT setval('tickets_id_seq', \(ticketsLastValue));
            CREATE TABLE audit_log (id bigint, event text) WITH (autovacuum_vacuum_insert_scale_factor = 0.5);
            INSERT INTO audit_log SELECT g, 'event' FROM generate_series(1, 1000) g;
            ANALYZE tickets, audit_log;
            """)
    }
}
