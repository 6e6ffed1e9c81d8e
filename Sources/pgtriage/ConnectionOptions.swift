import ArgumentParser
import PGTriageCore

/// psql's connection options, shared by every subcommand. libpq reads the rest (PG* variables,
/// .pgpass, pg_service.conf) exactly as psql does.
struct ConnectionOptions: ParsableArguments {
    @Option(name: [.customShort("h"), .long], help: "Database server host or socket directory.")
    var host: String?

    @Option(name: [.customShort("p"), .long], help: "Database server port.")
    var port: String?

    @Option(name: [.customShort("U"), .long], help: "Database user name.")
    var username: String?

    @Option(name: [.customShort("d"), .long], help: "Database name, conninfo string or URI.")
    var dbname: String?

    @Argument(help: "DBNAME, conninfo string (\"host=... dbname=...\") or postgres:// URI.")
    var target: String?

    var connectionTarget: ConnectionTarget {
        // psql: a positional argument is the dbname (which may itself be a conninfo or URI);
        // -d does the same. Both given: -d names the database inside the positional conninfo.
        if let target {
            return ConnectionTarget(conninfo: target, host: host, port: port, user: username, dbname: dbname)
        }
        return ConnectionTarget(conninfo: dbname, host: host, port: port, user: username)
    }
}
