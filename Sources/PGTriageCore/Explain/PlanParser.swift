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

    /// The first plan of the input; when it holds several (a statement with rules, a log with
    /// nested statements, several results), a warning says so (`parseAll` reads them all).
    public static func parse(_ raw: String) throws -> Plan {
        let plans = try parseAll(raw)
        var first = plans[0]
        if plans.count > 1 {
            first.warnings.append("the input holds \(plans.count) plans; the first is shown")
        }
        return first
    }

    /// Every plan of the input, in order: each psql result, each auto_explain entry, each plan
    /// of a JSON array or of several in one text (EXPLAIN prints one per statement a rule makes).
    public static func parseAll(_ raw: String) throws -> [Plan] {
        guard raw.utf8.count <= maximumInputBytes else { throw tooLarge(raw.utf8.count) }
        let inputs = normalize(raw).filter { !$0.body.allSatisfy(\.isWhitespace) }
        guard !inputs.isEmpty else {
            throw PlanParseError(kind: .empty, message: "no plan in the input (it is empty)")
        }
        var plans: [Plan] = []
        for input in inputs {
            var found: [Plan]
            switch input.format {
            case .json:
                found = try parseJSON(input.body, raw: raw)
            case .yaml:
                found = try planValues(try PlanYAML.parse(input.body), raw: raw, format: .yaml)
            case .xml:
                found = try planValues(try PlanXML.parse(input.body), raw: raw, format: .xml)
            case .text:
                found = try PlanTextParser.splitPlans(input.body).map { try PlanTextParser.parse($0, raw: raw) }
            }
            for i in found.indices {
                found[i].properties.append(contentsOf: input.extraProperties.filter { key, _ in found[i].value(key) == nil })
                found[i].warnings.append(contentsOf: input.warnings)
            }
            plans += found
        }
        if plans.count > 1 {
            // Each plan is saved and shown on its own: its raw text is no longer the whole input.
            for i in plans.indices { plans[i].rawText = "" }
        }
        return plans
    }

    /// Reads a plan file (`-` for standard input): its first plan (see `parse`).
    public static func load(path: String) throws -> Plan {
        let plans = try loadAll(path: path)
        var first = plans[0]
        if plans.count > 1 { first.warnings.append("the input holds \(plans.count) plans; the first is shown") }
        return first
    }

    /// Every plan of a file (`-` for standard input).
    public static func loadAll(path: String) throws -> [Plan] {
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
        return try parseAll(String(decoding: data, as: UTF8.self))
    }

    // MARK: - Input clean-up

    enum BodyFormat { case json, text, yaml, xml }

    struct NormalisedInput {
        var body: String
        var format: BodyFormat
        var extraProperties: [(String, PlanValue)] = []
        var warnings: [String] = []

        init(body: String, isJSON: Bool, extraProperties: [(String, PlanValue)] = [], warnings: [String] = []) {
            self.body = body
            self.format = isJSON ? .json : Self.format(of: body)
            self.extraProperties = extraProperties
            self.warnings = warnings
        }

        var isJSON: Bool { format == .json }

        /// YAML (`- Plan:`) and XML (`<explain`) by their first line; the rest is text.
        static func format(of body: String) -> BodyFormat {
            var start = body.startIndex
            while start < body.endIndex, body[start].isWhitespace { start = body.index(after: start) }
            let head = body[start...].prefix(40)
            if head.hasPrefix("<explain") || head.hasPrefix("<?xml") { return .xml }
            if head.hasPrefix("- Plan:") || head.hasPrefix("Plan:") || head.hasPrefix("- Query Text:") { return .yaml }
            return .text
        }
    }

    static func normalize(_ raw: String) -> [NormalisedInput] {
        let unix = raw.withUnixLineEnds()
        if let plain = plainBody(unix) { return [plain] }
        return normalizeLines(unix)
    }

    /// `normalize` line by line: every kind of input (the log prefix, psql's frames, `+` marks,
    /// quotes from a CSV or a GUI client), one body per plan source found.
    static func normalizeLines(_ unix: String) -> [NormalisedInput] {
        var lines = unix.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let unquoted = QuotedLines.unwrap(lines) { lines = unquoted }

        // auto_explain in a server log: "... LOG:  duration: 12.3 ms  plan:" then lines starting
        // with a tab (the log's continuation lines, after any prefix a syslog adds). Each entry
        // is a plan of its own.
        let entries = lines.indices.filter { isLogPlanHeader(lines[$0]) }
        if !entries.isEmpty {
            return entries.map { start in
                var extra: [(String, PlanValue)] = []
                let header = lines[start]
                if let range = header.firstRange(of: "duration: ") {
                    let after = header[range.upperBound...].prefix { $0.isNumber || $0 == "." }
                    if let ms = Double(after) { extra.append(("Duration", .number(ms))) }
                }
                let tail = header.firstRange(of: "plan:").map { String(header[$0.upperBound...]).trimmedPlanSpaces() } ?? ""
                var body: [String] = tail.isEmpty ? [] : [tail]
                let rest = lines[(start + 1)...]
                let tabbed = rest.first?.contains("\t") ?? false
                for line in rest {
                    if isLogPlanHeader(line) { break }
                    if tabbed {
                        guard let tab = line.firstIndex(of: "\t") else { break }
                        body.append(String(line[line.index(after: tab)...]))
                    } else {
                        body.append(line)
                    }
                }
                var input = bodyInput(body)
                input.extraProperties = extra + input.extraProperties
                return input
            }
        }

        // psql's result tables (any border, line style, expanded or unaligned, any title), each
        // with the statement psql echoed before it, if any.
        if let tables = PsqlOutput.extract(lines) {
            return tables.map { table in
                var input = bodyInput(table.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), fromPsql: true)
                if let query = table.echoedQuery { input.extraProperties.append(("Query Text", .string(query))) }
                return input
            }
        }
        return [bodyInput(lines)]
    }

    static func isLogPlanHeader(_ line: String) -> Bool {
        (line.contains("duration:") && line.hasSuffix("plan:")) || line.contains("  plan:")
    }

    /// One plan source's lines as a body: JSON joined where psql or a terminal wrapped it.
    static func bodyInput(_ lines: [String], fromPsql: Bool = false) -> NormalisedInput {
        let firstChar = lines.lazy.flatMap { $0 }.first { !$0.isWhitespace }
        let isJSON = firstChar == "[" || firstChar == "{"
        if isJSON && fromPsql { return NormalisedInput(body: JSONRepair.joinWrapped(lines), isJSON: true) }
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
            return NormalisedInput(body: text, isJSON: true)
        }
        let body = lines.map { $0.droppingTrailingPlanSpaces() }.joined(separator: "\n")
        return NormalisedInput(body: body, isJSON: isJSON)
    }

    /// `normalize` for the common input (no log prefix, no psql frame, no `+` marks), in one
    /// pass over the bytes instead of a String per line and several searches through each: the
    /// lines without their trailing blanks. Nil when the input needs the general path.
    static func plainBody(_ text: String) -> NormalisedInput? {
        var text = text
        return text.withUTF8 { bytes -> NormalisedInput? in
            // A log entry, a psql table (its rule line, its row count): the general path.
            guard !contains(bytes, "plan:"), !contains(bytes, "QUERY PLAN"), !contains(bytes, "---"), !contains(bytes, "─"),
                  !contains(bytes, " row)"), !contains(bytes, " rows)") else { return nil }
            var first: UInt8?
            for byte in bytes where !(byte == 32 || (9...13).contains(byte)) {
                first = byte
                break
            }
            // A non-ASCII first character may be a Unicode blank or a box line, a quote may be
            // a CSV's, YAML and XML have their own readers: the general path decides.
            if let first, first >= 0x80 || first == UInt8(ascii: "\"") || first == UInt8(ascii: "'")
                || first == UInt8(ascii: "<") || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "|") { return nil }
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

    static func parseJSON(_ body: String, raw: String) throws -> [Plan] {
        let document: PlanValue
        do {
            document = try JSONInput.parse(body)
        } catch let error as JSONInputError {
            throw PlanParseError(kind: .invalidJSON, message: "invalid JSON: \(error.message)", line: error.line, column: error.column)
        }
        return try planValues(document, raw: raw, format: .json)
    }

    /// The plans of a document read from JSON, YAML or XML (the same shape: an array of
    /// `{"Plan": ...}` objects, one per statement, or one such object, or just a node).
    static func planValues(_ document: PlanValue, raw: String, format: BodyFormat) throws -> [Plan] {
        let name = format == .json ? "JSON" : format == .yaml ? "YAML" : "XML"
        var tops: [PlanValue] = [document]
        if let items = document.array {
            guard !items.isEmpty else { throw PlanParseError(kind: .notAPlan, message: "the \(name) is an empty list, not a plan") }
            tops = items
        }
        return try tops.map { top in
            guard let members = top.members else {
                throw PlanParseError(kind: .notAPlan, message: "the \(name) is not an EXPLAIN plan (expected an object with \"Plan\")")
            }
            let rootValue: PlanValue
            var planProperties: [(String, PlanValue)] = []
            if let plan = top["Plan"] {
                rootValue = plan
                planProperties = members.filter { $0.0 != "Plan" }
            } else if top["Node Type"] != nil {
                rootValue = top  // just the "Plan" object
            } else {
                throw PlanParseError(kind: .notAPlan, message: "the \(name) is not an EXPLAIN plan (no \"Plan\" member)")
            }
            var nodes: [PlanNode] = []
            try flatten(rootValue, parent: nil, depth: 0, into: &nodes)
            // YAML and XML are read into JSON's shape: the plan is JSON from here on.
            return Plan(nodes: nodes, properties: planProperties, rawText: format == .json ? raw : "", sourceFormat: .json)
        }
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
