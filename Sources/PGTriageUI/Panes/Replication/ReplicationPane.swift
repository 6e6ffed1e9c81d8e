#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// Colours of the Replication pane's findings (limits: `ReplicationThresholds`, docs/usage.md).
enum ReplicationStyles {
    static func style(_ severity: ReplicationSeverity, plain: Style = .plain) -> Style {
        switch severity {
        case .ok: return plain
        case .warning: return Style(.bloatWarning, [.bold])
        case .critical: return Style(.bloatCritical, [.bold])
        }
    }
}

/// Pane 8: on a primary its standbys (lag per hop in bytes, in time, age of the last reply) and
/// its slots (retained WAL, WAL status, xmin age, what is wrong); on a standby, above the lists,
/// its receiver, its replay (behind by, paused) and its recovery conflicts.
public enum ReplicationPane {
    // MARK: - Lines above the list

    static func titleDetails(_ state: AppState, _ section: ReplicationSection, width: Int) -> String {
        let r = state.replication
        let standbys = section.standbys.filter { !$0.isBackup }.count
        let backups = section.standbys.count - standbys
        var parts = [section.role.rawValue,
                     "\(standbys) standby" + (standbys == 1 ? "" : "s") + (backups > 0 ? " +\(backups) backup" : ""),
                     "\(section.slots.count) slot" + (section.slots.count == 1 ? "" : "s")]
        if let rate = state.snapshot?.summary.replication?.walBytesPerSecond { parts.append("WAL \(Humanize.bytes(rate))/s") }
        parts.append("v: \(ReplicationView(rawValue: (r.view.rawValue + 1) % ReplicationView.allCases.count)!.name)")
        // Right after the counts: a title too long for the width drops its last parts, and a
        // filter hidden that way would make the list look whole.
        if !r.filter.isEmpty { parts.insert("filter \"\(r.filter)\"", at: 1) }
        return PaneTitle.details(parts, width: width, titleWidth: "Replication".count)
    }

    static func separated(_ parts: [TextSpan]) -> TextLine {
        var spans: [TextSpan] = []
        for part in parts {
            if !spans.isEmpty { spans.append(TextSpan(" · ", style: Style(.textDim))) }
            spans.append(part)
        }
        return TextLine(spans)
    }

    static func lag(bytes: Int64?, seconds: Double?) -> String {
        "\(Humanize.bytes(bytes)), \(Format.age(seconds))"
    }

    /// On a primary: the worst standby. On a standby: its receiver.
    static func firstLine(_ section: ReplicationSection) -> TextLine {
        if let standby = section.standby {
            guard let receiver = standby.receiver else {
                return TextLine([TextSpan("no WAL receiver: not streaming (archive recovery, or the primary is unreachable)",
                                          style: Style(.bloatCritical, [.bold]))])
            }
            if receiver.status == WALReceiver.hidden {
                return TextLine([TextSpan("receiver hidden from our role (see the note below)", style: Style(.textDim))])
            }
            var text = "receiver \(receiver.status)"
            if let sender = receiver.sender { text += " from \(sender)" }
            if let slot = receiver.slot { text += " slot \(slot)" }
            if let age = receiver.lastMessageAgeSeconds { text += ", last message \(Format.age(age)) ago" }
            return TextLine([TextSpan(text, style: ReplicationStyles.style(standby.severity == .critical ? .critical : .ok,
                                                                           plain: Style(.headerValue)))])
        }
        var parts: [TextSpan] = []
        let streaming = section.standbys.filter { !$0.isBackup }
        if let worst = streaming.max(by: { ($0.replayLagBytes ?? 0) < ($1.replayLagBytes ?? 0) }) {
            parts.append(TextSpan("worst standby \(worst.application.isEmpty ? String(worst.pid) : worst.application) behind "
                                    + lag(bytes: worst.replayLagBytes, seconds: worst.replayLagSeconds),
                                  style: ReplicationStyles.style(worst.severity, plain: Style(.headerValue))))
        } else {
            parts.append(TextSpan("no standby streaming", style: Style(.textDim)))
        }
        if let backup = section.standbys.first(where: \.isBackup) {
            parts.append(TextSpan("\(backup.application) running", style: Style(.textDim)))
        }
        return separated(parts)
    }

