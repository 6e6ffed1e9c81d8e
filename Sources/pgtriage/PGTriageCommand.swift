import ArgumentParser
import PGTriageCore

struct PGTriageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pgtriage",
        abstract: "A terminal console for PostgreSQL incident triage.",
        discussion: """
            Connects like psql: pgtriage [options] [DBNAME | CONNINFO | URI], with PG* environment \
            variables, .pgpass and pg_service.conf honoured by libpq. Exit status 0 on success, 2 on \
            bad input or an unreachable server.
            """,
        version: PGTriageCoreVersion.string,
        subcommands: [ConsoleCommand.self, SnapshotCommand.self, DemoCommand.self, ExplainCommand.self, PlanCommand.self, ReportCommand.self,
                      FleetCommand.self, RecordCommand.self, ReplayCommand.self],
        defaultSubcommand: ConsoleCommand.self,
        // -h is --host, as in psql; help is --help or -?.
        helpNames: [.long, .customShort("?")]
    )
}

/// One plain line on stderr and exit status 2: the contract for bad input and unreachable servers.
struct UsageFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
