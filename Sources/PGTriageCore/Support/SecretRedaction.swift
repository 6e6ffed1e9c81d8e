/// Hides passwords in query texts before anything shows or writes them. pg_stat_statements keeps
/// utility statements word for word (`CREATE ROLE … PASSWORD '…'`), and pg_stat_activity shows
/// them while they run; the console, `snapshot`, its JSON and the audit log must not.
///
/// Redacted, case-insensitively:
/// - the string after `PASSWORD` (so `ENCRYPTED PASSWORD`, `UNENCRYPTED PASSWORD`, and a user
///   mapping's or server's `OPTIONS (password '…')` too), in any quoting (`'…'`, `E'…'`, `$$…$$`);
/// - inside any string literal, a libpq conninfo's `password=…` (dblink_connect, dblink,
///   postgres_fdw in a DO block…) and a URI's `user:password@`.
/// A text cut short (the list reads texts cut in SQL) may end inside the literal: what is left of
/// it is hidden too.
public enum SecretRedaction {
    public static let mask = "***"

    /// The text with its secrets masked; the text itself when it cannot hold one (the common case,
    /// checked without copying).
    public static func redact(_ sql: String) -> String {
        guard mayHoldSecret(sql) else { return sql }
        var scanner = Scanner(Array(sql.unicodeScalars))
        return scanner.redacted()
    }

    /// "password" or "://" anywhere, ASCII case-insensitively: nothing else can need redacting.
    /// Read in place, without a copy: every query text of every refresh passes here.
    static func mayHoldSecret(_ sql: String) -> Bool {
        sql.utf8.withContiguousStorageIfAvailable(mayHoldSecret) ?? Array(sql.utf8).withUnsafeBufferPointer(mayHoldSecret)
    }

