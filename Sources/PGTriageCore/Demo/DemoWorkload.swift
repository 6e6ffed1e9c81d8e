#if canImport(Glibc)
import Glibc
#endif

/// A live workload for `pgtriage demo`: what an incident looks like. Each session runs on its own
/// thread and connection, and comes back by itself after the DBA kills it (so the demo can be
/// triaged again a minute later):
/// - `billing-batch` updates account 1 and then sits idle in transaction: the root blocker;
/// - `web` sessions wait behind it in a chain (B waits for the batch, C for B, D for C);
/// - `reporting` runs long aggregate queries; `etl` sleeps inside long statements;
/// - `counter-worker` churns `hot_counters` (autovacuum off) into bloat, and `maintenance`
///   analyzes it now and then so the estimate sees the growth;
/// - `api` issues a fast mix of point reads and inserts.
public final class DemoWorkload: @unchecked Sendable {
    public let target: ConnectionTarget
    private let state = WaitCondition()
    private var stopped = false
    private var threads: [WorkerThread] = []
    private var cancels: [PGCancelHandle] = []

    public init(target: ConnectionTarget) {
        self.target = target
    }

    /// Creates the demo tables in `target`'s database (which must exist) and fills them.
    public static func createSchema(on connection: PGConnection, withStatements: Bool, withPgstattuple: Bool = false) throws {
        var sql = """
            DROP TABLE IF EXISTS accounts, orders, inventory, hot_counters;
            CREATE TABLE accounts (id int PRIMARY KEY, owner text NOT NULL, balance numeric NOT NULL);
            INSERT INTO accounts SELECT g, 'customer ' || g, 1000 FROM generate_series(1, 50000) g;
            CREATE TABLE orders (id bigserial PRIMARY KEY, account_id int NOT NULL, amount numeric NOT NULL,
                                 created_at timestamptz NOT NULL DEFAULT now(), note text);
            INSERT INTO orders (account_id, amount, note)
                SELECT (g % 50000) + 1, (g % 997) / 10.0, md5(g::text) FROM generate_series(1, 200000) g;
            CREATE INDEX orders_account_idx ON orders (account_id);
            CREATE TABLE inventory (id int PRIMARY KEY, sku text NOT NULL, qty int NOT NULL);
            INSERT INTO inventory SELECT g, 'SKU-' || g, 100 FROM generate_series(1, 1000) g;
            CREATE TABLE hot_counters (id int PRIMARY KEY, hits bigint NOT NULL, payload text)
                WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
            INSERT INTO hot_counters SELECT g, 0, md5(g::text) FROM generate_series(1, 2000) g;
            ANALYZE;
            """
        if withStatements { sql = "CREATE EXTENSION IF NOT EXISTS pg_stat_statements;\n" + sql }
        if withPgstattuple { sql = "CREATE EXTENSION IF NOT EXISTS pgstattuple;\n" + sql }
        // The plan browser's index what-if (`i`) tries candidates with HypoPG where the server
        // has it (Debian's postgresql-NN-hypopg); elsewhere it says how to get it.
        sql = """
            DO $$ BEGIN
                IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'hypopg') THEN CREATE EXTENSION IF NOT EXISTS hypopg; END IF;
            END $$;

            """ + sql
        // Each application logs in as its own role, as in a real shop.
        for role in Set(sessions.map(\.role)).sorted() {
            sql += """

                DO $$ BEGIN CREATE ROLE "\(role)" LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "\(role)";
                GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "\(role)";
                """
        }
        // ANALYZE needs the owner: the maintenance job owns the table it looks after.
        sql += "\nALTER TABLE hot_counters OWNER TO maintenance;"
        _ = try connection.execute(sql)
        try DemoIndexFindings.plant(on: connection)
        try DemoTableFindings.plant(on: connection)
    }

    /// The owners of the largest orders: its filter keeps 0.6 % of the rows of a table with no
    /// index on `amount`, so the plan browser flags the scan and the what-if has an index to try.
    public static let reportingQuery = """
        SELECT a.owner, sum(o.amount) AS total FROM orders o JOIN accounts a ON a.id = o.account_id \
        WHERE o.amount > 99 GROUP BY a.owner ORDER BY total DESC LIMIT 20
        """

