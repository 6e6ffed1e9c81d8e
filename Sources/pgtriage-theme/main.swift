// pgtriage-theme FILE NAME: reads one theme file (TOML) and prints it as JSON
// (`ThemeFileAnswer`) for the console, which does not load TOMLKit and Foundation itself
// (docs/architecture.md, "Themes"). Exit status 0 with an answer, 2 on bad arguments.
import Foundation
import PGTriageThemeTOML
import PGTriageUI

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 2, let path = arguments.first, let name = arguments.last else {
    FileHandle.standardError.write("usage: pgtriage-theme FILE NAME\n".data(using: .utf8)!)
    exit(2)
}
var answer = ThemeFileAnswer()
do {
    answer.theme = try Theme.parseFile(path, name: name)
} catch let error as ThemeError {
    answer.error = error
} catch {
    answer.error = ThemeError(file: path, message: "\(error)")
}
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
FileHandle.standardOutput.write(try encoder.encode(answer))
