/// A column of a `Table`.
public struct TableColumn: Hashable, Sendable {
    public enum Width: Hashable, Sendable {
        /// Exactly n columns (fewer only when the table is narrower than this column alone).
        case fixed(Int)
        /// At least `min` columns; leftover width is shared among flex columns by `weight`.
        case flex(min: Int, weight: Int)
    }

    public var title: String
    public var width: Width
    public var alignment: TextAlignment
    /// When the area is too narrow, columns with the lowest priority are dropped first (ties: the
    /// rightmost first). The first column is never dropped.
    public var priority: Int

    public init(_ title: String, width: Width, alignment: TextAlignment = .left, priority: Int = 0) {
        self.title = title
        self.width = width
        self.alignment = alignment
        self.priority = priority
    }

    var minWidth: Int {
        switch width {
        case .fixed(let n): return max(0, n)
        case .flex(let m, _): return max(0, m)
        }
    }
}

/// A row of a `Table`: one string per column, a style for the row, optional per-cell styles.
public struct TableRow: Hashable, Sendable {
    public var cells: [String]
    public var style: Style
    /// Per-cell styles (nil entries, or a shorter array, use `style`).
    public var cellStyles: [Style?]

    /// Cells made of styled spans (e.g. a dim tree prefix then a bold pid); where present they
    /// are drawn instead of `cells` (which stay the plain text, for filtering and sorting).
    public var styledCells: [TextLine?]

    public init(_ cells: [String], style: Style = .plain, cellStyles: [Style?] = []) {
        self.cells = cells
        self.style = style
        self.cellStyles = cellStyles
        self.styledCells = []
    }

    /// A row of styled cells; spans in the `default` role take the row's style.
    public init(styled: [TextLine], style: Style = .plain) {
        self.cells = styled.map(\.text)
        self.style = style
        self.cellStyles = []
        self.styledCells = styled
    }
}

/// Where a column landed: its index in `columns`, its x offset within the area, and its width.
public struct ColumnPlacement: Hashable, Sendable {
    public var index: Int
    public var x: Int
    public var width: Int
}

/// A table with a header row, a selected row kept visible by scrolling, marked rows and
/// per-row styles (ratatui's `Table` + `TableState`, as a value).
public struct Table: Widget, Sendable {
    public var columns: [TableColumn]
    public var rows: [TableRow]
    /// The selected row index (highlighted with `table.selected`), or nil.
    public var selected: Int?
    /// The first row shown, as remembered from the last frame; `render` adjusts it so that the
    /// selection is visible. Store `scrollOffset(for:)` back into the pane state.
    public var offset: Int
    /// Marked rows (for bulk actions), shown with `markSymbol` in a mark column and `table.marked`.
    public var marked: Set<Int>
    /// Shows a one-character mark column (plus a space) on the left.
    public var showsMarkColumn: Bool
    public var markSymbol: String
    public var showsHeader: Bool
    /// Blank columns between columns.
    public var spacing: Int
    /// False draws the selection without the highlight (e.g. when another pane has focus).
    public var highlightsSelection: Bool

    public init(columns: [TableColumn], rows: [TableRow], selected: Int? = nil, offset: Int = 0,
                marked: Set<Int> = [], showsMarkColumn: Bool = false, markSymbol: String = "*",
                showsHeader: Bool = true, spacing: Int = 1, highlightsSelection: Bool = true) {
        self.columns = columns
        self.rows = rows
        self.selected = selected
        self.offset = offset
        self.marked = marked
        self.showsMarkColumn = showsMarkColumn
        self.markSymbol = markSymbol
        self.showsHeader = showsHeader
        self.spacing = spacing
        self.highlightsSelection = highlightsSelection
    }

    /// Rows of data that fit in `area` (the header takes one).
    public func visibleRowCount(for area: Rect) -> Int {
        max(0, area.height - (showsHeader ? 1 : 0))
    }

    /// The first row to show in `area`: `offset`, moved just enough to keep `selected` visible,
    /// and never past the last page.
    public func scrollOffset(for area: Rect) -> Int {
        Table.scrollOffset(selected: selected, offset: offset, rowCount: rows.count,
                           visibleRows: visibleRowCount(for: area))
    }

    /// Scrolling rule shared with panes that keep their own state.
    public static func scrollOffset(selected: Int?, offset: Int, rowCount: Int, visibleRows: Int) -> Int {
        guard visibleRows > 0, rowCount > 0 else { return 0 }
        var o = min(max(0, offset), max(0, rowCount - visibleRows))
        if let s = selected, s >= 0, s < rowCount {
            if s < o { o = s }
            if s >= o + visibleRows { o = s - visibleRows + 1 }
        }
        return o
    }

