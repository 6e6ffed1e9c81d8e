import ArgumentParser
import Synchronization
import PGTriageCore
import PGTriageUI
#if canImport(FoundationEssentials)
import FoundationEssentials
#endif
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

    @Option(name: .customLong("record"), help: "Record what the panes read into FILE while the console runs (replay it with `pgtriage replay FILE`).")
    var recordFile: String?

    func validate() throws {
        guard (0.5...60).contains(refresh) else { throw ValidationError("--refresh must be between 0.5 and 60 seconds") }
    }

    /// Opens the console on `target` until the user quits (or a signal asks us to).
    /// Fails with exit status 2 before touching the terminal when the server cannot be reached
    /// or the theme is bad: a mistake gets one plain line, not a broken screen.
    func runConsole(target: ConnectionTarget, shutdown: ShutdownSignal) throws {
        let environment = ProcessEnvironment.all()
        // The theme file is read by a helper process (about 20 ms): meanwhile, one probe
        // connection, so a wrong conninfo or an unreachable server is reported here. A bad theme
        // is reported first, as the command line reads.
        let requested = self.theme
        let themeResult = Mutex<Result<Theme, Error>?>(nil)
        let themeReader = WorkerThread {
            let result = Result { try ThemeHelper.resolve(requested: requested, environment: environment) }
            themeResult.withLock { $0 = result }
        }
        // A server that does not answer takes up to the connect timeout: say what we wait for
        // rather than leave a blank terminal.
        let probing = WaitCondition(true)
        let waitNotice = WorkerThread {
            let deadline = MonotonicClock.now() + 1
            let stillProbing = probing.wait { probing in
                !probing ? .ready(false) : MonotonicClock.now() >= deadline ? .ready(true) : .sleep(until: deadline)
            }
            if stillProbing {
                let timeout = target.connectTimeout(fallback: SessionSettings().connectTimeout)
                writeStandardError("pgtriage: waiting for the server to answer" + (timeout.isFinite ? " (gives up after \(Int(timeout)) s)..." : "..."))
            }
        }
        // The probe reads the server info in its first round trip, with the session settings.
        let probe = Result { try PGConnection(target: target, role: .monitor, openingQuery: Catalog.serverInfo) }
        probing.update { $0 = false }
        waitNotice.join()
        themeReader.join()
        let theme: Theme
        do {
            theme = try themeResult.withLock { $0! }.get()
        } catch {
            throw UsageFailure("\(error)")
        }
        let probed = try probe.get()
        let label = probed.label

        // The probe becomes the monitoring connection: one connection to wait for before the first frame, not two.
        // The first screenful of the list comes ahead of the first refresh (slow with thousands of backends).
        var service: ConsoleService = SnapshotService(target: target, readOnly: readOnly, interval: refresh, connection: probed,
                                                      firstRows: Layout.listHeight(height: terminalRows() ?? AppState.minimumSize.height))
        var recorder: Recorder?
        if let recordFile {
            do {
                let writer = try RecordingWriter(path: recordFile, header: RecordingHeader(target: label, startedAt: Date(), intervalSeconds: refresh))
                recorder = Recorder(writer: writer)
                service = RecordingService(wrapping: service, recorder: recorder!)
            } catch {
                throw UsageFailure("\(error)")
            }
        }
        // The first refresh runs while curses starts.
        let started = EarlyStart(service: service, state: AppState(connectionLabel: label, readOnly: readOnly, interval: refresh))
        let backend: NCursesBackend
        do {
            backend = try NCursesBackend(theme: theme)
        } catch {
            started.abandon()
            throw UsageFailure("cannot open the terminal: \(error)")
        }
        let runtime = ConsoleRuntime(backend: backend, started: started)
        runtime.start()
        // step() waits at most a quarter second, so Ctrl-C (turned into `shutdown` by the
        // signal thread) ends the loop promptly.
        while !shutdown.wait(seconds: 0) && runtime.step(timeoutMilliseconds: 250) {}
        runtime.finish()
        backend.shutdown()
        if let writer = recorder?.writer {
            writeStandardError("pgtriage: recorded \(writer.samples) samples (\(writer.bytes) bytes) in \(writer.path)"
                               + (writer.failure.map { "; recording stopped early: \($0)" } ?? ""))
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

/// The terminal's height before curses opens it; nil when standard output is not a terminal.
private func terminalRows() -> Int? {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
    return Int(size.ws_row)
}
