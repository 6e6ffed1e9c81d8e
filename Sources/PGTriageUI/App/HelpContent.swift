/// The help page (`?`, F1): every key that works on the pane on screen, made from the same
/// bindings that dispatch the keys (`KeyRouting.helpLayers`), so it cannot drift from them.
/// Sections flow into two columns; what does not fit at this size goes on further pages.
public enum HelpContent {
    static let keyWidth = 10

    /// What the help lists for the pane on screen: its layers and the keys of every pane,
    /// without a key of every pane that the pane's own list takes (`x` on Bloat, `+` `-` on
    /// Plan: there it does the pane's thing) or that the offline browser refuses (the digits,
    /// `r`, `p`), and without bindings that have no help text.
    static func listed(_ state: AppState) -> [KeyLayer] {
        let layers = KeyRouting.helpLayers(state)
        // Keys taken before the global layer: the pane's list, and offline the refusals.
        var paneKeys = Set(layers.first?.bindings.flatMap(\.keys) ?? [])
        if state.plan.offline { paneKeys.formUnion(ExplainKeys.offlineLayer.bindings.flatMap(\.keys)) }
        if state.replay != nil { paneKeys.formUnion(ReplayKeys.layer.bindings.flatMap(\.keys)) }
        return layers.enumerated().map { index, layer in
            var labels = Set<String>()
            let shown = layer.bindings.filter { binding in
                let shadowed = index == layers.count - 1 && binding.keys.allSatisfy { paneKeys.contains($0) }
                return !shadowed && binding.help != nil && labels.insert(binding.label).inserted
            }
            return KeyLayer(layer.title, shown, otherKeys: layer.otherKeys)
        }.filter { !$0.bindings.isEmpty }
    }

    /// The lines of each section: its title, then one line per binding.
    static func sections(_ state: AppState) -> [[TextLine]] {
        listed(state).map { layer in
            [TextLine(layer.title, style: Style(.helpSection, [.bold]))] + layer.bindings.map { binding in
                TextLine([
                    TextSpan(DisplayWidth.fit(binding.label, toWidth: keyWidth), style: Style(.helpKey, [.bold])),
                    TextSpan(" " + (binding.help ?? ""), style: Style(.helpText)),
                ])
            }
        }
    }

    static func box(width: Int, height: Int) -> Rect {
        Rect(x: 0, y: Layout.headerHeight, width: width, height: height - Layout.headerHeight - 1)
    }

    static func inner(width: Int, height: Int) -> Rect {
        box(width: width, height: height).inset(dx: 2, dy: 1)
    }

    /// The columns, each at most `height` lines. Whole sections where that takes no more pages
    /// than letting them flow from one column into the next; a blank line between two sections.
    static func columns(_ state: AppState, height: Int) -> [[TextLine]] {
        let height = max(2, height)
        let sections = sections(state)
        let flowing = layout(sections, height: height, keepWhole: false)
        let whole = layout(sections, height: height, keepWhole: true)
        return (whole.count + 1) / 2 <= (flowing.count + 1) / 2 ? whole : flowing
    }

    static func layout(_ sections: [[TextLine]], height: Int, keepWhole: Bool) -> [[TextLine]] {
        var columns: [[TextLine]] = [[]]
        for section in sections {
            let used = columns[columns.count - 1].count
            if used > 0 {
                let room = height - used - 1
                // A title never ends a column alone; with keepWhole a section that fits in a
                // column of its own is not split.
                if room < 2 || (keepWhole && room < section.count && section.count <= height) {
                    columns.append([])
                } else {
                    columns[columns.count - 1].append(TextLine(""))
                }
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