    /// The slot with the worst finding, or how many there are.
    static func slotSpans(_ section: ReplicationSection) -> [TextSpan] {
        let flagged = section.slots.filter { $0.severity > .ok }
        if let worst = flagged.max(by: { $0.severity < $1.severity }) {
            let more = flagged.count > 1 ? " +\(flagged.count - 1)" : ""
            return [TextSpan("slot \(worst.name) \(worst.finding ?? "") \(Humanize.bytes(worst.retainedBytes))\(more)",
                             style: ReplicationStyles.style(worst.severity))]
        }
        let inactive = section.slots.filter { !$0.active }
        if inactive.isEmpty { return [TextSpan(section.slots.isEmpty ? "no slots" : "every slot in use", style: Style(.textDim))] }
        let retained = inactive.reduce(Int64(0)) { $0 + ($1.retainedBytes ?? 0) }
        return [TextSpan("\(inactive.count) inactive slot\(inactive.count == 1 ? "" : "s") retaining \(Humanize.bytes(retained))",
                         style: Style(.headerValue))]
    }

    /// On a standby: replay (behind by, paused) and conflicts. On a primary: the worst slot and
    /// the oldest slot xmin.
    static func secondLine(_ section: ReplicationSection) -> TextLine {
        if let standby = section.standby {
            var parts: [TextSpan] = []
            if standby.paused {
                parts.append(TextSpan("replay PAUSED" + (standby.pauseState == "pause requested" ? " (requested)" : ""),
                                      style: Style(.bloatWarning, [.bold, .reverse])))
            }
            let behind = (standby.replayLagBytes ?? 0) > 0 || (standby.replayDelaySeconds ?? 0) > 0
            let replayStyle = (standby.replayDelaySeconds ?? 0) > ReplicationThresholds.lagSeconds
                || (standby.replayLagBytes ?? 0) > ReplicationThresholds.lagBytes ? Style(.bloatWarning, [.bold]) : Style(.headerValue)
            parts.append(TextSpan(behind ? "replay behind " + lag(bytes: standby.replayLagBytes, seconds: standby.replayDelaySeconds)
                                         : "replay caught up", style: replayStyle))
            let conflicts = standby.conflicts.byKind.filter { $0.count > 0 }
            parts.append(conflicts.isEmpty
                ? TextSpan("no recovery conflicts", style: Style(.textDim))
                : TextSpan("conflicts " + conflicts.map { "\($0.kind) \(Humanize.count($0.count))" }.joined(separator: " "),
                           style: Style(.bloatWarning, [.bold])))
            return separated(parts + (section.slots.isEmpty ? [] : slotSpans(section)))
        }
        var parts = slotSpans(section)
        let flagged = section.slots.contains { $0.severity > .ok }
        // The oldest slot xmin, when it holds the horizon back or nothing else needs the room.
        if let holder = section.slots.filter({ $0.horizonAge != nil }).max(by: { ($0.horizonAge ?? 0) < ($1.horizonAge ?? 0) }),
           holder.holdsHorizon || !flagged {
            let age = holder.horizonAge ?? 0
            parts.append(TextSpan("oldest slot xmin \(Humanize.count(age)) XIDs: \(holder.name)",
                                  style: holder.holdsHorizon ? Style(.bloatWarning, [.bold]) : Style(.textDim)))
        }
        return separated(parts)
    }

    // MARK: - Lists

