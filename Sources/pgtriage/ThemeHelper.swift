#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import PGTriageCore
import PGTriageLocalServer
import PGTriageUI

/// Theme files are read by `pgtriage-theme`, built next to `pgtriage`: TOMLKit brings all of
/// Foundation, ICU and libstdc++ (about 7 MB resident for the console's whole life, a third of
/// it), so the console runs the helper once at start and reads its JSON answer.
enum ThemeHelper {
    static let executableName = "pgtriage-theme"

    /// The theme the console uses (`Theme.resolve` with the helper). A theme file found without
    /// being asked for (a `default.toml` in a themes folder) that cannot be read because the helper
    /// is missing gives the built-in default: the console still starts.
    static func resolve(requested: String?, environment: [String: String]) throws -> Theme {
        do {
            return try Theme.resolve(requested: requested, environment: environment, parser: parse)
        } catch is Missing where requested == nil {
            return Theme.dark
        }
    }

    /// The terminal, drawn in the theme asked for: a theme or a terminal that cannot be had is
    /// one line and exit status 2 (`UsageFailure`).
    static func openTerminal(theme requested: String?) throws -> NCursesBackend {
        let theme: Theme
        do {
            theme = try resolve(requested: requested, environment: ProcessEnvironment.all())
        } catch {
            throw UsageFailure("\(error)")
        }
        do {
            return try NCursesBackend(theme: theme)
        } catch {
            throw UsageFailure("cannot open the terminal: \(error)")
        }
    }

    /// The helper is not next to pgtriage.
    struct Missing: Error, CustomStringConvertible {
        var file: String
        var helper: String
        var description: String {
            ThemeError(file: file, message: "cannot read theme files: \(helper) is missing (`swift build` builds it next to pgtriage)").description
        }
    }

    /// The `ThemeFileParser` of the console.
    static func parse(_ path: String, _ name: String) throws -> Theme {
        guard let own = executablePath() else {
            throw Missing(file: path, helper: executableName)
        }
        let helper = parentDirectory(own) + "/" + executableName
        guard access(helper, X_OK) == 0 else { throw Missing(file: path, helper: helper) }
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
