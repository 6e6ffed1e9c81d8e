/// Panes 3-5 (Statements, Bloat, Plan) until their issues land.
enum PlaceholderPane {
    static func render(_ pane: Pane, area: Rect, grid: inout ScreenGrid) {
        PaneDraw.title(pane.title, details: "— not yet available", y: area.y, width: area.width, grid: &grid)
        let list = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        PaneDraw.centred("\(pane.title): not yet available in this version", in: list,
                         style: Style(.textDim), grid: &grid)
    }
}
