#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// Everything that can change the state: the bubbletea `Msg`.
public enum Message: Sendable {
    case key(Key)
    case service(ServiceEvent)
    case resize(width: Int, height: Int)
    /// Our clock moved on (ages, data age, message expiry, reconnect countdown).
    case tick(Date)
    /// A plan was written (`ExplainEffect.save`): the paths of its .json and .txt, or why not.
    case planWritten(Result<[String], PlanWriteError>)
    /// The runtime's answer to `Effect.copyToClipboard`.
    case clipboardCopied(ClipboardOutcome)
}

/// Why a plan could not be written, as the status line says it.
public struct PlanWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
}

/// What `update` asks the runtime to do: the bubbletea `Cmd`. Results come back as messages.
public enum Effect: Sendable, Equatable {
    case setPaused(Bool)
    case setInterval(Double)
    case refreshNow
    /// What each refresh reads, for the screen as it now is (`AppState.scope`): sent whenever
    /// it changes, so `update`'s tests see it.
    case setScope(SnapshotScope)
    case send(BackendSignal, pids: [Int32])
    /// The whole query text for the detail view (the list has it cut); answered by `.queryText`.
    case fetchQueryText(pid: Int32)
    /// The whole normalised text of a statement (the Statements list has it cut); answered by
    /// `AppState.receiveStatementText`.
    case fetchStatementText(StatementKey)
    /// Exact figures (pgstattuple) for one relation, after a confirmation; answered by
    /// `AppState.receiveExactBloat`.
    case fetchExactBloat(oid: UInt32)
    /// Cancel the exact-figures read in flight (the server stops reading the relation).
    case cancelExactBloat
    /// Repaint the whole terminal (Ctrl-L), in case something else wrote on it.
    case redraw
    /// Run, cancel or save an EXPLAIN (ExplainEffects.swift).
    case explain(ExplainEffect)
    /// Put text on the clipboard of the DBA's own machine (OSC 52 through the terminal, over
    /// SSH too); answered by `.clipboardCopied`.
    case copyToClipboard(String)
    /// Gather the assessment report and write it to a new file in the current folder; answered
    /// by `.reportWritten` or `.reportFailed` (the service works on a thread of its own).
    case writeReport
    /// Show sample N of the recording (`pgtriage replay`); answered by `.snapshot`.
    case replaySeek(Int)
    case quit
}
