/// One line of status: left text (truncated first) and right text, filling the whole row.
public struct StatusBar: Widget, Sendable {
    public var left: TextLine
    public var right: TextLine
    public var style: Style

    public init(left: String, right: String = "", style: Style = Style(.status)) {
        self.left = TextLine(left, style: style)
        self.right = TextLine(right, style: style)
        self.style = style
    }

    public init(left: TextLine, right: TextLine = TextLine([]), style: Style = Style(.status)) {
        self.left = left
        self.right = right
        self.style = style
    }

    public func render(in area: Rect, grid: inout ScreenGrid) {
        guard area.width > 0, area.height > 0 else { return }
        let row = area.row(0)
        grid.fill(row, style: style)
        var rightWidth = min(right.displayWidth, area.width)
        // Keep at least a third of the row for the left text when both are long.
        if rightWidth > area.width * 2 / 3 && left.displayWidth > 0 { rightWidth = area.width * 2 / 3 }
        let leftRoom = max(0, area.width - rightWidth - (rightWidth > 0 ? 1 : 0))
        putTruncated(left, x: row.x, y: row.y, width: leftRoom, grid: &grid)
        if rightWidth > 0 {
            putTruncated(right, x: row.maxX - rightWidth, y: row.y, width: rightWidth, grid: &grid)
        }
    }
}

/// Draws a line cut to `width` with "…" when it does not fit. Returns columns used.
@discardableResult
func putTruncated(_ line: TextLine, x: Int, y: Int, width: Int, grid: inout ScreenGrid) -> Int {
    guard width > 0 else { return 0 }
    let clean = TextLine(line.spans.map { TextSpan(Sanitizer.clean($0.text), style: $0.style) })
    if clean.displayWidth <= width { return grid.put(clean, x: x, y: y, maxWidth: width) }
    var used = grid.put(clean, x: x, y: y, maxWidth: width - 1)
    let style = grid.contains(x: x + max(0, used - 1), y: y) ? grid[x + max(0, used - 1), y].style
        : (clean.spans.last?.style ?? .plain)
    used += grid.put("…", x: x + used, y: y, maxWidth: 1, style: style)
    return used
}
