/// A run of text with one style, as ratatui's `Span`.
public struct TextSpan: Hashable, Sendable {
    public var text: String
    public var style: Style
    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// One line of styled spans, as ratatui's `Line`.
public struct TextLine: Hashable, Sendable, ExpressibleByStringLiteral {
    public var spans: [TextSpan]
    public init(_ spans: [TextSpan]) { self.spans = spans }
    public init(_ text: String, style: Style = .plain) { self.spans = [TextSpan(text, style: style)] }
    public init(stringLiteral value: String) { self.spans = [TextSpan(value)] }
    /// The plain text of all spans.
    public var text: String { spans.map(\.text).joined() }
    /// Columns the line takes (after sanitising).
    public var displayWidth: Int { spans.reduce(0) { $0 + DisplayWidth.of(Sanitizer.clean($1.text)) } }

    /// The line sanitised and cut to `width` columns, ending in "…" (in the style of the last
    /// span kept) when cut.
    public func truncated(toWidth width: Int) -> TextLine {
        guard width > 0 else { return TextLine([]) }
        let clean = spans.map { TextSpan(Sanitizer.clean($0.text), style: $0.style) }
        if clean.reduce(0, { $0 + DisplayWidth.of($1.text) }) <= width { return TextLine(clean) }
        var out: [TextSpan] = []
        var used = 0
        outer: for span in clean {
            var text = ""
            for ch in span.text {
                let w = DisplayWidth.of(ch)
                if used + w > width - 1 {
                    if !text.isEmpty { out.append(TextSpan(text, style: span.style)) }
                    break outer
                }
                text.append(ch)
                used += w
            }
            if !text.isEmpty { out.append(TextSpan(text, style: span.style)) }
        }
        let style = out.last?.style ?? clean.first?.style ?? .plain
        if let last = out.indices.last, out[last].style == style {
            out[last].text += "…"
        } else {
            out.append(TextSpan("…", style: style))
        }
        return TextLine(out)
    }

    /// The line cut or padded with spaces to exactly `width` columns.
    public func fitted(toWidth width: Int, alignment: TextAlignment = .left, padStyle: Style? = nil) -> TextLine {
        var line = truncated(toWidth: width)
        let pad = width - line.displayWidth
        guard pad > 0 else { return line }
        let style = padStyle ?? line.spans.last?.style ?? .plain
        switch alignment {
        case .left: line.spans.append(TextSpan(String(repeating: " ", count: pad), style: style))
        case .right: line.spans.insert(TextSpan(String(repeating: " ", count: pad), style: style), at: 0)
        case .center:
            line.spans.insert(TextSpan(String(repeating: " ", count: pad / 2), style: style), at: 0)
            line.spans.append(TextSpan(String(repeating: " ", count: pad - pad / 2), style: style))
        }
        return line
    }
}

extension ScreenGrid {
    /// Stores `cell` at (x, y), keeping wide characters whole: overwriting either half of a wide
    /// character blanks its other half. A wide cell that does not fit before the right edge
    /// becomes a blank. Out-of-bounds writes are ignored.
    public mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard contains(x: x, y: y) else { return }
        var cell = cell
        if cell.width > 1 && x + cell.width > width {
            cell = Cell(symbol: " ", width: 1, style: cell.style)
        }
        if cell.width == 0 { cell.width = 1; if cell.symbol.isEmpty { cell.symbol = " " } }
        clearWide(x: x, y: y)
        if cell.width > 1 {
            for dx in 1..<cell.width { clearWide(x: x + dx, y: y) }
        }
        self[x, y] = cell
        if cell.width > 1 {
            for dx in 1..<cell.width {
                self[x + dx, y] = Cell(symbol: "", width: 0, style: cell.style)
            }
        }
    }

    /// Before (x, y) is overwritten: if it is part of a wide character, blank the other parts.
    private mutating func clearWide(x: Int, y: Int) {
        guard contains(x: x, y: y) else { return }
        let old = self[x, y]
        if old.isContinuation {
            // Find the head to the left and blank it and its other continuation cells.
            var hx = x - 1
            while hx >= 0 && self[hx, y].isContinuation { hx -= 1 }
            if hx >= 0 {
                let head = self[hx, y]
                let end = min(width, hx + max(1, head.width))
                for cx in hx..<end where cx != x {
                    self[cx, y] = Cell(symbol: " ", width: 1, style: self[cx, y].style)
                }
            }
            self[x, y] = Cell(symbol: " ", width: 1, style: old.style)
        } else if old.width > 1 {
            let end = min(width, x + old.width)
            for cx in (x + 1)..<end where self[cx, y].isContinuation {
                self[cx, y] = Cell(symbol: " ", width: 1, style: self[cx, y].style)
            }
        }
    }

