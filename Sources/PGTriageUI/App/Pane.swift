#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// A pane's identity: what the tabs, the digit keys and `AppState.pane` hold. Each pane declares
/// its own in its folder (`extension Pane { static let activity = ... }`); the panes, in order,
/// are listed once, in `PaneRegistry`.
public struct Pane: Hashable, Sendable, CustomStringConvertible {
    public let id: String
    public let title: String
    /// The tab's title when the whole titles do not fit ("Stmt"): chosen by hand and the same
    /// whichever pane is on screen, so the tab line does not change as the DBA moves.
    public let shortTitle: String

    public init(id: String, title: String, shortTitle: String? = nil) {
        self.id = id
        self.title = title
        self.shortTitle = shortTitle ?? title
    }

    public var description: String { title }

    /// Its digit key and tab number: its place in the registry, from 1.
    public var number: Int { (PaneRegistry.panes.firstIndex(of: self) ?? 0) + 1 }
}

/// What a pane is, in one shape: bubbletea's composable model (the app delegates keys and
/// drawing to the pane on screen) with ratatui's render-into-a-buffer view.
///
/// A pane is a namespace (`enum`) with static requirements, not an instance: its state is a
/// value inside `AppState` (one property), so `update` stays one pure function over one value
/// and a pane can read what the app holds for all panes (the snapshot, the server, the marks).
/// Why a protocol rather than one enum with a case per pane: a new pane is then a new folder
/// plus one registry line, and the compiler checks that it gives every part below.
protocol PaneFeature {
    static var pane: Pane { get }

    /// The pane's keys as it is now, topmost first: an open dialog, input or detail view of its
    /// own before its list keys (`KeyRouting` puts them between the app's overlays and the
    /// global keys).
    static func keyLayers(_ state: AppState) -> [KeyLayer]

    /// Every layer of keys the pane can have, for `?` (its list, its detail view...).
    static var helpLayers: [KeyLayer] { get }

    /// The pane itself, in the body area (between the header and the status line).
    static func render(_ state: AppState, area: Rect, grid: inout ScreenGrid)

    /// What the pane draws over the whole screen (its detail view), under the app's dialogs.
    static func renderOverlays(_ state: AppState, grid: inout ScreenGrid)

    /// What the service must read while the pane is shown (its part of `SnapshotScope`).
    static func scope(_ state: AppState, into scope: inout SnapshotScope)

    /// The text the filter input (`/`) edits on this pane; nil: the pane has no filter.
    static var filter: (WritableKeyPath<AppState, String> & Sendable)? { get }

    /// Moves the list selection (the filter input's arrows use it too).
    static func moveSelection(_ state: inout AppState, by delta: Int)

    /// The backend under the cursor, for panes that list backends.
    static func selectedPid(_ state: AppState) -> Int32?

    /// Builds the pane's rows from the snapshot and its state: once per snapshot, and when what
    /// they depend on changes (each pane state's `rowsKey`), never per frame.
    static func rebuildRows(_ state: inout AppState)

    /// After every message: keep the selection on an existing row and in view.
    static func normalize(_ state: inout AppState)
}

extension PaneFeature {
    static func renderOverlays(_ state: AppState, grid: inout ScreenGrid) {}
    static func scope(_ state: AppState, into scope: inout SnapshotScope) {}
    static var filter: (WritableKeyPath<AppState, String> & Sendable)? { nil }
    static func moveSelection(_ state: inout AppState, by delta: Int) {}
    static func selectedPid(_ state: AppState) -> Int32? { nil }
    static func rebuildRows(_ state: inout AppState) {}
    static func normalize(_ state: inout AppState) {}
}
