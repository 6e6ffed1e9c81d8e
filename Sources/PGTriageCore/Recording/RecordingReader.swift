#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Why a file cannot be replayed at all: one line for the user (exit status 2).
public struct RecordingError: Error, CustomStringConvertible, Equatable {
    public var description: String
    init(_ file: String, _ why: String) { description = "\(file): \(why)" }
}

/// One sample the reader found whole: where its frame is, when it was read, and the keyframe
/// its chain of deltas starts from.
public struct RecordedSample: Sendable, Equatable {
    public var offset: Int
    public var capturedAt: Date
    public var isKeyframe: Bool
    /// Index (among the samples) of the keyframe this sample is decoded from.
    public var chainStart: Int
}

/// Where the reader left bytes it could not use: a frame cut short (the recorder was killed or
/// the disk filled) or damaged in the middle (then it goes on at the next keyframe).
public struct RecordingDamage: Sendable, Equatable, CustomStringConvertible {
    /// Byte offset of the first frame that did not read.
    public var offset: Int
    /// Where reading resumed; nil when nothing after the damage could be used.
    public var resumedAt: Int?
    /// Whole frames after the damage that were dropped because their keyframe was lost.
    public var droppedSamples: Int
    public var reason: String

    public var description: String {
        guard let resumedAt else { return "stopped at byte \(offset): \(reason)" }
        let dropped = droppedSamples > 0 ? ", \(droppedSamples) sample\(droppedSamples == 1 ? "" : "s") without their keyframe dropped" : ""
        return "bytes \(offset)-\(resumedAt) skipped: \(reason)\(dropped)"
    }
}

/// Reads a recording: the header, then an index of the frames that check out (each frame's
/// length and CRC-32), decoding samples on demand. Never traps on a damaged or foreign file:
/// the header's faults are a `RecordingError`, a frame's are `damage` and the samples before it
/// stay readable.
public struct RecordingReader {
    public let name: String
    public let header: RecordingHeader
    public let samples: [RecordedSample]
    /// EXPLAIN results recorded (frames of their own), in order: where and when.
    public let plans: [(offset: Int, capturedAt: Date)]
    public let damage: [RecordingDamage]
    private let bytes: [UInt8]
    private let sections: [String: RecordedSection]
    private let coder = SectionCoder()
    /// The last sample decoded: stepping forward decodes one frame.
    private var cached: (index: Int, snapshot: Snapshot)?
    /// Samples of one chain kept on the way (every `checkpointEvery`-th): stepping back decodes
    /// at most that many frames, not the whole chain from its keyframe.
    private var checkpoints: (chainStart: Int, byIndex: [Int: Snapshot]) = (-1, [:])
    public static let checkpointEvery = 10

    public init(path: String) throws(RecordingError) {
        let name = path
        var info = stat()
        if stat(path, &info) != 0 { throw RecordingError(name, errno == ENOENT ? "no such file" : String(cString: strerror(errno))) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw RecordingError(name, "a directory, not a recording") }
        guard let data = FileSystem.read(path) else { throw RecordingError(name, "cannot be read: \(String(cString: strerror(errno)))") }
        try self.init(bytes: Array(data), name: name)
    }

