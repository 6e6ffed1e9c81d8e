#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The rows of one result, copied out of libpq (text format) so they are `Sendable` and the
/// `PGresult` can be freed at once. Decoding to typed values happens on access.
public struct QueryResult: Sendable, Equatable {
    public var columns: [String]
    public var typeOids: [UInt32]
    public var rows: [[String?]]
    /// PQcmdTuples: rows affected by INSERT/UPDATE/DELETE..., as a number when there is one.
    public var affectedRows: Int?
    /// Notices and warnings the server sent while this ran (e.g. pg_cancel_backend's
    /// "PID n is not a PostgreSQL backend process").
    public var notices: [String]

    /// Column name -> position, built once per result (rows are decoded by name).
    private let positions: [String: Int]

    public init(columns: [String], typeOids: [UInt32] = [], rows: [[String?]], affectedRows: Int? = nil, notices: [String] = []) {
        self.columns = columns; self.typeOids = typeOids; self.rows = rows
        self.affectedRows = affectedRows; self.notices = notices
        self.positions = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public var count: Int { rows.count }
    public var isEmpty: Bool { rows.isEmpty }

    public func row(_ index: Int) -> Row { Row(result: self, index: index) }
    public var allRows: [Row] { rows.indices.map { Row(result: self, index: $0) } }
    public var first: Row? { rows.isEmpty ? nil : row(0) }

    func columnIndex(_ name: String) throws -> Int {
        guard let index = positions[name] else {
            throw PGError(kind: .decode, message: "result has no column \"\(name)\" (has: \(columns.joined(separator: ", ")))")
        }
        return index
    }

    /// A column looked up once: decoding thousands of rows by handle saves a name lookup (a
    /// string hash) per cell.
    public struct Column: Sendable {
        let index: Int
        let name: String
    }

    public func column(_ name: String) throws -> Column { Column(index: try columnIndex(name), name: name) }

    /// One row, decoded by column name. Each accessor returns nil for SQL NULL and throws when the
    /// column is missing or its text is not of the asked type.
    public struct Row: Sendable {
        let result: QueryResult
        let index: Int

        public func raw(_ column: String) throws -> String? {
            result.rows[index][try result.columnIndex(column)]
        }

        public func raw(_ column: Column) -> String? { result.rows[index][column.index] }

        private func decode<T>(_ column: String, as type: String, _ parse: (String) -> T?) throws -> T? {
            try decode(try result.column(column), as: type, parse)
        }

        private func decode<T>(_ column: Column, as type: String, _ parse: (String) -> T?) throws -> T? {
            guard let text = raw(column) else { return nil }
            guard let value = parse(text) else {
                throw PGError(kind: .decode, message: "column \"\(column.name)\": cannot read \"\(text.prefix(40))\" as \(type)")
            }
            return value
        }

        public func string(_ column: Column) -> String? { raw(column) }
        public func int32(_ column: Column) throws -> Int32? { try decode(column, as: "integer") { Int32($0) } }
        public func int64(_ column: Column) throws -> Int64? { try decode(column, as: "bigint") { Int64($0) } }
        public func double(_ column: Column) throws -> Double? { try decode(column, as: "number", PGText.double) }
        public func bool(_ column: Column) throws -> Bool? { try decode(column, as: "boolean", PGText.bool) }
        public func date(_ column: Column) throws -> Date? { try decode(column, as: "timestamp", PGText.timestamp) }
        public func int32Array(_ column: Column) throws -> [Int32]? { try decode(column, as: "integer[]", PGText.int32Array) }

        public func string(_ column: String) throws -> String? { try raw(column) }
        public func int(_ column: String) throws -> Int? { try decode(column, as: "integer") { Int($0) } }
        public func int32(_ column: String) throws -> Int32? { try decode(column, as: "integer") { Int32($0) } }
        public func int64(_ column: String) throws -> Int64? { try decode(column, as: "bigint") { Int64($0) } }
        public func double(_ column: String) throws -> Double? { try decode(column, as: "number", PGText.double) }
        public func bool(_ column: String) throws -> Bool? { try decode(column, as: "boolean", PGText.bool) }
        public func date(_ column: String) throws -> Date? { try decode(column, as: "timestamp", PGText.timestamp) }
        /// An interval as seconds (months as 30 days, years as 365.25 days, as extract(epoch) does).
        public func interval(_ column: String) throws -> Double? { try decode(column, as: "interval", PGText.intervalSeconds) }
        public func int32Array(_ column: String) throws -> [Int32]? { try decode(column, as: "integer[]", PGText.int32Array) }
        public func stringArray(_ column: String) throws -> [String]? { try decode(column, as: "text[]", PGText.simpleArray) }
    }
}

/// Parsers for PostgreSQL's text output formats, as our sessions set them
/// (DateStyle ISO, IntervalStyle postgres, TimeZone UTC).
public enum PGText {
    public static func bool(_ text: String) -> Bool? {
        switch text {
        case "t", "true", "on": return true
        case "f", "false", "off": return false
        default: return nil
        }
    }