    /// At 80 columns: name, state, sync, bytes per hop (pending, write, flush, replay), total,
    /// replay lag, reply age; from 100 the client.
    static func standbyColumns(width: Int) -> [PaneColumn] {
        var columns = [PaneColumn(title: "NAME", width: 12)]
        if width >= 100 { columns.append(PaneColumn(title: "CLIENT", width: 21)) }
        columns += [PaneColumn(title: "STATE", width: 9), PaneColumn(title: "SYNC", width: 5)]
        for title in ["PEND", "WRITE", "FLUSH", "REPLAY", "TOTAL", "LAG"] {
            columns.append(PaneColumn(title: title, width: 6, alignment: .right))
        }
        columns.append(PaneColumn(title: "REPLY", width: 1))
        return columns
    }

    static func standbyCells(_ s: StandbyRow, width: Int) -> [PaneCell] {
        let flag = ReplicationStyles.style(s.severity)
        var cells = [PaneCell(s.application.isEmpty ? String(s.pid) : s.application, s.isBackup ? Style(.textDim) : .plain)]
        if width >= 100 { cells.append(PaneCell(s.client ?? "-", Style(.textDim))) }
        cells += [PaneCell(s.state ?? "-"), PaneCell(s.syncState ?? "-", Style(.textDim)),
                  PaneCell(Humanize.bytes(s.pendingBytes)), PaneCell(Humanize.bytes(s.writeHopBytes)),
                  PaneCell(Humanize.bytes(s.flushHopBytes)), PaneCell(Humanize.bytes(s.replayHopBytes)),
                  PaneCell(Humanize.bytes(s.replayLagBytes), flag), PaneCell(Format.age(s.replayLagSeconds), flag),
                  PaneCell(s.replyAgeSeconds.map { Format.age($0) } ?? "-", Style(.textDim))]
        return cells
    }

    static func slotColumns(width: Int, rows: [ReplicationSlotRow]) -> [PaneColumn] {
        let longest = rows.map { DisplayWidth.of(Sanitizer.clean($0.name)) }.max() ?? 4
        let nameWidth = max(4, min(width >= 100 ? 32 : 18, longest))
        var columns = [PaneColumn(title: "SLOT", width: nameWidth), PaneColumn(title: "TYPE", width: 8),
                       PaneColumn(title: "ACTIVE", width: 7, alignment: .right),
                       PaneColumn(title: "RETAINED", width: 8, alignment: .right), PaneColumn(title: "WAL", width: 10)]
        if width >= 100 { columns.append(PaneColumn(title: "SAFE", width: 6, alignment: .right)) }
        columns += [PaneColumn(title: "XMIN AGE", width: 8, alignment: .right), PaneColumn(title: "FINDING", width: 1)]
        return columns
    }

    static func slotCells(_ s: ReplicationSlotRow, width: Int) -> [PaneCell] {
        let flag = ReplicationStyles.style(s.severity)
        var cells = [PaneCell(s.name), PaneCell(s.type + (s.temporary ? "*" : ""), Style(.textDim)),
                     PaneCell(s.active ? (s.activePid.map(String.init) ?? "yes") : "no", s.active ? .plain : Style(.textDim)),
                     PaneCell(Humanize.bytes(s.retainedBytes), s.active ? .plain : flag),
                     PaneCell(s.walStatus ?? "-", s.walStatus == "reserved" ? Style(.textDim) : flag)]
        if width >= 100 { cells.append(PaneCell(Humanize.bytes(s.safeWALSizeBytes))) }
        cells += [PaneCell(Humanize.count(s.horizonAge), s.holdsHorizon ? Style(.bloatWarning, [.bold]) : .plain),
                  PaneCell(s.finding ?? "", flag)]
        return cells
    }

