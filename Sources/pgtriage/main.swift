import ArgumentParser
import PGTriageCore
import PGTriageUI
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
/// Server and file text in it (errors quote both) is cleaned of escape sequences first.
func writeStandardError(_ line: String) {
    let clean = Sanitizer.cleanLines(line)
    let text = clean.hasSuffix("\n") ? clean : clean + "\n"
    _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
}

/// Large blocks (a refresh of thousands of statements or backends) are mapped and unmapped on
/// their own instead of staying in the heap once freed: glibc's threshold otherwise rises after
/// the first such block is freed, and every later one then fragments the heap. Measured on the
/// Statements pane with 5209 entries: peak RSS 59 MB before, 43 MB after (docs/performance.md).
func keepLargeBlocksOutOfTheHeap() {
    #if canImport(Glibc)
    // mallopt is not in Swift's Glibc module; M_MMAP_THRESHOLD is -3 in <malloc.h>.
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
    _ = unsafeBitCast(symbol, to: Mallopt.self)(-3, 128 * 1024)
    #endif
}

keepLargeBlocksOutOfTheHeap()
runMain()
