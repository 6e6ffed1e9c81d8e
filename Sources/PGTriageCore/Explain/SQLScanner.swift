/// Just enough of PostgreSQL's lexer to judge a statement before EXPLAIN sees it: where
/// statements end (quotes, `E''` escapes, quoted identifiers, `$tag$` bodies, `--` and nested
/// `/* */` comments respected), its first words, and the `$n` parameters it uses.
public enum SQLScanner {
    public struct Scan: Sendable, Equatable {
        /// The statements, trimmed, empty ones dropped.
        public var statements: [String]
        /// Upper-cased words of the first statement outside comments, strings and parentheses
        /// at the start (`(SELECT ...)` -> SELECT).
        public var leadingWords: [String]
        /// The highest `$n` outside strings and comments (0: none).
        public var maxParameter: Int
        /// A string, identifier, dollar body or comment is still open at the end.
        public var unterminated: Bool
    }

    public static func scan(_ sql: String) -> Scan {
        let chars = Array(sql.unicodeScalars)
        var statements: [String] = []
        var current = String.UnicodeScalarView()
        var words: [String] = []
        var firstStatementWords = true
        var maxParameter = 0
        var unterminated = false
        var i = 0
        var word = ""

        func flushWord() {
            if !word.isEmpty {
                if firstStatementWords && words.count < 24 { words.append(word.uppercased()) }
                word = ""
            }
        }
        func endStatement() {
            flushWord()
            let text = String(current).trimmedPlanSpaces().trimmedSQLWhitespace()
            if !text.isEmpty {
                statements.append(text)
                firstStatementWords = false
            }
            current = String.UnicodeScalarView()
        }
        func isIdentChar(_ c: Unicode.Scalar) -> Bool {
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_" || c.value > 127
        }

        while i < chars.count {
            let c = chars[i]
            let next: Unicode.Scalar? = i + 1 < chars.count ? chars[i + 1] : nil
            // Comments.
            if c == "-" && next == "-" {
                flushWord()
                while i < chars.count && chars[i] != "\n" { i += 1 }
                current.append(" ")
                continue
            }
            if c == "/" && next == "*" {
                flushWord()
                var depth = 1
                i += 2
                while i < chars.count && depth > 0 {
                    if chars[i] == "/" && i + 1 < chars.count && chars[i + 1] == "*" { depth += 1; i += 2; continue }
                    if chars[i] == "*" && i + 1 < chars.count && chars[i + 1] == "/" { depth -= 1; i += 2; continue }
                    i += 1
                }
                if depth > 0 { unterminated = true }
                current.append(" ")
                continue
            }
            // Strings and quoted identifiers.
            if c == "'" || c == "\"" {
                let escapes = c == "'" && (word.uppercased() == "E")
                flushWord()
                current.append(c)
                i += 1
                var closed = false
                while i < chars.count {
                    let d = chars[i]
                    current.append(d)
                    if escapes && d == "\\" && i + 1 < chars.count { current.append(chars[i + 1]); i += 2; continue }
                    if d == c {
                        if i + 1 < chars.count && chars[i + 1] == c { current.append(c); i += 2; continue }
                        i += 1
                        closed = true
                        break
                    }
                    i += 1
                }
                if !closed { unterminated = true }
                continue
            }
            // Dollar: a parameter ($1) or a dollar-quoted body ($$...$$, $tag$...$tag$).
            if c == "$" && !(word.unicodeScalars.last.map(isIdentChar) ?? false) {
                if let n = next, n >= "0" && n <= "9" {
                    flushWord()
                    var j = i + 1
                    var value = 0
                    while j < chars.count, chars[j] >= "0", chars[j] <= "9" {
                        value = min(value * 10 + Int(chars[j].value - 48), 100_000)
                        j += 1
                    }
                    maxParameter = max(maxParameter, value)
                    for k in i..<j { current.append(chars[k]) }
                    i = j
                    continue
                }
                var j = i + 1
                while j < chars.count, chars[j] != "$", isIdentChar(chars[j]) { j += 1 }
                if j < chars.count, chars[j] == "$" {
                    flushWord()
                    let tag = Array(chars[i...j])
                    for d in tag { current.append(d) }
                    var k = j + 1
                    var closed = false
                    while k < chars.count {
                        if chars[k] == "$", k + tag.count <= chars.count, Array(chars[k..<(k + tag.count)]) == tag {
                            for d in tag { current.append(d) }
                            k += tag.count
                            closed = true
                            break
                        }
                        current.append(chars[k])
                        k += 1
                    }
                    if !closed { unterminated = true }
                    i = k
                    continue
                }
            }
            if c == ";" {
                endStatement()
                i += 1
                continue
            }
            if isIdentChar(c) {
                word.unicodeScalars.append(c)
            } else {
                flushWord()
            }
            current.append(c)
            i += 1
        }
        endStatement()
        return Scan(statements: statements, leadingWords: words, maxParameter: maxParameter, unterminated: unterminated)
    }
}

extension String {
    func trimmedSQLWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}
