/// psql's result tables taken apart, as a DBA pastes them: aligned output with `\pset border`
/// 0, 1 or 2 and `linestyle` ascii, old-ascii or unicode (`+`/`↵` mark a newline inside a value,
/// `.`/`…` a line wrapped by `\pset format wrapped`), expanded output (`\x`), unaligned output
/// (`-A`), under any column title, with prompts, echoed statements and other output around them.
/// Each result table gives one body: its values, one row a line, newlines inside a value kept.
/// One pass over the lines.
enum PsqlOutput {
    static let ruleCharacters: Set<Character> = ["-", "─", "+", "┼", "├", "┤", "┌", "┐", "└", "┘", "┬", "┴", "═", "╪", "╞", "╡", "╔", "╗", "╚", "╝"]
    static let verticals: Set<Character> = ["|", "│", "║"]
    static let newlineMarks: Set<Character> = ["+", "↵"]
    static let wrapMarks: Set<Character> = [".", "…"]

    /// A rule line (`-----`, `+----+`, `├────┤`): rule characters only, at least three dashes.
    static func isRule(_ line: [Character]) -> Bool {
        var dashes = 0
        for c in line {
            if c == "-" || c == "─" || c == "═" { dashes += 1; continue }
            if c == " " || ruleCharacters.contains(c) { continue }
            return false
        }
        return dashes >= 3
    }

    /// Whether `line` can be the title of the table whose rule follows it. A rule that starts
    /// with a corner (`+----+`, `┌────┐`) has outer borders (`\pset border 2`), so its title
    /// starts with a vertical: a line just above the top rule (the statement `psql -e` echoed)
    /// is not a title.
    static func isTitle(_ line: [Character], above rule: [Character]) -> Bool {
        guard let corner = rule.first, corner != "-", corner != "─", corner != "═" else { return true }
        return line.first.map(verticals.contains) ?? false
    }

    /// `(12 rows)`, `(1 row)`.
    static func isFooter(_ line: [Character]) -> Bool { PlanParser.isRowCountFooter(String(line)) }

    /// `-[ RECORD 1 ]----`, `+-[ RECORD 1 ]---+`, `┌─[ RECORD 1 ]──┐`, `* Record 1` (border 0).
    static func isRecordHeader(_ line: [Character]) -> Bool {
        let text = String(line)
        return text.contains("[ RECORD ") || text.hasPrefix("* Record ")
    }

    /// One line of a table: its text, and the marks either side of it.
    struct Piece {
        var text: String
        var right: Character?
        var left: Character?
    }

    /// Joins pieces into a value: a wrap mark joins without a newline, anything else is a newline
    /// (a newline mark, or the end of a row).
    static func join(_ pieces: [Piece]) -> String {
        var out = ""
        for (i, piece) in pieces.enumerated() {
            out += piece.text
            guard i + 1 < pieces.count else { break }
            let next = pieces[i + 1]
            let wrapped = piece.right.map(wrapMarks.contains) ?? false
                || next.left.map { wrapMarks.contains($0) || $0 == ";" } ?? false
            if !wrapped { out += "\n" }
        }
        return out
    }

    /// A result table's values, and the EXPLAIN statement psql echoed before it (`-e`, or a
    /// prompt and the typed statement), without `EXPLAIN` and its options.
    struct Table {
        var body: String
        var echoedQuery: String?
    }

    /// Every result table in `lines`; nil when there is none.
    static func extract(_ lines: [String]) -> [Table]? {
        let rows = Rows(lines: lines)
        var bodies: [String] = []
        var starts: [Int] = []
        var i = 0
        while i < rows.count {
            if isRecordHeader(rows[i]) {
                let (body, next) = expanded(rows, from: i)
                bodies.append(body)
                starts.append(i)
                i = next
            } else if i + 1 < rows.count, isRule(rows[i + 1]), !isRule(rows[i]), rows[i].contains(where: { $0 != " " }),
                      isTitle(rows[i], above: rows[i + 1]) {
                let (body, next) = aligned(rows, header: i)
                bodies.append(body)
                starts.append(i)
                i = next
            } else if String(rows[i]).trimmedPlanSpaces() == "QUERY PLAN", i + 1 < rows.count {
                // Unaligned (-A): the title, the values as they are, the footer.
                var j = i + 1
                var values: [String] = []
                while j < rows.count, !isFooter(rows[j]) { values.append(String(rows[j])); j += 1 }
                while let last = values.last, last.trimmedPlanSpaces().isEmpty { values.removeLast() }
                bodies.append(values.joined(separator: "\n"))
                starts.append(i)
                i = j + 1
            } else {
                i += 1
            }
        }
        guard !bodies.isEmpty else { return nil }
        var tables: [Table] = []
        var searchFrom = 0
        for (body, start) in zip(bodies, starts) {
            tables.append(Table(body: body, echoedQuery: echoedQuery(lines, from: searchFrom, to: start)))
            searchFrom = start + 1
        }
        return tables
    }

