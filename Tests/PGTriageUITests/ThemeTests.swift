import Foundation
import Testing
@testable import PGTriageUI
@testable import PGTriageThemeTOML

/// Tests read theme files in process; the console runs `pgtriage-theme` for it (ThemeHelper).
private let inProcess: ThemeFileParser = { try Theme.parseFile($0, name: $1) }

/// The repository's themes/ directory, found from this file's path.
private func themesDirectory() -> String {
    var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    for _ in 0..<6 {
        let candidate = dir.appendingPathComponent("themes")
        if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("default.toml").path) {
            return candidate.path
        }
        dir = dir.deletingLastPathComponent()
    }
    return "themes"
}

/// One folder for this test process's theme files, removed when the process exits.
private let themeScratch: URL = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pgtriage-theme-\(getpid())")
    atexit { try? FileManager.default.removeItem(at: themeScratch) }
    return dir
}()

/// Writes `text` to a fresh temporary file and returns its path.
private func tempTheme(_ text: String, name: String = "bad.toml") throws -> String {
    let dir = themeScratch.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appendingPathComponent(name)
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file.path
}

@Suite struct ThemeTests {
    @Test(arguments: ["default", "light", "mono"])
    func shippedThemeFilesMatchTheBuiltIns(name: String) throws {
        let builtIn = try #require(Theme.builtIn[name])
        let path = themesDirectory() + "/\(name).toml"
        let loaded = try Theme.load(nameOrPath: path, parser: inProcess)
        #expect(loaded.name == name)
        #expect(loaded.usesColor == builtIn.usesColor)
        for role in Theme.knownRoles {
            #expect(loaded.style(for: role) == builtIn.style(for: role), "role \(role.rawValue) in \(name).toml")
        }
    }

    @Test func everyKnownRoleHasAStyleInEveryBuiltIn() {
        for theme in [Theme.dark, .light, .mono] {
            for role in Theme.knownRoles {
                #expect(theme.roles[role] != nil, "\(theme.name) lacks \(role.rawValue)")
            }
        }
        #expect(Theme.mono.usesColor == false)
        #expect(Theme.mono.roles.values.allSatisfy { $0.fg == .default && $0.bg == .default })
        // Mono carries meaning with attributes.
        #expect(Theme.mono.style(for: .tableSelected).attributes.contains(.reverse))
        #expect(Theme.mono.style(for: .tableHeader).attributes.contains(.bold))
    }

    @Test func loadByNameFromADirectory() throws {
        let lightFile = themesDirectory() + "/light.toml"
        let text = try String(contentsOfFile: lightFile, encoding: .utf8)
        let path = try tempTheme(text.replacingOccurrences(of: "name = \"light\"", with: "name = \"mine\""),
                                 name: "mine.toml")
        let dir = (path as NSString).deletingLastPathComponent
        let t = try Theme.load(nameOrPath: "mine", themesDirectory: dir, parser: inProcess)
        #expect(t.name == "mine")
        #expect(t.style(for: .stateActive) == Theme.light.style(for: .stateActive))
    }

