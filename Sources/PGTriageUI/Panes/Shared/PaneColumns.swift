/// A column of a pane's list: title, width in columns, alignment. The panes lay out their own
/// columns (which to drop on narrow screens is pane knowledge), then draw cell by cell.
struct PaneColumn: Sendable, Equatable {
    var title: String
    var width: Int
    var alignment: TextAlignment = .left
}

/// A cell of a list row: text and the style it gets when the row is not selected.
struct PaneCell: Sendable {
    var text: String
    var style: Style
    /// Server text is put on one line (whitespace collapsed, trimmed); our own tree prefixes
    /// keep their leading spaces.
    var oneLine: Bool
    init(_ text: String, _ style: Style = .plain, oneLine: Bool = true) {
        self.text = text; self.style = style; self.oneLine = oneLine
    }
}

enum PaneDraw {
    /// Columns before the first pane column: the Table widget's mark column and its space.
    static let gutter = 2

    /// Draws a pane's list with the `Table` widget: the column header on `area`'s first line,
    /// then the rows from `top` (only the visible ones are built). The last column takes what is
    /// left; the sorted column's title is underlined.
    static func table(
        columns: [PaneColumn], rows: [[PaneCell]], rowCount: Int, top: Int, selected: Int?,
        marked: (Int) -> Bool, sortedColumn: Int?, area: Rect, grid: inout ScreenGrid
    ) {
        let tableColumns = columns.enumerated().map { i, c in
            TableColumn(c.title, width: i == columns.count - 1 ? .flex(min: 1, weight: 1) : .fixed(c.width),
                        alignment: c.alignment)
        }
        let tableRows = rows.map { cells in
            // A cell shows at most the table's width: the rest of a long query is not cleaned.
            TableRow(cells.map { Sanitizer.clean($0.text, collapseWhitespace: $0.oneLine, limit: area.width + 1) },
                     cellStyles: cells.map { Optional($0.style) })
        }
        let markedRows = Set(rows.indices.filter { marked(top + $0) })
        let table = Table(columns: tableColumns, rows: tableRows,
                          selected: selected.flatMap { $0 >= top && $0 < top + rows.count ? $0 - top : nil },
                          offset: 0, marked: markedRows, showsMarkColumn: true)
        grid.render(table, in: area)
        if let sortedColumn, let p = table.layout(width: area.width).first(where: { $0.index == sortedColumn }) {
            grid.setStyle(Rect(x: area.x + p.x, y: area.y, width: p.width, height: 1),
                          style: Style(.tableHeader, [.bold, .underline]))
        }
    }

    /// The top of a pane that has two summary lines under its title (Tables, Replication): the
    /// title, the two lines, and the section's limitation as a note on the last line of what is
    /// left; returns the area left for the list.
    static func titleAndSummary(
        _ title: String, details: String, lines: (TextLine, TextLine), limitation: String?, area: Rect, grid: inout ScreenGrid
    ) -> Rect {
        PaneDraw.title(title, details: details, y: area.y, width: area.width, grid: &grid)
        putTruncated(lines.0, x: area.x + 1, y: area.y + 1, width: area.width - 2, grid: &grid)
        putTruncated(lines.1, x: area.x + 1, y: area.y + 2, width: area.width - 2, grid: &grid)
        var list = Rect(x: area.x, y: area.y + 3, width: area.width, height: area.height - 3)
        if let limitation { note(limitation, under: &list, leaving: 4, grid: &grid) }
        return list
    }

    /// What a pane cannot show and how to fix it, on the last lines of `list` (taken from it):
    /// wrapped to up to three lines when one is too narrow for the fix at its end, while the
    /// list keeps at least `leaving` lines (else one line, cut).
    static func note(_ text: String, under list: inout Rect, leaving: Int, grid: inout ScreenGrid) {
        guard list.height > leaving else { return }
        let width = list.width - 2
        let label = "note: "
        var lines = TextView.wrap(TextLine(text), width: width - label.count).enumerated().map { index, line in
            (index == 0 ? label : String(repeating: " ", count: label.count)) + line.text
        }
        if lines.count > min(3, list.height - leaving) { lines = [label + text] }
        for (index, line) in lines.enumerated() {
            putTruncated(TextLine(line, style: Style(.textDim)), x: list.x + 1, y: list.maxY - lines.count + index, width: width, grid: &grid)
        }
        list.height -= lines.count
    }

    /// Width the columns take besides the last one (gutter, widths, one space between columns).
    static func used(_ widths: [Int]) -> Int { gutter + widths.reduce(0) { $0 + $1 + 1 } }

    /// A message centred in the list area (empty list, no data yet).
    static func centred(_ text: String, in area: Rect, style: Style, grid: inout ScreenGrid) {
        guard !area.isEmpty else { return }
        let clean = Sanitizer.clean(text)
        let w = min(area.width, DisplayWidth.of(clean))
        let x = area.x + (area.width - w) / 2
        let y = area.y + max(0, (area.height - 1) / 2)
        grid.put(clean, x: x, y: y, maxWidth: area.width, style: style)
    }

    /// A pane title line: bold title, then details.
    static func title(_ title: String, details: String, y: Int, width: Int, grid: inout ScreenGrid) {
        grid.fill(Rect(x: 0, y: y, width: width, height: 1), style: Style(.title))
        let used = grid.put(title, x: 1, y: y, maxWidth: width - 1, style: Style(.title, [.bold]))
        if !details.isEmpty {
            grid.put(" " + details, x: 1 + used, y: y, maxWidth: width - 1 - used, style: Style(.title))
        }
    }
}