    /// The sessions: application (also its role), start delay, statements run in a cycle
    /// (`HOLD`: stay idle in transaction; `PAUSE n`: sleep n seconds).
    static let sessions: [(role: String, delay: Double, steps: [String])] = [
        ("billing-batch", 0, ["BEGIN", "UPDATE accounts SET balance = balance - 10 WHERE id = 1", "HOLD"]),
        ("web", 1.0, ["BEGIN", "UPDATE inventory SET qty = qty - 1 WHERE id = 7",
                      "UPDATE accounts SET balance = balance + 10 WHERE id = 1", "COMMIT", "PAUSE 0.5"]),
        ("web", 2.0, ["UPDATE inventory SET qty = qty + 1 WHERE id = 7", "PAUSE 0.5"]),
        ("web", 3.0, ["SELECT qty FROM inventory WHERE id = 7 FOR UPDATE", "PAUSE 0.5"]),
        ("reporting", 0.5, [reportingQuery, "PAUSE 1"]),
        ("etl", 0.2, ["SELECT pg_sleep(40), count(*) FROM orders WHERE amount > 50"]),
        ("etl", 0.4, ["SELECT pg_sleep(25), max(created_at) FROM orders"]),
        ("counter-worker", 0, ["UPDATE hot_counters SET hits = hits + 1, payload = md5(random()::text) WHERE id % 4 = (extract(epoch FROM clock_timestamp())::int % 4)", "PAUSE 0.5"]),
        // Autovacuum is off for hot_counters, so nothing refreshes its relpages and reltuples:
        // an ANALYZE now and then does (without vacuuming), and the bloat estimate shows it grow.
        ("maintenance", 5, ["ANALYZE hot_counters", "PAUSE 20"]),
        ("api", 0, ["SELECT owner, balance FROM accounts WHERE id = (random() * 49999)::int + 2",
                    "INSERT INTO orders (account_id, amount) VALUES ((random() * 49999)::int + 2, 9.99)",
                    "SELECT count(*) FROM orders WHERE account_id = (random() * 49999)::int + 2",
                    "PAUSE 0.05"]),
    ]

    public func start() {
        state.withLock {
            for (name, delay, steps) in Self.sessions {
                threads.append(WorkerThread { [self] in runSession(name: name, startDelay: delay, steps: steps) })
            }
        }
    }

    /// Stops every session (cancelling what runs) and closes their connections, which releases
    /// their locks.
    public func stop() {
        let running: [WorkerThread] = state.withLock {
            stopped = true
            state.broadcast()
            cancels.forEach { $0.cancel() }
            defer { threads = [] }
            return threads
        }
        running.forEach { $0.join() }
    }

    private var isStopped: Bool { state.withLock { stopped } }

    private func pause(_ seconds: Double) {
        let deadline = MonotonicClock.now() + seconds
        state.withLock {
            while !stopped {
                let remaining = deadline - MonotonicClock.now()
                if remaining <= 0 { return }
                state.wait(seconds: remaining)
            }
        }
    }

    private func runSession(name: String, startDelay: Double, steps: [String]) {
        pause(startDelay)
        while !isStopped {
            var sessionTarget = target
            sessionTarget.user = name
            guard let connection = try? PGConnection(target: sessionTarget, role: .explain, settings: .application(name), abandon: { [self] in isStopped }) else {
                pause(2)
                continue
            }
            if let cancel = connection.cancelHandle { state.withLock { cancels.append(cancel) } }
            // Run the cycle until the session is killed (or fails), then come back a bit later.
            cycle: while !isStopped {
                for step in steps {
                    if isStopped { break cycle }
                    if step == "HOLD" {
                        // Idle in transaction, sending nothing (the pane shows our last UPDATE),
                        // until someone terminates us; then start over.
                        while !isStopped && connection.waitIdle(seconds: 0.5) {}
                        break cycle
                    }
                    if step.hasPrefix("PAUSE ") {
                        pause(Double(step.dropFirst(6)) ?? 1)
                        continue
                    }
                    do {
                        _ = try connection.execute(step)
                    } catch {
                        if !connection.isConnected { break cycle }
                        _ = try? connection.execute("ROLLBACK")
                        pause(1)
                        continue cycle
                    }
                }
            }
            if let cancel = connection.cancelHandle { state.withLock { cancels.removeAll { $0 === cancel } } }
            connection.close()
            pause(name == "billing-batch" ? 20 : 2)
        }
    }
}
