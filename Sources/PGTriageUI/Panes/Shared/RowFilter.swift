/// The filter of every list (`/`): case-insensitive, a row matches when any of its text
/// columns contains what was typed.
enum RowFilter {
    static func matches(_ haystack: [String], filter: String) -> Bool {
        let needle = filter.lowercased()
        guard !needle.isEmpty else { return true }
        return haystack.contains { $0.lowercased().contains(needle) }
    }
}
