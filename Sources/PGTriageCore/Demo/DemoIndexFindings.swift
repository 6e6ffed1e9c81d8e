/// One of each Indexes finding in the demo database, on tables of their own so the workload's
/// tables stay as they are: an unused index, a redundant one, an invalid one (a failed
/// CREATE UNIQUE INDEX CONCURRENTLY), a foreign key without an index, and a bloated btree.
public enum DemoIndexFindings {
    public static func plant(on connection: PGConnection) throws {
        _ = try connection.execute("""
            DROP TABLE IF EXISTS invoice_lines, invoices, invoice_archive;
            CREATE TABLE invoices (id int PRIMARY KEY, account_id int NOT NULL, status text NOT NULL, issued_at date NOT NULL);
            INSERT INTO invoices SELECT g, (g % 5000) + 1, (ARRAY['open', 'paid', 'void'])[g % 3 + 1], date '2026-01-01' + g % 300
                FROM generate_series(1, 20000) g;
            -- Unused: nothing in the workload looks invoices up by status.
            CREATE INDEX invoices_status_idx ON invoices (status);
            -- Redundant: (account_id) leads (account_id, issued_at).
            CREATE INDEX invoices_account_idx ON invoices (account_id);
            CREATE INDEX invoices_account_issued_idx ON invoices (account_id, issued_at);
            -- A foreign key without an index: deleting an invoice scans every line.
            CREATE TABLE invoice_lines (id int PRIMARY KEY, invoice_id int NOT NULL REFERENCES invoices, amount numeric NOT NULL);
            INSERT INTO invoice_lines SELECT g, (g % 20000) + 1, g % 100 FROM generate_series(1, 60000) g;
            -- Bloated: 90 % of the rows deleted, no vacuum since, statistics fresh.
            CREATE TABLE invoice_archive (id int PRIMARY KEY, total numeric) WITH (autovacuum_enabled = false);
            INSERT INTO invoice_archive SELECT g, g FROM generate_series(1, 200000) g;
            DELETE FROM invoice_archive WHERE id % 10 <> 0;
            ANALYZE invoices, invoice_lines, invoice_archive;
            """)
        // Invalid: three statuses cannot be unique; the failed build leaves the index behind.
        // (CONCURRENTLY may not run inside the multi-statement string above.)
        do {
            _ = try connection.execute("CREATE UNIQUE INDEX CONCURRENTLY invoices_status_key ON invoices (status)")
        } catch let error as PGError where error.sqlState == "23505" {
            // Expected: a unique violation.
        }
    }
}