    /// The last `EXPLAIN ...;` statement in `lines[from..<to]`, after any psql prompt
    /// (`shop=# `, `shop-# ` on its continuation lines), without EXPLAIN and its options.
    static func echoedQuery(_ lines: [String], from: Int, to: Int) -> String? {
        guard from < to else { return nil }
        var start: Int?
        for k in from..<to where withoutPrompt(lines[k]).uppercased().hasPrefix("EXPLAIN") { start = k }
        guard let start else { return nil }
        var text = ""
        for k in start..<to {
            let part = withoutPrompt(lines[k])
            if isRule(Array(part)) { break }
            text += (text.isEmpty ? "" : "\n") + part
            if part.droppingTrailingPlanSpaces().hasSuffix(";") { break }
        }
        return statementAfterExplain(text)
    }

    /// `shop=# `, `shop=> `, `shop-# `, `shop(# `: psql's prompts, taken off.
    static func withoutPrompt(_ line: String) -> String {
        for marker in ["=# ", "=> ", "-# ", "-> ", "(# ", "'# ", "\"# "] {
            if let range = line.firstRange(of: marker), !line[..<range.lowerBound].contains(" ") {
                return String(line[range.upperBound...])
            }
        }
        return line
    }

    /// `EXPLAIN (ANALYZE, BUFFERS) SELECT 1;` -> `SELECT 1`; also `EXPLAIN ANALYZE VERBOSE ...`.
    static func statementAfterExplain(_ text: String) -> String? {
        var rest = Substring(text).trimmedOfBlanks
        guard rest.uppercased().hasPrefix("EXPLAIN") else { return nil }
        rest = rest.dropFirst(7).trimmedOfBlanks
        if rest.hasPrefix("(") {
            var depth = 0
            var end = rest.startIndex
            for index in rest.indices {
                if rest[index] == "(" { depth += 1 }
                if rest[index] == ")" { depth -= 1; if depth == 0 { end = rest.index(after: index); break } }
            }
            rest = rest[end...].trimmedOfBlanks
        } else {
            for word in ["ANALYZE", "ANALYSE", "VERBOSE"] where rest.uppercased().hasPrefix(word + " ") {
                rest = rest.dropFirst(word.count).trimmedOfBlanks
            }
        }
        while rest.hasSuffix(";") { rest = rest.dropLast().trimmedOfBlanks }
        return rest.isEmpty ? nil : String(rest)
    }

    /// An aligned table whose title is at `header` and its rule on the next line.
    /// The lines as characters, one line at a time (a whole 11 MB paste as arrays of characters
    /// would take 30 times its size).
    struct Rows {
        let lines: [String]
        var count: Int { lines.count }
        subscript(_ index: Int) -> [Character] { Array(lines[index]) }
    }

