/// Little-endian integers, LEB128 varints and length-prefixed blobs: the frame's building blocks
/// (docs/recording.md). The reader throws on anything short or out of range, never traps.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ value: UInt8) { bytes.append(value) }
    mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func i64(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func varint(_ value: Int) {
        var rest = UInt64(value)
        while rest >= 0x80 { bytes.append(UInt8(rest & 0x7f) | 0x80); rest >>= 7 }
        bytes.append(UInt8(rest))
    }
    /// A varint length, then the bytes.
    mutating func blob(_ value: [UInt8]) { varint(value.count); bytes.append(contentsOf: value) }
    mutating func string(_ value: String) { blob(Array(value.utf8)) }
}

struct ByteReader {
    let bytes: ArraySlice<UInt8>
    private(set) var position: Int

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes; position = bytes.startIndex }

    var atEnd: Bool { position >= bytes.endIndex }
    var remaining: Int { bytes.endIndex - position }

    mutating func take(_ count: Int) throws(RecordingFormatError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else { throw .malformed("ends early") }
        defer { position += count }
        return bytes[position..<position + count]
    }
    mutating func u8() throws(RecordingFormatError) -> UInt8 { try take(1).first! }
    mutating func u32() throws(RecordingFormatError) -> UInt32 {
        try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }
    mutating func i64() throws(RecordingFormatError) -> Int64 {
        Int64(bitPattern: try take(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }
    mutating func varint() throws(RecordingFormatError) -> Int {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 63, by: 7) {
            let byte = try u8()
            value |= UInt64(byte & 0x7f) << UInt64(shift)
            if byte < 0x80 {
                guard value <= UInt64(Int32.max) else { throw .malformed("a count out of range") }
                return Int(value)
            }
        }
        throw .malformed("a count out of range")
    }
    mutating func blob() throws(RecordingFormatError) -> ArraySlice<UInt8> { try take(try varint()) }
    mutating func string() throws(RecordingFormatError) -> String { String(decoding: try blob(), as: UTF8.self) }
}

/// A frame or header that does not read as the format says (the reader's damage reasons).
public enum RecordingFormatError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    public var description: String {
        switch self { case .malformed(let why): return why }
    }
}
