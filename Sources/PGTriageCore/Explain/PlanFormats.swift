/// EXPLAIN's YAML and XML formats, read into the JSON shape (`PlanValue`) the JSON reader takes,
/// and lines quoted by a CSV export or a GUI client. Each is one pass over its input.

/// `EXPLAIN (FORMAT YAML)`: the subset PostgreSQL writes (explain.c): `Key: value` mappings,
/// `- ` list items (a mapping item starts on the dash's line), strings in double quotes,
/// numbers and booleans bare, nesting by two spaces.
enum PlanYAML {
    struct Line {
        var indent: Int
        var text: Substring
        var number: Int
    }

    static func parse(_ body: String) throws -> PlanValue {
        var lines: [Line] = []
        for (i, raw) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = raw.drop { $0 == " " }
            guard !trimmed.allSatisfy({ $0 == " " || $0 == "\t" }) else { continue }
            lines.append(Line(indent: raw.count - trimmed.count, text: Substring(String(trimmed).droppingTrailingPlanSpaces()), number: i + 1))
        }
        var index = 0
        guard let first = lines.first else { throw PlanParseError(kind: .empty, message: "no plan in the input (it is empty)") }
        let value = try block(&lines, &index, indent: first.indent)
        if index < lines.count {
            throw error(lines[index], "a line indented as no key above it is (expected \"Key: value\" or \"- item\")")
        }
        return value
    }

    static func error(_ line: Line, _ message: String) -> PlanParseError {
        PlanParseError(kind: .invalidText, message: "invalid YAML: \(message)", line: line.number, column: line.indent + 1)
    }

    /// The mapping or list whose lines are at `indent`.
    static func block(_ lines: inout [Line], _ index: inout Int, indent: Int) throws -> PlanValue {
        guard index < lines.count else { return .null }
        if lines[index].text.hasPrefix("- ") || lines[index].text == "-" {
            var items: [PlanValue] = []
            while index < lines.count, lines[index].indent == indent, lines[index].text.hasPrefix("-") {
                let rest = lines[index].text.dropFirst().drop { $0 == " " }
                if keyValue(rest) != nil {
                    // A mapping item: its first entry is on the dash's line, two columns in.
                    lines[index] = Line(indent: indent + 2, text: rest, number: lines[index].number)
                    items.append(try mapping(&lines, &index, indent: indent + 2))
                } else {
                    items.append(scalar(rest))
                    index += 1
                }
            }
            return .array(items)
        }
        return try mapping(&lines, &index, indent: indent)
    }

    static func mapping(_ lines: inout [Line], _ index: inout Int, indent: Int) throws -> PlanValue {
        var members: [(String, PlanValue)] = []
        while index < lines.count, lines[index].indent == indent, !lines[index].text.hasPrefix("- ") {
            let line = lines[index]
            guard let (key, value) = keyValue(line.text) else { throw error(line, "expected \"Key: value\"") }
            index += 1
            if value.isEmpty {
                if index < lines.count, lines[index].indent > indent
                    || (lines[index].indent == indent && lines[index].text.hasPrefix("- ")) {
                    members.append((key, try block(&lines, &index, indent: lines[index].indent)))
                } else {
                    members.append((key, .string("")))
                }
            } else {
                members.append((key, scalar(value)))
            }
        }
        if index < lines.count, lines[index].indent > indent {
            throw error(lines[index], "a line indented deeper than the key above it")
        }
        return .object(members)
    }

    /// `Key: value` (the key has no quotes in EXPLAIN's YAML; `Key:` alone opens a block).
    static func keyValue(_ text: Substring) -> (String, Substring)? {
        guard !text.hasPrefix("\""), let colon = text.firstRange(of: ": ")?.lowerBound ?? (text.hasSuffix(":") ? text.index(before: text.endIndex) : nil) else { return nil }
        let key = String(text[..<colon])
        guard !key.isEmpty else { return nil }
        return (key, text[text.index(after: colon)...].drop { $0 == " " })
    }

    static func scalar(_ text: Substring) -> PlanValue {
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 {
            var out = ""
            var escaped = false
            for c in text.dropFirst().dropLast() {
                if escaped {
                    switch c {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    default: out.append(c)
                    }
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else {
                    out.append(c)
                }
            }
            return .string(out)
        }
        return typed(String(text))
    }

    /// A bare value: a number, a boolean, null, or text.
    static func typed(_ text: String) -> PlanValue {
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null", "~": return .null
        default:
            if let number = Double(text), text.first.map({ $0.isNumber || $0 == "-" }) == true { return .number(number) }
            return .string(text)
        }
    }
}

/// `EXPLAIN (FORMAT XML)`: `<explain><Query><Plan>...`, tag names with `-` for the blanks and
/// slashes of JSON's names, lists as a parent of same-named children (`Plans`/`Plan`,
/// `Workers`/`Worker`) or of `Item`s.
enum PlanXML {
    final class Element {
        var name: String
        var children: [Element] = []
        var text = ""
        init(name: String) { self.name = name }
    }