    static func aligned(_ rows: Rows, header: Int) -> (String, Int) {
        let rule = rows[header + 1]
        let title = rows[header]
        let bordered = title.first.map(verticals.contains) ?? false
        var first = header + 2
        while first < rows.count, rows[first].isEmpty { first += 1 }
        // Border 0 starts values at the first column; border 1 leaves one blank (or a mark) there.
        let borderZero = !bordered && first < rows.count && rows[first].first.map { $0 != " " && !wrapMarks.contains($0) } ?? false
        let contentStart = bordered ? 2 : (borderZero ? 0 : 1)
        let markColumn = bordered ? rule.count - 2 : (borderZero ? rule.count : rule.count - 1)
        var pieces: [Piece] = []
        var j = header + 2
        let expected = markColumn + (bordered ? 2 : 1)
        while j < rows.count {
            // Most lines are ASCII (the ascii and old-ascii styles, plans without accents): their
            // bytes are their columns, no need to make characters of them.
            let bytes = Array(rows.lines[j].utf8)
            if !bytes.contains(where: { $0 >= 0x80 }) {
                if bytes.first == UInt8(ascii: "("), isFooter(rows[j]) { j += 1; break }
                if bordered && bytes.first != UInt8(ascii: "|") { break }
                pieces.append(bytes.count == expected
                    ? asciiPiece(bytes, contentStart: contentStart, markColumn: markColumn, leftColumn: borderZero ? nil : contentStart - 1)
                    : asciiLoosePiece(bytes, bordered: bordered, borderZero: borderZero))
                j += 1
                continue
            }
            let line = rows[j]
            if isFooter(line) { j += 1; break }
            if bordered {
                guard let lead = line.first, verticals.contains(lead) else { break }
            }
            if line.count == expected {
                pieces.append(piece(line, contentStart: contentStart, markColumn: markColumn, leftColumn: borderZero ? nil : contentStart - 1))
            } else {
                pieces.append(loosePiece(line, bordered: bordered, borderZero: borderZero))
            }
            j += 1
        }
        while let last = pieces.last, last.text.isEmpty { pieces.removeLast() }
        return (join(pieces), j)
    }

    /// A line that does not fit the table's width (a terminal wrapped or cut it, or it was
    /// edited): its mark is whatever newline mark ends it; its padding column is a blank.
    static func loosePiece(_ line: [Character], bordered: Bool, borderZero: Bool) -> Piece {
        var chars = line[...]
        if bordered {
            if let first = chars.first, verticals.contains(first) { chars = chars.dropFirst() }
            if let last = chars.last, verticals.contains(last) { chars = chars.dropLast() }
        }
        var left: Character?
        if !borderZero, let first = chars.first, first == " " || wrapMarks.contains(first) || first == ":" || first == ";" {
            // The padding column, or the mark of a wrapped or continued line in it.
            if first != " " { left = first }
            chars = chars.dropFirst()
        }
        var text = String(chars).droppingTrailingPlanSpaces()
        var right: Character?
        if let last = text.last, newlineMarks.contains(last) {
            right = last
            text = String(text.dropLast()).droppingTrailingPlanSpaces()
        }
        return Piece(text: text, right: right, left: left)
    }

    static let space = UInt8(ascii: " ")

    static func character(_ byte: UInt8?) -> Character? {
        guard let byte, byte != space else { return nil }
        return Character(Unicode.Scalar(byte))
    }

    static func trimmedEnd(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[end - 1] == space || bytes[end - 1] == 9 { end -= 1 }
        return bytes[bytes.startIndex..<end]
    }

    /// `piece` for an ASCII line (its bytes are its columns).
    static func asciiPiece(_ line: [UInt8], contentStart: Int, markColumn: Int, leftColumn: Int?) -> Piece {
        let end = min(markColumn, line.count)
        var text = contentStart < end ? line[contentStart..<end] : []
        let right = character(markColumn < line.count ? line[markColumn] : nil)
        if !(right.map(wrapMarks.contains) ?? false) { text = trimmedEnd(text) }
        var left = character(leftColumn.flatMap { $0 >= 0 && $0 < line.count ? line[$0] : nil })
        if left == "|" { left = nil }
        return Piece(text: String(decoding: text, as: UTF8.self), right: right, left: left)
    }

    /// `loosePiece` for an ASCII line.
    static func asciiLoosePiece(_ line: [UInt8], bordered: Bool, borderZero: Bool) -> Piece {
        var bytes = line[...]
        if bordered {
            if bytes.first == UInt8(ascii: "|") { bytes = bytes.dropFirst() }
            if bytes.last == UInt8(ascii: "|") { bytes = bytes.dropLast() }
        }
        var left: Character?
        if !borderZero, let first = bytes.first, first == space || first == UInt8(ascii: ".") || first == UInt8(ascii: ":") || first == UInt8(ascii: ";") {
            left = character(first)
            bytes = bytes.dropFirst()
        }
        var text = trimmedEnd(bytes)
        var right: Character?
        if text.last == UInt8(ascii: "+") {
            right = "+"
            text = trimmedEnd(text.dropLast())
        }
        return Piece(text: String(decoding: text, as: UTF8.self), right: right, left: left)
    }

    static func isMarkOrBlank(_ c: Character) -> Bool { c == " " || newlineMarks.contains(c) || wrapMarks.contains(c) }

