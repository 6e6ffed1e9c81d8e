#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Appends samples to a recording file. Each frame is built whole in memory and written with
/// one `write()` on an `O_APPEND` descriptor; a short write (a full disk) is cut back off, so a
/// `kill -9` or a full disk costs at most the frame being written (the reader stops before it).
/// Safe to call from any thread (the service calls it from its monitoring thread).
public final class RecordingWriter: Sendable {
    public let path: String
    private struct State: ~Copyable {
        var fd: Int32
        var encoder: RecordingEncoder
        var bytes: Int
        var plans = 0
        var failure: String?
    }
    private let state: Mutex<State>

    /// Creates `path` (never overwrites a file: an incident recording is not lost to a typo) and
    /// writes the header.
    public init(path: String, header: RecordingHeader) throws {
        self.path = path
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw RecordingError(path, errno == EEXIST ? "already exists (give a new file name)" : String(cString: strerror(errno)))
        }
        let headerBytes = try RecordingFile.headerBytes(header)
        guard Self.writeAll(fd, headerBytes) else {
            let why = String(cString: strerror(errno))
            _ = Glibc.close(fd); unlink(path)
            throw RecordingError(path, "cannot write: \(why)")
        }
        state = Mutex(State(fd: fd, encoder: RecordingEncoder(keyframeEvery: header.keyframeEvery), bytes: headerBytes.count))
    }

    /// Samples written so far.
    public var samples: Int { state.withLock { $0.encoder.samples } }
    /// The file's size.
    public var bytes: Int { state.withLock { $0.bytes } }
    /// Why recording stopped (a write failed), if it did.
    public var failure: String? { state.withLock { $0.failure } }

    /// Appends one sample; after a failed write nothing more is written (the reason is `failure`).
    @discardableResult
    public func append(_ snapshot: Snapshot) -> Bool {
        state.withLock { state in
            guard state.failure == nil, state.fd >= 0 else { return false }
            let frame: [UInt8]
            do {
                frame = try state.encoder.frame(snapshot)
            } catch {
                state.failure = "cannot encode a sample: \(error)"
                return false
            }
            guard Self.writeAll(state.fd, frame) else {
                state.failure = "\(path): write failed (\(String(cString: strerror(errno)))); recording stopped after \(state.encoder.samples - 1) samples"
                // A part of the frame may be on disk: cut it off so the file ends on a whole frame.
                _ = ftruncate(state.fd, off_t(state.bytes))
                return false
            }
            state.bytes += frame.count
            return true
        }
    }

    /// Appends an EXPLAIN's result (a frame of its own, not a sample).
    @discardableResult
    public func append(_ plan: RecordedPlan) -> Bool {
        guard let body = try? JSONEncoder().encode(plan) else { return false }
        let frame = RecordingFile.frameBytes(kind: .plan, capturedAt: plan.capturedAt, body: Array(body))
        return state.withLock { state in
            guard state.failure == nil, state.fd >= 0 else { return false }
            guard Self.writeAll(state.fd, frame) else {
                state.failure = "\(path): write failed (\(String(cString: strerror(errno)))); recording stopped after \(state.encoder.samples) samples"
                _ = ftruncate(state.fd, off_t(state.bytes))
                return false
            }
            state.bytes += frame.count
            state.plans += 1
            return true
        }
    }

    /// Plans written so far.
    public var plans: Int { state.withLock { $0.plans } }

    public func close() {
        state.withLock { state in
            if state.fd >= 0 { _ = Glibc.close(state.fd); state.fd = -1 }
        }
    }

    deinit { state.withLock { if $0.fd >= 0 { _ = Glibc.close($0.fd) } } }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
    }
}
