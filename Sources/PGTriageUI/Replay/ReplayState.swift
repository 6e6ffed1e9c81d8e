#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// `pgtriage replay FILE`: the console on a recording. The panes get the recorded snapshots as
/// they got them live (from `ReplayService`); this is the timeline and the sample on screen.
public struct ReplayState: Sendable, Equatable {
    public var file: String
    /// Each sample's server time, in order.
    public var times: [Date]
    /// The sample on screen (0-based; the header counts from 1).
    public var index: Int
    /// The go-to-time line (`g`) while it is typed.
    public var timeInput: String?

    public init(file: String, times: [Date], index: Int = 0) {
        self.file = file; self.times = times; self.index = max(0, min(index, times.count - 1))
    }
}

/// The service side of a replay: shows sample `index` (answered with `.snapshot`).
public protocol ReplaySeeking: AnyObject {
    func seek(to index: Int)
}

extension AppState {
    /// The console on a recording, at sample `index`: no server, nothing sent, the keys step.
    public static func replay(_ replay: ReplayState, label: String, width: Int = 80, height: Int = 24) -> AppState {
        var state = AppState(connectionLabel: label, readOnly: true, width: width, height: height)
        state.replay = replay
        return state
    }
}

enum ReplayKeys {
    static let noServer = "replay: no server behind a recording"

    /// Under the pane's own keys, over the global ones: stepping, and the refusals of what
    /// needs a server (refresh, pause, interval, typed EXPLAIN).
    static let layer = KeyLayer("Replay", [
        KeyBinding([.char("."), .char("]")], ".  ]", help: "next sample", hint: "next") { state, _ in step(&state, by: 1) },
        KeyBinding([.char(","), .char("[")], ",  [", help: "previous sample", hint: "prev") { state, _ in step(&state, by: -1) },
        KeyBinding([.char(">"), .char("}")], ">  }", help: "10 samples on") { state, _ in step(&state, by: 10) },
        KeyBinding([.char("<"), .char("{")], "<  {", help: "10 samples back") { state, _ in step(&state, by: -10) },
        KeyBinding([.char("g")], "g", help: "go to a time (02:13:05, +90s)", hint: "go to") { state, _ in
            state.replay?.timeInput = ""
            return []
        },
        KeyBinding([.char("r"), .function(5), .char("R"), .char("p"), .char("P"), .char("+"), .char("="), .char("-"), .char("_"), .char("x")],
                   "r R p + - x", help: nil) { state, _ in
            state.status = StatusMessage("\(noServer): nothing refreshes, nothing runs (. , step; g goes to a time)", kind: .error, at: state.now)
            return []
        },
    ])

    /// The go-to-time line on the status line: Enter goes, Esc closes.
    static func inputLayer(_ state: AppState) -> KeyLayer? {
        guard state.replay?.timeInput != nil else { return nil }
        return KeyLayer("Go to a time", [
            KeyBinding([.enter], "Enter", help: "go to the first sample at or after that time") { state, _ in
                guard let replay = state.replay, let text = replay.timeInput else { return [] }
                state.replay?.timeInput = nil
                guard let first = replay.times.first,
                      let date = ReplayTime.parse(text, reference: first) else {
                    state.status = StatusMessage("not a time: \(text) (HH:MM:SS in UTC, YYYY-MM-DD HH:MM:SS, or +90s from the start)",
                                                 kind: .error, at: state.now)
                    return []
                }
                let index = replay.times.firstIndex { $0 >= date } ?? replay.times.count - 1
                if date > replay.times[replay.times.count - 1] {
                    state.status = StatusMessage("the recording ends at \(ReplayTime.clock(replay.times[replay.times.count - 1])): its last sample",
                                                 at: state.now)
                }
                return seek(&state, to: index)
            },
            KeyBinding([.escape], "Esc", help: "close") { state, _ in
                state.replay?.timeInput = nil
                return []
            },
            KeyBinding([.backspace, .delete], "Backspace", help: "delete a character") { state, _ in
                if state.replay?.timeInput?.isEmpty == false { state.replay?.timeInput?.removeLast() }
                return []
            },
            KeyBinding([.ctrl("c")], "Ctrl-C", help: "quit") { state, _ in GlobalKeys.quit(&state) },
        ], otherKeys: .handle { state, key in
            if case .char(let c) = key { state.replay?.timeInput?.append(c) }
            return []
        })
    }

    static func step(_ state: inout AppState, by delta: Int) -> [Effect] {
        guard let replay = state.replay else { return [] }
        let target = max(0, min(replay.times.count - 1, replay.index + delta))
        if target == replay.index {
            state.status = StatusMessage(delta > 0 ? "the last sample of the recording" : "the first sample of the recording", at: state.now)
            return []
        }
        return seek(&state, to: target)
    }

    static func seek(_ state: inout AppState, to index: Int) -> [Effect] {
        state.replay?.index = index
        return [.replaySeek(index)]
    }

    /// Line 1, right: "replay 02:13:05  sample 17/120".
    static func headerLine(_ replay: ReplayState) -> TextLine {
        TextLine([
            TextSpan("replay ", style: Style(.headerWarning, [.bold, .reverse])),
            Header.value(" " + ReplayTime.clock(replay.times[replay.index])),
            Header.label("  sample "),
            Header.value("\(replay.index + 1)/\(replay.times.count)"),
        ])
    }

    static func statusLine(_ state: AppState) -> (left: TextLine, right: TextLine, style: Style)? {
        guard let text = state.replay?.timeInput else { return nil }
        return (TextLine([
            TextSpan("go to (UTC): ", style: Style(.filter, [.bold])),
            TextSpan(text + "█", style: Style(.filter)),
        ]), TextLine("HH:MM:SS · +90s · Enter goes · Esc closes", style: Style(.filter)), Style(.filter))
    }
}
