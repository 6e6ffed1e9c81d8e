import PGTriageCore

/// A snapshot section that cannot be had (`snapshot.unavailable[...]`): the reason and the exact
/// fix, centred in the pane, with a reminder that the other panes still work.
enum SectionUnavailableView {
    static func lines(_ reason: SectionUnavailable, width: Int) -> [TextLine] {
        let wrap = max(20, min(width - 4, 76))
        func para(_ text: String, _ style: Style) -> [TextLine] {
            TextView.wrap(TextLine(text, style: style), width: wrap)
        }
        var out = para(reason.message, Style(.textError, [.bold]))
        if let fix = reason.fix {
            out.append(TextLine(""))
            out.append(TextLine("To fix it:", style: Style(.textDim)))
            out += para(fix, Style(.textHighlight, [.bold]))
        }
        out.append(TextLine(""))
        out.append(TextLine("The other panes keep working.", style: Style(.textDim)))
        return out
    }

    /// The states a section's pane passes through before it has rows: no snapshot yet, the
    /// section unavailable (with its fix), not read yet. Draws that state and returns nil, or
    /// returns the snapshot and the section to list.
    static func section<Section>(
        _ state: AppState, title: String, name: String, read: KeyPath<Snapshot, Section?>,
        waiting: String, area: Rect, grid: inout ScreenGrid
    ) -> (Snapshot, Section)? {
        let list = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        guard let snapshot = state.snapshot else {
            PaneDraw.title(title, details: "", y: area.y, width: area.width, grid: &grid)
            PaneDraw.centred(ActivityPane.waitingText(state), in: list.splitTop(1).rest, style: Style(.textDim), grid: &grid)
            return nil
        }
        if let reason = snapshot.unavailable[name] {
            PaneDraw.title(title, details: "— unavailable", y: area.y, width: area.width, grid: &grid)
            render(reason, in: list, grid: &grid)
            return nil
        }
        guard let section = snapshot[keyPath: read] else {
            PaneDraw.title(title, details: "", y: area.y, width: area.width, grid: &grid)
            PaneDraw.centred(waiting, in: list.splitTop(1).rest, style: Style(.textDim), grid: &grid)
            return nil
        }
        return (snapshot, section)
    }

    static func render(_ reason: SectionUnavailable, in area: Rect, grid: inout ScreenGrid) {
        guard !area.isEmpty else { return }
        let shown = lines(reason, width: area.width)
        let top = area.y + max(0, (area.height - shown.count) / 2)
        for (i, line) in shown.prefix(area.height).enumerated() {
            let w = min(area.width, line.displayWidth)
            grid.put(line, x: area.x + (area.width - w) / 2, y: top + i, maxWidth: area.width)
        }
    }
}

/// A pane title from parts: the first always, the others while they fit (never cut mid-part).
enum PaneTitle {
    static func details(_ parts: [String], width: Int, titleWidth: Int) -> String {
        var room = width - 2 - titleWidth - 3  // " Title — "
        var kept: [String] = []
        for part in parts where !part.isEmpty {
            let w = DisplayWidth.of(part) + (kept.isEmpty ? 0 : 3)
            if kept.isEmpty || w <= room {
                kept.append(part)
                room -= w
            }
        }
        return kept.isEmpty ? "" : "— " + kept.joined(separator: " · ")
    }
}
