/// The help overlay (`?`, F1): every key from `KeyMap.bindings`, in two columns of sections.
public enum HelpContent {
    static let keyWidth = 10
    static let leftSections = ["Panes", "Move", "Look"]

    static let notes = [
        "c, k: the marked rows, else the",
        "selected one. --read-only refuses.",
    ]

    static func column(_ sections: [String]) -> [TextLine] {
        var lines: [TextLine] = []
        for section in sections {
            if !lines.isEmpty { lines.append(TextLine("")) }
            lines.append(TextLine(section, style: Style(.helpSection, [.bold])))
            for b in KeyMap.bindings where b.section == section {
                lines.append(TextLine([
                    TextSpan(DisplayWidth.fit(b.keys, toWidth: keyWidth), style: Style(.helpKey, [.bold])),
                    TextSpan(" " + b.description, style: Style(.helpText)),
                ]))
            }
        }
        return lines
    }

    static var leftColumn: [TextLine] { column(leftSections) }
    static var rightColumn: [TextLine] {
        let sections = KeyMap.bindings.reduce(into: [String]()) { acc, b in
            if !leftSections.contains(b.section) && !acc.contains(b.section) { acc.append(b.section) }
        }
        return column(sections) + [TextLine("")] + notes.map { TextLine($0, style: Style(.textDim)) }
    }

    static func box(width: Int, height: Int) -> Rect {
        Rect(x: 0, y: Layout.headerHeight, width: width, height: height - Layout.headerHeight - 1)
    }

    static func maxScroll(width: Int, height: Int) -> Int {
        let inner = box(width: width, height: height).inset(dx: 1, dy: 1)
        return max(0, max(leftColumn.count, rightColumn.count) - inner.height)
    }

    static func render(_ state: AppState, grid: inout ScreenGrid) {
        let area = box(width: state.width, height: state.height)
        let frame = Box(title: "Help — any key closes", borderStyle: Style(.border),
                        titleStyle: Style(.borderTitle, [.bold]), fillStyle: Style(.help))
        grid.render(frame, in: area)
        let inner = frame.inner(area).inset(dx: 1, dy: 0)
        let half = inner.width / 2
        let offset = min(state.helpScroll, maxScroll(width: state.width, height: state.height))
        // On the Plan pane the left column lists EXPLAIN's and the browser's keys (ExplainDialogs).
        let columns = [(state.pane == .plan ? ExplainDialogs.helpColumn : leftColumn, inner.x), (rightColumn, inner.x + half + 1)]
        for (lines, x) in columns {
            for (i, line) in lines.dropFirst(offset).prefix(inner.height).enumerated() {
                grid.put(line, x: x, y: inner.y + i, maxWidth: half - 1)
            }
        }
    }
}
