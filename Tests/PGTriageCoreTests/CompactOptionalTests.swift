import Foundation
import Testing
@testable import PGTriageCore

/// `CompactInt64` and `CompactDouble` stand for `Int64?` and `Double?` in 8 bytes: whatever a
/// plain optional does (nil, values at the edges, NaN, equality, JSON), they must do the same.
@Suite struct CompactOptionalTests {
    /// The same figures as a wrapped property and as a plain optional one.
    struct Wrapped: Codable, Equatable {
        @CompactInt64 var count: Int64? = nil
        @CompactDouble var ratio: Double? = nil
    }

    struct Plain: Codable, Equatable {
        var count: Int64?
        var ratio: Double?
    }

    static let values: [(Int64?, Double?)] = [
        (nil, nil), (0, 0), (-1, -0.0), (Int64.max, .greatestFiniteMagnitude), (Int64.min + 1, -.infinity),
        (42, .leastNonzeroMagnitude), (7, 1e-300), (nil, 0.5), (3, nil),
    ]

    @Test(arguments: values.indices)
    func readsBackWhatWasWritten(_ i: Int) {
        let (count, ratio) = Self.values[i]
        var wrapped = Wrapped()
        wrapped.count = count
        wrapped.ratio = ratio
        #expect(wrapped.count == count)
        #expect(wrapped.ratio?.bitPattern == ratio?.bitPattern)
    }

    /// (JSON has no infinity, for either kind.)
    @Test(arguments: values.indices.filter { values[$0].1?.isFinite ?? true })
    func encodesAndDecodesAsAPlainOptional(_ i: Int) throws {
        let (count, ratio) = Self.values[i]
        var wrapped = Wrapped()
        wrapped.count = count
        wrapped.ratio = ratio
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let plainJSON = try encoder.encode(Plain(count: count, ratio: ratio))
        #expect(String(decoding: try encoder.encode(wrapped), as: UTF8.self) == String(decoding: plainJSON, as: UTF8.self))
        #expect(try JSONDecoder().decode(Wrapped.self, from: plainJSON) == wrapped)
    }

    @Test func aMissingKeyDecodesAsNil() throws {
        let decoded = try JSONDecoder().decode(Wrapped.self, from: Data("{}".utf8))
        #expect(decoded.count == nil && decoded.ratio == nil)
    }

    /// A NaN from arithmetic is a value, not nil, and compares unequal as a Double does.
    @Test func aComputedNaNStaysANaN() {
        var a = Wrapped(), b = Wrapped()
        a.ratio = 0.0 / 0.0
        b.ratio = .nan
        #expect(a.ratio != nil && a.ratio!.isNaN)
        #expect(a != b)
        #expect(a != a)
        #expect(Wrapped() == Wrapped())
        b.ratio = nil
        #expect(a != b)
    }

    @Test func optionalFiguresTakeEightBytes() {
        #expect(MemoryLayout<CompactInt64>.size == 8)
        #expect(MemoryLayout<CompactDouble>.size == 8)
    }
}
