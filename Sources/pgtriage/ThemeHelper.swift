#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import PGTriageLocalServer
import PGTriageUI

/// Theme files are read by `pgtriage-theme`, built next to `pgtriage`: TOMLKit brings all of
/// Foundation, ICU and libstdc++ (about 7 MB resident for the console's whole life, a third of
/// it), so the console runs the helper once at start and reads its JSON answer.
enum ThemeHelper {
    static let executableName = "pgtriage-theme"

    /// The `ThemeFileParser` of the console.
    static func parse(_ path: String, _ name: String) throws -> Theme {
        guard let own = executablePath() else {
            throw ThemeError(file: path, message: "cannot read theme files: where pgtriage runs from is unknown")
        }
        let helper = parentDirectory(own) + "/" + executableName
        guard access(helper, X_OK) == 0 else {
            throw ThemeError(file: path, message: "cannot read theme files: \(helper) is missing (`swift build` builds it next to pgtriage)")
        }
        let result = try ChildProcess.run(helper, [path, name], timeoutSeconds: 10)
        guard result.status == 0,
              let answer = try? JSONDecoder().decode(ThemeFileAnswer.self, from: Data(result.output.utf8)) else {
            throw ThemeError(file: path, message: "\(executableName) failed: \(result.output.prefix(300))")
        }
        if let error = answer.error { throw error }
        guard let theme = answer.theme else {
            throw ThemeError(file: path, message: "\(executableName) gave no theme")
        }
        return theme
    }
}
