/// Optional figures stored in 8 bytes instead of 16.
///
/// An `Int64?` or `Double?` takes 9 bytes, padded to 16 between other figures: the Statements
/// pane keeps two buffers of thousands of rows, a third of whose bytes were that padding. These
/// wrappers keep "none" as a value no figure takes (`Int64.min`; a NaN with a payload no
/// arithmetic produces), and read and write as the optional they stand for: in code, in
/// `==`, and in Codable (a nil is left out of the JSON, as a plain optional is).

/// An `Int64?` in 8 bytes; `Int64.min` stands for nil (counters are never that low).
@propertyWrapper
public struct CompactInt64: Sendable, Hashable {
    private var raw: Int64
    private static let none = Int64.min

    public init(wrappedValue: Int64?) { raw = wrappedValue ?? Self.none }

    public var wrappedValue: Int64? {
        get { raw == Self.none ? nil : raw }
        set { raw = newValue ?? Self.none }
    }
}

/// A `Double?` in 8 bytes; one NaN bit pattern stands for nil. Only that pattern: a NaN that
/// arithmetic made stays a NaN.
@propertyWrapper
public struct CompactDouble: Sendable {
    private var raw: Double
    /// A quiet NaN with a payload arithmetic never produces (its NaNs carry payload 0).
    private static let none = Double(nan: 0x5EED, signaling: false)

    public init(wrappedValue: Double?) { raw = wrappedValue ?? Self.none }

    public var wrappedValue: Double? {
        get { raw.bitPattern == Self.none.bitPattern ? nil : raw }
        set { raw = newValue ?? Self.none }
    }
}

extension CompactDouble: Equatable {
    /// As the optionals compare: nil equals nil, a NaN equals nothing.
    public static func == (a: CompactDouble, b: CompactDouble) -> Bool { a.wrappedValue == b.wrappedValue }
}

/// What both wrappers share: the optional they stand for, and its Codable form.
public protocol CompactOptional: Codable {
    associatedtype Value: Codable
    init(wrappedValue: Value?)
    var wrappedValue: Value? { get }
}

extension CompactInt64: CompactOptional {}
extension CompactDouble: CompactOptional {}

extension CompactOptional {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(wrappedValue: container.decodeNil() ? nil : try container.decode(Value.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value = wrappedValue { try container.encode(value) } else { try container.encodeNil() }
    }
}

// Synthesized Codable calls these for a wrapped property (the most specific overload): a nil
// is left out and a missing key decodes as nil, exactly as for a plain optional property.
extension KeyedEncodingContainer {
    public mutating func encode<Compact: CompactOptional>(_ value: Compact, forKey key: Key) throws {
        try encodeIfPresent(value.wrappedValue, forKey: key)
    }
}

extension KeyedDecodingContainer {
    public func decode<Compact: CompactOptional>(_ type: Compact.Type, forKey key: Key) throws -> Compact {
        Compact(wrappedValue: try decodeIfPresent(Compact.Value.self, forKey: key))
    }
}