    public init(bytes: [UInt8], name: String) throws(RecordingError) {
        self.name = name
        self.bytes = bytes
        sections = Dictionary(RecordedSection.all.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        if bytes.isEmpty { throw RecordingError(name, "empty file, not a pgtriage recording") }
        let magic = RecordingFile.magic
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else {
            throw RecordingError(name, "not a pgtriage recording (it does not start with \"pgtriage-recording\")")
        }
        var input = ByteReader(bytes[magic.count...])
        let headerJSON: ArraySlice<UInt8>
        do {
            let version = try input.u32()
            guard version == RecordingFile.formatVersion else {
                let newer = version > RecordingFile.formatVersion
                throw RecordingError(name, "recording format version \(version); this pgtriage reads version \(RecordingFile.formatVersion)"
                                     + (newer ? " (written by a newer pgtriage: replay it with that one)" : " (too old to read)"))
            }
            let length = try input.u32()
            let crc = try input.u32()
            guard length <= 1 << 20 else { throw RecordingFormatError.malformed("header length") }
            headerJSON = try input.take(Int(length))
            guard Zlib.crc32(headerJSON) == crc else { throw RecordingFormatError.malformed("header checksum") }
        } catch let error as RecordingError {
            throw error
        } catch {
            throw RecordingError(name, "damaged header (\(error)): not readable")
        }
        do {
            header = try JSONDecoder().decode(RecordingHeader.self, from: Data(headerJSON))
        } catch {
            throw RecordingError(name, "damaged header (its JSON does not read): not readable")
        }
        (samples, plans, damage) = Self.index(bytes, from: input.position)
        if samples.isEmpty {
            throw RecordingError(name, "no whole sample in the file" + (damage.first.map { " (\($0))" } ?? " (recording stopped before the first one)"))
        }
    }

    /// One line on what was recovered, for a file with damage; nil for a whole file.
    public var recoveryNote: String? {
        guard !damage.isEmpty else { return nil }
        return "\(name): recovered \(samples.count) sample\(samples.count == 1 ? "" : "s"); " + damage.map(\.description).joined(separator: "; ")
    }

    /// The snapshot recorded as sample `index` (0-based).
    public mutating func snapshot(_ index: Int) throws(RecordingError) -> Snapshot {
        precondition(samples.indices.contains(index), "sample \(index) of \(samples.count)")
        let start = samples[index].chainStart
        if checkpoints.chainStart != start { checkpoints = (start, [:]) }
        var at: Int
        var current: Snapshot?
        if let cached, cached.index <= index, cached.index >= start {
            if cached.index == index { return cached.snapshot }
            at = cached.index + 1; current = cached.snapshot
        } else {
            at = start; current = nil
        }
        // A checkpoint nearer than where we stand.
        let nearest = index - (index - start) % Self.checkpointEvery
        if nearest > at - 1, let checkpoint = checkpoints.byIndex[nearest] {
            at = nearest + 1; current = checkpoint
        }
        while at <= index {
            current = try decodeFrame(samples[at], previous: current)
            if (at - start) % Self.checkpointEvery == 0 && at != start { checkpoints.byIndex[at] = current }
            at += 1
        }
        cached = (index, current!)
        return current!
    }

    /// Plan `index` of `plans`.
    public func plan(_ index: Int) throws(RecordingError) -> RecordedPlan {
        let at = plans[index].offset
        do {
            var frame = ByteReader(bytes[(at + 4)...])
            _ = try frame.u8(); _ = try frame.i64()
            let stored = Int(try frame.u32()), raw = Int(try frame.u32())
            _ = try frame.u32()
            guard let body = Zlib.inflate(try frame.take(stored), rawCount: raw) else { throw RecordingFormatError.malformed("the frame does not inflate") }
            return try JSONDecoder().decode(RecordedPlan.self, from: Data(body))
        } catch {
            throw RecordingError(name, "the plan at byte \(at) does not decode (\(error))")
        }
    }

    /// The first sample read at or after `date` (the last one when none is).
    public func sampleIndex(atOrAfter date: Date) -> Int {
        samples.firstIndex { $0.capturedAt >= date } ?? samples.count - 1
    }

    private func decodeFrame(_ sample: RecordedSample, previous: Snapshot?) throws(RecordingError) -> Snapshot {
        let at = sample.offset
        do {
            var frame = ByteReader(bytes[(at + 4)...])
            let kind = try frame.u8()
            _ = try frame.i64()
            let stored = Int(try frame.u32())
            let raw = Int(try frame.u32())
            _ = try frame.u32()
            guard let body = Zlib.inflate(try frame.take(stored), rawCount: raw) else {
                throw RecordingFormatError.malformed("the frame does not inflate")
            }
            var snapshot = kind == RecordingFile.FrameKind.keyframe.rawValue || previous == nil ? Self.blank : previous!
            var input = ByteReader(body[...])
            while !input.atEnd {
                let sectionName = try input.string()
                let payload = try input.blob()
                // A part this pgtriage does not know (a newer writer's): skipped.
                try sections[sectionName]?.decode(payload, &snapshot, previous, coder)
            }
            return snapshot
        } catch {
            throw RecordingError(name, "the sample at byte \(at) does not decode (\(error))")
        }
    }

    /// What a keyframe fills in; a part missing from the file (an older writer's) stays empty.
    static var blank: Snapshot {
        Snapshot(capturedAt: Date(timeIntervalSince1970: 0), info: ServerInfo(versionNum: 0, version: ""),
                 summary: ServerSummary(), activity: [], blocking: BlockingForest())
    }

    /// A frame checks out at `at`: its kind, time and end.
    private static func frame(_ bytes: [UInt8], at: Int) -> (kind: RecordingFile.FrameKind, capturedAt: Date, end: Int)? {
        guard bytes.count - at >= RecordingFile.frameHeaderSize,
              bytes[at..<at + 4].elementsEqual(RecordingFile.frameMagic) else { return nil }
        var input = ByteReader(bytes[(at + 4)..<(at + RecordingFile.frameHeaderSize)])
        guard let kindByte = try? input.u8(), let kind = RecordingFile.FrameKind(rawValue: kindByte),
              let micros = try? input.i64(), let stored = try? input.u32(), let raw = try? input.u32(),
              let crc = try? input.u32(),
              Int(stored) <= RecordingFile.maxFrameBytes, Int(raw) <= RecordingFile.maxFrameBytes,
              Int(stored) <= bytes.count - at - RecordingFile.frameHeaderSize else { return nil }
        let end = at + RecordingFile.frameHeaderSize + Int(stored)
        let checked = Zlib.crc32(bytes[(at + RecordingFile.frameHeaderSize)..<end],
                                 initial: Zlib.crc32(bytes[(at + 4)..<(at + RecordingFile.frameHeaderSize - 4)]))
        guard checked == crc else { return nil }
        return (kind, RecordingFile.date(microseconds: micros), end)
    }

    private static func index(_ bytes: [UInt8], from start: Int) -> ([RecordedSample], [(offset: Int, capturedAt: Date)], [RecordingDamage]) {
        var samples: [RecordedSample] = []
        var plans: [(offset: Int, capturedAt: Date)] = []
        var damage: [RecordingDamage] = []
        var at = start
        var chainStart: Int? = nil
        var dropped = 0
        while at < bytes.count {
            if let frame = frame(bytes, at: at) {
                if frame.kind == .plan {
                    plans.append((at, frame.capturedAt))
                    at = frame.end
                    continue
                }
                if frame.kind == .keyframe { chainStart = samples.count }
                if let chainStart {
                    samples.append(RecordedSample(offset: at, capturedAt: frame.capturedAt, isKeyframe: frame.kind == .keyframe, chainStart: chainStart))
                } else {
                    dropped += 1
                    if !damage.isEmpty { damage[damage.count - 1].droppedSamples = dropped }
                }
                at = frame.end
                continue
            }
            // Damage: the next frame that checks out, if any, is where reading goes on.
            let reason = bytes.count - at < RecordingFile.frameHeaderSize || !bytes[at..<min(bytes.count, at + 4)].elementsEqual(RecordingFile.frameMagic[0..<min(4, bytes.count - at)])
                ? "not a frame" : "a frame cut short or damaged"
            var next = at + 1
            var found: Int?
            while next + 4 <= bytes.count {
                if bytes[next] == RecordingFile.frameMagic[0], bytes[next..<next + 4].elementsEqual(RecordingFile.frameMagic),
                   frame(bytes, at: next) != nil {
                    found = next; break
                }
                next += 1
            }
            damage.append(RecordingDamage(offset: at, resumedAt: found, droppedSamples: 0,
                                          reason: found == nil && reason == "a frame cut short or damaged" ? "the last frame is cut short (recording stopped while writing it) or damaged" : reason))
            guard let found else { break }
            chainStart = nil
            dropped = 0
            at = found
        }
        return (samples, plans, damage)
    }
}
