/// Word-wrapped, scrollable text (a detail view, a plan, an error).
public struct TextView: Widget, Sendable {
    public var lines: [TextLine]
    /// First wrapped line shown.
    public var offset: Int
    public var wrap: Bool
    public var style: Style

    /// Text with newlines: each line becomes a paragraph (sanitised: tabs become spaces).
    public init(text: String, style: Style = .plain, offset: Int = 0, wrap: Bool = true) {
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            TextLine(String($0.hasSuffix("\r") ? $0.dropLast() : $0), style: style)
        }
        self.offset = offset
        self.wrap = wrap
        self.style = style
    }

    public init(lines: [TextLine], style: Style = .plain, offset: Int = 0, wrap: Bool = true) {
        self.lines = lines
        self.offset = offset
        self.wrap = wrap
        self.style = style
    }

    /// The lines as shown at `width`: wrapped at word boundaries (long words are cut) when
    /// `wrap`, else one per line.
    public func wrappedLines(width: Int) -> [TextLine] {
        guard width > 0 else { return [] }
        if !wrap { return lines }
        return lines.flatMap { TextView.wrap($0, width: width) }
    }

    /// The largest useful offset for an area (the last page).
    public func maxOffset(for area: Rect) -> Int {
        max(0, wrappedLines(width: area.width).count - area.height)
    }

    public func render(in area: Rect, grid: inout ScreenGrid) {
        guard !area.isEmpty else { return }
        let shown = wrappedLines(width: area.width)
        let start = min(max(0, offset), max(0, shown.count - area.height))
        for i in 0..<area.height {
            let idx = start + i
            guard idx < shown.count else { break }
            if wrap {
                grid.put(shown[idx], x: area.x, y: area.y + i, maxWidth: area.width)
            } else {
                putTruncated(shown[idx], x: area.x, y: area.y + i, width: area.width, grid: &grid)
            }
        }
    }

    /// Wraps one line of spans to `width` columns.
    public static func wrap(_ line: TextLine, width: Int) -> [TextLine] {
        guard width > 0 else { return [] }
        // Flatten to (character, width, style), sanitised.
        var chars: [(ch: Character, w: Int, style: Style)] = []
        for span in line.spans {
            for ch in Sanitizer.clean(span.text) {
                let w = DisplayWidth.of(ch)
                if w > 0 { chars.append((ch, w, span.style)) }
            }
        }
        if chars.isEmpty { return [TextLine([])] }
        var result: [[(ch: Character, w: Int, style: Style)]] = []
        var i = 0
        while i < chars.count {
            // Take as many characters as fit.
            var used = 0
            var j = i
            while j < chars.count && used + chars[j].w <= width {
                used += chars[j].w
                j += 1
            }
            if j == i { j = i + 1 }  // a wide character in a 1-column view
            if j < chars.count {
                // Break at the last space within [i, j], if any (and not at the start).
                if chars[j].ch != " " {
                    var k = j - 1
                    while k > i && chars[k].ch != " " { k -= 1 }
                    if k > i { j = k + 1 }
                }
            }
            var piece = Array(chars[i..<j])
            while let last = piece.last, last.ch == " ", piece.count > 1 { piece.removeLast() }
            result.append(piece)
            i = j
            // Skip spaces at the start of the next line.
            while i < chars.count && chars[i].ch == " " { i += 1 }
        }
        return result.map { piece in
            var spans: [TextSpan] = []
            for c in piece {
                if let last = spans.last, last.style == c.style {
                    spans[spans.count - 1].text.append(c.ch)
                } else {
                    spans.append(TextSpan(String(c.ch), style: c.style))
                }
            }
            return TextLine(spans)
        }
    }
}
