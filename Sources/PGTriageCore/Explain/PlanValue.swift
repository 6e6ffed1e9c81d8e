/// A property value of a plan, as EXPLAIN gave it: the JSON value types, with object members
/// kept in document order (unknown fields are kept, never dropped).
public indirect enum PlanValue: Sendable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([PlanValue])
    case object([(String, PlanValue)])

    public static func == (lhs: PlanValue, rhs: PlanValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        default: return false
        }
    }

    public var double: Double? {
        switch self {
        case .number(let value): return value
        case .string(let text): return Double(text)
        default: return nil
        }
    }

    public var int: Int? {
        guard let value = double, value.isFinite, abs(value) < 9e18 else { return nil }
        return Int(value.rounded())
    }

    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var bool: Bool? {
        switch self {
        case .bool(let value): return value
        case .string(let text): return text == "true" ? true : (text == "false" ? false : nil)
        default: return nil
        }
    }

    public var array: [PlanValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var members: [(String, PlanValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    public subscript(key: String) -> PlanValue? {
        members?.first { $0.0 == key }?.1
    }

    /// One line for a property list: strings as they are, arrays joined with ", ".
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value): return PlanValue.format(value)
        case .string(let text): return text
        case .array(let items): return items.map(\.description).joined(separator: ", ")
        case .object(let members): return members.map { "\($0.0): \($0.1.description)" }.joined(separator: ", ")
        }
    }

    /// Integers without a fraction, others with up to 3 decimals (as EXPLAIN prints times).
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String((value * 1000).rounded() / 1000)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// The value as our JSON output type (integral numbers as integers).
    public var jsonValue: JSONValue {
        switch self {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .number(let value):
            if value == value.rounded(), abs(value) < 9e15 { return .integer(Int64(value)) }
            return .number(value)
        case .string(let text): return .string(text)
        case .array(let items): return .array(items.map(\.jsonValue))
        case .object(let members): return .object(members.map { ($0.0, $0.1.jsonValue) })
        }
    }
}

/// Where a JSON document stopped making sense.
public struct JSONInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// Byte offset (0-based), line and column (1-based) in the parsed text.
    public var offset: Int
    public var line: Int
    public var column: Int

    public var description: String { "\(message) at line \(line), column \(column)" }
}

/// A small strict JSON reader (RFC 8259) over UTF-8 bytes: keeps object members in document
/// order, reports the position of the first error, and never traps (depth is bounded, every
/// index is checked). Foundation's JSONSerialization is not available without Foundation, and
/// JSONDecoder loses member order.
public enum JSONInput {
    public static let maximumDepth = 256

    public static func parse(_ text: String) throws -> PlanValue {
        var reader = Reader(bytes: Array(text.utf8))
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.index == reader.bytes.count else { throw reader.error("unexpected text after the JSON value") }
        return value
    }

    struct Reader {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        func error(_ message: String, at position: Int? = nil) -> JSONInputError {
            let end = min(position ?? index, bytes.count)
            var line = 1, column = 1
            var i = 0
            while i < end {
                if bytes[i] == 10 { line += 1; column = 1 } else if bytes[i] & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
            return JSONInputError(message: message, offset: end, line: line, column: column)
        }

        mutating func skipWhitespace() {
            while index < bytes.count, bytes[index] == 32 || bytes[index] == 9 || bytes[index] == 10 || bytes[index] == 13 {
                index += 1
            }
        }

        var atEnd: Bool { index >= bytes.count }

        mutating func value(depth: Int) throws -> PlanValue {
            guard depth < JSONInput.maximumDepth else { throw error("JSON nested deeper than \(JSONInput.maximumDepth) levels") }
            guard index < bytes.count else { throw error("the JSON ends early (truncated?)") }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
            default: throw error("unexpected character '\(printable(bytes[index]))'")
            }
        }

        func printable(_ byte: UInt8) -> String {
            (32..<127).contains(byte) ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16)
        }

        mutating func literal(_ word: String) throws {
            for expected in word.utf8 {
                guard index < bytes.count else { throw error("the JSON ends early (truncated?)") }
                guard bytes[index] == expected else { throw error("invalid literal, expected \(word)") }
                index += 1
            }
        }

