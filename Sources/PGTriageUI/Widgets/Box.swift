/// A border with an optional title, like ratatui's `Block`. `inner(_:)` is the area inside.
public struct Box: Widget, Sendable {
    public var title: String?
    public var borderStyle: Style
    public var titleStyle: Style
    /// Fills the inside with this style first (dialogs, overlays); nil leaves it as it is.
    public var fillStyle: Style?

    public init(title: String? = nil, borderStyle: Style = Style(.border),
                titleStyle: Style = Style(.borderTitle), fillStyle: Style? = nil) {
        self.title = title
        self.borderStyle = borderStyle
        self.titleStyle = titleStyle
        self.fillStyle = fillStyle
    }

    /// The area inside the border.
    public func inner(_ area: Rect) -> Rect { area.inset(dx: 1, dy: 1) }

    public func render(in area: Rect, grid: inout ScreenGrid) {
        guard area.width >= 2, area.height >= 2 else { return }
        if let fillStyle { grid.fill(inner(area), style: fillStyle) }
        let x0 = area.x, x1 = area.maxX - 1, y0 = area.y, y1 = area.maxY - 1
        grid.fill(Rect(x: x0 + 1, y: y0, width: area.width - 2, height: 1), with: "─", style: borderStyle)
        grid.fill(Rect(x: x0 + 1, y: y1, width: area.width - 2, height: 1), with: "─", style: borderStyle)
        grid.fill(Rect(x: x0, y: y0 + 1, width: 1, height: area.height - 2), with: "│", style: borderStyle)
        grid.fill(Rect(x: x1, y: y0 + 1, width: 1, height: area.height - 2), with: "│", style: borderStyle)
        grid.set(Cell(symbol: "┌", style: borderStyle), x: x0, y: y0)
        grid.set(Cell(symbol: "┐", style: borderStyle), x: x1, y: y0)
        grid.set(Cell(symbol: "└", style: borderStyle), x: x0, y: y1)
        grid.set(Cell(symbol: "┘", style: borderStyle), x: x1, y: y1)
        if let title, !title.isEmpty, area.width > 4 {
            // "┌ Title ───┐"
            let room = area.width - 4
            let t = DisplayWidth.truncate(Sanitizer.clean(title), toWidth: room)
            grid.put(" " + t + " ", x: x0 + 1, y: y0, maxWidth: area.width - 2, style: titleStyle)
        }
    }
}
