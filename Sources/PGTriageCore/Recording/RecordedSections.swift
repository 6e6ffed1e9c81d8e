#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a recording keeps of a snapshot: one entry per part the panes read, each by name, so a
/// reader skips a part it does not know (written by a newer pgtriage) and leaves empty a part the
/// file does not have (written by an older one). A new section joins with one line in `all`.
///
/// A part whose value is the same as in the previous sample is left out of the frame (a slow
/// section read every 30 s costs nothing in between); a list of rows is written as runs of rows
/// copied from the previous sample (same key, same value) and the rows that changed or are new.
public struct RecordedSection {
    public let name: String
    /// The part's bytes, or nil when unchanged since `previous`. A keyframe writes every part
    /// whole (`previous` is still the sample before: it says which rows' bytes can be reused).
    let encode: (_ current: Snapshot, _ previous: Snapshot?, _ keyframe: Bool, _ coder: SectionCoder) throws -> [UInt8]?
    /// Sets the part in `snapshot`, which holds the previous sample's parts (a delta frame) or
    /// none (a keyframe).
    let decode: (_ payload: ArraySlice<UInt8>, _ snapshot: inout Snapshot, _ previous: Snapshot?, _ coder: SectionCoder) throws -> Void

    /// Every recorded part of `Snapshot`, in frame order.
    public static var all: [RecordedSection] {
        [
            .value("captured_at", \.capturedAt),
            .value("server", \.info),
            .value("summary", \.summary),
            .rows("activity", \.activity, key: \.pid),
            .value("backend_count", \.backendCount),
            .value("idle_listed", \.idleListed),
            .value("blocking", \.blocking),
            .value("limitations", \.limitations),
            .rows("statements", \.statements, \.rows, key: \.id, packing: StatementsPacking.self),
            .rows("bloat", \.bloat, \.relations, key: \.id),
            .rows("indexes", \.indexes, \.indexes, key: \.id),
            .rows("tables", \.tables, \.tables, key: \.id),
            .value("replication", \.replication),
            .value("unavailable", \.unavailable),
        ]
    }

    /// A part written whole whenever it changes.
    static func value<Value: Codable & Equatable>(_ name: String, _ path: WritableKeyPath<Snapshot, Value>) -> RecordedSection {
        RecordedSection(
            name: name,
            encode: { current, previous, keyframe, coder in
                let value = current[keyPath: path]
                if !keyframe, let previous, previous[keyPath: path] == value { return nil }
                return try coder.encode([value])
            },
            decode: { payload, snapshot, _, coder in
                let values = try coder.decode([Value].self, payload)
                guard let value = values.first else { throw RecordingFormatError.malformed("empty \(name)") }
                snapshot[keyPath: path] = value
            }
        )
    }

    /// An optional section holding a list of rows identified by `key`. `packing` takes out of
    /// the rows what the section's other fields give again (so a row that did not change reads as
    /// unchanged) and puts it back on reading, exactly.
    static func rows<Section: Codable & Equatable, Row: Codable & Equatable, Key: Hashable, Packing: RowPacking>(
        _ name: String, _ path: WritableKeyPath<Snapshot, Section?>, _ rows: WritableKeyPath<Section, [Row]>,
        key: @escaping (Row) -> Key, packing: Packing.Type
    ) -> RecordedSection where Packing.Section == Section, Packing.Row == Row {
        RecordedSection(
            name: name,
            encode: { current, previous, keyframe, coder in
                let section = current[keyPath: path]
                if !keyframe, let previous, previous[keyPath: path] == section { return nil }
                guard let section else {
                    coder.forget(name)
                    return [0]
                }
                return try RowDelta.encode(name, section, rows: rows, key: key, packing: packing, keyframe: keyframe, coder: coder)
            },
            decode: { payload, snapshot, previous, coder in
                if payload.first == 0 && payload.count == 1 { snapshot[keyPath: path] = nil; return }
                var before = previous.flatMap { $0[keyPath: path] }
                if let unpacked = before {
                    let context = Packing.context(unpacked)
                    before![keyPath: rows] = unpacked[keyPath: rows].map { Packing.pack($0, context) }
                }
                var section = try RowDelta.decode(payload, rows: rows, previous: before, coder: coder)
                Packing.unpack(&section)
                snapshot[keyPath: path] = section
            }
        )
    }

