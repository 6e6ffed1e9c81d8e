/// Terminal display width from Unicode properties, independent of the process locale:
/// 0 for combining marks and zero-width characters, 2 for East Asian Wide/Fullwidth and
/// emoji presentation, 1 otherwise.
public enum DisplayWidth {
    /// Columns one Unicode scalar takes.
    public static func of(scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0xA0 { return 0 }  // DEL, C1 controls
        if v == 0x00AD { return 1 }  // soft hyphen: terminals show it
        if (0x1160...0x11FF).contains(v) { return 0 }  // Hangul medial vowels / final consonants
        if v == 0x200B { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control:
            return 0
        default:
            break
        }
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Columns one grapheme (Character) takes: the width of its first non-zero-width scalar,
    /// widened to 2 when an emoji base is followed by VS16 (U+FE0F, emoji presentation).
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let s = scalars.first { return of(scalar: s) }
        var width = 0
        var base: Unicode.Scalar?
        for s in scalars {
            let w = of(scalar: s)
            if w > 0 { width = w; base = s; break }
        }
        if width == 1, let base, base.properties.isEmoji,
           scalars.contains(where: { $0.value == 0xFE0F }) {
            return 2
        }
        return width
    }

    /// Columns a string takes.
    public static func of(_ text: String) -> Int {
        var total = 0
        for b in text.utf8 {
            if b >= 0x80 { return text.reduce(0) { $0 + of($1) } }
            if b >= 0x20 && b < 0x7F { total += 1 }
        }
        return total
    }

    /// Cuts `text` to at most `width` columns; when it had to cut, the last column is "…".
    public static func truncate(_ text: String, toWidth width: Int) -> String {
        if width <= 0 { return "" }
        if Sanitizer.isPlainPrintableASCII(text) {
            // One column a byte: cut by bytes, no grapheme walk.
            if text.utf8.count <= width { return text }
            return String(decoding: text.utf8.prefix(width - 1), as: UTF8.self) + "…"
        }
        if of(text) <= width { return text }
        var out = ""
        var used = 0
        for ch in text {
            let w = of(ch)
            if used + w > width - 1 { break }
            out.append(ch)
            used += w
        }
        out.append("…")
        return out
    }

    /// Truncates (with "…") or pads with spaces to exactly `width` columns.
    public static func fit(_ text: String, toWidth width: Int, alignment: TextAlignment = .left) -> String {
        if width <= 0 { return "" }
        let cut = truncate(text, toWidth: width)
        let pad = width - of(cut)
        if pad <= 0 { return cut }
        let spaces = String(repeating: " ", count: pad)
        switch alignment {
        case .left: return cut + spaces
        case .right: return spaces + cut
        case .center:
            let left = pad / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: pad - left)
        }
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges, outside the emoji-presentation set.
    static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        switch v {
        case 0x1100...0x115F,  // Hangul Jamo initial consonants
             0x2329...0x232A,
             0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols
             0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compat Jamo, Kanbun, CJK compat
             0x3400...0x4DBF,  // CJK Extension A
             0x4E00...0x9FFF,  // CJK Unified Ideographs
             0xA000...0xA4CF,  // Yi
             0xA960...0xA97F,  // Hangul Jamo Extended-A
             0xAC00...0xD7A3,  // Hangul syllables
             0xF900...0xFAFF,  // CJK compatibility ideographs
             0xFE10...0xFE19,  // vertical forms
             0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
             0xFF00...0xFF60,  // fullwidth forms
             0xFFE0...0xFFE6,
             0x16FE0...0x16FE4,
             0x17000...0x18CFF,  // Tangut
             0x1AFF0...0x1B2FF,  // Kana supplement/extended, Nushu
             0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251,
             0x1F260...0x1F265,
             0x20000...0x2FFFD,  // CJK Extension B-F
             0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

/// Horizontal alignment of text in a column.
public enum TextAlignment: Hashable, Sendable {
    case left, right, center
}

/// Cuts `text` to at most `width` columns, ending in "…" when cut.
public func truncate(_ text: String, toWidth width: Int) -> String {
    DisplayWidth.truncate(text, toWidth: width)
}

extension String {
    /// Columns this string takes on a terminal.
    public var displayWidth: Int { DisplayWidth.of(self) }
    /// This string cut to `width` columns with "…".
    public func truncated(toWidth width: Int) -> String { DisplayWidth.truncate(self, toWidth: width) }
    /// This string with controls and escape sequences removed.
    public func sanitized(collapseWhitespace: Bool = false) -> String {
        Sanitizer.clean(self, collapseWhitespace: collapseWhitespace)
    }
}
