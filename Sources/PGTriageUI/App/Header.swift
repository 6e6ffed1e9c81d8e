#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// The three header lines, always visible: the server and the refresh, the load figures (or the
/// connection trouble), and the pane tabs.
public enum Header {
    static func label(_ text: String) -> TextSpan { TextSpan(text, style: Style(.headerLabel)) }
    static func value(_ text: String, warn: Bool = false) -> TextSpan {
        TextSpan(text, style: warn ? Style(.headerWarning, [.bold]) : Style(.headerValue, [.bold]))
    }

    /// The version without a packager's suffix: "15.18 (Debian 15.18-0+deb12u1)" reads
    /// "15.18", "PostgreSQL 16.2 on x86_64-pc-linux-gnu, ..." reads "PostgreSQL 16.2".
    static func versionNumber(_ version: String) -> String {
        var words: [Substring] = []
        for word in version.split(separator: " ") {
            words.append(word)
            if word.first?.isNumber == true { break }
        }
        return words.joined(separator: " ")
    }

    /// Line 1, left: "user@host:port/db  PostgreSQL 15.18  up 3d04h".
    static func serverLine(_ state: AppState, shortVersion: Bool = false) -> TextLine {
        var spans = [TextSpan(state.connectionLabel, style: Style(.headerValue, [.bold]))]
        if let info = state.serverInfo {
            var version = Header.versionNumber(info.version)
            if shortVersion && version.hasPrefix("PostgreSQL ") { version = "PG " + version.dropFirst(11) }
            spans.append(label("  " + version))
            // The role as the last refresh read it (a promotion changes it), else as connected;
            // a primary is named only when standbys stream from it (a lone server is neither).
            let replication = state.snapshot?.summary.replication
            if replication?.role ?? (info.inRecovery ? .standby : .primary) == .standby {
                spans.append(value(" (standby)", warn: true))
            } else if replication?.replicates == true {
                spans.append(label(" (primary)"))
            }
        }
        if let snapshot = state.activitySnapshot, let up = snapshot.summary.uptime(at: snapshot.capturedAt) {
            spans.append(label("  up "))
            spans.append(value(Format.age(up)))
        }
        return TextLine(spans)
    }

    /// Line 1, right: "PAUSED  every 2s  data 0s ago".
    static func refreshLine(_ state: AppState) -> TextLine {
        if state.plan.offline { return TextLine([label("offline: no server")]) }
        if let replay = state.replay { return ReplayKeys.headerLine(replay) }
        var spans: [TextSpan] = []
        if state.paused { spans.append(TextSpan("PAUSED", style: Style(.headerWarning, [.bold, .reverse]))); spans.append(label("  ")) }
        spans.append(label("every "))
        spans.append(value(Format.interval(state.interval)))
        if let age = state.dataAge {
            spans.append(label("  data "))
            let stale = age > max(5, state.interval * 3) && !state.paused
            // Whole seconds: a fresh snapshot reads "0s" at every refresh, so the header is
            // not rewritten each time (a tenth of a second tells the DBA nothing).
            spans.append(value(Format.age(age, tenths: false), warn: stale))
            spans.append(label(" ago"))
        }
        return TextLine(spans)
    }

    /// Line 2: the load figures, or what is wrong with the connection.
    static func loadLine(_ state: AppState) -> TextLine { loadLine(state, width: state.width - 2) }