    static func rows<Section: Codable & Equatable, Row: Codable & Equatable, Key: Hashable>(
        _ name: String, _ path: WritableKeyPath<Snapshot, Section?>, _ rows: WritableKeyPath<Section, [Row]>,
        key: @escaping (Row) -> Key
    ) -> RecordedSection {
        .rows(name, path, rows, key: key, packing: NoPacking<Section, Row>.self)
    }

    /// A list of rows that is the part itself (the backends).
    static func rows<Row: Codable & Equatable, Key: Hashable>(
        _ name: String, _ path: WritableKeyPath<Snapshot, [Row]>, key: @escaping (Row) -> Key
    ) -> RecordedSection {
        RecordedSection(
            name: name,
            encode: { current, previous, keyframe, coder in
                let list = current[keyPath: path]
                if !keyframe, let previous, previous[keyPath: path] == list { return nil }
                return try RowDelta.encode(name, list, rows: \.self, key: key, packing: NoPacking<[Row], Row>.self, keyframe: keyframe, coder: coder)
            },
            decode: { payload, snapshot, previous, coder in
                snapshot[keyPath: path] = try RowDelta.decode(payload, rows: \.self, previous: previous.map { $0[keyPath: path] }, coder: coder)
            }
        )
    }
}

/// What a section's rows carry that the section gives again (`RecordedSection.rows`).
protocol RowPacking {
    associatedtype Section
    associatedtype Row
    associatedtype Context
    /// What the rows' packing needs from their section, computed once per sample.
    static func context(_ section: Section) -> Context
    /// The row as written.
    static func pack(_ row: Row, _ context: Context) -> Row
    /// Whether two rows are written the same (`pack(a) == pack(b)`, without copying them).
    static func same(_ a: Row, _ aContext: Context, _ b: Row, _ bContext: Context) -> Bool
    /// Every row as it was, from the packed ones.
    static func unpack(_ section: inout Section)
}

enum NoPacking<Section, Row: Equatable>: RowPacking {
    static func context(_ section: Section) {}
    static func pack(_ row: Row, _ context: Void) -> Row { row }
    static func same(_ a: Row, _ aContext: Void, _ b: Row, _ bContext: Void) -> Bool { a == b }
    static func unpack(_ section: inout Section) {}
}

/// JSON for the values inside a frame (the frame itself is deflated), and what the encoder
/// keeps between frames for a section with rows: the section as last written (packed), where
/// each key was in it, and each row's JSON, so a row that did not change is neither compared
/// against a section packed again nor encoded again (a keyframe reuses its bytes). One per
/// writer or reader.
final class SectionCoder {
    private let encoder: JSONEncoder
    private let decoder: JSONDecoder
    /// By section name: `RowDelta.Memory<Section, Row, Key>`.
    private var memory: [String: Any] = [:]

    init() {
        encoder = JSONEncoder()
        decoder = JSONDecoder()
        // A rate can be infinite or NaN after a clock step: kept, not refused.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    }

    func encode<T: Encodable>(_ value: T) throws -> [UInt8] { Array(try encoder.encode(value)) }

    /// Each row's JSON. Backends, encoded every sample, are written by hand (`BackendRowJSON`);
    /// other rows as one JSONEncoder array (a call per row costs more than the rows), cut into
    /// its elements.
    func encodeRows<Row: Encodable>(_ rows: [Row]) throws -> [[UInt8]] {
        if rows.isEmpty { return [] }
        if let backends = rows as? [BackendActivity] {
            return try backends.map { row in
                if let bytes = BackendRowJSON.encode(row) { return bytes }
                return Array(try encode([row]).dropFirst().dropLast())
            }
        }
        return JSONArrayElements.split(try encode(rows))
    }

    func decode<T: Decodable>(_ type: T.Type, _ bytes: ArraySlice<UInt8>) throws -> T {
        try decoder.decode(type, from: Data(bytes))
    }

    /// Takes the memory out (so changing it copies nothing); `keep` puts it back.
    func take<M>(_ name: String, as type: M.Type) -> M? { memory.removeValue(forKey: name) as? M }
    func keep(_ name: String, _ value: Any) { memory[name] = value }
    func forget(_ name: String) { memory[name] = nil }
}

/// A section with rows, against the previous sample's: present (1), its fields other than the
/// rows (a blob; empty when unchanged), runs (copy `count` rows from the previous list at
/// `start`, or take `count` new rows), the new rows (a JSON array).
enum RowDelta {
    private static let present: UInt8 = 1

