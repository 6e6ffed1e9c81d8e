import ArgumentParser
import PGTriageCore
#if canImport(Glibc)
import Glibc
#endif

/// Runs the command; every failure becomes one line on stderr and exit status 2 (help and
/// --version exit 0), never a stack trace.
func runMain() -> Never {
    do {
        var command = try PGTriageCommand.parseAsRoot()
        try command.run()
        exit(0)
    } catch let error as PGError {
        fail(error.description)
    } catch let error as UsageFailure {
        fail(error.description)
    } catch {
        let code = PGTriageCommand.exitCode(for: error)
        if code == .success {
            print(PGTriageCommand.fullMessage(for: error))
            exit(0)
        }
        if let exit = error as? ExitCode { Glibc.exit(exit.rawValue) }
        let message = PGTriageCommand.message(for: error)
            .split(whereSeparator: \.isNewline).first.map(String.init) ?? "invalid arguments"
        fail(message + " (see pgtriage --help)")
    }
}

func fail(_ message: String) -> Never {
    writeStandardError("pgtriage: " + message)
    exit(2)
}

/// One line on stderr (Glibc's `stderr` global is off limits under Swift 6 concurrency checks).
func writeStandardError(_ line: String) {
    let text = line.hasSuffix("\n") ? line : line + "\n"
    _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
}

runMain()
