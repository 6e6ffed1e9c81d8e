/// Why a plan could not be read: one line a person can act on, with the position when there is one.
public struct PlanParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Nothing but blanks (or psql's frame) in the input.
        case empty
        /// Looks like JSON but is not valid JSON (often a truncated copy).
        case invalidJSON
        /// Valid JSON that is not an EXPLAIN plan.
        case notAPlan
        /// Text format we could not make a plan of.
        case invalidText
        /// More than `PlanParser.maximumInputBytes`: refused before any parsing.
        case tooLarge
    }

    public var kind: Kind
    public var message: String
    /// 1-based line and column in the normalised input (after psql's frame and log prefixes
    /// were taken off), when known.
    public var line: Int?
    public var column: Int?

    public init(kind: Kind, message: String, line: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        var text = message
        if let line {
            text += " (line \(line)"
            if let column { text += ", column \(column)" }
            text += ")"
        }
        return text
    }
}

/// Reads a plan from what DBAs actually have: EXPLAIN (FORMAT JSON) output, the same pasted from
/// psql (`QUERY PLAN` header, dashes, `+` continuation marks, `(1 row)` footer, wrapped lines),
/// the default text format as psql prints it, and auto_explain's entries in a server log (text or
/// JSON, with or without the `LOG:  duration: ... plan:` prefix).
public enum PlanParser {
    /// The largest input read (50 MB): a plan of 10 000 nodes in FORMAT JSON is about 11 MB. A
    /// larger input is refused at once with one message, not parsed for minutes.
    public static let maximumInputBytes = 50 * 1024 * 1024

    static func tooLarge(_ bytes: Int?) -> PlanParseError {
        let size = bytes.map { "\(($0 + 1024 * 1024 - 1) / (1024 * 1024)) MB" } ?? "more than 50 MB"
        return PlanParseError(kind: .tooLarge, message: "the input is too large (\(size)): plans up to 50 MB are read")
    }

    public static func parse(_ raw: String) throws -> Plan {
        guard raw.utf8.count <= maximumInputBytes else { throw tooLarge(raw.utf8.count) }
        let input = normalize(raw)
        guard !input.body.allSatisfy(\.isWhitespace) else {
            throw PlanParseError(kind: .empty, message: "no plan in the input (it is empty)")
        }
        var plan: Plan
        if input.isJSON {
            plan = try parseJSON(input.body, raw: raw)
        } else {
            plan = try PlanTextParser.parse(input.body, raw: raw)
        }
        plan.properties.append(contentsOf: input.extraProperties.filter { key, _ in plan.value(key) == nil })
        plan.warnings.append(contentsOf: input.warnings)
        return plan
    }