    static func piece(_ line: [Character], contentStart: Int, markColumn: Int, leftColumn: Int?) -> Piece {
        let end = min(markColumn, line.count)
        var text = contentStart < end ? String(line[contentStart..<end]) : ""
        var right: Character? = markColumn < line.count ? line[markColumn] : nil
        if right == " " { right = nil }
        // A wrapped piece keeps its trailing blanks: they are text ("rows=1 " + "width=0").
        if !(right.map(wrapMarks.contains) ?? false) { text = text.droppingTrailingPlanSpaces() }
        var left: Character? = leftColumn.flatMap { $0 >= 0 && $0 < line.count ? line[$0] : nil }
        if left == " " || left.map(verticals.contains) == true { left = nil }
        return Piece(text: text, right: right, left: left)
    }

    /// Expanded output: records of `title | value` lines; each record's value is a row.
    static func expanded(_ rows: Rows, from start: Int) -> (String, Int) {
        // The block first: its lines (a record header starts a record) and where it ends.
        var block: [(line: String, startsRecord: Bool)] = []
        var j = start
        while j < rows.count {
            let line = rows[j]
            j += 1
            if isRecordHeader(line) { block.append((rows.lines[j - 1], true)); continue }
            if isFooter(line) || line.isEmpty { break }
            if isRule(line) { continue }  // the bottom border
            block.append((rows.lines[j - 1], false))
        }
        // Values are padded to one width, the mark column after it (then the border, with border 2).
        let values = block.filter { !$0.startsRecord }.map(\.line)
        let bordered = values.first?.first.map(verticals.contains) ?? false
        let widest = values.map(\.count).max() ?? 0
        var markColumn = widest - (bordered ? 2 : 1)
        // old-ascii with border 0 has no mark column: the widest value reaches the last column.
        if values.contains(where: { $0.count > markColumn && !isMarkOrBlank(Array($0)[markColumn]) }) { markColumn = widest }
        var records: [[Piece]] = []
        var contentStart = 0
        var expectFirst = false
        for (text, startsRecord) in block {
            if startsRecord { records.append([]); expectFirst = true; continue }
            guard !records.isEmpty else { continue }
            let line = Array(text)
            if expectFirst { contentStart = valueStart(line); expectFirst = false }
            records[records.count - 1].append(piece(line, contentStart: contentStart, markColumn: markColumn, leftColumn: contentStart - 2))
        }
        return (records.map(join).joined(separator: "\n"), j)
    }

    /// Where the value starts on a record's line: after `QUERY PLAN | ` (or the title and one
    /// space, border 0).
    static func valueStart(_ line: [Character]) -> Int {
        let bordered = line.first.map(verticals.contains) ?? false
        let from = bordered ? 1 : 0
        for k in from..<line.count where verticals.contains(line[k]) && k > 0 && line[k - 1] == " " {
            return k + 2
        }
        // Border 0: `QUERY PLAN value`: the title is the first word group; find the double run.
        let text = String(line)
        if let range = text.firstRange(of: "QUERY PLAN ") { return text.distance(from: text.startIndex, to: range.upperBound) }
        return 0
    }
}

/// JSON whose lines were wrapped with no mark saying so (psql's old-ascii style, a terminal): a
/// line that ends inside a string, or between two characters of one number or word, goes on the
/// next line with no newline. JSON's strings never hold a raw newline, so this is unambiguous.
enum JSONRepair {
    static func joinWrapped(_ lines: [String]) -> String {
        var out: [UInt8] = []
        var inString = false
        var escaped = false
        for (index, line) in lines.enumerated() {
            var piece = Array(line.utf8)[...]
            while let last = piece.last, last == 32 || last == 9 { piece = piece.dropLast() }
            if index > 0 {
                let splitsAWord = out.last.map(isWordByte) == true && piece.first.map(isWordByte) == true
                if !inString && !splitsAWord { out.append(10) }
            }
            // Quotes and backslashes are ASCII: no byte of a multi-byte character is one.
            for byte in piece {
                if escaped { escaped = false } else if byte == 92 && inString { escaped = true } else if byte == 34 { inString.toggle() }
            }
            out.append(contentsOf: piece)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Letters, digits, `.`, `-`, `+`, `_` (and any non-ASCII byte): the characters of a number
    /// or a word that a wrap may split.
    static func isWordByte(_ b: UInt8) -> Bool {
        b >= 0x80 || (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 46 || b == 45 || b == 43 || b == 95
    }
}
