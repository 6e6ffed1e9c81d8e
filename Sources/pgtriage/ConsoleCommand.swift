import ArgumentParser
import PGTriageCore
#if canImport(Glibc)
import Glibc
#endif

/// Options of the interactive console, shared by `pgtriage` and `pgtriage demo`.
struct ConsoleOptions: ParsableArguments {
    @Flag(name: .customLong("read-only"), help: "Refuse every cancel and terminate.")
    var readOnly = false

    @Option(help: "Theme name (themes/NAME.toml) or path to a theme file.")
    var theme: String?

    @Option(help: "Refresh interval in seconds (0.5 to 60).")
    var refresh: Double = 2

    func validate() throws {
        guard (0.5...60).contains(refresh) else { throw ValidationError("--refresh must be between 0.5 and 60 seconds") }
    }

    func runConsole(target: ConnectionTarget, shutdown: ShutdownSignal) throws {
        // Until the console lands: a text snapshot every refresh interval.
        let connection = try PGConnection(target: target, role: .monitor)
        var reader = SnapshotReader(info: try SnapshotReader.readServerInfo(connection))
        while !shutdown.wait(seconds: 0) {
            print(SnapshotText.render(try reader.read(connection), target: connection.label))
            print("")
            if shutdown.wait(seconds: refresh) { break }
        }
    }
}

struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the interactive console (the default)."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var console: ConsoleOptions

    func run() throws {
        let shutdown = ShutdownSignal()
        SignalWatcher.install { _ in shutdown.request() }
        try console.runConsole(target: connection.connectionTarget, shutdown: shutdown)
    }
}
