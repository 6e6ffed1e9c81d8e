#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The layout of a recording (docs/recording.md): a header, then one self-contained frame per
/// sample, each written with one `write()`.
public enum RecordingFile {
    /// The first bytes of every recording: readable with `head -c 19`.
    static let magic = Array("pgtriage-recording\n".utf8)
    /// The format this pgtriage writes and reads. A change that an older reader would misread
    /// raises it; adding a section does not (readers skip parts they do not know).
    public static let formatVersion: UInt32 = 1
    static let frameMagic = Array("PGTF".utf8)
    /// magic, kind, captured-at, stored length, raw length, CRC-32.
    static let frameHeaderSize = 4 + 1 + 8 + 4 + 4 + 4
    /// No frame is larger (a damaged length must not make the reader allocate gigabytes).
    static let maxFrameBytes = 256 << 20
    /// A keyframe (every part whole) every this many samples: where a reader can start again
    /// after damage. Keyframes are most of a file's bytes (at 1000 backends and 5000 statements
    /// one is about 630 kB, a delta about 4.4 kB: bench/record), so not too often; the reader keeps
    /// checkpoints so that no sample needs more than `RecordingReader.checkpointEvery` frames.
    public static let defaultKeyframeEvery = 60

    /// A plan frame is not a sample: it sits between samples and leaves their chain alone.
    enum FrameKind: UInt8 { case delta = 0, keyframe = 1, plan = 2 }

    static func headerBytes(_ header: RecordingHeader) throws -> [UInt8] {
        let json = Array(try JSONEncoder().encode(header))
        var out = ByteWriter()
        out.bytes = magic
        out.u32(formatVersion)
        out.u32(UInt32(json.count))
        out.u32(Zlib.crc32(json[...]))
        out.bytes.append(contentsOf: json)
        return out.bytes
    }

    static func frameBytes(kind: FrameKind, capturedAt: Date, body: [UInt8], deflater: Zlib.Deflater? = nil) -> [UInt8] {
        let stored = deflater?.deflate(body) ?? Zlib.deflate(body)
        var out = ByteWriter()
        out.bytes.reserveCapacity(frameHeaderSize + stored.count)
        out.bytes.append(contentsOf: frameMagic)
        out.u8(kind.rawValue)
        out.i64(microseconds(capturedAt))
        out.u32(UInt32(stored.count))
        out.u32(UInt32(body.count))
        let checked = out.bytes[4...]
        let crc = Zlib.crc32(stored[...], initial: Zlib.crc32(checked))
        out.u32(crc)
        out.bytes.append(contentsOf: stored)
        return out.bytes
    }

    static func microseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }
    static func date(microseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(microseconds) / 1_000_000) }
}

/// What a recording says about itself, as JSON after the magic and the format version.
public struct RecordingHeader: Codable, Sendable, Equatable {
    /// `user@host:port/db`, as the console's header shows it (never a password).
    public var target: String
    public var startedAt: Date
    /// The refresh interval asked for, seconds.
    public var intervalSeconds: Double
    public var keyframeEvery: Int
    /// "pgtriage 0.3.0": who wrote it.
    public var writer: String
    /// The parts its frames hold (`RecordedSection.all` of the writer).
    public var sections: [String]

    public init(target: String, startedAt: Date, intervalSeconds: Double,
                keyframeEvery: Int = RecordingFile.defaultKeyframeEvery, writer: String = "pgtriage " + PGTriageCoreVersion.string,
                sections: [String] = RecordedSection.all.map(\.name)) {
        self.target = target; self.startedAt = startedAt; self.intervalSeconds = intervalSeconds
        self.keyframeEvery = keyframeEvery; self.writer = writer; self.sections = sections
    }
}

/// Turns successive snapshots into frames: a keyframe every `keyframeEvery` samples, deltas
/// against the previous sample in between. Pure: no file (the writer and the tests use it).
public struct RecordingEncoder {
    public let keyframeEvery: Int
    private let sections = RecordedSection.all
    private let coder = SectionCoder()
    /// Deltas at level 6: level 1 saves under 0.01 ms a delta on the Activity pane (0.15 ms of a
    /// full `record` sample's 24 ms) and costs a quarter more bytes (4.4 against 5.5 kB a delta
    /// at 1000 backends and 5209 statements).
    private let deflater = Zlib.Deflater()
    /// Keyframes at level 3: a third of level 6's CPU for 30 % more bytes (a 5.7 MB keyframe at
    /// 1000 backends and 5209 statements: 24 ms and 644 kB against 60 ms and 499 kB), the CPU
    /// being what the console pays every minute; deltas are small either way.
    private let keyframeDeflater = Zlib.Deflater(level: 3)
    private var previous: Snapshot?
    public private(set) var samples = 0

    public init(keyframeEvery: Int = RecordingFile.defaultKeyframeEvery) {
        self.keyframeEvery = max(1, keyframeEvery)
    }

    /// The frame of the next sample.
    public mutating func frame(_ snapshot: Snapshot) throws -> [UInt8] {
        let keyframe = samples % keyframeEvery == 0
        var body = ByteWriter()
        for section in sections {
            guard let payload = try section.encode(snapshot, previous, keyframe, coder) else { continue }
            body.string(section.name)
            body.blob(payload)
        }
        previous = snapshot
        samples += 1
        return RecordingFile.frameBytes(kind: keyframe ? .keyframe : .delta, capturedAt: snapshot.capturedAt, body: body.bytes, deflater: keyframe ? keyframeDeflater : deflater)
    }
}
