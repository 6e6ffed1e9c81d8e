/// A centred box with a border, a title, body lines and a footer hint ("y: yes  n/Esc: no").
/// The danger variant (cancel/terminate) uses the `dialog.danger*` roles.
public struct Dialog: Widget, Sendable {
    public var title: String
    public var lines: [TextLine]
    public var footer: String?
    public var danger: Bool
    public var minWidth: Int
    public var maxWidth: Int

    public init(title: String, lines: [TextLine], footer: String? = nil, danger: Bool = false,
                minWidth: Int = 30, maxWidth: Int = 72) {
        self.title = title
        self.lines = lines
        self.footer = footer
        self.danger = danger
        self.minWidth = minWidth
        self.maxWidth = maxWidth
    }

    public init(title: String, body: [String], footer: String? = nil, danger: Bool = false,
                minWidth: Int = 30, maxWidth: Int = 72) {
        self.init(title: title, lines: body.map { TextLine($0) }, footer: footer, danger: danger,
                  minWidth: minWidth, maxWidth: maxWidth)
    }

    public var bodyRole: StyleRole { danger ? .dialogDanger : .dialog }
    public var borderRole: StyleRole { danger ? .dialogDangerBorder : .dialogBorder }

    /// Where the dialog goes inside `area`: centred, sized to its content.
    public func frame(in area: Rect) -> Rect {
        let maxW = max(0, min(maxWidth, area.width - 2))
        var content = max(DisplayWidth.of(Sanitizer.clean(title)) + 2,
                          lines.map(\.displayWidth).max() ?? 0,
                          DisplayWidth.of(Sanitizer.clean(footer ?? "")))
        content = max(content, minWidth - 4)
        let w = min(maxW, content + 4)
        let inner = max(0, w - 4)
        let bodyRows = lines.reduce(0) { $0 + TextView.wrap($1, width: max(1, inner)).count }
        let h = min(max(0, area.height - 2), bodyRows + (footer == nil ? 0 : 2) + 2)
        return area.centered(width: w, height: max(h, min(3, area.height)))
    }

    public func render(in area: Rect, grid: inout ScreenGrid) {
        let box = frame(in: area)
        guard box.width >= 4, box.height >= 3 else { return }
        let bodyStyle = Style(bodyRole)
        grid.fill(box, style: bodyStyle)
        Box(title: title, borderStyle: Style(borderRole),
            titleStyle: Style(danger ? .dialogDangerBorder : .dialogTitle, [.bold])).render(in: box, grid: &grid)
        let inner = box.inset(dx: 2, dy: 1)
        guard inner.width > 0 else { return }
        var body: [TextLine] = lines.flatMap { TextView.wrap(restyled($0, bodyStyle), width: inner.width) }
        let footerRows = footer == nil ? 0 : 2
        let bodyRoom = max(0, inner.height - footerRows)
        if body.count > bodyRoom, bodyRoom > 0 {
            body = Array(body.prefix(bodyRoom))
            body[bodyRoom - 1] = TextLine(DisplayWidth.truncate(body[bodyRoom - 1].text + " …", toWidth: inner.width),
                                          style: bodyStyle)
        }
        for (i, line) in body.prefix(bodyRoom).enumerated() {
            grid.put(line, x: inner.x, y: inner.y + i, maxWidth: inner.width)
        }
        if let footer, inner.height >= 1 {
            let f = DisplayWidth.truncate(Sanitizer.clean(footer), toWidth: inner.width)
            let fx = inner.x + (inner.width - DisplayWidth.of(f)) / 2
            grid.put(f, x: fx, y: inner.maxY - 1, maxWidth: inner.width, style: Style(borderRole))
        }
    }

    /// Spans left in the plain role take the dialog's body style (so they get its background).
    private func restyled(_ line: TextLine, _ body: Style) -> TextLine {
        TextLine(line.spans.map { span in
            span.style.role == .default ? TextSpan(span.text, style: Style(body.role, span.style.attributes)) : span
        })
    }
}
