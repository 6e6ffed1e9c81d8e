#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Backend rows as JSON, written by hand: a recording encodes the backends that changed every
/// sample, and Foundation's JSONEncoder (a tree of values, then its text) costs several times
/// more than the row's bytes. The JSON is what the synthesised `Codable` of `BackendActivity`
/// reads, and what JSONEncoder would write but for spacing of numbers: the same keys, a nil
/// field left out, a date as seconds since 2001 (JSONEncoder's default). The file format is
/// unchanged; the reader decodes these rows with JSONDecoder.
enum BackendRowJSON {
    /// The row's JSON object, or nil when JSONEncoder must write it (a date that is not finite:
    /// the recording's encoder writes those as strings).
    static func encode(_ row: BackendActivity) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(256 + row.query.utf8.count)
        out.append(UInt8(ascii: "{"))
        var first = true
        func key(_ name: StaticString) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(UInt8(ascii: "\""))
            name.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(UInt8(ascii: "\""))
            out.append(UInt8(ascii: ":"))
        }
        func string(_ name: StaticString, _ value: String?) {
            guard let value else { return }
            key(name)
            appendString(value, to: &out)
        }
        func date(_ name: StaticString, _ value: Date?) -> Bool {
            guard let value else { return true }
            let seconds = value.timeIntervalSinceReferenceDate
            guard seconds.isFinite else { return false }
            key(name)
            out.append(contentsOf: seconds.description.utf8)
            return true
        }
        key("pid"); out.append(contentsOf: String(row.pid).utf8)
        string("database", row.database)
        string("user", row.user)
        string("application", row.application)
        string("client", row.client)
        string("backendType", row.backendType)
        string("state", row.state)
        string("waitEventType", row.waitEventType)
        string("waitEvent", row.waitEvent)
        guard date("backendStart", row.backendStart), date("xactStart", row.xactStart),
              date("queryStart", row.queryStart), date("stateChange", row.stateChange) else { return nil }
        string("query", row.query)
        key("queryIsCut"); out.append(contentsOf: (row.queryIsCut ? "true" : "false").utf8)
        key("blockedBy")
        out.append(UInt8(ascii: "["))
        for (i, pid) in row.blockedBy.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: String(pid).utf8)
        }
        out.append(UInt8(ascii: "]"))
        if let wait = row.lockWait {
            key("lockWait")
            out.append(UInt8(ascii: "{"))
            first = true
            string("lockType", wait.lockType)
            string("mode", wait.mode)
            string("relation", wait.relation)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// A JSON string: quote, backslash and the C0 controls escaped, the rest as UTF-8.
    static func appendString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "\n"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\t"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case UInt8(ascii: "\r"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 0xf)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