        mutating func number() throws -> Double {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            func digits() -> Int {
                let from = index
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
                return index - from
            }
            guard index < bytes.count else { throw error("the JSON ends early (truncated?)") }
            if bytes[index] == UInt8(ascii: "0") { index += 1 } else if digits() == 0 { throw error("invalid number") }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { throw error("invalid number: digits expected after '.'") }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { throw error("invalid number: exponent digits expected") }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard let value = Double(text) else { throw error("invalid number", at: start) }
            return value
        }

        mutating func hex4() throws -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard index < bytes.count else { throw error("the JSON ends early (truncated?)") }
                let b = bytes[index]
                let digit: UInt32
                switch b {
                case 48...57: digit = UInt32(b - 48)
                case 65...70: digit = UInt32(b - 55)
                case 97...102: digit = UInt32(b - 87)
                default: throw error("invalid \\u escape")
                }
                value = value * 16 + digit
                index += 1
            }
            return value
        }

        mutating func string() throws -> String {
            let start = index
            index += 1  // opening quote
            var buffer: [UInt8] = []
            while true {
                guard index < bytes.count else { throw error("unterminated string (truncated?)", at: start) }
                let b = bytes[index]
                if b == UInt8(ascii: "\"") { index += 1; break }
                if b == 10 { throw error("a string runs past the end of its line (cut or wrapped?)") }
                if b < 0x20 { throw error("control character in a string") }
                if b != UInt8(ascii: "\\") { buffer.append(b); index += 1; continue }
                index += 1
                guard index < bytes.count else { throw error("unterminated string (truncated?)", at: start) }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): buffer.append(34)
                case UInt8(ascii: "\\"): buffer.append(92)
                case UInt8(ascii: "/"): buffer.append(47)
                case UInt8(ascii: "b"): buffer.append(8)
                case UInt8(ascii: "f"): buffer.append(12)
                case UInt8(ascii: "n"): buffer.append(10)
                case UInt8(ascii: "r"): buffer.append(13)
                case UInt8(ascii: "t"): buffer.append(9)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), index + 1 < bytes.count,
                       bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        let save = index
                        index += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            index = save
                        }
                    }
                    let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    buffer.append(contentsOf: Array(String(Character(character)).utf8))
                default:
                    throw error("invalid escape '\\\(printable(escape))'")
                }
            }
            return String(decoding: buffer, as: UTF8.self)
        }

        mutating func array(depth: Int) throws -> PlanValue {
            index += 1
            var items: [PlanValue] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                skipWhitespace()
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw error("the JSON ends early: ']' expected (truncated?)") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                throw error("',' or ']' expected")
            }
        }

        mutating func object(depth: Int) throws -> PlanValue {
            index += 1
            var members: [(String, PlanValue)] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            while true {
                skipWhitespace()
                guard index < bytes.count else { throw error("the JSON ends early: a member name expected (truncated?)") }
                guard bytes[index] == UInt8(ascii: "\"") else { throw error("a member name in double quotes expected") }
                let key = try string()
                skipWhitespace()
                guard index < bytes.count else { throw error("the JSON ends early: ':' expected (truncated?)") }
                guard bytes[index] == UInt8(ascii: ":") else { throw error("':' expected after member name") }
                index += 1
                skipWhitespace()
                members.append((key, try value(depth: depth + 1)))
                skipWhitespace()
                guard index < bytes.count else { throw error("the JSON ends early: '}' expected (truncated?)") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                throw error("',' or '}' expected")
            }
        }
    }
}

/// Writes a PlanValue as JSON text (EXPLAIN's own indentation style: two spaces).
enum JSONOutput {
    static func write(_ value: PlanValue, indent: Int = 0, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let number): out += number.isFinite ? PlanValue.formatJSONNumber(number) : "null"
        case .string(let text): out += quote(text)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad + "  "
                write(item, indent: indent + 2, into: &out)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += pad + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (key, item)) in members.enumerated() {
                out += pad + "  " + quote(key) + ": "
                write(item, indent: indent + 2, into: &out)
                out += i == members.count - 1 ? "\n" : ",\n"
            }
            out += pad + "}"
        }
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || JSONValue.terminalActsOn(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension PlanValue {
    static func formatJSONNumber(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// The value as JSON text.
    public func jsonText() -> String {
        var out = ""
        JSONOutput.write(self, into: &out)
        return out
    }
}