    /// What the encoder keeps of the section it wrote last (`SectionCoder`).
    struct Memory<Section, Row, Key: Hashable, Context> {
        var section: Section
        var context: Context
        var rows: [Row]
        /// `rows`' keys, in order (read once a sample).
        var keys: [Key]
        /// Where each key is in `rows`; nil until a sample comes in another order (most come in
        /// the same: then rows are matched by place, and no key is hashed).
        var position: [Key: Int]?
        var uniqueKeys: Bool
        /// Each row's JSON by key; nil when keys are not unique (then nothing is reused).
        var json: [Key: [UInt8]]?
    }

    // Specialised for the big lists (generic code copies each row through its value witness:
    // several times slower at thousands of rows a sample).
    @_specialize(where Section == StatementsSection, Row == StatementRow, Key == StatementKey, Packing == StatementsPacking)
    @_specialize(where Section == [BackendActivity], Row == BackendActivity, Key == Int32, Packing == NoPacking<[BackendActivity], BackendActivity>)
    static func encode<Section: Codable & Equatable, Row: Codable & Equatable, Key: Hashable, Packing: RowPacking>(
        _ name: String, _ section: Section, rows: WritableKeyPath<Section, [Row]>, key: (Row) -> Key, packing: Packing.Type,
        keyframe: Bool, coder: SectionCoder
    ) throws -> [UInt8] where Packing.Section == Section, Packing.Row == Row {
        var memory = coder.take(name, as: Memory<Section, Row, Key, Packing.Context>.self)
        let context = Packing.context(section)
        let beforeContext = memory?.context
        var out = ByteWriter()
        out.u8(present)
        var fields = section
        fields[keyPath: rows] = []
        var previousFields = memory?.section
        previousFields?[keyPath: rows] = []
        out.blob(!keyframe && previousFields == fields ? [] : try coder.encode(fields))

        let current = section[keyPath: rows]
        let currentKeys = current.map(key)
        let before = memory?.rows ?? []
        let beforeKeys = memory?.keys ?? []
        func table(_ keys: [Key]) -> [Key: Int] {
            var out: [Key: Int] = [:]
            out.reserveCapacity(keys.count)
            for (i, k) in keys.enumerated() where out[k] == nil { out[k] = i }
            return out
        }
        let inOrder = memory != nil && currentKeys == beforeKeys
        var where_: [Key: Int] = [:]
        let position: [Key: Int]?
        let uniqueKeys: Bool
        if inOrder {
            position = memory?.position
            uniqueKeys = memory!.uniqueKeys
        } else {
            where_ = memory?.position ?? table(beforeKeys)
            position = table(currentKeys)
            uniqueKeys = position!.count == current.count
        }
        // Moved out of the memory, so that changing it copies nothing.
        var json: [Key: [UInt8]]? = uniqueKeys ? (memory?.json ?? [:]) : nil
        memory?.json = nil

        var runs = ByteWriter()
        var runCount = 0
        // The new rows in order: JSON kept from before, or the next of `toEncode`.
        var fresh: [[UInt8]?] = []
        var toEncode: [Row] = []
        var toEncodeKeys: [Key] = []
        var copyStart = -1, copyLength = 0, freshLength = 0
        func flush() {
            if copyLength > 0 { runs.varint(copyLength << 1); runs.varint(copyStart); runCount += 1 }
            if freshLength > 0 { runs.varint(freshLength << 1 | 1); runCount += 1 }
            copyLength = 0; freshLength = 0
        }
        func take(_ bytes: [UInt8]?) {
            fresh.append(bytes)
            freshLength += 1
        }
        for place in current.indices {
            let k = currentKeys[place]
            let at = inOrder ? place : where_[k]
            let unchanged = at.map { Packing.same(before[$0], beforeContext!, current[place], context) } ?? false
            if unchanged && !keyframe {
                let i = at!
                if freshLength > 0 || (copyLength > 0 && copyStart + copyLength != i) { flush() }
                if copyLength == 0 { copyStart = i }
                copyLength += 1
                continue
            }
            if copyLength > 0 { flush() }
            if unchanged, let bytes = json?[k] {
                take(bytes)
            } else {
                toEncode.append(Packing.pack(current[place], context))
                toEncodeKeys.append(k)
                take(nil)
            }
        }
        flush()
        let encoded = try coder.encodeRows(toEncode)
        guard encoded.count == toEncode.count else { throw RecordingFormatError.malformed("the encoder's array did not split into its rows") }
        var body: [UInt8] = [UInt8(ascii: "[")]
        var next = 0
        for (i, bytes) in fresh.enumerated() {
            if i > 0 { body.append(UInt8(ascii: ",")) }
            if let bytes {
                body.append(contentsOf: bytes)
            } else {
                let bytes = encoded[next]
                next += 1
                body.append(contentsOf: bytes)
            }
        }
        if json != nil {
            for (n, k) in toEncodeKeys.enumerated() { json![k] = encoded[n] }
        }
        // Rows gone since: their JSON is not kept.
        if json != nil, !inOrder, let position { for k in beforeKeys where position[k] == nil { json![k] = nil } }
        out.varint(runCount)
        out.bytes.append(contentsOf: runs.bytes)
        body.append(UInt8(ascii: "]"))
        out.blob(fresh.isEmpty ? [] : body)
        memory = nil
        coder.keep(name, Memory(section: section, context: context, rows: current, keys: currentKeys, position: position,
                                uniqueKeys: uniqueKeys, json: json))
        return out.bytes
    }