    /// Column placement for a width: flex columns share the leftover by weight; when the columns
    /// do not fit even at their minimum widths, the lowest-priority (then rightmost) columns are
    /// dropped; a lone first column wider than the area is narrowed. x is relative to the area
    /// (after the mark column).
    public func layout(width totalWidth: Int) -> [ColumnPlacement] {
        let markWidth = showsMarkColumn ? 2 : 0
        let width = max(0, totalWidth - markWidth)
        guard width > 0, !columns.isEmpty else { return [] }
        var kept = Array(columns.indices)
        func need(_ idx: [Int]) -> Int {
            idx.reduce(0) { $0 + columns[$1].minWidth } + spacing * max(0, idx.count - 1)
        }
        while kept.count > 1 && need(kept) > width {
            // Drop the lowest priority; among equals the rightmost; never the first column.
            let candidates = kept.dropFirst()
            let lowest = candidates.map { columns[$0].priority }.min()!
            let victim = candidates.last { columns[$0].priority == lowest }!
            kept.removeAll { $0 == victim }
        }
        var widths = kept.map { columns[$0].minWidth }
        var extra = width - need(kept)
        if extra < 0 {
            widths[0] = max(0, widths[0] + extra)  // one column wider than the area
            extra = 0
        }
        let flex = kept.enumerated().compactMap { (pos, idx) -> (Int, Int)? in
            if case .flex(_, let w) = columns[idx].width { return (pos, max(0, w)) }
            return nil
        }
        let totalWeight = flex.reduce(0) { $0 + $1.1 }
        if extra > 0 && totalWeight > 0 {
            var given = 0
            for (pos, w) in flex {
                let share = extra * w / totalWeight
                widths[pos] += share
                given += share
            }
            // The remainder goes to the last weighted flex column.
            if let last = flex.last(where: { $0.1 > 0 }) { widths[last.0] += extra - given }
        }
        var out: [ColumnPlacement] = []
        var x = markWidth
        for (pos, idx) in kept.enumerated() {
            out.append(ColumnPlacement(index: idx, x: x, width: widths[pos]))
            x += widths[pos] + spacing
        }
        return out
    }

    public func render(in area: Rect, grid: inout ScreenGrid) {
        guard !area.isEmpty else { return }
        let placements = layout(width: area.width)
        var y = area.y
        if showsHeader {
            let headerStyle = Style(.tableHeader)
            grid.fill(area.row(0), style: headerStyle)
            for p in placements {
                let c = columns[p.index]
                let t = DisplayWidth.fit(Sanitizer.clean(c.title), toWidth: p.width, alignment: c.alignment)
                grid.put(t, x: area.x + p.x, y: y, maxWidth: p.width, style: headerStyle)
            }
            y += 1
        }
        let visible = visibleRowCount(for: area)
        let start = scrollOffset(for: area)
        for i in 0..<visible {
            let r = start + i
            guard r < rows.count else { break }
            let row = rows[r]
            let isSelected = highlightsSelection && selected == r
            let isMarked = marked.contains(r)
            var rowStyle = row.style
            if isMarked { rowStyle = Style(.tableMarked, row.style.attributes) }
            if isSelected { rowStyle = Style(.tableSelected, isMarked ? [.bold] : []) }
            let line = Rect(x: area.x, y: y + i, width: area.width, height: 1)
            grid.fill(line, style: isSelected ? rowStyle : Style(.default))
            if showsMarkColumn {
                grid.put(isMarked ? markSymbol : " ", x: area.x, y: y + i, maxWidth: 1, style: rowStyle)
            }
            for p in placements {
                let text = p.index < row.cells.count ? Sanitizer.clean(row.cells[p.index]) : ""
                var style = rowStyle
                if !isSelected && !isMarked, p.index < row.cellStyles.count, let cs = row.cellStyles[p.index] {
                    style = cs
                }
                if !isSelected, p.index < row.styledCells.count, let styled = row.styledCells[p.index] {
                    let spans = styled.spans.map { span in
                        span.style.role == .default ? TextSpan(span.text, style: Style(style.role, span.style.attributes))
                            : span
                    }
                    let line = TextLine(spans).fitted(toWidth: p.width, alignment: columns[p.index].alignment,
                                                      padStyle: style)
                    grid.put(line, x: area.x + p.x, y: y + i, maxWidth: p.width)
                    continue
                }
                let t = DisplayWidth.fit(text, toWidth: p.width, alignment: columns[p.index].alignment)
                grid.put(t, x: area.x + p.x, y: y + i, maxWidth: p.width, style: style)
            }
        }
    }
}