    /// Draws sanitised text from (x, y), clipped at `maxWidth` columns and at the grid's edges;
    /// wide characters take 2 columns, and one that does not fit at the edge becomes a space.
    /// Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int, style: Style) -> Int {
        guard y >= 0, y < height, maxWidth > 0 else { return 0 }
        let limit = min(maxWidth, width - x)  // columns available from x
        guard limit > 0 else { return 0 }
        var used = 0
        if Sanitizer.isPlainPrintableASCII(text) {
            // Nothing to clean and one column a byte: most of what the panes draw, and
            // walking grapheme clusters was most of the cost of a frame.
            for byte in text.utf8 {
                if used >= limit { break }
                if x + used >= 0 { set(Cell(symbol: String(UnicodeScalar(byte)), width: 1, style: style), x: x + used, y: y) }
                used += 1
            }
            return used
        }
        let clean = Sanitizer.clean(text)
        for ch in clean {
            let w = DisplayWidth.of(ch)
            if w == 0 { continue }
            if used + w > limit {
                if used < limit {
                    // A wide character cut at the edge: fill what remains with a space.
                    if x + used >= 0 { set(Cell(symbol: " ", width: 1, style: style), x: x + used, y: y) }
                    used += 1
                }
                break
            }
            let cx = x + used
            if cx >= 0 {
                set(Cell(symbol: String(ch), width: w, style: style), x: cx, y: y)
            } else if cx + w > 0 {
                // Wide character straddling the left edge: the visible half becomes a space.
                set(Cell(symbol: " ", width: 1, style: style), x: 0, y: y)
            }
            used += w
        }
        return used
    }

    /// Draws text with no width limit other than the grid's edge.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain) -> Int {
        put(text, x: x, y: y, maxWidth: width - x, style: style)
    }

    /// Draws spans one after another from (x, y), clipped at `maxWidth`. Returns the columns used.
    @discardableResult
    public mutating func put(_ line: TextLine, x: Int, y: Int, maxWidth: Int) -> Int {
        var used = 0
        for span in line.spans {
            if used >= maxWidth { break }
            used += put(span.text, x: x + used, y: y, maxWidth: maxWidth - used, style: span.style)
        }
        return used
    }

    /// Blanks every cell of `rect` (clipped to the grid) with `style`.
    public mutating func fill(_ rect: Rect, style: Style) {
        fill(rect, with: " ", style: style)
    }

    /// Fills `rect` with one narrow symbol (e.g. "─"), clipped to the grid.
    public mutating func fill(_ rect: Rect, with symbol: String, style: Style) {
        let r = rect.clipped(to: area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            // Fix up wide characters cut by the rectangle's edges.
            set(Cell(symbol: symbol, width: 1, style: style), x: r.x, y: y)
            set(Cell(symbol: symbol, width: 1, style: style), x: r.maxX - 1, y: y)
            for x in r.x..<r.maxX {
                self[x, y] = Cell(symbol: symbol, width: 1, style: style)
            }
        }
    }

    /// Changes the style of the cells in `rect`, keeping their symbols (e.g. a selection bar).
    public mutating func setStyle(_ rect: Rect, style: Style) {
        let r = rect.clipped(to: area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { self[x, y].style = style }
        }
    }

    /// Blanks the whole grid with `style`.
    public mutating func clear(style: Style = .plain) {
        fill(area, style: style)
    }

    /// Renders a widget into `area`.
    public mutating func render(_ widget: some Widget, in area: Rect) {
        widget.render(in: area, grid: &self)
    }

    /// The text of each row: wide characters once, continuation cells skipped, trailing
    /// spaces trimmed. What screen tests compare.
    public func lines() -> [String] {
        (0..<height).map { line(y: $0) }
    }

    /// The text of row `y`, trailing spaces trimmed.
    public func line(y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var s = ""
        for x in 0..<width {
            let c = self[x, y]
            if c.isContinuation { continue }
            s += c.symbol
        }
        while s.last == " " { s.removeLast() }
        return s
    }
}

extension Rect {
    /// The part of this rectangle inside `other`.
    public func clipped(to other: Rect) -> Rect {
        let x0 = max(x, other.x), y0 = max(y, other.y)
        let x1 = min(maxX, other.maxX), y1 = min(maxY, other.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// This rectangle shrunk by `dx` columns on each side and `dy` rows top and bottom.
    public func inset(dx: Int, dy: Int) -> Rect {
        Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy)
    }

    /// A `width` x `height` rectangle centred in this one (clipped to it).
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(w, width), ch = min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// Splits off the top `rows` rows: (top, rest).
    public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let r = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: r),
                Rect(x: x, y: y + r, width: width, height: height - r))
    }

    /// Splits off the bottom `rows` rows: (rest, bottom).
    public func splitBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
        let r = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: height - r),
                Rect(x: x, y: y + height - r, width: width, height: r))
    }

    /// One row of this rectangle (relative index), or an empty rect when out of range.
    public func row(_ i: Int) -> Rect {
        guard i >= 0, i < height else { return Rect(x: x, y: y + i, width: 0, height: 0) }
        return Rect(x: x, y: y + i, width: width, height: 1)
    }
}

/// The whole widget contract, as in ratatui: draw yourself into `area` of `grid`.
public protocol Widget {
    func render(in area: Rect, grid: inout ScreenGrid)
}