    @_specialize(where Section == StatementsSection, Row == StatementRow)
    @_specialize(where Section == [BackendActivity], Row == BackendActivity)
    static func decode<Section: Codable & Equatable, Row: Codable & Equatable>(
        _ payload: ArraySlice<UInt8>, rows: WritableKeyPath<Section, [Row]>, previous: Section?, coder: SectionCoder
    ) throws -> Section {
        var input = ByteReader(payload)
        guard try input.u8() == present else { throw RecordingFormatError.malformed("a section marker") }
        let fieldBytes = try input.blob()
        var section: Section
        if fieldBytes.isEmpty {
            guard let previous else { throw RecordingFormatError.malformed("a section refers to a sample it does not follow") }
            section = previous
        } else {
            section = try coder.decode(Section.self, fieldBytes)
        }
        let before = previous?[keyPath: rows] ?? []
        var runs: [(copyFrom: Int?, count: Int)] = []
        for _ in 0..<(try input.varint()) {
            let code = try input.varint()
            if code & 1 == 0 { runs.append((try input.varint(), code >> 1)) } else { runs.append((nil, code >> 1)) }
        }
        let freshBytes = try input.blob()
        let fresh = freshBytes.isEmpty ? [] : try coder.decode([Row].self, freshBytes)
        guard input.atEnd else { throw RecordingFormatError.malformed("bytes after a section") }
        var list: [Row] = []
        list.reserveCapacity(runs.reduce(0) { $0 + min($1.count, 1 << 20) })
        var next = 0
        for run in runs {
            if let start = run.copyFrom {
                guard start <= before.count, run.count <= before.count - start else { throw RecordingFormatError.malformed("a row run out of range") }
                list.append(contentsOf: before[start..<start + run.count])
            } else {
                guard run.count <= fresh.count - next else { throw RecordingFormatError.malformed("fewer new rows than runs") }
                list.append(contentsOf: fresh[next..<next + run.count])
                next += run.count
            }
        }
        guard next == fresh.count else { throw RecordingFormatError.malformed("more new rows than runs") }
        section[keyPath: rows] = list
        return section
    }
}

/// Statement rows carry two figures that change every sample for every entry, even one that
/// ran nothing: the rate's interval and the share of all time since counting started. Both come
/// from the section (its interval; the sum of every entry's time), so they are left out of the
/// rows in the file and computed again on reading: an idle entry is then an unchanged row.
/// (A figure that does not follow from the section is kept as it is; a share that is nil where
/// the sum would give one is written -1.)
enum StatementsPacking: RowPacking {
    struct Context {
        var interval: Double?
        var totalMs: Double
        /// The last two rate objects compared, and whether they match: every idle entry of a
        /// sample shares one rate object, so most rows compare the same pair.
        let lastRates = RatePair()
    }