    private static func mayHoldSecret(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let word: StaticString = "password"
        guard bytes.count >= 3 else { return false }
        for i in 0..<bytes.count {
            if bytes[i] == UInt8(ascii: ":"), i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "/"), bytes[i + 2] == UInt8(ascii: "/") {
                return true
            }
            if i + word.utf8CodeUnitCount <= bytes.count, (bytes[i] | 0x20) == word.utf8Start[0] {
                var k = 1
                while k < word.utf8CodeUnitCount, (bytes[i + k] | 0x20) == word.utf8Start[k] { k += 1 }
                if k == word.utf8CodeUnitCount { return true }
            }
        }
        return false
    }

    private struct Scanner {
        let text: [Unicode.Scalar]
        var out = String.UnicodeScalarView()
        var index = 0
        /// The last word outside literals, uppercased (PASSWORD before a literal masks it).
        var lastWord = ""

        init(_ text: [Unicode.Scalar]) { self.text = text }

        mutating func redacted() -> String {
            while index < text.count {
                let c = text[index]
                if c == "'" || ((c == "E" || c == "e") && next(1) == "'" && !isWordScalar(previous())) {
                    quotedLiteral()
                } else if c == "$", let tag = dollarTag() {
                    dollarLiteral(tag)
                } else if c == "\"" {
                    copyQuotedIdentifier()
                } else if c == "-" && next(1) == "-" {
                    copyUntil(newline: true)
                } else if isWordScalar(c) {
                    var word = ""
                    while index < text.count, isWordScalar(text[index]) {
                        word.unicodeScalars.append(text[index])
                        out.append(text[index])
                        index += 1
                    }
                    lastWord = word.uppercased()
                } else {
                    if !c.properties.isWhitespace && c != "(" && c != "," { lastWord = "" }
                    out.append(c)
                    index += 1
                }
            }
            return String(out)
        }

        func next(_ k: Int) -> Unicode.Scalar? { index + k < text.count ? text[index + k] : nil }
        func previous() -> Unicode.Scalar? { index > 0 ? text[index - 1] : nil }

        func isWordScalar(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return false }
            return c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c)
        }

        /// 'text' or E'text' ('' doubles a quote; with E, a backslash escapes the next scalar).
        mutating func quotedLiteral() {
            let escapes = text[index] != "'"
            if escapes { out.append(text[index]); index += 1 }
            out.append("'")
            index += 1
            var content = String.UnicodeScalarView()
            var closed = false
            while index < text.count {
                let c = text[index]
                if escapes && c == "\\" && index + 1 < text.count {
                    content.append(c); content.append(text[index + 1]); index += 2; continue
                }
                if c == "'" {
                    if next(1) == "'" { content.append(c); index += 2; continue }  // '' is one quote
                    closed = true
                    index += 1
                    break
                }
                content.append(c)
                index += 1
            }
            // Quotes doubled again, as the literal was written.
            for scalar in literal(String(content)).unicodeScalars {
                out.append(scalar)
                if scalar == "'" { out.append(scalar) }
            }
            if closed { out.append("'") }
            lastWord = ""
        }

        /// `$tag$` at the index, when it opens a dollar-quoted literal.
        func dollarTag() -> String? {
            var k = index + 1
            var tag = "$"
            while k < text.count, text[k] != "$" {
                guard text[k] == "_" || text[k].properties.isAlphabetic || (k > index + 1 && ("0"..."9").contains(text[k])) else { return nil }
                tag.unicodeScalars.append(text[k])
                k += 1
            }
            guard k < text.count else { return nil }
            return tag + "$"
        }

        mutating func dollarLiteral(_ tag: String) {
            let tagScalars = Array(tag.unicodeScalars)
            out.append(contentsOf: tagScalars)
            index += tagScalars.count
            var content = String.UnicodeScalarView()
            var closed = false
            while index < text.count {
                if text[index] == "$", index + tagScalars.count <= text.count, Array(text[index..<index + tagScalars.count]) == tagScalars {
                    closed = true
                    index += tagScalars.count
                    break
                }
                content.append(text[index])
                index += 1
            }
            out.append(contentsOf: literal(String(content)).unicodeScalars)
            if closed { out.append(contentsOf: tagScalars) }
            lastWord = ""
        }

        /// A literal's content as it may be shown.
        func literal(_ content: String) -> String {
            if lastWord == "PASSWORD" { return SecretRedaction.mask }
            return SecretRedaction.maskConninfo(content)
        }

        mutating func copyQuotedIdentifier() {
            out.append(text[index])
            index += 1
            while index < text.count {
                let c = text[index]
                out.append(c)
                index += 1
                if c == "\"" {
                    if index < text.count, text[index] == "\"" { out.append(text[index]); index += 1; continue }
                    break
                }
            }
            lastWord = ""
        }

        mutating func copyUntil(newline: Bool) {
            while index < text.count, text[index] != "\n" {
                out.append(text[index])
                index += 1
            }
        }
    }

    /// Masks `password=value` (value bare or single-quoted, as libpq reads it) and the password
    /// of a `scheme://user:password@host` URI in a literal's content.
    static func maskConninfo(_ content: String) -> String {
        guard mayHoldSecret(content) else { return content }
        let s = Array(content.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        let key = Array("password".unicodeScalars)
        while i < s.count {
            // password = value
            if i + key.count <= s.count, s[i..<i + key.count].map({ $0.properties.lowercaseMapping }) == key.map({ String($0) }),
               i == 0 || !(s[i - 1].properties.isAlphabetic || s[i - 1] == "_") {
                var j = i + key.count
                while j < s.count, s[j] == " " { j += 1 }
                if j < s.count, s[j] == "=" {
                    j += 1
                    while j < s.count, s[j] == " " { j += 1 }
                    out.append(contentsOf: s[i..<j])
                    out.append(contentsOf: SecretRedaction.mask.unicodeScalars)
                    if j < s.count, s[j] == "'" || s[j] == "\"" {
                        let quote = s[j]
                        j += 1
                        while j < s.count, s[j] != quote { j += (s[j] == "\\" ? 2 : 1) }
                        j = min(s.count, j + 1)
                    } else {
                        while j < s.count, !s[j].properties.isWhitespace, s[j] != "&" { j += 1 }
                    }
                    i = j
                    continue
                }
            }
            // scheme://user:password@host
            if s[i] == ":", i + 2 < s.count, s[i + 1] == "/", s[i + 2] == "/" {
                var j = i + 3
                var colon: Int?
                while j < s.count, s[j] != "@", s[j] != "/", !s[j].properties.isWhitespace {
                    if s[j] == ":" && colon == nil { colon = j }
                    j += 1
                }
                if let colon, j < s.count, s[j] == "@" {
                    out.append(contentsOf: s[i...colon])
                    out.append(contentsOf: SecretRedaction.mask.unicodeScalars)
                    i = j
                    continue
                }
            }
            out.append(s[i])
            i += 1
        }
        return String(out)
    }
}
