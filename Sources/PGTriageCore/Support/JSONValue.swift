#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A JSON document built in code, for output whose shape is a documented contract: every key is
/// present and absent values are written as `null` (synthesised Codable would drop them).
/// Encoding is Foundation's JSONEncoder, which does not keep the members' order on Linux: keys
/// are written sorted, so the same document always reads the same (diffs, `grep`, tickets).
public indirect enum JSONValue: Encodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int64)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.integer(a), .integer(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        default: return false
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .object(let members):
            var container = encoder.container(keyedBy: Key.self)
            for (key, value) in members { try container.encode(value, forKey: Key(key)) }
        case .array(let items):
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(item) }
        default:
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case .bool(let value): try container.encode(value)
            case .number(let value): value.isFinite ? try container.encode(value) : try container.encodeNil()
            case .integer(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            default: break
            }
        }
    }

    public func encoded(pretty: Bool = true) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return Self.escapingTerminalControls(String(decoding: try encoder.encode(self), as: UTF8.self))
    }

    /// DEL, C1 controls, line and paragraph separators, bidirectional overrides: what a terminal
    /// acts on or reorders beyond the C0 controls every JSON writer escapes.
    static func terminalActsOn(_ v: UInt32) -> Bool {
        (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// JSON goes to terminals too (`snapshot --json | less`): the encoder (and the server's
    /// `EXPLAIN (FORMAT JSON)`) escapes C0 controls but writes C1 controls (an 8-bit CSI can clear
    /// a screen), line separators and bidirectional overrides raw. They can only be inside
    /// strings, so escaping them here keeps the same JSON.
    public static func escapingTerminalControls(_ json: String) -> String {
        let needsEscape = terminalActsOn
        guard json.unicodeScalars.contains(where: { needsEscape($0.value) }) else { return json }
        var out = String.UnicodeScalarView()
        let hex = Array("0123456789abcdef".unicodeScalars)
        for scalar in json.unicodeScalars {
            let v = scalar.value
            guard needsEscape(v) else { out.append(scalar); continue }
            out.append(contentsOf: "\\u".unicodeScalars)
            for shift in [12, 8, 4, 0] { out.append(hex[Int((v >> UInt32(shift)) & 0xF)]) }
        }
        return String(out)
    }
}

extension JSONValue {
    public static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    public static func optional(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
    public static func optional(_ value: Int?) -> JSONValue { value.map { .integer(Int64($0)) } ?? .null }
    public static func optional(_ value: Date?) -> JSONValue { value.map { .string(ISOTime.string($0)) } ?? .null }
}