    static func render(_ state: AppState, area: Rect, grid: inout ScreenGrid) {
        guard let (_, section) = SectionUnavailableView.section(
            state, title: "Replication", name: "replication", read: \.replication,
            waiting: "Waiting for the first replication read...", area: area, grid: &grid) else { return }
        let list = PaneDraw.titleAndSummary("Replication", details: titleDetails(state, section, width: area.width),
                                            lines: (firstLine(section), secondLine(section)), limitation: section.limitation,
                                            area: area, grid: &grid)
        let r = state.replication
        let keys = ReplicationRows.keys(state)
        let visible = max(1, list.height - 1)
        let cursor = r.cursor.window(in: keys, visible: visible)
        let columns: [PaneColumn]
        let cells: [[PaneCell]]
        switch r.view {
        case .standbys:
            columns = standbyColumns(width: area.width)
            cells = r.standbys.dropFirst(cursor.top).prefix(visible).map { standbyCells($0, width: area.width) }
        case .slots:
            columns = slotColumns(width: area.width, rows: r.slots)
            cells = r.slots.dropFirst(cursor.top).prefix(visible).map { slotCells($0, width: area.width) }
        }
        PaneDraw.table(columns: columns, rows: cells, rowCount: keys.count, top: cursor.top, selected: keys.isEmpty ? nil : cursor.index,
                       marked: { _ in false }, sortedColumn: nil, area: list, grid: &grid)
        if keys.isEmpty {
            let text: String
            if !r.filter.isEmpty { text = "Nothing matches \"\(r.filter)\" (Esc clears the filter)" }
            else if r.view == .standbys { text = section.role == .standby ? "No cascading standby streams from this standby" : "No standby streams from this server" }
            else { text = "No replication slots on this server" }
            PaneDraw.centred(text, in: list.splitTop(1).rest, style: Style(.textDim), grid: &grid)
        }
    }

    // MARK: - Detail (Enter)

    /// The row in the last snapshot, or its last copy (`gone`).
    static func current(_ state: AppState, _ detail: ReplicationDetailState) -> (ReplicationDetailState.Subject, gone: Bool) {
        let section = state.snapshot?.replication
        switch detail.lastSeen {
        case .standby(let row):
            if let now = section?.standbys.first(where: { $0.pid == row.pid }) { return (.standby(now), false) }
        case .slot(let slot):
            if let now = section?.slots.first(where: { $0.name == slot.name }) { return (.slot(now), false) }
        }
        return (detail.lastSeen, true)
    }

    static func title(_ detail: ReplicationDetailState) -> String {
        switch detail.lastSeen {
        case .standby(let row): return "standby \(row.application.isEmpty ? String(row.pid) : row.application)"
        case .slot(let slot): return "slot \(slot.name)"
        }
    }

