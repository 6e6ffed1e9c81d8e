/// A titled box listing key/description pairs in as many columns as fit.
public struct HelpOverlay: Widget, Sendable {
    public struct Entry: Hashable, Sendable {
        public var key: String
        public var description: String
        public init(_ key: String, _ description: String) {
            self.key = key
            self.description = description
        }
    }

    public struct Section: Hashable, Sendable {
        public var title: String?
        public var entries: [Entry]
        public init(_ title: String?, _ entries: [Entry]) {
            self.title = title
            self.entries = entries
        }
    }

    public var title: String
    public var sections: [Section]
    public var footer: String?

    public init(title: String = "Help", sections: [Section], footer: String? = "Esc or ? closes this help") {
        self.title = title
        self.sections = sections
        self.footer = footer
    }

    public init(title: String = "Help", entries: [(key: String, description: String)],
                footer: String? = "Esc or ? closes this help") {
        self.init(title: title, sections: [Section(nil, entries.map { Entry($0.key, $0.description) })],
                  footer: footer)
    }

    private enum Item { case section(String), entry(Entry), blank }

    private var items: [Item] {
        var out: [Item] = []
        for (i, s) in sections.enumerated() {
            if let t = s.title {
                if i > 0 { out.append(.blank) }
                out.append(.section(t))
            }
            out += s.entries.map { .entry($0) }
        }
        return out
    }

    /// The box and the column layout for `area`.
    private func layout(in area: Rect) -> (box: Rect, columns: Int, rows: Int, keyWidth: Int, cellWidth: Int) {
        let items = self.items
        let keyWidth = min(16, sections.flatMap(\.entries).map { DisplayWidth.of(Sanitizer.clean($0.key)) }.max() ?? 0)
        let descWidth = sections.flatMap(\.entries).map { DisplayWidth.of(Sanitizer.clean($0.description)) }.max() ?? 0
        let sectionWidth = sections.compactMap(\.title).map { DisplayWidth.of(Sanitizer.clean($0)) }.max() ?? 0
        let availW = max(1, area.width - 6)  // border + padding, and one column of margin each side
        let footerRows = footer == nil ? 0 : 2
        let availH = max(1, area.height - 4 - footerRows)
        var cellWidth = min(availW, max(sectionWidth, keyWidth + 2 + descWidth))
        var columns = max(1, min((availW + 3) / (cellWidth + 3), items.count))
        var rows = (items.count + columns - 1) / max(1, columns)
        // Prefer the fewest columns that fit the height.
        while columns > 1 && (items.count + columns - 2) / (columns - 1) <= availH {
            columns -= 1
            rows = (items.count + columns - 1) / columns
        }
        if rows > availH {
            // Too tall: more, narrower columns if there is room; else the list is cut.
            let maxColumns = max(1, (availW + 3) / 12)
            while rows > availH && columns < maxColumns {
                columns += 1
                rows = (items.count + columns - 1) / columns
            }
            cellWidth = min(cellWidth, (availW + 3) / columns - 3)
            rows = min(rows, availH)
        }
        let innerW = max(DisplayWidth.of(Sanitizer.clean(title)) + 2,
                         columns * cellWidth + (columns - 1) * 3,
                         DisplayWidth.of(Sanitizer.clean(footer ?? "")))
        let box = area.centered(width: min(area.width, innerW + 4), height: min(area.height, rows + footerRows + 2))
        return (box, columns, rows, keyWidth, cellWidth)
    }

    public func render(in area: Rect, grid: inout ScreenGrid) {
        let l = layout(in: area)
        guard l.box.width >= 4, l.box.height >= 3 else { return }
        grid.fill(l.box, style: Style(.help))
        Box(title: title, borderStyle: Style(.dialogBorder), titleStyle: Style(.dialogTitle, [.bold]))
            .render(in: l.box, grid: &grid)
        let inner = l.box.inset(dx: 2, dy: 1)
        let items = self.items
        for (i, item) in items.enumerated() {
            let col = i / max(1, l.rows), row = i % max(1, l.rows)
            guard col < l.columns, row < inner.height else { continue }
            let x = inner.x + col * (l.cellWidth + 3)
            let y = inner.y + row
            let room = min(l.cellWidth, inner.maxX - x)
            guard room > 0 else { continue }
            switch item {
            case .blank: break
            case .section(let t):
                grid.put(DisplayWidth.truncate(Sanitizer.clean(t), toWidth: room), x: x, y: y,
                         maxWidth: room, style: Style(.helpSection))
            case .entry(let e):
                let kw = min(l.keyWidth, room)
                grid.put(DisplayWidth.fit(Sanitizer.clean(e.key), toWidth: kw), x: x, y: y, maxWidth: kw,
                         style: Style(.helpKey))
                let dRoom = room - kw - 2
                if dRoom > 0 {
                    grid.put(DisplayWidth.truncate(Sanitizer.clean(e.description), toWidth: dRoom),
                             x: x + kw + 2, y: y, maxWidth: dRoom, style: Style(.helpText))
                }
            }
        }
        if let footer, l.box.height >= 5 {
            let f = DisplayWidth.truncate(Sanitizer.clean(footer), toWidth: inner.width)
            grid.put(f, x: inner.x + (inner.width - DisplayWidth.of(f)) / 2, y: inner.maxY - 1,
                     maxWidth: inner.width, style: Style(.dialogBorder))
        }
    }
}
