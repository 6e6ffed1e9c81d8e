/// Makes untrusted text (queries, application names, server errors) safe to put on the screen.
///
/// Strips C0/C1 control characters and terminal escape sequences (CSI `ESC [ ... final`,
/// OSC `ESC ] ... BEL|ST`, DCS/SOS/PM/APC strings, two-byte `ESC x` sequences, and their
/// 8-bit C1 forms), turns newlines, tabs and other line/paragraph separators into spaces,
/// removes bidirectional overrides, and repairs invalid UTF-8 (U+FFFD).
public enum Sanitizer {
    /// Cleans `text`. With `collapseWhitespace`, runs of whitespace become one space and
    /// leading/trailing whitespace is removed (what a one-line query column wants).
    /// `limit` stops after that many scalars of output (a cell never shows more than its width:
    /// no need to clean the rest of a long query at every frame).
    /// Cleans text printed by the command line (plans, snapshots, errors): as `clean`, but each
    /// line stays a line.
    public static func cleanLines(_ text: String) -> String {
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { clean(String($0)) }.joined(separator: "\n")
    }

    public static func clean(_ text: String, collapseWhitespace: Bool = false, limit: Int = .max) -> String {
        if !collapseWhitespace && text.utf8.count <= limit && isPlainPrintableASCII(text) { return text }
        var out = String.UnicodeScalarView()
        var kept = 0
        var state = State.normal
        var lastWasSpace = true  // for collapsing: drops leading whitespace
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch state {
            case .normal:
                break
            case .escape:
                // After ESC: '[' CSI, ']' OSC, 'P' DCS, 'X' SOS, '^' PM, '_' APC; intermediates
                // 0x20-0x2F continue; anything in 0x30-0x7E ends a two-byte sequence.
                switch v {
                case 0x5B: state = .csi
                case 0x5D: state = .string(osc: true)
                case 0x50, 0x58, 0x5E, 0x5F: state = .string(osc: false)
                case 0x20...0x2F: state = .escapeIntermediate
                case 0x1B: state = .escape
                default: state = .normal  // final byte (or junk): consumed
                }
                continue
            case .escapeIntermediate:
                if (0x20...0x2F).contains(v) { continue }
                if v == 0x1B { state = .escape; continue }
                state = .normal
                continue
            case .csi:
                // Parameter bytes 0x30-0x3F, intermediates 0x20-0x2F, final 0x40-0x7E.
                if (0x20...0x3F).contains(v) { continue }
                if v == 0x1B { state = .escape; continue }
                state = .normal
                if (0x40...0x7E).contains(v) { continue }
                // Malformed: drop the sequence, treat this scalar normally below.
            case .string(let osc):
                // Ends at ST (ESC \ or U+009C), or BEL for OSC. Everything inside is dropped.
                if v == 0x9C || (osc && v == 0x07) { state = .normal; continue }
                if v == 0x1B { state = .stringEscape(osc: osc); continue }
                continue
            case .stringEscape(let osc):
                if v == 0x5C { state = .normal; continue }  // ESC \ = ST
                if v == 0x1B { continue }
                state = .string(osc: osc)
                continue
            }
            // Normal processing.
            switch v {
            case 0x1B:
                state = .escape
                continue
            case 0x9B:
                state = .csi
                continue
            case 0x9D:
                state = .string(osc: true)
                continue
            case 0x90, 0x98, 0x9E, 0x9F:
                state = .string(osc: false)
                continue
            default:
                break
            }
            var s = scalar
            if isSpaceLike(v) {
                s = " "
            } else if isDropped(scalar) {
                continue
            }
            if collapseWhitespace {
                // ASCII first: the Unicode property lookup is the costly part for long queries.
                let space = s == " " || (s.value >= 0x80 && s.properties.isWhitespace)
                if space {
                    if lastWasSpace { continue }
                    s = " "
                }
                lastWasSpace = space
            }
            out.append(s)
            kept += 1
            if kept >= limit { break }
        }
        if collapseWhitespace, out.last == " " { out.removeLast() }
        return String(out)
    }

    /// Decodes bytes as UTF-8 (invalid sequences become U+FFFD) and cleans the result.
    public static func clean(bytes: some Sequence<UInt8>, collapseWhitespace: Bool = false) -> String {
        clean(String(decoding: Array(bytes), as: UTF8.self), collapseWhitespace: collapseWhitespace)
    }

    /// True when `text` is only printable ASCII (0x20-0x7E): nothing to do.
    @inline(__always)
    static func isPlainPrintableASCII(_ text: String) -> Bool {
        for b in text.utf8 where b < 0x20 || b > 0x7E { return false }
        return true
    }

    private enum State {
        case normal, escape, escapeIntermediate, csi
        case string(osc: Bool)
        case stringEscape(osc: Bool)
    }

    /// Tab, newline, CR, VT, FF, NEL, line and paragraph separators: shown as a space.
    private static func isSpaceLike(_ v: UInt32) -> Bool {
        switch v {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Other controls (C0, DEL, C1) and bidirectional overrides/isolates are removed.
    private static func isDropped(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { return true }
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return true }
        if v == 0x200E || v == 0x200F || v == 0x061C { return true }  // LRM, RLM, ALM
        return false
    }
}