    static func parse(_ body: String) throws -> PlanValue {
        let chars = Array(body)
        var stack: [Element] = [Element(name: "#document")]
        var i = 0
        var line = 1
        var lineStart = 0
        func fail(_ message: String) -> PlanParseError {
            PlanParseError(kind: .invalidText, message: "invalid XML: \(message)", line: line, column: i - lineStart + 1)
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\n" { line += 1; lineStart = i + 1 }
            if c != "<" {
                stack[stack.count - 1].text.append(c)
                i += 1
                continue
            }
            var j = i + 1
            while j < chars.count, chars[j] != ">" { j += 1 }
            guard j < chars.count else { throw fail("a tag is not closed (expected \">\")") }
            let tag = String(chars[(i + 1)..<j])
            if tag.hasPrefix("?") || tag.hasPrefix("!") {
                // declaration or comment
            } else if tag.hasPrefix("/") {
                let name = String(tag.dropFirst()).trimmedPlanSpaces()
                guard stack.count > 1, stack[stack.count - 1].name == name else {
                    throw fail("</\(name)> closes \(stack.count > 1 ? "<\(stack[stack.count - 1].name)>" : "nothing")")
                }
                let done = stack.removeLast()
                stack[stack.count - 1].children.append(done)
            } else {
                let selfClosing = tag.hasSuffix("/")
                let name = String((selfClosing ? tag.dropLast() : Substring(tag)).prefix { $0 != " " && $0 != "\t" && $0 != "\n" })
                let element = Element(name: name)
                if selfClosing { stack[stack.count - 1].children.append(element) } else { stack.append(element) }
            }
            i = j + 1
        }
        guard stack.count == 1 else { throw fail("<\(stack[stack.count - 1].name)> is not closed (truncated?)") }
        guard let root = stack[0].children.first else { throw fail("no element (expected <explain>)") }
        // <explain> holds one <Query> per statement: a list, as JSON's top-level array.
        if root.name == "explain" { return .array(root.children.map(value)) }
        return value(root)
    }

    static func value(_ element: Element) -> PlanValue {
        if element.children.isEmpty { return PlanYAML.typed(unescape(element.text.trimmedPlanSpaces())) }
        let names = Set(element.children.map(\.name))
        if names.count == 1, let only = names.first, only == "Item" || element.name == only + "s" {
            return .array(element.children.map(value))
        }
        return .object(element.children.map { (jsonKey($0.name), value($0)) })
    }

    /// `Node-Type` -> `Node Type`, `I-O-Read-Time` -> `I/O Read Time`, `Pre-sorted-Groups` ->
    /// `Pre-sorted Groups` (the names that keep a dash in JSON).
    static func jsonKey(_ tag: String) -> String {
        var key = tag.split(separator: "-", omittingEmptySubsequences: false).joined(separator: " ")
        for (spaced, real) in [("I O ", "I/O "), ("Full sort", "Full-sort"), ("Pre sorted", "Pre-sorted")] {
            if let range = key.firstRange(of: spaced) { key.replaceSubrange(range, with: real) }
        }
        return key
    }

    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { break }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "lt": out += "<"
            case "gt": out += ">"
            case "amp": out += "&"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                if entity.hasPrefix("#x"), let v = UInt32(entity.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) { out.unicodeScalars.append(u) }
                else if entity.hasPrefix("#"), let v = UInt32(entity.dropFirst()), let u = Unicode.Scalar(v) { out.unicodeScalars.append(u) }
                else { out += "&" + entity + ";" }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}

/// Lines a CSV export or a GUI client (pgAdmin, DBeaver) wrapped in quotes: every line in double
/// (or single) quotes with the quote doubled inside, or one quoted field holding the whole plan
/// (a JSON plan in a CSV cell), or psql's `--csv`, which quotes only the lines that need it.
/// An unquoted `QUERY PLAN` header line goes too.
enum QuotedLines {
    static func unwrap(_ lines: [String]) -> [String]? {
        var body = lines
        while let last = body.last, last.trimmedPlanSpaces().isEmpty { body.removeLast() }
        guard let firstIndex = body.firstIndex(where: { !$0.trimmedPlanSpaces().isEmpty }) else { return nil }
        body.removeFirst(firstIndex)
        var hadHeader = false
        if let header = body.first, ["QUERY PLAN", "\"QUERY PLAN\"", "'QUERY PLAN'"].contains(header.trimmedPlanSpaces()), body.count > 1 {
            body.removeFirst()
            hadHeader = true
        }
        guard let first = body.first?.first, first == "\"" || first == "'" else { return nil }
        let quote = first
        // One pass: a doubled quote is one quote (a whole JSON plan in one CSV cell has many).
        func inner(_ text: Substring) -> String {
            var out = ""
            out.reserveCapacity(text.utf8.count)
            var previousWasQuote = false
            for c in text {
                if c == quote && previousWasQuote { previousWasQuote = false; continue }
                previousWasQuote = c == quote
                out.append(c)
            }
            return out
        }
        // One quoted field holding the whole plan (newlines inside): "[ ... ]" in a CSV cell.
        let opensAField = body.count > 1 && !(body[0].count >= 2 && body[0].last == quote)
        if opensAField, let last = body.last, last.droppingTrailingPlanSpaces().last == quote {
            let joined = body.joined(separator: "\n").droppingTrailingPlanSpaces()
            return inner(joined.dropFirst().dropLast()).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        // Line by line: quoted lines lose their quotes; psql --csv leaves lines without a comma
        // or quote bare, so bare lines are kept as they are (after a header, or beside quoted ones).
        var quotedCount = 0
        var out: [String] = []
        for line in body {
            let trimmed = line.droppingTrailingPlanSpaces()
            if trimmed.count >= 2, trimmed.first == quote, trimmed.last == quote {
                quotedCount += 1
                out.append(inner(trimmed.dropFirst().dropLast()))
            } else {
                out.append(line)
            }
        }
        guard quotedCount == body.count || (hadHeader && quotedCount > 0) else { return nil }
        return out
    }
}
