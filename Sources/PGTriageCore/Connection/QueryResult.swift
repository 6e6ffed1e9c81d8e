#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
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
