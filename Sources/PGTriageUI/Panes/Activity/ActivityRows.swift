#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// What the Activity pane lists: the snapshot's backends, filtered and sorted as the state says.
public enum ActivityRows {
    /// The text columns the filter searches, lowercased.
    static func haystack(_ b: BackendActivity) -> [String] {
        [
            String(b.pid), b.database ?? "", b.user ?? "", b.application, b.client ?? "",
            b.state ?? "", Format.state(b.state), Format.wait(type: b.waitEventType, event: b.waitEvent),
            b.backendType, b.query,
        ]
    }

    public static func matches(_ b: BackendActivity, filter: String) -> Bool {
        RowFilter.matches(haystack(b), filter: filter)
    }

    /// Backends shown, in order (kept in the state: `ActivityState.rows`).
    public static func rows(_ state: AppState) -> [BackendActivity] { state.activity.rows }

    /// Filters and sorts the snapshot's backends as the state says. Our own backend never
    /// appears (the snapshot omits it; we check too).
    static func build(_ state: AppState) -> [BackendActivity] {
        guard let snapshot = state.activitySnapshot else { return [] }
        let ownPid = snapshot.info.ownPid
        let shown = snapshot.activity.filter { b in
            (ownPid == 0 || b.pid != ownPid)
                && (state.activity.showIdle || !b.isIdleLike)
                && matches(b, filter: state.activity.filter)
        }
        return sort(shown, by: state.activity.sortColumn, descending: state.activity.sortDescending, now: snapshot.capturedAt)
    }

    /// Backends other than our own, listed or not, for the "shown/total" count.
    public static func total(_ state: AppState) -> Int {
        state.activitySnapshot?.backendCount ?? 0
    }

    /// Sorts by one column; unknown values (nil ages, empty text) go last in either direction,
    /// and ties fall back to the pid so the order is stable between refreshes.
    public static func sort(
        _ rows: [BackendActivity], by column: ActivityColumn, descending: Bool, now: Date
    ) -> [BackendActivity] {
        enum SortKey { case number(Double), text(String), none }
        func key(_ b: BackendActivity) -> SortKey {
            switch column {
            case .pid: return .number(Double(b.pid))
            case .database: return text(b.database)
            case .user: return text(b.user)
            case .application: return text(b.application)
            case .client: return text(b.client)
            case .state: return text(b.state)
            case .wait: return text(Format.wait(type: b.waitEventType, event: b.waitEvent))
            case .xactAge: return b.xactAge(at: now).map { .number($0) } ?? .none
            case .queryAge: return b.queryAge(at: now).map { .number($0) } ?? .none
            case .query: return text(Format.oneLine(b.query))
            }
        }
        func text(_ s: String?) -> SortKey {
            guard let s, !s.isEmpty else { return .none }
            return .text(s.lowercased())
        }
        // Sort positions, not the rows themselves: a backend is a large value to move.
        let keys = rows.map(key)
        return rows.indices.sorted { i, j in
            switch (keys[i], keys[j]) {
            case let (.number(x), .number(y)) where x != y: return descending ? x > y : x < y
            case let (.text(x), .text(y)) where x != y: return descending ? x > y : x < y
            case (.none, .number), (.none, .text): return false
            case (.number, .none), (.text, .none): return true
            default: return rows[i].pid < rows[j].pid
            }
        }.map { rows[$0] }
    }
}
