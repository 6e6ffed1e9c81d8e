/// Where things go on the screen; `update` uses it too (to keep the selection in view).
public enum Layout {
    /// Header: two lines of server figures, then the pane tabs.
    public static let headerHeight = 3
    /// Pane title line, then the table's column header.
    public static let paneTitleY = 3
    public static let tableHeaderY = 4
    public static let firstRowY = 5

    /// Rows the list can show at this terminal height (the last line is the status bar).
    public static func listHeight(height: Int) -> Int { max(1, height - firstRowY - 1) }
}