    final class RatePair {
        var before: StatementRow.Rate?, now: StatementRow.Rate?
        var same = false
    }

    static func context(_ section: StatementsSection) -> Context {
        // The order StatementRates sums in, so the shares come out bit for bit.
        Context(interval: section.intervalSeconds, totalMs: section.rows.reduce(0) { $0 + $1.totals.totalMs })
    }

    @inline(__always)
    static func packedSeconds(_ row: StatementRow, _ context: Context) -> Double? {
        guard let seconds = row.rate?.seconds else { return nil }
        return seconds == context.interval ? 0 : seconds
    }

    @inline(__always)
    static func packedShare(_ row: StatementRow, _ context: Context) -> Double? {
        let shared = row.totals.timeShare
        if shared == StatementRates.share(row.totals.totalMs, of: context.totalMs) { return nil }
        return shared ?? -1
    }

    static func pack(_ row: StatementRow, _ context: Context) -> StatementRow {
        var packed = row
        if let seconds = packedSeconds(row, context) { packed.rate?.seconds = seconds }
        packed.totals.timeShare = packedShare(row, context)
        return packed
    }

    /// Inlined into the encoder's loop: called for every row of every sample, it must read the
    /// rows where they are (a call retained and released each row's objects).
    @inline(__always)
    static func same(_ a: StatementRow, _ aContext: Context, _ b: StatementRow, _ bContext: Context) -> Bool {
        // One entry object (the reader keeps it while the entry is unchanged): same stats and
        // totals but for the share, nothing to compare.
        let sameEntry = a.entry === b.entry
        guard sameEntry || a.stats == b.stats, packedSeconds(a, aContext) == packedSeconds(b, bContext),
              packedShare(a, aContext) == packedShare(b, bContext) else { return false }
        if a.rateObject !== b.rateObject {
            guard let rateA = a.rateObject, let rateB = b.rateObject else { return false }
            let pair = bContext.lastRates
            if pair.before !== rateA || pair.now !== rateB {
                var figuresA = rateA.value, figuresB = rateB.value
                figuresA.seconds = 0; figuresB.seconds = 0
                pair.before = rateA; pair.now = rateB; pair.same = figuresA == figuresB
            }
            guard pair.same else { return false }
        }
        if sameEntry { return true }
        var totalsA = a.totals, totalsB = b.totals
        totalsA.timeShare = nil; totalsB.timeShare = nil
        return totalsA == totalsB
    }

    static func unpack(_ section: inout StatementsSection) {
        let all = context(section).totalMs
        for i in section.rows.indices {
            if section.rows[i].rate?.seconds == 0, let interval = section.intervalSeconds { section.rows[i].rate?.seconds = interval }
            switch section.rows[i].totals.timeShare {
            case nil: section.rows[i].totals.timeShare = StatementRates.share(section.rows[i].totals.totalMs, of: all)
            case -1: section.rows[i].totals.timeShare = nil
            default: break
            }
        }
    }
}

/// The elements of a JSON array as JSONEncoder writes it (no whitespace), by scanning for the
/// commas at depth one outside strings.
enum JSONArrayElements {
    static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]") else { return [] }
        if bytes.count == 2 { return [] }
        var out: [[UInt8]] = []
        var depth = 0, inString = false, escaped = false
        var start = 1
        for i in 1..<(bytes.count - 1) {
            let b = bytes[i]
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: ",") where depth == 0:
                out.append(Array(bytes[start..<i]))
                start = i + 1
            default: break
            }
        }
        out.append(Array(bytes[start..<(bytes.count - 1)]))
        return out
    }
}