    public static func double(_ text: String) -> Double? {
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: return Double(text)
        }
    }

    /// `{1,2,3}` -> [1, 2, 3]; `{}` -> [].
    public static func int32Array(_ text: String) -> [Int32]? {
        guard let items = simpleArray(text) else { return nil }
        var values: [Int32] = []
        for item in items {
            guard let value = Int32(item) else { return nil }
            values.append(value)
        }
        return values
    }

    /// A one-dimensional array of unquoted or double-quoted elements.
    public static func simpleArray(_ text: String) -> [String]? {
        guard text.hasPrefix("{"), text.hasSuffix("}") else { return nil }
        let body = text.dropFirst().dropLast()
        if body.isEmpty { return [] }
        var items: [String] = []
        var current = ""
        var quoted = false, escaped = false
        for ch in body {
            if escaped { current.append(ch); escaped = false; continue }
            switch ch {
            case "\\" where quoted: escaped = true
            case "\"": quoted.toggle()
            case "," where !quoted:
                items.append(current); current = ""
            default: current.append(ch)
            }
        }
        items.append(current)
        return items
    }

    /// `2026-11-26 00:13:03.123456+00` (also `+05:30`, no fraction, no zone = UTC). nil for
    /// `infinity` and anything else we cannot read.
    public static func timestamp(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= bytes.count else { return nil }
            var value = 0
            for k in 0..<digits {
                let b = bytes[i + k]
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            i += digits
            return value
        }
        func expect(_ ch: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == ch else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2) else { return nil }
        var seconds = 0.0
        if i < bytes.count, bytes[i] == 32 || bytes[i] == 84 {  // ' ' or 'T'
            i += 1
            guard let hour = number(2), expect(58), let minute = number(2), expect(58), let second = number(2) else { return nil }
            seconds = Double(hour * 3600 + minute * 60 + second)
            if i < bytes.count, bytes[i] == 46 {  // fraction
                i += 1
                var scale = 0.1
                while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 {
                    seconds += Double(bytes[i] - 48) * scale
                    scale /= 10
                    i += 1
                }
            }
        }
        var offset = 0
        if i < bytes.count {
            let sign: Int
            switch bytes[i] {
            case 43: sign = 1
            case 45: sign = -1
            case 90: sign = 0  // 'Z'
            default: return nil
            }
            i += 1
            if sign != 0 {
                guard let hours = number(2) else { return nil }
                var minutes = 0, secs = 0
                if expect(58) { guard let m = number(2) else { return nil }; minutes = m }
                if expect(58) { guard let s = number(2) else { return nil }; secs = s }
                offset = sign * (hours * 3600 + minutes * 60 + secs)
            }
        }
        guard i == bytes.count, (1...12).contains(month), (1...31).contains(day) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days) * 86_400 + seconds - Double(offset))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// IntervalStyle postgres: `1 year 2 mons 3 days 04:05:06.5`, `-00:00:01`, `3 days`, `@`-free.
    public static func intervalSeconds(_ text: String) -> Double? {
        var total = 0.0
        let tokens = text.split(separator: " ")
        var i = 0
        var sawSomething = false
        while i < tokens.count {
            let token = tokens[i]
            if token.contains(":") {
                let negative = token.hasPrefix("-")
                let parts = token.drop { $0 == "-" || $0 == "+" }.split(separator: ":")
                guard parts.count == 3, let h = Double(parts[0]), let m = Double(parts[1]), let s = Double(parts[2]) else { return nil }
                let value = h * 3600 + m * 60 + s
                total += negative ? -value : value
                sawSomething = true
                i += 1
                continue
            }
            guard let amount = Double(token), i + 1 < tokens.count else { return nil }
            let unit = tokens[i + 1]
            let perUnit: Double
            switch unit {
            case "year", "years": perUnit = 365.25 * 86_400
            case "mon", "mons": perUnit = 30 * 86_400
            case "day", "days": perUnit = 86_400
            default: return nil
            }
            total += amount * perUnit
            sawSomething = true
            i += 2
        }
        return sawSomething ? total : nil
    }
}