    /// The load figures in `width` columns: groups two spaces apart, one when that is too wide;
    /// then the WAL rate gives way to the replication lag (the Replication pane shows both).
    static func loadLine(_ state: AppState, width: Int) -> TextLine {
        if state.plan.offline, let document = state.plan.document {
            return TextLine([label("saved plan, "), value(document.plan.sourceFormat == .json ? "JSON" : "text"),
                             label(" format  (pgtriage plan FILE: no server, nothing runs)")])
        }
        if case .reconnecting(let error, let attempt, let retryIn, let since) = state.connection {
            let left = max(0, retryIn - state.now.timeIntervalSince(since))
            let text = "reconnecting (attempt \(attempt), next in \(Int(left.rounded(.up)))s): \(error.message)"
            return TextLine(text, style: Style(.headerError, [.bold]))
        }
        if let seconds = state.serverNotAnswering, case .connected = state.connection {
            let settings = SessionSettings.forRole(.monitor)
            let deadline = Int(settings.answerDeadline ?? 0)
            let text = "server not answering for \(seconds)s: cancel at \(deadline)s, new connection at \(deadline + Int(settings.abandonAfterCancel))s"
            return TextLine(text, style: Style(.headerError, [.bold]))
        }
        guard let summary = state.snapshot?.summary else {
            if let first = state.firstRows {
                return TextLine([label("backends "), value("\(first.backendCount)"), label("  max "),
                                 value("\(first.summary.maxConnections)"), label("  counting them by state...")])
            }
            if case .connecting = state.connection { return TextLine("connecting...", style: Style(.headerWarning)) }
            return TextLine("connected; waiting for the first snapshot...", style: Style(.headerLabel))
        }
        let s = summary
        let crowded = s.maxConnections > 0 && Double(s.connections) >= 0.9 * Double(s.maxConnections)
        // A role without pg_read_all_stats sees no other role's state: "?", not a count of its own.
        let statesHidden = state.snapshot?.info.privileges.seesAllActivity == false
        var groups: [[TextSpan]] = [
            [label("conn "), value("\(s.connections)/\(s.maxConnections)", warn: crowded)],
            [label("active "), statesHidden ? value("?", warn: true) : value("\(s.activeConnections)")],
            [label("idle-xact "), statesHidden ? value("?", warn: true) : value("\(s.idleInTransaction)", warn: s.idleInTransaction > 0)],
            [label("waiting "), value("\(s.waitingOnLocks)", warn: s.waitingOnLocks > 0)],
            [label("tps "), value(Format.rate(s.tps))],
            [label("cache "), value(Format.percent(s.cacheHitRatio), warn: (s.cacheHitRatio ?? 1) < 0.9)],
        ]
        let replication = s.replication
        var walGroup: Int?
        if let rate = replication?.walBytesPerSecond {
            walGroup = groups.count
            groups.append([label("wal "), value(Humanize.bytes(rate) + "/s")])
        }
        if let replication, replication.replicates {
            let lag = replication.worstLagSeconds.map { Format.age($0) } ?? Humanize.bytes(replication.worstLagBytes)
            groups.append([label("lag "), value(lag, warn: replication.lagSeverity > .ok)])
        }
        func joined(_ separator: String) -> TextLine {
            TextLine(groups.enumerated().flatMap { i, group in i == 0 ? group : [label(separator)] + group })
        }
        for separator in ["  ", " "] {
            let line = joined(separator)
            if line.displayWidth <= width { return line }
        }
        if let walGroup, replication?.replicates == true { groups.remove(at: walGroup) }
        return joined(" ")
    }

    static func render(_ state: AppState, grid: inout ScreenGrid) {
        let width = state.width
        grid.fill(Rect(x: 0, y: 0, width: width, height: 2), style: Style(.header))
        let right = refreshLine(state)
        let rightWidth = min(right.displayWidth, width / 2)
        let rightX = width - rightWidth - 1
        var left = serverLine(state)
        if left.displayWidth > rightX - 2 { left = serverLine(state, shortVersion: true) }
        putTruncated(left, x: 1, y: 0, width: max(0, rightX - 2), grid: &grid)
        putTruncated(right, x: rightX, y: 0, width: rightWidth, grid: &grid)
        putTruncated(loadLine(state), x: 1, y: 1, width: width - 2, grid: &grid)
        renderTabs(state, y: 2, grid: &grid)
    }

    /// How the tabs fit `width` columns: whole titles if they fit, then the panes' short titles
    /// (the same on every pane), then the space between tabs goes, and at last the short titles
    /// are cut, the longest first, to 3 characters.
    struct TabLayout: Equatable {
        var titles: [String]
        /// Blank columns between one tab's padding and the next's.
        var gap: Int

        var width: Int {
            1 + titles.enumerated().reduce(0) { $0 + " \($1.offset + 1) \($1.element) ".count } + gap * max(0, titles.count - 1)
        }
    }

    static func tabLayout(width: Int) -> TabLayout {
        let panes = PaneRegistry.panes
        for titles in [panes.map(\.title), panes.map(\.shortTitle)] {
            for gap in [1, 0] where TabLayout(titles: titles, gap: gap).width <= width {
                return TabLayout(titles: titles, gap: gap)
            }
        }
        var layout = TabLayout(titles: panes.map(\.shortTitle), gap: 0)
        while layout.width > width,
              let longest = layout.titles.indices.max(by: { layout.titles[$0].count < layout.titles[$1].count }),
              layout.titles[longest].count > 3 {
            layout.titles[longest] = String(layout.titles[longest].dropLast())
        }
        return layout
    }

    /// " 1 Activity  2 Locks  3 Statements  4 Bloat  5 Plan", the current one highlighted.
    static func renderTabs(_ state: AppState, y: Int, grid: inout ScreenGrid) {
        grid.fill(Rect(x: 0, y: y, width: state.width, height: 1), style: Style(.tabs))
        var x = 1
        let layout = tabLayout(width: state.width - (state.readOnly ? 11 : 0))
        for (pane, title) in zip(PaneRegistry.panes, layout.titles) {
            let text = " \(pane.number) \(title) "
            let style = pane == state.pane ? Style(.tabsActive, [.bold, .reverse]) : Style(.tabs)
            x += grid.put(text, x: x, y: y, maxWidth: state.width - x, style: style)
            x += layout.gap
        }
        if state.readOnly {
            let text = "READ-ONLY"
            grid.put(text, x: state.width - text.count - 1, y: y, maxWidth: text.count, style: Style(.headerWarning, [.bold]))
        }
    }
}
