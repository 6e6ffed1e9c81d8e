#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import PGTriageCore

/// What the EXPLAIN side asks the runtime to do (one `Effect.explain` case carries it).
public enum ExplainEffect: Sendable, Equatable {
    /// Run it on the service's EXPLAIN connection; answered by `.explainFinished`.
    case run(ExplainRequest)
    /// Cancel the running EXPLAIN (it then finishes with `.cancelled`).
    case cancel
    /// Write the plan as JSON and text (PlanFile.save) and say where in the status line.
    case save(PlanDocument)
}

/// The runtime's side: carries out an `ExplainEffect`. What comes of it returns as a message
/// (`.explainFinished` from the service, `.planWritten` from a save), never by changing the state
/// here.
public enum ExplainEffects {
    /// - Parameter directory: where a plan is written (`saveDirectory` in the console).
    static func perform(_ effect: ExplainEffect, service: ConsoleService, directory: () throws -> String,
                        now: Date) -> Message? {
        switch effect {
        case .run(let request):
            service.explain(request)
        case .cancel:
            service.cancelExplain()
        case .save(let document):
            do {
                return .planWritten(.success(try save(document, directory: directory(), date: now)))
            } catch {
                return .planWritten(.failure(PlanWriteError(description: "\(error)")))
            }
        }
        return nil
    }

    /// The current directory when we may write there, else `$XDG_STATE_HOME/pgtriage/plans`
    /// (default `~/.local/state/pgtriage/plans`), created if needed.
    static func saveDirectory(environment: [String: String] = ProcessEnvironment.all()) throws -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        if access(".", W_OK) == 0, getcwd(&buffer, buffer.count) != nil {
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        let base: String
        if let xdg = environment["XDG_STATE_HOME"], !xdg.isEmpty {
            base = xdg
        } else {
            base = (environment["HOME"] ?? "/tmp") + "/.local/state"
        }
        let folder = base + "/pgtriage/plans"
        try FileSystem.makeDirectories(folder)
        return folder
    }

    /// Writes `<directory>/pgtriage-plan-YYYYMMDD-HHMMSS.json` and `.txt` (a suffix when taken).
    static func save(_ document: PlanDocument, directory: String, date: Date) throws -> [String] {
        let iso = ISOTime.string(date)  // 2026-11-26T01:22:33.123Z
        let day = iso.prefix(10).filter { $0 != "-" }
        let time = iso.dropFirst(11).prefix(8).filter { $0 != ":" }
        var stem = "\(directory)/pgtriage-plan-\(day)-\(time)"
        var n = 2
        while access(stem + ".json", F_OK) == 0 || access(stem + ".txt", F_OK) == 0 {
            stem = "\(directory)/pgtriage-plan-\(day)-\(time)-\(n)"
            n += 1
        }
        return try PlanFile.save(document.plan, queryText: document.request?.sql, to: stem)
    }
}
