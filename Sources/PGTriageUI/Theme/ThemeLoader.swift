#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A theme that could not be loaded: names the file, and the line and key when known.
public struct ThemeError: Error, CustomStringConvertible, Equatable, Sendable, Codable {
    public var file: String
    public var line: Int?
    public var key: String?
    public var message: String

    public init(file: String, line: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// "themes/bad.toml:12: unknown colour "reed" for key `state.active.fg`"
    public var description: String {
        var s = "theme " + file
        if let line { s += ":\(line)" }
        return s + ": " + message
    }
}

/// Reads one theme file (path, and the name the theme gets unless the file names it) into a
/// theme, or throws `ThemeError`. TOML is read by TOMLKit, which brings all of Foundation (ICU,
/// libstdc++: about 7 MB resident): the console runs `pgtriage-theme` for it
/// (`ThemeHelper` in the executable) and never loads them; tests call `Theme.parseFile` of
/// PGTriageThemeTOML directly.
public typealias ThemeFileParser = @Sendable (_ path: String, _ name: String) throws -> Theme

extension Theme {
    /// Picks the theme to use: `mono` when `NO_COLOR` is set and non-empty (no-color.org),
    /// else `requested` (a name or a path), else "default".
    public static func resolve(requested: String?, environment: [String: String],
                               themesDirectory: String? = nil, parser: ThemeFileParser) throws -> Theme {
        if let nc = environment["NO_COLOR"], !nc.isEmpty { return .mono }
        return try load(nameOrPath: requested ?? "default", themesDirectory: themesDirectory,
                        environment: environment, parser: parser)
    }

    /// Loads a theme. A PATH (contains "/" or ends in ".toml") is read directly. A NAME is looked
    /// up as NAME.toml in `themesDirectory` (when given), then `themes/` next to the executable
    /// (walking up from its directory), then `$XDG_CONFIG_HOME/pgtriage/themes` (default
    /// `~/.config/pgtriage/themes`), then `./themes`; the built-in themes `default`, `light` and
    /// `mono` are used when no file is found.
    /// `parser` reads a theme file (`ThemeFileParser`).
    public static func load(nameOrPath: String, themesDirectory: String? = nil,
                            environment: [String: String]? = nil, parser: ThemeFileParser) throws -> Theme {
        let isPath = nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml")
        if isPath {
            guard isReadableFile(nameOrPath) else {
                throw ThemeError(file: nameOrPath, message: "cannot read the file")
            }
            return try parser(nameOrPath, baseName(nameOrPath))
        }
        let env = environment ?? processEnvironment()
        for dir in searchDirectories(themesDirectory: themesDirectory, environment: env) {
            let path = dir + "/" + nameOrPath + ".toml"
            if isReadableFile(path) {
                return try parser(path, nameOrPath)
            }
        }
        if let builtIn = builtIn[nameOrPath] { return builtIn }
        throw ThemeError(file: nameOrPath + ".toml",
                         message: "no theme named \"\(nameOrPath)\" (built in: default, light, mono)")
    }

    /// Where theme names are looked up, in order.
    public static func searchDirectories(themesDirectory: String?, environment: [String: String]) -> [String] {
        var dirs: [String] = []
        if let themesDirectory { dirs.append(themesDirectory) }
        if let exe = executablePath() {
            var dir = parentDirectory(exe)
            var steps = 0
            while !dir.isEmpty && steps < 8 {
                let candidate = (dir == "/" ? "" : dir) + "/themes"
                if isDirectory(candidate) { dirs.append(candidate); break }
                if dir == "/" { break }
                dir = parentDirectory(dir)
                steps += 1
            }
        }
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            dirs.append(xdg + "/pgtriage/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            dirs.append(home + "/.config/pgtriage/themes")
        }
        dirs.append("themes")
        return dirs
    }
}

// MARK: - Small file-system helpers (no Foundation)

func isReadableFile(_ path: String) -> Bool {
    access(path, R_OK) == 0 && !isDirectory(path)
}

package func readTextFile(_ path: String) -> String? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, 4096, f) }
        if n > 0 { bytes.append(contentsOf: buffer[0..<n]) }
        if n < 4096 { break }
        if bytes.count > 1 << 20 { return nil }  // a theme is never a megabyte
    }
    if ferror(f) != 0 { return nil }
    return String(decoding: bytes, as: UTF8.self)
}

func isDirectory(_ path: String) -> Bool {
    var st = stat()
    guard stat(path, &st) == 0 else { return false }
    return (st.st_mode & S_IFMT) == S_IFDIR
}

package func executablePath() -> String? {
    var buf = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buf, buf.count - 1)
    if n > 0 {
        return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    if let arg0 = CommandLine.arguments.first, arg0.contains("/") { return arg0 }
    return nil
}

package func parentDirectory(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    if slash == path.startIndex { return "/" }
    return String(path[..<slash])
}

package func baseName(_ path: String) -> String {
    var name = path
    if let slash = name.lastIndex(of: "/") { name = String(name[name.index(after: slash)...]) }
    if name.hasSuffix(".toml") { name = String(name.dropLast(5)) }
    return name
}

func processEnvironment() -> [String: String] {
    var env: [String: String] = [:]
    var p: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = environ
    while let entry = p.pointee {
        let s = String(cString: entry)
        if let eq = s.firstIndex(of: "=") {
            env[String(s[..<eq])] = String(s[s.index(after: eq)...])
        }
        p += 1
    }
    return env
}
