/// The help page (`?`, F1): every key that works on the pane on screen, made from the same
/// bindings that dispatch the keys (`KeyRouting.helpLayers`), so it cannot drift from them.
/// Sections flow into two columns; what does not fit at this size goes on further pages.
public enum HelpContent {
    static let keyWidth = 10

    /// The lines of each section: its title, then one line per binding that has help.
    static func sections(_ state: AppState) -> [[TextLine]] {
        var out: [[TextLine]] = []
        var seen: [String: Set<String>] = [:]
        for layer in KeyRouting.helpLayers(state) {
            var lines = [TextLine(layer.title, style: Style(.helpSection, [.bold]))]
            for binding in layer.bindings {
                guard let help = binding.help, seen[layer.title, default: []].insert(binding.label).inserted else { continue }
                lines.append(TextLine([
                    TextSpan(DisplayWidth.fit(binding.label, toWidth: keyWidth), style: Style(.helpKey, [.bold])),
                    TextSpan(" " + help, style: Style(.helpText)),
                ]))
            }
            if lines.count > 1 { out.append(lines) }
        }
        return out
    }

    static func box(width: Int, height: Int) -> Rect {
        Rect(x: 0, y: Layout.headerHeight, width: width, height: height - Layout.headerHeight - 1)
    }

    static func inner(width: Int, height: Int) -> Rect {
        box(width: width, height: height).inset(dx: 2, dy: 1)
    }

    /// The columns, each at most `height` lines: the sections flow from one column into the
    /// next, a blank line between two, a section title never alone at a column's foot.
    static func columns(_ state: AppState, height: Int) -> [[TextLine]] {
        let height = max(2, height)
        var columns: [[TextLine]] = [[]]
        for section in sections(state) {
            if !columns[columns.count - 1].isEmpty {
                if height - columns[columns.count - 1].count < 3 { columns.append([]) } else { columns[columns.count - 1].append(TextLine("")) }
            }
            for line in section {
                if columns[columns.count - 1].count >= height { columns.append([]) }
                columns[columns.count - 1].append(line)
            }
        }
        return columns
    }

    /// Pages of two columns each at this size.
    static func pageCount(_ state: AppState) -> Int {
        let area = inner(width: state.width, height: state.height)
        return max(1, (columns(state, height: area.height).count + 1) / 2)
    }

    /// Keys while the help is open: arrows and page keys turn the pages, any other key closes.
    static let layer = KeyLayer("Help", [
        KeyBinding([.up, .pageUp, .left, .char("k")], "PgUp", help: "previous page") { state, _ in
            state.helpScroll = max(0, state.helpScroll - 1)
            return []
        },
        KeyBinding([.down, .pageDown, .right, .char("j"), .char(" ")], "PgDn", help: "next page") { state, _ in
            state.helpScroll = min(pageCount(state) - 1, state.helpScroll + 1)
            return []
        },
    ], otherKeys: .handle { state, _ in
        state.helpShown = false
        state.helpScroll = 0
        return []
    })

    static func render(_ state: AppState, grid: inout ScreenGrid) {
        let area = box(width: state.width, height: state.height)
        let pages = pageCount(state)
        let page = min(state.helpScroll, pages - 1)
        let pane = state.pane.title
        let title = pages > 1
            ? "Keys on \(pane), page \(page + 1)/\(pages) — PgDn/PgUp turn, any other key closes"
            : "Keys on \(pane) — any key closes"
        let frame = Box(title: title, borderStyle: Style(.border),
                        titleStyle: Style(.borderTitle, [.bold]), fillStyle: Style(.help))
        grid.render(frame, in: area)
        let text = inner(width: state.width, height: state.height)
        let half = (text.width - 2) / 2
        let columns = columns(state, height: text.height)
        for (i, lines) in columns.dropFirst(page * 2).prefix(2).enumerated() {
            let x = text.x + i * (half + 2)
            for (row, line) in lines.enumerated() {
                grid.put(line, x: x, y: text.y + row, maxWidth: half)
            }
        }
    }
}