/// A result's cells copied out of libpq as one byte buffer (text format, each cell followed by a
/// NUL) with each cell's offset, for results of thousands of rows read every refresh (the
/// Statements counters): numbers are decoded from the bytes, with no `String` (nor array) per
/// cell or row. Accessors behave as `QueryResult.Row`'s: nil for SQL NULL, a `.decode` error for
/// text that is not of the asked type.
public struct PackedResult: Sendable {
    public let columns: [String]
    public let count: Int
    /// Every non-NULL cell's bytes, row by row, each followed by a 0.
    private let bytes: [UInt8]
    /// Offset in `bytes` of cell (row, column) at `row * columns.count + column`; -1 for NULL.
    private let starts: [Int32]

    /// Cells as libpq hands them: `cell(row, column)` is nil for NULL, else the text and its
    /// length in bytes. The buffer is sized first, by `length(row, column)` (0 for NULL; one
    /// libpq call a cell rather than `cell`'s three): one allocation, not one per doubling (a
    /// large block is mapped and faulted in afresh at each growth).
    init(columns: [String], count: Int, length: (Int, Int) -> Int,
         cell: (Int, Int) -> (text: UnsafePointer<CChar>, length: Int)?) {
        self.columns = columns
        self.count = count
        var size = 0
        for r in 0..<count {
            for c in 0..<columns.count { size += length(r, c) + 1 }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        var starts: [Int32] = []
        starts.reserveCapacity(count * columns.count)
        for r in 0..<count {
            for c in 0..<columns.count {
                guard let (text, length) = cell(r, c) else { starts.append(-1); continue }
                starts.append(Int32(bytes.count))
                text.withMemoryRebound(to: UInt8.self, capacity: length) { start in
                    bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: length))
                }
                bytes.append(0)
            }
        }
        self.bytes = bytes
        self.starts = starts
    }

    /// The same cells from a result copied as strings.
    public init(_ result: QueryResult) {
        var bytes: [UInt8] = []
        var starts: [Int32] = []
        starts.reserveCapacity(result.count * result.columns.count)
        for row in result.rows {
            for c in result.columns.indices {
                guard c < row.count, let text = row[c] else { starts.append(-1); continue }
                starts.append(Int32(bytes.count))
                bytes.append(contentsOf: text.utf8)
                bytes.append(0)
            }
        }
        self.columns = result.columns
        self.count = result.count
        self.bytes = bytes
        self.starts = starts
    }

    public var isEmpty: Bool { count == 0 }

    public func column(_ name: String) throws -> QueryResult.Column {
        guard let index = columns.firstIndex(of: name) else {
            throw PGError(kind: .decode, message: "result has no column \"\(name)\" (has: \(columns.joined(separator: ", ")))")
        }
        return QueryResult.Column(index: index, name: name)
    }

    /// The bytes of one cell (without its NUL) given to `body`; nil for NULL.
    private func withCell<T>(_ row: Int, _ column: QueryResult.Column, _ body: (UnsafeBufferPointer<UInt8>) throws -> T?) rethrows -> T? {
        let start = Int(starts[row * columns.count + column.index])
        guard start >= 0 else { return nil }
        return try bytes.withUnsafeBufferPointer { all in
            var end = start
            while all[end] != 0 { end += 1 }
            return try body(UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }

    private func decode<T>(_ row: Int, _ column: QueryResult.Column, as type: String,
                           _ parse: (UnsafeBufferPointer<UInt8>) -> T?) throws -> T? {
        try withCell(row, column) { cell in
            guard let value = parse(cell) else {
                let text = String(decoding: cell, as: UTF8.self)
                throw PGError(kind: .decode, message: "column \"\(column.name)\": cannot read \"\(text.prefix(40))\" as \(type)")
            }
            return value
        }
    }

    /// The bytes of one cell (without its NUL) given to `body`; nil for NULL.
    public func withBytes<T>(_ row: Int, _ column: QueryResult.Column, _ body: (UnsafeBufferPointer<UInt8>) throws -> T?) rethrows -> T? {
        try withCell(row, column, body)
    }

    /// A 64-bit digest of row `row`'s cells (which are NULL, and the bytes of the others): rows
    /// with the same cells have the same fingerprint, so a refresh can tell the rows that did not
    /// change since the last one while keeping 8 bytes a row of it, not the whole result.
    /// The row's length and 8-byte words are folded in by steps that are one-to-one for a given
    /// word, so rows of one length and the same NULLs that differ in a single word never share a
    /// fingerprint; other differences share one by chance (about 2^-64).
    public func rowFingerprint(_ row: Int) -> UInt64 {
        guard row < count else { return 0 }
        // A row's cells lie together, each followed by a 0 (a text holds none): the row is its
        // NULLs and one run of bytes, from its first cell to its last cell's 0.
        let n = columns.count, a = row * n
        var nulls: UInt64 = 0
        var first = -1, last = -1
        for c in 0..<n {
            let start = Int(starts[a + c])
            if start < 0 { nulls = c < 64 ? nulls | 1 &<< UInt64(c) : Self.mix(nulls ^ UInt64(c)); continue }
            if first < 0 { first = start }
            last = start
        }
        var h = Self.mix(0x9E37_79B9_7F4A_7C15 ^ UInt64(n)) ^ nulls
        guard first >= 0 else { return Self.mix(h) }
        return bytes.withUnsafeBytes { all in
            var end = last
            while all[end] != 0 { end += 1 }
            h = Self.step(h, UInt64(end + 1 - first))
            var i = first
            while i + 8 <= end + 1 {
                h = Self.step(h, all.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            if i <= end {
                var tail: UInt64 = 0
                for k in i...end { tail |= UInt64(all[k]) &<< UInt64(8 * (k - i)) }
                h = Self.step(h, tail)
            }
            return Self.mix(h)
        }
    }

    /// One word into the digest: xor, an odd multiply and a rotation (each one-to-one).
    @inline(__always) private static func step(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let m = (h ^ word) &* 0x9FB2_1C65_1E98_DF25
        return (m &<< 31) | (m &>> 33)
    }

    /// The murmur3 finaliser: every input bit moves every output bit.
    @inline(__always) private static func mix(_ x: UInt64) -> UInt64 {
        var x = x
        x ^= x &>> 33; x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x &>> 33; x &*= 0xC4CE_B9FE_1A85_EC53
        return x ^ (x &>> 33)
    }

    public func isNull(_ row: Int, _ column: QueryResult.Column) -> Bool { starts[row * columns.count + column.index] < 0 }
    public func string(_ row: Int, _ column: QueryResult.Column) -> String? {
        withCell(row, column) { String(decoding: $0, as: UTF8.self) }
    }
    public func int64(_ row: Int, _ column: QueryResult.Column) throws -> Int64? { try decode(row, column, as: "bigint", PGBytes.int64) }
    public func double(_ row: Int, _ column: QueryResult.Column) throws -> Double? { try decode(row, column, as: "number", PGBytes.double) }
    public func bool(_ row: Int, _ column: QueryResult.Column) throws -> Bool? { try decode(row, column, as: "boolean", PGBytes.bool) }
    public func date(_ row: Int, _ column: QueryResult.Column) throws -> Date? {
        try decode(row, column, as: "timestamp") { PGText.timestamp(String(decoding: $0, as: UTF8.self)) }
    }
}

/// `PGText`'s parsers over a cell's bytes: the same answers, without building a `String` for
/// the common shapes (plain integers, decimals of up to 15 digits).
enum PGBytes {
    /// What `Int64(String)` reads: an optional sign and decimal digits, within range.
    static func int64(_ cell: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        var negative = false
        if let first = cell.first, first == 45 || first == 43 { negative = first == 45; i = 1 }
        guard i < cell.count else { return nil }
        var value: Int64 = 0
        while i < cell.count {
            let digit = cell[i] &- 48
            guard digit < 10 else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? times.subtractingReportingOverflow(Int64(digit)) : times.addingReportingOverflow(Int64(digit))
            guard !o1, !o2 else { return nil }
            value = next
            i += 1
        }
        return value
    }

    /// `PGText.double`. Exact for `[-]digits[.digits]` of at most 15 significant digits (the
    /// digits as an integer below 2^53 divided by a power of ten of at most 10^22 is correctly
    /// rounded, as `strtod` is); anything else goes through `PGText.double`.
    static func double(_ cell: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        let negative = cell.first == 45
        if negative { i = 1 }
        var mantissa: Int64 = 0
        var digits = 0, fraction = 0
        var sawPoint = false
        while i < cell.count {
            let b = cell[i]
            if b == 46, !sawPoint { sawPoint = true; i += 1; continue }
            let digit = b &- 48
            guard digit < 10, digits < 15 else { return PGText.double(String(decoding: cell, as: UTF8.self)) }
            mantissa = mantissa * 10 + Int64(digit)
            digits += 1
            if sawPoint { fraction += 1 }
            i += 1
        }
        guard digits > 0 else { return PGText.double(String(decoding: cell, as: UTF8.self)) }
        let value = Double(mantissa) / powersOfTen[fraction]
        return negative ? -value : value
    }

    private static let powersOfTen: [Double] = (0...15).map { n in (0..<n).reduce(1.0) { value, _ in value * 10 } }

    static func bool(_ cell: UnsafeBufferPointer<UInt8>) -> Bool? {
        if cell.count == 1 { return cell[0] == 116 ? true : cell[0] == 102 ? false : nil }  // 't', 'f'
        return PGText.bool(String(decoding: cell, as: UTF8.self))
    }
}