    @Test func unknownNameWithoutAFileIsAnError() {
        #expect(throws: ThemeError.self) {
            _ = try Theme.load(nameOrPath: "no-such-theme-xyz", themesDirectory: "/nonexistent",
                               environment: [:], parser: inProcess)
        }
    }

    @Test func badColourNamesFileLineAndKey() throws {
        let text = """
            # my theme
            name = "bad"

            [header]
            fg = "white"

            [table.header]
            fg = "black"
            bg = "green"

            [state.active]
            fg = "reed"
            bold = true
            """
        let path = try tempTheme(text)
        do {
            _ = try Theme.load(nameOrPath: path, parser: inProcess)
            Issue.record("a bad colour was accepted")
        } catch let e as ThemeError {
            #expect(e.file == path)
            #expect(e.line == 12)
            #expect(e.key == "state.active.fg")
            #expect(e.description.contains(path + ":12"))
            #expect(e.description.contains("\"reed\""))
            #expect(e.description.contains("state.active.fg"))
        }
    }

    @Test func unknownRoleIsNamedWithASuggestion() throws {
        let path = try tempTheme("""
            [state.active]
            fg = "green"

            [stat.idle]
            fg = "red"
            """)
        do {
            _ = try Theme.load(nameOrPath: path, parser: inProcess)
            Issue.record("a typo'd role was accepted")
        } catch let e as ThemeError {
            #expect(e.key == "stat.idle")
            #expect(e.line == 4)
            #expect(e.description.contains("unknown role `stat.idle`"))
            #expect(e.description.contains("state.idle"))
        }
    }

    @Test func unknownPropertyAndBadTypes() throws {
        let p1 = try tempTheme("[state.active]\nforeground = \"red\"\n")
        #expect { try Theme.load(nameOrPath: p1, parser: inProcess) } throws: { error in
            guard let e = error as? ThemeError else { return false }
            return e.key == "state.active.foreground" && e.line == 2
        }
        let p2 = try tempTheme("[state.active]\nbold = \"yes\"\n")
        #expect { try Theme.load(nameOrPath: p2, parser: inProcess) } throws: { error in
            (error as? ThemeError)?.key == "state.active.bold"
        }
        let p3 = try tempTheme("[state.active]\nfg = 300\n")
        #expect { try Theme.load(nameOrPath: p3, parser: inProcess) } throws: { error in
            (error as? ThemeError)?.description.contains("unknown colour 300") == true
        }
    }

    @Test func tomlSyntaxErrorsCarryTheLine() throws {
        let path = try tempTheme("[state.active]\nfg = \"green\"\nbg = \n")
        #expect { try Theme.load(nameOrPath: path, parser: inProcess) } throws: { error in
            guard let e = error as? ThemeError else { return false }
            return e.line == 3 && e.description.contains(path)
        }
    }

    @Test func partialThemeKeepsDefaultsAndRolesAreReplacedWhole() throws {
        let path = try tempTheme("""
            [state.active]
            fg = "blue"
            [header.value]
            fg = 208
            underline = true
            """)
        let t = try Theme.load(nameOrPath: path, parser: inProcess)
        #expect(t.style(for: .stateActive) == RoleStyle(fg: .blue))
        #expect(t.style(for: .headerValue) == RoleStyle(fg: .indexed(208), [.underline]))
        #expect(t.style(for: .header) == Theme.dark.style(for: .header))
        #expect(t.style(for: .tableSelected) == Theme.dark.style(for: .tableSelected))
        #expect(t.name == "bad")
    }

    @Test func monoBaseAndColourNames() throws {
        let path = try tempTheme("base = \"mono\"\n[title]\nunderline = true\n", name: "m.toml")
        let t = try Theme.load(nameOrPath: path, parser: inProcess)
        #expect(t.usesColor == false)
        #expect(t.style(for: .tableSelected) == Theme.mono.style(for: .tableSelected))
        #expect(ThemeColor(name: "bright_red") == .brightRed)
        #expect(ThemeColor(name: "Grey") == .brightBlack)
        #expect(ThemeColor(name: "17") == .indexed(17))
        #expect(ThemeColor(name: "reed") == nil)
        #expect(ThemeColor.brightMagenta.description == "bright_magenta")
    }

    @Test func roleFallbackGoesToParentThenDefault() {
        var t = Theme(name: "x", roles: [.default: RoleStyle(fg: .white), "plan": RoleStyle(fg: .red)])
        #expect(t.style(for: "plan.whatever") == RoleStyle(fg: .red))
        #expect(t.style(for: "other.thing") == RoleStyle(fg: .white))
        t.set("plan.whatever", RoleStyle(fg: .green))
        #expect(t.style(for: "plan.whatever") == RoleStyle(fg: .green))
        // Cell attributes add to the role's; mono drops colours.
        #expect(Theme.dark.resolve(Style(.stateActive, [.bold])) == RoleStyle(fg: .green, [.bold]))
        var mono = Theme.dark
        mono.usesColor = false
        #expect(mono.resolve(Style(.stateActive)) == RoleStyle())
    }

    @Test func noColorSelectsMono() throws {
        let dir = themesDirectory()
        #expect(try Theme.resolve(requested: nil, environment: ["NO_COLOR": "1"], themesDirectory: dir, parser: inProcess) == .mono)
        #expect(try Theme.resolve(requested: "light", environment: ["NO_COLOR": "yes"], themesDirectory: dir, parser: inProcess) == .mono)
        let t = try Theme.resolve(requested: nil, environment: ["NO_COLOR": ""], themesDirectory: dir, parser: inProcess)
        #expect(t.usesColor && t.name == "default")
        let l = try Theme.resolve(requested: "light", environment: [:], themesDirectory: dir, parser: inProcess)
        #expect(l.name == "light" && l.style(for: .tableHeader) == Theme.light.style(for: .tableHeader))
    }

    @Test func lineOfFindsDottedAndQuotedKeys() {
        let text = """
            [state]
            active.fg = "red"   # comment with = sign
            "idle".bg = "blue"
            [table.header]
            fg = "x"
            """
        #expect(Theme.lineOf(key: "state.active.fg", in: text) == 2)
        #expect(Theme.lineOf(key: "state.idle.bg", in: text) == 3)
        #expect(Theme.lineOf(key: "table.header.fg", in: text) == 5)
        #expect(Theme.lineOf(key: "table.header", in: text) == 4)
        #expect(Theme.lineOf(key: "nothing", in: text) == nil)
    }
}