    static func detailLines(_ state: AppState, _ detail: ReplicationDetailState) -> [TextLine] {
        let (subject, gone) = current(state, detail)
        var out: [TextLine] = []
        if gone {
            out.append(TextLine("No longer listed by the last read; the last copy is shown.", style: Style(.textError, [.bold])))
            out.append(TextLine(""))
        }
        func field(_ name: String, _ value: String, _ style: Style = Style(.headerValue)) { out.append(DetailView.field(name, value, style)) }
        func bytes(_ value: Int64?) -> String { value.map { "\(Humanize.bytes($0)) (\($0) bytes)" } ?? "-" }
        let clock = state.snapshot?.capturedAt
        func ago(_ date: Date?) -> String {
            guard let date, let clock else { return "-" }
            return Format.age(clock.timeIntervalSince(date)) + " ago"
        }
        switch subject {
        case .standby(let s):
            field("application", s.application.isEmpty ? "-" : s.application)
            field("walsender pid", String(s.pid))
            field("client", s.client ?? "-")
            field("user", s.user ?? "-")
            field("state", (s.state ?? "-") + (s.isBackup ? " (a base backup or rewind, not a standby)" : ""))
            field("sync state", s.syncState ?? "-")
            field("started", ago(s.backendStart))
            field("sent / replay", "\(s.sentLSN ?? "-") / \(s.replayLSN ?? "-")")
            field("not yet sent", bytes(s.pendingBytes))
            field("unwritten", bytes(s.writeHopBytes))
            field("unflushed", bytes(s.flushHopBytes))
            field("unreplayed", bytes(s.replayHopBytes))
            field("total behind", bytes(s.replayLagBytes), ReplicationStyles.style(s.severity, plain: Style(.headerValue)))
            field("write lag", Format.age(s.writeLagSeconds))
            field("flush lag", Format.age(s.flushLagSeconds))
            field("replay lag", Format.age(s.replayLagSeconds), ReplicationStyles.style(s.severity, plain: Style(.headerValue)))
            field("last reply", s.replyAgeSeconds.map { Format.age($0) + " ago" } ?? "-")
            field("xmin age", s.xminAge.map { "\($0) XIDs (hot_standby_feedback holds the horizon here)" } ?? "- (no hot_standby_feedback xmin)")
            out.append(TextLine(""))
            out.append(TextLine("Lag past \(Format.age(ReplicationThresholds.lagSeconds)) or \(Humanize.bytes(ReplicationThresholds.lagBytes)) is flagged. The time lags are null once the standby is idle and caught up.", style: Style(.textDim)))
        case .slot(let s):
            field("slot", s.name + (s.temporary ? " (temporary)" : ""))
            field("type", s.type + (s.plugin.map { ", plugin \($0)" } ?? "") + (s.database.map { ", database \($0)" } ?? ""))
            field("active", s.active ? "yes" + (s.activePid.map { ", pid \($0)" } ?? "") : "no")
            if let since = s.inactiveSince { field("unused since", ago(since)) }
            field("retained WAL", bytes(s.retainedBytes), s.active ? Style(.headerValue) : ReplicationStyles.style(s.severity, plain: Style(.headerValue)))
            field("wal_status", s.walStatus ?? "-", s.walStatus == "reserved" || s.walStatus == nil ? Style(.headerValue) : ReplicationStyles.style(s.severity))
            field("safe_wal_size", s.safeWALSizeBytes.map { bytes($0) } ?? "unlimited (max_slot_wal_keep_size = -1)")
            field("xmin age", s.xminAge.map { "\($0) XIDs" } ?? "-")
            field("catalog xmin", s.catalogXminAge.map { "\($0) XIDs" } ?? "-", s.holdsHorizon ? Style(.bloatWarning, [.bold]) : Style(.headerValue))
            if let conflicting = s.conflicting { field("conflicting", conflicting ? "yes" : "no") }
            if let reason = s.invalidationReason { field("invalidated", reason, Style(.bloatCritical, [.bold])) }
            if let decoding = s.decoding {
                let rates = s.decodingRates
                field("spilled", "\(decoding.spillTxns) txns, \(Humanize.bytes(decoding.spillBytes))"
                      + (rates.map { " (\(Humanize.bytes($0.spillBytesPerSecond))/s now)" } ?? ""))
                field("streamed", "\(decoding.streamTxns) txns, \(Humanize.bytes(decoding.streamBytes))"
                      + (rates.map { " (\(Humanize.bytes($0.streamBytesPerSecond))/s now)" } ?? ""))
            }
            field("finding", s.finding ?? "none", ReplicationStyles.style(s.severity, plain: Style(.headerValue)))
            if !s.active {
                out.append(TextLine(""))
                out.append(TextLine("An abandoned slot keeps WAL until the disk fills. If nothing will use it again, on this server:", style: Style(.textDim)))
                out.append(TextLine("  SELECT pg_drop_replication_slot('\(s.name.replacing("'", with: "''"))');", style: Style(.textHighlight)))
            }
        }
        return out
    }

    static func maxDetailScroll(_ state: AppState, _ detail: ReplicationDetailState) -> Int {
        DetailBox.maxScroll(detailLines(state, detail), width: state.width, height: state.height)
    }

    static func renderDetail(_ state: AppState, _ detail: ReplicationDetailState, grid: inout ScreenGrid) {
        DetailBox.render(title: "\(title(detail)) — Esc closes · arrows scroll", lines: detailLines(state, detail),
                         scroll: detail.scroll, state: state, grid: &grid)
    }
}