    /// Reads a plan file (`-` for standard input).
    public static func load(path: String) throws -> Plan {
        let data: [UInt8]
        if path == "-" {
            data = readAll(fd: 0, limit: maximumInputBytes)
        } else {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw PlanParseError(kind: .empty, message: "cannot read \(path)") }
            defer { close(fd) }
            var info = stat()
            if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > maximumInputBytes {
                throw tooLarge(Int(info.st_size))
            }
            data = readAll(fd: fd, limit: maximumInputBytes)
        }
        // A pipe or a special file says its size only by being read: stopped one byte past the limit.
        guard data.count <= maximumInputBytes else { throw tooLarge(nil) }
        return try parse(String(decoding: data, as: UTF8.self))
    }

    // MARK: - Input clean-up

    struct NormalisedInput {
        var body: String
        var isJSON: Bool
        var extraProperties: [(String, PlanValue)] = []
        var warnings: [String] = []
    }

    static func normalize(_ raw: String) -> NormalisedInput {
        let unix = raw.withUnixLineEnds()
        return plainBody(unix) ?? normalizeLines(unix)
    }

    /// `normalize` line by line: every kind of input (the log prefix, psql's frames, `+` marks).
    static func normalizeLines(_ unix: String) -> NormalisedInput {
        var lines = unix.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var extra: [(String, PlanValue)] = []
        var warnings: [String] = []

        // auto_explain in a server log: "... LOG:  duration: 12.3 ms  plan:" then lines starting
        // with a tab (the log's continuation lines).
        if let start = lines.firstIndex(where: { $0.contains("duration:") && $0.hasSuffix("plan:") || $0.contains("  plan:") }) {
            let header = lines[start]
            if let range = header.firstRange(of: "duration: ") {
                let after = header[range.upperBound...].prefix { $0.isNumber || $0 == "." }
                if let ms = Double(after) { extra.append(("Duration", .number(ms))) }
            }
            var tail = header.firstRange(of: "plan:").map { String(header[$0.upperBound...]).trimmedPlanSpaces() } ?? ""
            var body: [String] = tail.isEmpty ? [] : [tail]
            let rest = lines[(start + 1)...]
            let tabbed = rest.first?.hasPrefix("\t") ?? false
            var count = 0
            for line in rest {
                if tabbed {
                    guard line.hasPrefix("\t") else { break }
                    body.append(String(line.dropFirst()))
                } else {
                    body.append(line)
                }
                count += 1
            }
            if rest.dropFirst(count).contains(where: { $0.contains("  plan:") }) {
                warnings.append("the log holds more than one plan; the first is shown")
            }
            tail = ""
            lines = body
        }

        // psql's frame.
        var fromPsql = false
        if let header = lines.firstIndex(where: { $0.trimmedPlanSpaces() == "QUERY PLAN" }),
           header + 1 < lines.count, isRuleLine(lines[header + 1]) {
            lines.removeSubrange(0...(header + 1))
            fromPsql = true
        } else if let header = lines.firstIndex(where: { $0.hasPrefix("QUERY PLAN") && $0.contains("|") }) {
            // Expanded display (\x): "QUERY PLAN | [ +" then "           | ..." lines.
            let bar = lines[header].firstIndex(of: "|")!
            let width = lines[header].distance(from: lines[header].startIndex, to: bar) + 2
            lines = lines[header...].map { line in
                line.count >= width ? String(line.dropFirst(width)) : line.trimmedPlanSpaces()
            }
            fromPsql = true
        }
        if fromPsql {
            while let last = lines.last, last.trimmedPlanSpaces().isEmpty || isRowCountFooter(last) { lines.removeLast() }
            if let footer = lines.firstIndex(where: isRowCountFooter) {
                if lines[(footer + 1)...].contains(where: { $0.trimmedPlanSpaces() == "QUERY PLAN" }) {
                    warnings.append("the input holds more than one plan; the first is shown")
                }
                lines.removeSubrange(footer...)
            }
        }

        let firstChar = lines.lazy.flatMap { $0 }.first { !$0.isWhitespace }
        let isJSON = firstChar == "[" || firstChar == "{"
        if isJSON && lines.contains(where: { $0.droppingTrailingPlanSpaces().hasSuffix("+") }) {
            // psql marks a newline inside a value with "+" at the end of the line; a line without it
            // was wrapped (by the terminal or psql's wrapped format) and goes on the next one.
            var text = ""
            var afterNewline = true
            for line in lines {
                var piece = afterNewline && line.hasPrefix(" ") ? String(line.dropFirst()) : line
                piece = piece.droppingTrailingPlanSpaces()
                if piece.hasSuffix("+") {
                    piece.removeLast()
                    text += piece.droppingTrailingPlanSpaces() + "\n"
                    afterNewline = true
                } else {
                    text += piece
                    afterNewline = false
                }
            }
            return NormalisedInput(body: text, isJSON: true, extraProperties: extra, warnings: warnings)
        }
        let body = lines.map { $0.droppingTrailingPlanSpaces() }.joined(separator: "\n")
        return NormalisedInput(body: body, isJSON: isJSON, extraProperties: extra, warnings: warnings)
    }

    /// `normalize` for the common input (no log prefix, no psql frame, no `+` marks), in one
    /// pass over the bytes instead of a String per line and several searches through each: the
    /// lines without their trailing blanks. Nil when the input needs the general path.
    static func plainBody(_ text: String) -> NormalisedInput? {
        var text = text
        return text.withUTF8 { bytes -> NormalisedInput? in
            guard !contains(bytes, "plan:"), !contains(bytes, "QUERY PLAN") else { return nil }
            var first: UInt8?
            for byte in bytes where !(byte == 32 || (9...13).contains(byte)) {
                first = byte
                break
            }
            // A non-ASCII first character may be a Unicode blank: the general path decides.
            if let first, first >= 0x80 { return nil }
            let isJSON = first == UInt8(ascii: "[") || first == UInt8(ascii: "{")
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var lineStart = 0
            var index = 0
            while index <= bytes.count {
                guard index == bytes.count || bytes[index] == 10 else { index += 1; continue }
                var end = index
                while end > lineStart, bytes[end - 1] == 32 || bytes[end - 1] == 9 { end -= 1 }
                // psql's mark of a newline inside a JSON value: the general path joins the lines.
                if isJSON, end > lineStart, bytes[end - 1] == UInt8(ascii: "+") { return nil }
                out.append(contentsOf: bytes[lineStart..<end])
                if index < bytes.count { out.append(10) }
                index += 1
                lineStart = index
            }
            return NormalisedInput(body: String(decoding: out, as: UTF8.self), isJSON: isJSON)
        }
    }

    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard count > 0, bytes.count >= count else { return false }
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: count)
        let head = pattern[0]
        var i = 0
        while i <= bytes.count - count {
            if bytes[i] == head {
                var j = 1
                while j < count, bytes[i + j] == pattern[j] { j += 1 }
                if j == count { return true }
            }
            i += 1
        }
        return false
    }

    static func isRuleLine(_ line: String) -> Bool {
        let trimmed = line.trimmedPlanSpaces()
        return !trimmed.isEmpty && trimmed.allSatisfy { $0 == "-" || $0 == "─" || $0 == "+" || $0 == "═" }
    }

    static func isRowCountFooter(_ line: String) -> Bool {
        let trimmed = line.trimmedPlanSpaces()
        guard trimmed.hasPrefix("("), trimmed.hasSuffix(" row)") || trimmed.hasSuffix(" rows)") else { return false }
        return trimmed.dropFirst().prefix { $0 != " " }.allSatisfy(\.isNumber)
    }

    // MARK: - JSON

    static func parseJSON(_ body: String, raw: String) throws -> Plan {
        let document: PlanValue
        do {
            document = try JSONInput.parse(body)
        } catch let error as JSONInputError {
            throw PlanParseError(kind: .invalidJSON, message: "invalid JSON: \(error.message)", line: error.line, column: error.column)
        }
        var warnings: [String] = []
        var top: PlanValue = document
        if let items = document.array {
            guard let first = items.first else { throw PlanParseError(kind: .notAPlan, message: "the JSON is an empty array, not a plan") }
            if items.count > 1 { warnings.append("the input holds \(items.count) plans; the first is shown") }
            top = first
        }
        guard let members = top.members else {
            throw PlanParseError(kind: .notAPlan, message: "the JSON is not an EXPLAIN plan (expected an object with \"Plan\")")
        }
        let rootValue: PlanValue
        var planProperties: [(String, PlanValue)] = []
        if let plan = top["Plan"] {
            rootValue = plan
            planProperties = members.filter { $0.0 != "Plan" }
        } else if top["Node Type"] != nil {
            rootValue = top  // just the "Plan" object
        } else {
            throw PlanParseError(kind: .notAPlan, message: "the JSON is not an EXPLAIN plan (no \"Plan\" member)")
        }
        var nodes: [PlanNode] = []
        try flatten(rootValue, parent: nil, depth: 0, into: &nodes)
        return Plan(nodes: nodes, properties: planProperties, rawText: raw, sourceFormat: .json, warnings: warnings)
    }

    private static func flatten(_ value: PlanValue, parent: Int?, depth: Int, into nodes: inout [PlanNode]) throws {
        guard let members = value.members else {
            throw PlanParseError(kind: .notAPlan, message: "a plan node is not a JSON object")
        }
        guard value["Node Type"]?.string != nil else {
            throw PlanParseError(kind: .notAPlan, message: "a plan node has no \"Node Type\"")
        }
        let id = nodes.count
        let properties = members.filter { $0.0 != "Plans" }
        let workers = (value["Workers"]?.array ?? []).enumerated().map { index, item in
            PlanWorker(number: item["Worker Number"]?.int ?? index, properties: item.members ?? [])
        }
        nodes.append(PlanNode(id: id, parentID: parent, depth: depth, properties: properties, workers: workers))
        if let parent { nodes[parent].childIDs.append(id) }
        if let children = value["Plans"] {
            guard let items = children.array else { throw PlanParseError(kind: .notAPlan, message: "\"Plans\" is not an array") }
            for child in items { try flatten(child, parent: id, depth: depth + 1, into: &nodes) }
        }
    }

    /// Everything `fd` gives, but no more than `limit` + 1 bytes.
    private static func readAll(fd: Int32, limit: Int) -> [UInt8] {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while data.count <= limit {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, min($0.count, limit + 1 - data.count)) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return data
    }
}

#if canImport(Glibc)
import Glibc
#endif

extension String {
    func withUnixLineEnds() -> String {
        guard utf8.contains(13) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars where scalar != "\r" { out.unicodeScalars.append(scalar) }
        return out
    }

    func trimmedPlanSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }

    func droppingTrailingPlanSpaces() -> String {
        var slice = Substring(self)
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
