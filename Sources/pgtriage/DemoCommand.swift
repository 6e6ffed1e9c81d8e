import ArgumentParser
import PGTriageCore
import PGTriageUI
import PGTriageLocalServer
#if canImport(Glibc)
import Glibc
#endif

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start a throwaway local PostgreSQL with a live incident workload and open the console on it.",
        discussion: """
            The server lives in a temporary folder on a free port of 127.0.0.1 and is removed on exit, \
            on Ctrl-C and on error (unless --keep). The workload: an idle-in-transaction session \
            blocking a chain of waiters, long reports, bloat-making churn and a fast statement mix. \
            With --standby, a streaming standby too (pg_basebackup through a physical slot): its \
            replay is paused for a while every minute, and two slots nobody uses retain WAL; \
            clean-up removes both servers.
            """
    )

    @Option(name: .customLong("pg-version"), help: "PostgreSQL major version to run (default: the newest found with pg_stat_statements).")
    var pgVersion: Int?

    @Flag(help: "Leave the server (not the workload) running on exit and print its conninfo.")
    var keep = false

    @Flag(name: .customLong("print"), help: "Print a text snapshot every few seconds instead of opening the console.")
    var printSnapshots = false

    @Flag(help: "Also start a streaming standby whose replay pauses now and then, and leave abandoned slots retaining WAL.")
    var standby = false

    @OptionGroup var console: ConsoleOptions

    func run() throws {
        let shutdown = ShutdownSignal()
        SignalWatcher.install { _ in shutdown.request() }

        let installation: PostgresInstallation
        do {
            installation = try PostgresInstallation.find(major: pgVersion)
        } catch {
            throw UsageFailure("\(error)")
        }
        status("starting PostgreSQL \(installation.majorVersion) (\(installation.source.rawValue)) in a temporary folder...")
        let server: LocalServer
        var replica: LocalServer?
        var options = LocalServerOptions(maxConnections: 200, stopWhenProcessExits: !keep)
        if standby {
            // Small enough that the abandoned slot's WAL soon passes max_wal_size (wal_status
            // `extended`, flagged) and safe_wal_size counts down to `lost`.
            options.settings["max_wal_size"] = "64MB"
            options.settings["max_slot_wal_keep_size"] = "1GB"
        }
        do {
            if standby {
                let pair = try LocalStandbyPair.start(installation, options: options)
                server = pair.primary
                replica = pair.standby
            } else {
                server = try LocalServer.start(installation, options: options)
            }
        } catch {
            throw UsageFailure("could not start the demo server: \(error)")
        }
        status("server \(server.conninfo(database: "demo")) in \(server.baseDirectory)")
        if let replica {
            status("standby \(replica.conninfo(database: "demo")) in \(replica.baseDirectory) (pgtriage \"\(replica.conninfo(database: "demo"))\" shows its own view)")
        }
        let workload = DemoWorkload(target: ConnectionTarget(conninfo: server.conninfo(database: "demo")))
        let incidents = replica.map { DemoStandbyIncidents(standby: ConnectionTarget(conninfo: $0.conninfo())) }
        defer {
            incidents?.stop()
            workload.stop()
            for running in [replica, server].compactMap({ $0 }) {
                if keep {
                    print("server left running: psql \"\(running.conninfo(database: "demo"))\"")
                    let pgctl = "\(running.installation.tool("pg_ctl")) -D \(running.dataDirectory) stop"
                    let asUser = running.serverUser.map { "runuser -u \($0) -- " } ?? ""
                    print("stop it with: \(asUser)\(pgctl) && rm -rf \(running.baseDirectory)")
                } else {
                    running.stop()  // the standby first: it would retry its primary
                }
            }
        }
        do {
            var admin = SessionSettings.forRole(.explain)
            admin.statementTimeoutMs = 0
            let postgres = try PGConnection(target: ConnectionTarget(conninfo: server.conninfo()), role: .explain, settings: admin)
            _ = try postgres.execute("CREATE DATABASE demo")
            postgres.close()
            status("creating the demo tables...")
            let demo = try PGConnection(target: ConnectionTarget(conninfo: server.conninfo(database: "demo")), role: .explain, settings: admin)
            // Before the load: the abandoned slots then retain its WAL from the start.
            if incidents != nil { try DemoStandbyIncidents.plantSlots(on: demo) }
            try DemoWorkload.createSchema(on: demo, withStatements: installation.hasPgStatStatements,
                                             withPgstattuple: installation.hasPgstattuple)
            demo.close()
        } catch {
            throw UsageFailure("could not create the demo database: \(error)")
        }
        workload.start()
        incidents?.start()
        let target = ConnectionTarget(conninfo: server.conninfo(database: "demo"))
        if printSnapshots {
            try printLoop(target: target, shutdown: shutdown)
        } else {
            try console.runConsole(target: target, shutdown: shutdown)
        }
    }

    private func status(_ message: String) {
        writeStandardError("pgtriage demo: \(message)")
    }

    /// Prints a text snapshot every few seconds until Ctrl-C.
    private func printLoop(target: ConnectionTarget, shutdown: ShutdownSignal) throws {
        let connection = try PGConnection(target: target, role: .monitor, openingQuery: Catalog.serverInfo)
        let info = try SnapshotReader.readServerInfo(connection)
        var reader = SnapshotReader(info: info)
        var replication = ReplicationReader(serverVersion: info.versionNum)
        while !shutdown.wait(seconds: 0) {
            var snapshot = try reader.read(connection)
            snapshot.setReplication(try replication.read(connection))
            print(Sanitizer.cleanLines(SnapshotText.render(snapshot, target: connection.label)))
            print("")
            if shutdown.wait(seconds: 3) { break }
        }
    }
}

/// Set once from the signal thread; waited on by whoever runs the foreground.
final class ShutdownSignal: @unchecked Sendable {
    private let condition = WaitCondition()
    private var requested = false
    private var handlers: [@Sendable () -> Void] = []

    func request() {
        let toRun: [@Sendable () -> Void] = condition.withLock {
            requested = true
            condition.broadcast()
            return handlers
        }
        toRun.forEach { $0() }
    }

    /// Runs `handler` on a request (at once if one came already).
    func onRequest(_ handler: @escaping @Sendable () -> Void) {
        let already = condition.withLock {
            handlers.append(handler)
            return requested
        }
        if already { handler() }
    }

    /// True once requested; waits up to `seconds` for it.
    func wait(seconds: Double) -> Bool {
        condition.withLock {
            if !requested && seconds > 0 { condition.wait(seconds: seconds) }
            return requested
        }
    }
}
