/// The bubbletea `view`: the whole screen from the state, pure.
public func view(_ state: AppState) -> ScreenGrid {
    var grid = ScreenGrid(width: state.width, height: state.height)
    guard state.width > 0, state.height > 0 else { return grid }
    if state.isTooSmall {
        TooSmallScreen.render(width: state.width, height: state.height, grid: &grid)
        return grid
    }
    Header.render(state, grid: &grid)
    let body = Rect(x: 0, y: Layout.paneTitleY, width: state.width, height: state.height - Layout.paneTitleY - 1)
    let pane = PaneRegistry.feature(state.pane)
    pane.render(state, area: body, grid: &grid)
    pane.renderOverlays(state, grid: &grid)
    if let pending = state.pendingAction { ConfirmDialog.render(state, pending, grid: &grid) }
    ExplainDialogs.render(state, grid: &grid)
    if state.helpShown { HelpContent.render(state, grid: &grid) }
    StatusLine.render(state, y: state.height - 1, grid: &grid)
    return grid
}

/// Below 80x24: one message, centred, until the terminal grows again.
public enum TooSmallScreen {
    static func render(width: Int, height: Int, grid: inout ScreenGrid) {
        let need = "need \(AppState.minimumSize.width)x\(AppState.minimumSize.height), have \(width)x\(height)"
        let one = "terminal too small: " + need
        let lines = one.count <= width ? [one] : ["terminal too small", need]
        let top = max(0, (height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let w = min(width, line.count)
            grid.put(line, x: max(0, (width - w) / 2), y: top + i, maxWidth: width, style: Style(.textError, [.bold]))
        }
    }
}

/// The bottom line: the filter being typed, else a fresh message, else the key hints.
public enum StatusLine {
    static func line(_ state: AppState) -> (left: TextLine, right: TextLine, style: Style) {
        if let explain = ExplainDialogs.statusLine(state) { return explain }
        if let replay = ReplayKeys.statusLine(state) { return replay }
        if state.filterEditing {
            return (TextLine([
                TextSpan("filter: ", style: Style(.filter, [.bold])),
                TextSpan(FilterInput.text(state) + "█", style: Style(.filter)),
            ]), TextLine("Enter keeps · Esc clears", style: Style(.filter)), Style(.filter))
        }
        if state.pendingAction != nil {
            return (TextLine("y confirms · any other key does nothing", style: Style(.statusWarning, [.bold])),
                    TextLine([]), Style(.status))
        }
        if let status = state.visibleStatus {
            let role: StyleRole = status.kind == .error ? .statusError : .statusInfo
            return (TextLine(status.text, style: Style(role, status.kind == .error ? [.bold] : [])), TextLine([]), Style(.status))
        }
        var spans: [TextSpan] = []
        let keys = KeyRouting.hints(state).map { ($0.hintKey, $0.hint == "quit" ? state.quitHint : $0.hint ?? "") }
        for (i, (key, what)) in keys.enumerated() {
            spans.append(TextSpan((i == 0 ? "" : "  ") + key, style: Style(.statusKey, [.bold])))
            spans.append(TextSpan(" " + what, style: Style(.status)))
        }
        return (TextLine(spans), TextLine([]), Style(.status))
    }

    static func render(_ state: AppState, y: Int, grid: inout ScreenGrid) {
        let (left, right, style) = line(state)
        // A message longer than the line takes the line above too, rather than lose its end.
        if right.displayWidth == 0, left.displayWidth > state.width, y > Layout.firstRowY, state.visibleStatus != nil {
            let lines = Array(TextView.wrap(left, width: state.width).prefix(2))
            if lines.count == 2 {
                for (i, line) in lines.enumerated() {
                    grid.render(StatusBar(left: line, style: style), in: Rect(x: 0, y: y - 1 + i, width: state.width, height: 1))
                }
                return
            }
        }
        grid.render(StatusBar(left: left, right: right, style: style), in: Rect(x: 0, y: y, width: state.width, height: 1))
    }
}
