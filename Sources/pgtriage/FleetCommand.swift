#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ArgumentParser
import PGTriageCore
import PGTriageUI
#if canImport(Glibc)
import Glibc
#endif

struct FleetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet",
        abstract: "Many servers at a glance, worst first; Enter opens the console on one (docs/fleet.md).",
        discussion: """
            The servers are the SERVICEs named, else every service of the service file libpq reads \
            (PGSERVICEFILE or ~/.pg_service.conf, then PGSYSCONFDIR/pg_service.conf), or one conninfo \
            or URI a line of --hosts FILE. Connection details stay libpq's: pgtriage passes service=NAME. \
            Exit status 2 only when no server could be named.
            """
    )

    @Argument(help: "Services of the service file to watch (default: all of them).")
    var services: [String] = []

    @Option(name: .customLong("service-file"), help: "The service file to read (sets PGSERVICEFILE for libpq too).")
    var serviceFile: String?

    @Option(help: "A file with one conninfo string or postgres:// URI a line, instead of services.")
    var hosts: String?

    @Flag(help: "Print one JSON array of rows, worst first, after one round (schema: docs/fleet.md).")
    var json = false

    @OptionGroup var console: ConsoleOptions

    func validate() throws {
        if hosts != nil && (!services.isEmpty || serviceFile != nil) {
            throw ValidationError("--hosts names the servers itself: no SERVICE nor --service-file with it")
        }
    }

    /// The servers the command line names; fails (exit 2) only when it names none.
    func fleetServers() throws -> [FleetServer] {
        if let hosts {
            guard let data = FileSystem.read(hosts) else { throw UsageFailure("cannot read the hosts file \(hosts)") }
            let servers = FleetServers.hostsFile(String(decoding: data, as: UTF8.self))
            guard !servers.isEmpty else { throw UsageFailure("no server in \(hosts): one conninfo or URI a line") }
            return servers
        }
        if let serviceFile {
            // libpq reads the same file for service=NAME.
            setenv("PGSERVICEFILE", serviceFile, 1)
        }
        if !services.isEmpty {
            var unique: [String] = []
            for name in services where !unique.contains(name) { unique.append(name) }
            return unique.map(FleetServer.service)
        }
        do {
            return try FleetServers.allServices(files: FleetServers.serviceFiles(environment: ProcessEnvironment.all()))
        } catch let error as FleetNamingError {
            throw UsageFailure("\(error.description): name services, or use --service-file or --hosts")
        }
    }

    func run() throws {
        let servers = try fleetServers()
        let poller = FleetPoller(servers: servers, interval: console.refresh)
        if json {
            poller.start()
            let settings = SessionSettings.forRole(.monitor)
            let rows = poller.firstRound(deadline: MonotonicClock.now() + settings.connectTimeout + Self.firstReadGrace)
            print(try FleetRow.json(rows, at: Date()).encoded())
            // A server still hanging keeps its worker until its own deadline: not worth waiting for.
            poller.stop(wait: false)
            return
        }
        let shutdown = ShutdownSignal()
        SignalWatcher.install { _ in shutdown.request() }
        try console.runFleet(poller: poller, shutdown: shutdown)
    }

    /// Seconds past the connect timeout that the first read may take (server info and refresh).
    static let firstReadGrace: Double = 5
}

extension ConsoleOptions {
    /// The fleet list until the DBA quits; Enter runs the console on one server in the same
    /// terminal (its `q` comes back to the list).
    func runFleet(poller: FleetPoller, shutdown: ShutdownSignal) throws {
        let backend = try ThemeHelper.openTerminal(theme: theme)
        let readOnly = self.readOnly, interval = self.refresh
        let fleet = FleetConsole(backend: backend, poller: poller, interval: interval) { server in
            let service = SnapshotService(target: server.target, readOnly: readOnly, interval: interval)
            var state = AppState(connectionLabel: server.name, readOnly: readOnly, interval: interval)
            state.quitHint = "fleet"
            let runtime = ConsoleRuntime(backend: backend, service: service, state: state)
            runtime.start()
            while !shutdown.wait(seconds: 0) && runtime.step(timeoutMilliseconds: 250) {}
            runtime.finish()
        }
        fleet.start()
        while !shutdown.wait(seconds: 0) && fleet.step(timeoutMilliseconds: 250) {}
        // A server still hanging keeps its worker until its own deadline: the terminal is given
        // back at once.
        fleet.finish(wait: false)
        backend.shutdown()
    }
}
