#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streaming replication between throwaway servers: a standby made with `pg_basebackup -R`
/// from a running `LocalServer`, through a physical slot, in a folder of its own.
extension LocalServer {
    /// Creates the physical slot `slot` on this server and a hot standby streaming from it:
    /// `pg_basebackup -R -X stream -C -S slot` into a new temporary folder, then started on a
    /// free port of 127.0.0.1 (the socket in that folder). `stop()` on the standby removes it;
    /// its slot stays on this server until dropped (or this server is stopped). Its
    /// `cluster_name` is the slot's name unless `options` say otherwise: the walreceiver takes
    /// it as its application name, so the primary's pg_stat_replication names the standby.
    public func startStandby(slot: String = "standby1", options: LocalServerOptions = LocalServerOptions()) throws -> LocalServer {
        var options = options
        if options.settings["cluster_name"] == nil { options.settings["cluster_name"] = slot }
        let runner = try ServerRunner(installation: installation)
        let base = try LocalServer.makeFolder(options, name: "pgtriage-\(installation.majorVersion)-standby")
        var keep = false
        defer { if !keep { Files.removeTree(base) } }
        try runner.own(base)

        let data = base + "/data"
        // Over this server's socket (the `host` primary_conninfo then names), as postgres, which
        // initdb's pg_hba lets replicate locally.
        let backup = try runner.run(
            installation.tool("pg_basebackup"),
            ["-h", socketDirectory, "-p", String(port), "-U", "postgres", "-D", data,
             "-R", "-X", "stream", "-C", "-S", slot, "-c", "fast", "--no-sync"],
            cwd: base, timeout: 180)
        guard backup.succeeded else {
            throw LocalServerError(
                "pg_basebackup from \(host):\(port) failed (\(installation)), exit \(backup.status)",
                logTail: lastLines(backup.output, 30))
        }

        let log = base + "/server.log"
        var lastError: LocalServerError?
        for _ in 1...5 {
            let standbyPort = try freeLoopbackPort()
            // The copy carries this server's pgtriage.conf (its port and socket): ours replaces it.
            let conf = LocalServer.configuration(installation: installation, options: options, port: standbyPort, socketDir: base)
            try Files.write(data + "/pgtriage.conf", conf)
            try runner.own(data + "/pgtriage.conf")
            let started = try runner.run(
                installation.tool("pg_ctl"),
                ["-D", data, "-l", log, "-w", "-t", String(options.startTimeoutSeconds), "start"],
                cwd: base, timeout: Double(options.startTimeoutSeconds + 30))
            if started.succeeded {
                let standby = LocalServer(
                    installation: installation, options: options, port: standbyPort, baseDirectory: base, runner: runner)
                keep = true
                if options.stopWhenProcessExits {
                    do { try standby.startWatcher() } catch { standby.stop(); throw error }
                }
                return standby
            }
            let logText = Files.tail(log, lines: 30)
            lastError = LocalServerError(
                "pg_ctl start of the standby failed (\(installation), port \(standbyPort)), exit \(started.status): "
                    + started.output.trimmingWhitespace(),
                logTail: logText)
            let portClash = logText.contains("Address already in use") || logText.contains("could not create any TCP/IP sockets")
            _ = try? runner.run(installation.tool("pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], cwd: base, timeout: 60)
            if !portClash { break }
        }
        _ = try? psql("SELECT pg_drop_replication_slot(\(sqlLiteral(slot)))")
        throw lastError ?? LocalServerError("pg_ctl start of the standby failed (\(installation))")
    }
}

/// A primary with `wal_level = logical` and a hot standby streaming from it through a physical
/// slot: what `pgtriage demo --standby` and the replication tests run on.
public final class LocalStandbyPair: Sendable, CustomStringConvertible {
    public let primary: LocalServer
    public let standby: LocalServer
    /// The physical slot the standby streams through.
    public let standbySlot: String

    private init(primary: LocalServer, standby: LocalServer, standbySlot: String) {
        self.primary = primary
        self.standby = standby
        self.standbySlot = standbySlot
    }

    /// Starts the primary, then the standby (`LocalServer.startStandby`). `options.settings`
    /// apply to both; `wal_level` is `logical` unless they say otherwise.
    public static func start(
        _ installation: PostgresInstallation, options: LocalServerOptions = LocalServerOptions(),
        standbySlot: String = "standby1"
    ) throws -> LocalStandbyPair {
        var primaryOptions = options
        if primaryOptions.settings["wal_level"] == nil { primaryOptions.settings["wal_level"] = "logical" }
        let primary = try LocalServer.start(installation, options: primaryOptions)
        do {
            let standby = try primary.startStandby(slot: standbySlot, options: options)
            return LocalStandbyPair(primary: primary, standby: standby, standbySlot: standbySlot)
        } catch {
            primary.stop()
            throw error
        }
    }

    public var description: String { "primary \(primary), standby \(standby)" }

    /// Stops both servers and removes their folders (the standby first, so it does not retry).
    public func stop() {
        standby.stop()
        primary.stop()
    }

    /// Waits until the standby has replayed everything the primary had inserted when called
    /// (the insert position: with `synchronous_commit = off` a commit can be past the written
    /// one). Throws after `timeoutSeconds`.
    public func waitForReplay(timeoutSeconds: Double = 30) throws {
        let target = try primary.psql("SELECT pg_current_wal_insert_lsn()")
        let deadline = monotonicSeconds() + timeoutSeconds
        while true {
            let caughtUp = try standby.psql(
                "SELECT pg_last_wal_replay_lsn() >= \(sqlLiteral(target))::pg_lsn")
            if caughtUp == "t" { return }
            if monotonicSeconds() > deadline {
                throw LocalServerError("the standby did not replay up to \(target) within \(Int(timeoutSeconds)) s",
                                       logTail: standby.logTail(lines: 10))
            }
            usleep(50_000)
        }
    }
}
