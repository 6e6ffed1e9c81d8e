#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PGTriageUI
import TOMLKit

/// Theme files (TOML, through TOMLKit) into themes. Only `pgtriage-theme` and the tests link
/// this module: TOMLKit brings all of Foundation, which the console never loads (see
/// `ThemeFileParser`).
extension Theme {
    static let propertyKeys: Set<String> = ["fg", "bg", "bold", "reverse", "underline", "dim"]

    /// Parses a theme file. Top-level `name` (string), `base` ("default", "light" or "mono": the
    /// theme whose roles are the defaults) and `color` (bool) are optional; every table names a
    /// role (`[state.active]`) with `fg`, `bg` (colour names, "default" or 0-255) and `bold`,
    /// `reverse`, `underline`, `dim` (booleans).
    /// Reads and parses a theme file: the `ThemeFileParser` tests use, and `pgtriage-theme`.
    public static func parseFile(_ path: String, name: String) throws -> Theme {
        guard let text = readTextFile(path) else { throw ThemeError(file: path, message: "cannot read the file") }
        return try parse(toml: text, file: path, name: name)
    }

    public static func parse(toml text: String, file: String, name: String? = nil) throws -> Theme {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw ThemeError(file: file, line: e.source.begin.line,
                             message: "TOML syntax error: \(e.description) (column \(e.source.begin.column))")
        }
        var baseName = "default"
        if let b = table["base"] {
            guard let s = b.string, let _ = builtIn[s] else {
                throw ThemeError(file: file, line: lineOf(key: "base", in: text), key: "base",
                                 message: "`base` must be \"default\", \"light\" or \"mono\" (key `base`)")
            }
            baseName = s
        }
        var theme = builtIn[baseName]!
        theme.name = name ?? baseName
        if let n = table["name"] {
            guard let s = n.string else {
                throw ThemeError(file: file, line: lineOf(key: "name", in: text), key: "name",
                                 message: "`name` must be a string (key `name`)")
            }
            theme.name = s
        }
        if let c = table["color"] {
            guard let b = c.bool else {
                throw ThemeError(file: file, line: lineOf(key: "color", in: text), key: "color",
                                 message: "`color` must be true or false (key `color`)")
            }
            theme.usesColor = b
        }
        var found: [(String, TOMLTable)] = []
        for (key, value) in table {
            if key == "base" || key == "name" || key == "color" { continue }
            guard let sub = value.table else {
                throw ThemeError(file: file, line: lineOf(key: key, in: text), key: key,
                                 message: "unknown setting `\(key)` (roles are tables, e.g. [\(key)])")
            }
            found.append((key, sub))
        }
        // A role's table describes the role completely (unset colours are the terminal's default,
        // unset attributes are off); roles a file does not mention keep the base theme's style.
        func walk(_ path: String, _ t: TOMLTable) throws {
            let known = knownRoleSet.contains(path)
            var style = RoleStyle()
            var hasProperties = false
            var hasTables = false
            for (key, value) in t {
                let full = path + "." + key
                if let sub = value.table {
                    // Sub-roles first: `table.dim` is a role even though `dim` is a property name.
                    hasTables = true
                    try walk(full, sub)
                } else if propertyKeys.contains(key) {
                    guard known else { throw unknownRole(path, file: file, text: text) }
                    try apply(key: key, value: value, to: &style, fullKey: full, file: file, text: text)
                    hasProperties = true
                } else {
                    throw ThemeError(file: file, line: lineOf(key: full, in: text), key: full,
                                     message: "unknown property `\(key)` for key `\(full)`"
                                        + " (expected fg, bg, bold, reverse, underline, dim)")
                }
            }
            // An implicit parent table (only [header.label] written) leaves `header` as it was.
            if known && (hasProperties || !hasTables) {
                theme.set(StyleRole(rawValue: path), style)
            } else if !hasProperties && !hasTables {
                throw unknownRole(path, file: file, text: text)
            }
        }
        for (key, sub) in found { try walk(key, sub) }
        return theme
    }

    private static func unknownRole(_ role: String, file: String, text: String) -> ThemeError {
        let near = knownRoles.map(\.rawValue).filter { closeEnough($0, role) }
        var msg = "unknown role `\(role)`"
        if let n = near.first { msg += " (did you mean `\(n)`?)" }
        return ThemeError(file: file, line: lineOf(key: role, in: text), key: role, message: msg)
    }

    private static func apply(key: String, value: TOMLValueConvertible, to s: inout RoleStyle,
                              fullKey: String, file: String, text: String) throws {
        switch key {
        case "fg", "bg":
            let color: ThemeColor?
            var shown: String
            if let str = value.string {
                color = ThemeColor(name: str)
                shown = "\"\(str)\""
            } else if let i = value.int {
                color = (0...255).contains(i) ? .indexed(UInt8(i)) : nil
                shown = String(i)
            } else {
                color = nil
                shown = "a \(value.type)"
            }
            guard let color else {
                if shown.count > 40 { shown = String(shown.prefix(40)) + "…" }
                throw ThemeError(file: file, line: lineOf(key: fullKey, in: text), key: fullKey,
                                 message: "unknown colour \(shown) for key `\(fullKey)`"
                                    + " (use default, black, red, green, yellow, blue, magenta, cyan,"
                                    + " white, bright_<colour>, or 0-255)")
            }
            if key == "fg" { s.fg = color } else { s.bg = color }
        default:
            guard let b = value.bool else {
                throw ThemeError(file: file, line: lineOf(key: fullKey, in: text), key: fullKey,
                                 message: "`\(key)` must be true or false for key `\(fullKey)`")
            }
            let attr: TextAttributes
            switch key {
            case "bold": attr = .bold
            case "reverse": attr = .reverse
            case "underline": attr = .underline
            default: attr = .dim
            }
            if b { s.attributes.insert(attr) } else { s.attributes.remove(attr) }
        }
    }

    /// The 1-based line where a dotted key is set, found by scanning the text (TOMLKit gives no
    /// positions for values): follows `[table]` headers and dotted/quoted keys.
    static func lineOf(key wanted: String, in text: String) -> Int? {
        var header = ""
        var lineNo = 0
        var prefixMatch: Int?
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            var line = Substring(raw)
            if let hash = indexOfComment(line) { line = line[..<hash] }
            let t = line.trimmingSpaces()
            if t.isEmpty { continue }
            if t.hasPrefix("[") {
                var h = t.drop(while: { $0 == "[" })
                if let end = h.firstIndex(of: "]") { h = h[..<end] }
                header = normaliseKey(h)
                if header == wanted { return lineNo }
                if prefixMatch == nil && header.hasPrefix(wanted + ".") { prefixMatch = lineNo }
                continue
            }
            guard let eq = t.firstIndex(of: "=") else { continue }
            let k = normaliseKey(t[..<eq])
            let full = header.isEmpty ? k : header + "." + k
            if full == wanted { return lineNo }
            if prefixMatch == nil && full.hasPrefix(wanted + ".") { prefixMatch = lineNo }
        }
        return prefixMatch
    }

    private static func indexOfComment(_ s: Substring) -> Substring.Index? {
        var inString = false
        var quote: Character = "\""
        for i in s.indices {
            let c = s[i]
            if inString {
                if c == quote { inString = false }
            } else if c == "\"" || c == "'" {
                inString = true; quote = c
            } else if c == "#" {
                return i
            }
        }
        return nil
    }

    private static func normaliseKey(_ s: Substring) -> String {
        s.split(separator: ".").map { part -> String in
            var p = part.trimmingSpaces()
            if p.count >= 2, let f = p.first, f == "\"" || f == "'", p.last == f {
                p = p.dropFirst().dropLast()
            }
            return String(p)
        }.joined(separator: ".")
    }

    private static func closeEnough(_ a: String, _ b: String) -> Bool {
        // Levenshtein distance <= 2.
        let x = Array(a), y = Array(b)
        if abs(x.count - y.count) > 2 { return false }
        var prev = Array(0...y.count)
        for i in 1...max(1, x.count) where !x.isEmpty {
            var cur = [i] + Array(repeating: 0, count: y.count)
            for j in stride(from: 1, through: y.count, by: 1) {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return prev[y.count] <= 2
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return s
    }
}

