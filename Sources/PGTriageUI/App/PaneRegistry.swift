/// The panes, in tab order: the one list of them. The tabs, the digit keys, `?`, the scope and
/// the status-line hints all read it. Adding a pane: a folder under `Panes/` and a line here
/// (docs/contributing.md).
enum PaneRegistry {
    // A constant list of types, never written: safe from any thread (metatypes of a protocol
    // that is not `Sendable` cannot say so themselves).
    nonisolated(unsafe) static let features: [any PaneFeature.Type] = [
        ActivityPane.self,
        LocksPane.self,
        StatementsPane.self,
        BloatPane.self,
        PlanPane.self,
        IndexesPane.self,
        TablesPane.self,
        ReplicationPane.self,
    ]

    static let panes: [Pane] = features.map { $0.pane }

    /// The pane's feature; the first one for a pane that is not registered (cannot happen for
    /// the `Pane` constants the panes declare).
    static func feature(_ pane: Pane) -> any PaneFeature.Type {
        features.first { $0.pane == pane } ?? features[0]
    }

    static func pane(number: Int) -> Pane? {
        number >= 1 && number <= panes.count ? panes[number - 1] : nil
    }

    static func next(after pane: Pane) -> Pane { panes[pane.number % panes.count] }
    static func previous(before pane: Pane) -> Pane { panes[(pane.number + panes.count - 2) % panes.count] }
}
