import Foundation
import Testing
@testable import PGTriageCore

/// Snapshots that change the way a busy server's do: a few backends change state each sample,
/// some come and go, statement rates move, the bloat section arrives every tenth sample, a
/// blocking chain forms and clears.
enum RecordingSamples {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000.25)

    static func snapshot(_ i: Int, backends: Int = 60) -> Snapshot {
        let now = t0.addingTimeInterval(Double(i))
        var activity: [BackendActivity] = []
        for n in 0..<backends {
            // Backend n leaves at sample n + 40 when n is a multiple of 7; a newcomer per sample.
            if n % 7 == 0 && i >= n + 40 { continue }
            let busy = (n + i) % 5 == 0
            activity.append(BackendActivity(
                pid: Int32(1000 + n), database: "shop", user: n % 3 == 0 ? "app" : "report", application: "psql",
                client: "127.0.0.1:\(40000 + n)", state: busy ? "active" : "idle",
                backendStart: t0.addingTimeInterval(-3600), queryStart: t0.addingTimeInterval(busy ? Double(i) - 0.5 : -60),
                stateChange: t0.addingTimeInterval(busy ? Double(i) - 0.5 : -60),
                query: busy ? "select * from orders where id = \(n * 31 + i)" : "commit"))
        }
        activity.append(BackendActivity(pid: Int32(5000 + i), database: "shop", user: "app", state: "active",
                                        queryStart: now, stateChange: now, query: "select pg_sleep(1)"))
        var blocking = BlockingForest()
        if (20..<30).contains(i) {
            activity.append(BackendActivity(pid: 900, database: "shop", user: "app", state: "idle in transaction",
                                            xactStart: t0.addingTimeInterval(20), query: "update accounts set balance = 0"))
            activity.append(BackendActivity(pid: 901, database: "shop", user: "app", state: "active", waitEventType: "Lock",
                                            waitEvent: "transactionid", query: "update accounts set balance = 1", blockedBy: [900],
                                            lockWait: LockWait(lockType: "transactionid", mode: "ShareLock", relation: "public.accounts")))
            blocking = BlockingForest(roots: [BlockingNode(pid: 900, blocked: [BlockingNode(pid: 901)])])
        }
        let rows = (0..<40).map { q in
            let calls = Int64(q * 100 + (q % 4 == 0 ? i * 10 : 0))
            return StatementRow(
                stats: StatementStats(key: StatementKey(userid: 10, dbid: 5, queryid: Int64(q) * 7919), user: "app", database: "shop",
                                      query: "select $\(q)", counters: StatementCounters(calls: calls, execMs: Double(calls) * 0.5)),
                rate: q % 4 == 0 && i > 0 ? StatementRate(seconds: 1, calls: 10, callsPerSecond: 10, execMsPerSecond: 5, timeShare: 0.1,
                                                          meanMs: 0.5, rowsPerSecond: 10, hitRatio: 1, readBytesPerSecond: 0,
                                                          dirtiedBytesPerSecond: 0, writtenBytesPerSecond: 0, tempWrittenBytesPerSecond: 0,
                                                          ioMsPerSecond: 0, planMsPerSecond: nil, walBytesPerSecond: nil) : nil,
                totals: StatementTotals(calls: calls, totalMs: Double(calls) * 0.5, meanMs: 0.5, rows: calls, hitRatio: 1,
                                        readBytes: 0, tempWrittenBytes: 0, walBytes: nil, planMs: nil, timeShare: nil))
        }
        let statements = StatementsSection(extensionVersion: "1.10", variant: .post0110, capturedAt: now, intervalSeconds: i > 0 ? 1 : nil, rows: rows)
        let bloatRead = t0.addingTimeInterval(Double(i / 10 * 10))
        let bloat = i < 10 ? nil : BloatSection(database: "shop", capturedAt: bloatRead, relations: (0..<8).map { r in
            RelationBloat(oid: UInt32(16000 + r), schema: "public", name: "t\(r)", kind: .table, sizeBytes: Int64(r + 1) << 20,
                          bloatBytes: Int64(i / 10 * r) << 10, bloatPercent: Double(i / 10))
        }, limit: 500)
        var snapshot = Snapshot(
            capturedAt: now, info: ServerInfo(versionNum: 150_018, version: "PostgreSQL 15.18", currentUser: "postgres", ownPid: 42),
            summary: ServerSummary(startTime: t0.addingTimeInterval(-86400), connections: activity.count, maxConnections: 100,
                                   activeConnections: activity.count { $0.isActive }, tps: i == 0 ? nil : Double(100 + i % 3)),
            activity: activity, blocking: blocking, limitations: i % 2 == 0 ? [:] : ["statements": "hidden texts"],
            statements: statements, bloat: bloat,
            unavailable: i < 10 ? ["bloat": SectionUnavailable(code: "not_read", message: "not read yet")] : [:])
        snapshot.idleListed = i % 3 != 0
        // The header's replication figures every sample; the Replication pane from sample 30,
        // with an abandoned slot whose retained WAL grows.
        snapshot.summary.replication = ReplicationSummary(role: .primary, walPosition: Int64(i) << 20, walBytesPerSecond: i == 0 ? nil : 1_048_576)
        if i >= 30 {
            snapshot.replication = ReplicationSection(capturedAt: now, role: .primary, currentLSN: "0/\(i)000000", slots: [
                ReplicationSlotRow(name: "old_replica", type: "physical", active: false, retainedBytes: Int64(i) << 20, walStatus: "reserved"),
            ])
        }
        return snapshot
    }

    /// A whole recording of `count` samples, in memory.
    static func file(count: Int, keyframeEvery: Int = 10, backends: Int = 60) throws -> (bytes: [UInt8], frames: [Range<Int>]) {
        let header = RecordingHeader(target: "postgres@127.0.0.1:5432/shop", startedAt: t0, intervalSeconds: 1, keyframeEvery: keyframeEvery)
        var bytes = try RecordingFile.headerBytes(header)
        var encoder = RecordingEncoder(keyframeEvery: keyframeEvery)
        var frames: [Range<Int>] = []
        for i in 0..<count {
            let frame = try encoder.frame(snapshot(i, backends: backends))
            frames.append(bytes.count..<bytes.count + frame.count)
            bytes += frame
        }
        return (bytes, frames)
    }
}

@Suite struct RecordingTests {
    @Test func everySampleReadsBackAsRecorded() throws {
        let (bytes, _) = try RecordingSamples.file(count: 45)
        var reader = try RecordingReader(bytes: bytes, name: "test.rec")
        #expect(reader.samples.count == 45 && reader.damage.isEmpty && reader.recoveryNote == nil)
        #expect(reader.header.target == "postgres@127.0.0.1:5432/shop")
        for i in 0..<45 { #expect(try reader.snapshot(i) == RecordingSamples.snapshot(i), "sample \(i)") }
        // Backwards and jumping: decoded again from the keyframe before.
        for i in [44, 3, 29, 28, 0, 21, 20] { #expect(try reader.snapshot(i) == RecordingSamples.snapshot(i), "sample \(i)") }
        #expect(reader.samples.filter(\.isKeyframe).count == 5)
        #expect(reader.sampleIndex(atOrAfter: RecordingSamples.t0.addingTimeInterval(20.1)) == 21)
    }

    /// Rows that did not change are not written again: a delta where one backend of 500 changed
    /// is a small fraction of the keyframe.
    @Test func unchangedRowsAreNotRepeated() throws {
        var encoder = RecordingEncoder(keyframeEvery: 100)
        var snapshot = RecordingSamples.snapshot(1, backends: 500)
        let keyframe = try encoder.frame(snapshot)
        snapshot.capturedAt += 1
        snapshot.activity[200].state = "idle in transaction"
        let delta = try encoder.frame(snapshot)
        let same = try encoder.frame(snapshot)
        #expect(delta.count * 20 < keyframe.count, "keyframe \(keyframe.count) B, delta \(delta.count) B")
        #expect(same.count < delta.count)
        var bytes = try RecordingFile.headerBytes(RecordingHeader(target: "t", startedAt: snapshot.capturedAt, intervalSeconds: 1))
        bytes += keyframe + delta + same
        var reader = try RecordingReader(bytes: bytes, name: "t")
        #expect(try reader.snapshot(2) == snapshot)
    }

    /// Statement rows whose entry ran nothing are not written again, though their rate's
    /// interval and their share of all time change every sample (StatementsPacking).
    @Test func idleStatementsAreNotRepeated() throws {
        func entries(busyCalls: Int64) -> [StatementStats] {
            (0..<2000).map { (q: Int) -> StatementStats in
                let calls: Int64 = q == 7 ? busyCalls : Int64(q)
                return StatementStats(key: StatementKey(userid: 10, dbid: 5, queryid: Int64(q)), query: "select \(q)",
                                      counters: StatementCounters(calls: calls, execMs: Double(calls)))
            }
        }
        func section(_ i: Int, busyCalls: Int64) -> StatementsSection {
            let at = RecordingSamples.t0.addingTimeInterval(Double(i) * 1.013)
            var rates = StatementRates(blockSize: 8192)
            let before = at.addingTimeInterval(-0.99 - Double(i) * 0.001)
            _ = rates.next(StatementSample(at: before, statements: entries(busyCalls: busyCalls - 3)))
            let (rows, interval) = rates.next(StatementSample(at: at, statements: entries(busyCalls: busyCalls)))
            return StatementsSection(extensionVersion: "1.10", variant: .post0110, capturedAt: at, intervalSeconds: interval, rows: rows)
        }
        var encoder = RecordingEncoder(keyframeEvery: 100)
        var snapshot = RecordingSamples.snapshot(1, backends: 10)
        snapshot.statements = section(1, busyCalls: 100)
        let keyframe = try encoder.frame(snapshot)
        var next = snapshot
        next.capturedAt += 1
        next.statements = section(2, busyCalls: 130)
        #expect(next.statements!.rows[3].rate!.seconds != snapshot.statements!.rows[3].rate!.seconds)
        #expect(next.statements!.rows[3].totals.timeShare != snapshot.statements!.rows[3].totals.timeShare)
        let delta = try encoder.frame(next)
        #expect(delta.count * 50 < keyframe.count, "keyframe \(keyframe.count) B, delta \(delta.count) B")
        var bytes = try RecordingFile.headerBytes(RecordingHeader(target: "t", startedAt: snapshot.capturedAt, intervalSeconds: 1))
        bytes += keyframe + delta
        var reader = try RecordingReader(bytes: bytes, name: "t")
        #expect(try reader.snapshot(1) == next)
        #expect(try reader.snapshot(0) == snapshot)
    }

    /// The encoder writes the rows to encode as one JSON array and cuts it into its elements:
    /// commas, brackets, quotes and backslashes inside strings do not cut.
    @Test func anEncodedArraySplitsIntoItsRows() throws {
        let rows = ["plain", "a, b", "{\"x\": [1, 2]}", "back\\slash\\", "\\\"", "", "],[", "é 漢字 \u{1}"].enumerated().map {
            BackendActivity(pid: Int32($0.offset), application: $0.element, query: "select '\($0.element)'")
        }
        let bytes = Array(try JSONEncoder().encode(rows))
        let elements = JSONArrayElements.split(bytes)
        #expect(elements.count == rows.count)
        for (element, row) in zip(elements, rows) {
            #expect(try JSONDecoder().decode(BackendActivity.self, from: Data(element)) == row)
        }
        #expect(JSONArrayElements.split(Array("[]".utf8)).isEmpty)
        #expect(JSONArrayElements.split(Array("[1]".utf8)) == [Array("1".utf8)])
    }

    /// Backend rows are written as JSON by hand: every field reads back as it was through the
    /// synthesised decoder (escapes, controls, non-ASCII, nil fields, a lock wait, dates to the
    /// last bit), and a date that is not finite is left to JSONEncoder.
    @Test func backendRowsWrittenByHandReadBackAsTheyWere() throws {
        let texts = ["plain", "a \"quoted\" \\ text", "line\nbreak\ttab\r\u{1}\u{1f}\u{7f}", "é 漢字 🐘", "</script>", ""]
        var rows = texts.enumerated().map { i, text in
            BackendActivity(pid: Int32(i - 2), database: text, user: i % 2 == 0 ? nil : text, application: text,
                            client: i == 3 ? nil : "10.0.0.\(i):5432", state: "active", waitEventType: "Lock", waitEvent: text,
                            backendStart: Date(timeIntervalSince1970: 1_790_000_000.123456 + Double(i) / 3),
                            xactStart: i == 1 ? nil : Date(timeIntervalSinceReferenceDate: -1e-7 * Double(i)),
                            queryStart: Date(timeIntervalSinceReferenceDate: 812_345_678.9 + 1e-6 * Double(i)),
                            stateChange: Date(timeIntervalSinceReferenceDate: 0.1 + 0.2),
                            query: "select '\(text)'", queryIsCut: i % 2 == 1, blockedBy: Array(0..<Int32(i)).map { $0 * 1000 },
                            lockWait: i % 3 == 0 ? LockWait(lockType: "tuple", mode: "ShareLock", relation: i == 0 ? nil : text) : nil)
        }
        rows.append(BackendActivity(pid: Int32.max, backendType: "walsender"))
        for row in rows {
            let bytes = try #require(BackendRowJSON.encode(row))
            #expect(try JSONDecoder().decode(BackendActivity.self, from: Data(bytes)) == row)
        }
        let unending = BackendActivity(pid: 1, queryStart: Date(timeIntervalSinceReferenceDate: .infinity))
        #expect(BackendRowJSON.encode(unending) == nil)
        let coder = SectionCoder()
        let encoded = try coder.encodeRows([rows[0], unending])
        #expect(encoded.count == 2)
        #expect(try coder.decode(BackendActivity.self, encoded[0][...]) == rows[0])
        #expect(try coder.decode(BackendActivity.self, encoded[1][...]) == unending)
    }

    /// A recording cut anywhere inside its last frame (kill -9 while writing) replays every
    /// earlier sample and says where it stopped.
    @Test func aFileCutAtEveryOffsetOfItsLastFrameReplaysTheEarlierSamples() throws {
        let (bytes, frames) = try RecordingSamples.file(count: 14)
        let last = frames[frames.count - 1]
        for cut in last.lowerBound..<last.upperBound {
            var reader = try RecordingReader(bytes: Array(bytes[..<cut]), name: "cut.rec")
            #expect(reader.samples.count == 13, "cut at \(cut)")
            #expect(try reader.snapshot(12) == RecordingSamples.snapshot(12), "cut at \(cut)")
            if cut > last.lowerBound {
                #expect(reader.recoveryNote == "cut.rec: recovered 13 samples; stopped at byte \(last.lowerBound): the last frame is cut short (recording stopped while writing it) or damaged"
                        || reader.recoveryNote?.contains("stopped at byte \(last.lowerBound)") == true, "cut at \(cut)")
            }
        }
    }

    /// A damaged frame in the middle: the samples before it, and from the next keyframe on.
    @Test func aDamagedFrameIsSkippedToTheNextKeyframe() throws {
        let (bytes, frames) = try RecordingSamples.file(count: 25, keyframeEvery: 10)
        var damaged = bytes
        damaged[frames[4].lowerBound + 30] ^= 0x5a
        var reader = try RecordingReader(bytes: damaged, name: "bad.rec")
        #expect(reader.samples.count == 4 + 15)
        #expect(reader.damage == [RecordingDamage(offset: frames[4].lowerBound, resumedAt: frames[5].lowerBound, droppedSamples: 5,
                                                  reason: "a frame cut short or damaged")])
        #expect(try reader.snapshot(3) == RecordingSamples.snapshot(3))
        #expect(try reader.snapshot(4) == RecordingSamples.snapshot(10))
        #expect(try reader.snapshot(18) == RecordingSamples.snapshot(24))
        #expect(reader.recoveryNote?.hasPrefix("bad.rec: recovered 19 samples; bytes \(frames[4].lowerBound)-\(frames[5].lowerBound) skipped") == true)
    }

    @Test func emptyForeignOlderAndNewerFilesAreRefusedWithOneLine() throws {
        let (bytes, frames) = try RecordingSamples.file(count: 2)
        func refusal(_ bytes: [UInt8]) -> String? {
            do { _ = try RecordingReader(bytes: bytes, name: "f.rec"); return nil } catch { return error.description }
        }
        #expect(refusal([]) == "f.rec: empty file, not a pgtriage recording")
        #expect(refusal(Array("PGDMP plain dump".utf8)) == "f.rec: not a pgtriage recording (it does not start with \"pgtriage-recording\")")
        var newer = bytes
        newer[RecordingFile.magic.count] = 2
        #expect(refusal(newer) == "f.rec: recording format version 2; this pgtriage reads version 1 (written by a newer pgtriage: replay it with that one)")
        var older = bytes
        older[RecordingFile.magic.count] = 0
        #expect(refusal(older) == "f.rec: recording format version 0; this pgtriage reads version 1 (too old to read)")
        #expect(refusal(Array(bytes[..<(RecordingFile.magic.count + 6)])) == "f.rec: damaged header (ends early): not readable")
        #expect(refusal(Array(bytes[..<frames[0].lowerBound])) == "f.rec: no whole sample in the file (recording stopped before the first one)")
        #expect(refusal(Array(bytes[..<(frames[0].lowerBound + 10)]))?.hasPrefix("f.rec: no whole sample in the file (stopped at byte") == true)
        #expect(throws: RecordingError.self) { _ = try RecordingReader(path: "/nonexistent/pgtriage.rec") }
        #expect(throws: RecordingError.self) { _ = try RecordingReader(path: "/tmp") }
    }

    @Test func theWriterRefusesAnExistingFileAndAppendsWholeFrames() throws {
        let path = "/tmp/pgtriage-recording-test-\(UInt32.random(in: 0...UInt32.max)).rec"
        defer { unlink(path) }
        let writer = try RecordingWriter(path: path, header: RecordingHeader(target: "t", startedAt: RecordingSamples.t0, intervalSeconds: 1))
        for i in 0..<3 { #expect(writer.append(RecordingSamples.snapshot(i))) }
        writer.close()
        #expect(writer.samples == 3 && writer.bytes == FileSystem.read(path)?.count)
        var reader = try RecordingReader(path: path)
        #expect(try reader.snapshot(2) == RecordingSamples.snapshot(2))
        #expect(throws: RecordingError.self) { _ = try RecordingWriter(path: path, header: reader.header) }
    }

    /// EXPLAIN results are frames of their own between samples: the samples and their chain are
    /// unchanged, the plans read back with the time of the sample they followed.
    @Test func plansAreKeptBetweenSamples() throws {
        let path = "/tmp/pgtriage-recording-plans-\(UInt32.random(in: 0...UInt32.max)).rec"
        defer { unlink(path) }
        let writer = try RecordingWriter(path: path, header: RecordingHeader(target: "t", startedAt: RecordingSamples.t0, intervalSeconds: 1, keyframeEvery: 3))
        let text = PlanFixtures.all[0].text
        let plan = RecordedPlan(capturedAt: RecordingSamples.t0 + 1, sql: "select 1", database: "shop", analyze: true,
                                usedGenericPlan: false, serverVersion: 150_018, output: text)
        for i in 0..<5 {
            writer.append(RecordingSamples.snapshot(i))
            if i == 1 || i == 3 { writer.append(plan) }
        }
        writer.close()
        #expect(writer.samples == 5 && writer.plans == 2)
        var reader = try RecordingReader(path: path)
        #expect(reader.samples.count == 5 && reader.damage.isEmpty)
        #expect(reader.plans.map(\.capturedAt) == [plan.capturedAt, plan.capturedAt])
        #expect(try reader.plan(1) == plan)
        for i in 0..<5 { #expect(try reader.snapshot(i) == RecordingSamples.snapshot(i)) }
        let result = try ExplainResult(recorded: try reader.plan(0))
        #expect(result.plan.nodes.map(\.title) == (try PlanParser.parse(text)).nodes.map(\.title) && result.request.analyze && result.request.database == "shop")
    }

    /// Random truncations, byte changes and garbage, of whole files and of frames' contents
    /// re-checksummed (so the decoding itself is reached): a reader or a RecordingError, never a
    /// crash or another error.
    @Test func fuzzedFilesNeverCrashTheReader() throws {
        var rng = SplitMix64(seed: 0x7ec0_7d1e)
        var (bytes, frames) = try RecordingSamples.file(count: 12, keyframeEvery: 4, backends: 20)
        // A plan frame after the sixth sample (not a sample: `frames` leaves it out).
        let plan = RecordedPlan(capturedAt: RecordingSamples.t0 + 5, sql: "select 1", database: nil, analyze: false,
                                usedGenericPlan: false, serverVersion: 150_018, output: PlanFixtures.all[0].text)
        let planFrame = RecordingFile.frameBytes(kind: .plan, capturedAt: plan.capturedAt, body: Array(try JSONEncoder().encode(plan)))
        let planAt = frames[6].lowerBound
        bytes.insert(contentsOf: planFrame, at: planAt)
        frames = frames.map { $0.lowerBound >= planAt ? ($0.lowerBound + planFrame.count)..<($0.upperBound + planFrame.count) : $0 }
        var whole = try RecordingReader(bytes: bytes, name: "whole")
        #expect(whole.samples.count == 12 && whole.plans.count == 1)
        #expect(try whole.plan(0) == plan)
        #expect(try whole.snapshot(11) == RecordingSamples.snapshot(11, backends: 20))
        let headerEnd = frames[0].lowerBound
        var opened = 0, refused = 0, decoded = 0, undecodable = 0
        for round in 0..<800 {
            var file = bytes
            switch round % 5 {
            case 0:
                file = Array(file.prefix(Int(rng.next() % UInt64(file.count + 1))))
            case 1:
                for _ in 0..<(1 + Int(rng.next() % 4)) {
                    file[Int(rng.next() % UInt64(file.count))] = UInt8(truncatingIfNeeded: rng.next())
                }
            case 2:
                let at = Int(rng.next() % UInt64(file.count))
                file.insert(contentsOf: (0..<Int(rng.next() % 40)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: at)
            default:
                // One frame's body changed and framed again with a good checksum.
                let f = Int(rng.next() % UInt64(frames.count))
                let range = frames[f]
                var reader = ByteReader(file[(range.lowerBound + 4)..<(range.lowerBound + RecordingFile.frameHeaderSize)])
                let kind = RecordingFile.FrameKind(rawValue: try reader.u8())!
                let micros = try reader.i64()
                let stored = Int(try reader.u32()), raw = Int(try reader.u32())
                var body = Zlib.inflate(file[(range.lowerBound + RecordingFile.frameHeaderSize)..<(range.lowerBound + RecordingFile.frameHeaderSize + stored)], rawCount: raw)!
                for _ in 0..<(1 + Int(rng.next() % 3)) where !body.isEmpty {
                    let at = Int(rng.next() % UInt64(body.count))
                    if rng.next() % 3 == 0 { body.remove(at: at) } else { body[at] = UInt8(truncatingIfNeeded: rng.next()) }
                }
                let frame = RecordingFile.frameBytes(kind: kind, capturedAt: RecordingFile.date(microseconds: micros), body: body)
                file.replaceSubrange(range, with: frame)
            }
            do {
                var reader = try RecordingReader(bytes: file, name: "fuzz")
                opened += 1
                for i in reader.samples.indices {
                    do { _ = try reader.snapshot(i); decoded += 1 } catch { undecodable += 1 }
                }
                for i in reader.plans.indices {
                    do { _ = try ExplainResult(recorded: try reader.plan(i)) } catch {}
                }
            } catch {
                refused += 1
            }
            _ = headerEnd
        }
        #expect(opened > 300 && refused > 10 && decoded > 500 && undecodable > 30,
                "opened \(opened) refused \(refused) decoded \(decoded) undecodable \(undecodable)")
    }
}

/// Times typed at a replay (`g`, `--from`, `--to`).
@Suite struct ReplayTimeTests {
    static func at(_ text: String) -> Date { Date(timeIntervalSince1970: PGText.timestamp(text)!.timeIntervalSince1970) }

    @Test func aTimeOfDayIsTheRecordingsDayNearItsStart() {
        let start = Self.at("2026-11-30 17:09:49+00")
        // A little before the start: that day (it reads as the first sample), not the next.
        #expect(ReplayTime.parse("17:09", reference: start) == Self.at("2026-11-30 17:09:00+00"))
        #expect(ReplayTime.parse("16:00:00", reference: start) == Self.at("2026-11-30 16:00:00+00"))
        #expect(ReplayTime.parse("17:10:05", reference: start) == Self.at("2026-11-30 17:10:05+00"))
        // Across midnight: the small hours are the next day's.
        let late = Self.at("2026-11-30 23:50:00+00")
        #expect(ReplayTime.parse("00:05", reference: late) == Self.at("2026-12-01 00:05:00+00"))
        #expect(ReplayTime.parse("23:40", reference: late) == Self.at("2026-11-30 23:40:00+00"))
        #expect(ReplayTime.parse("2026-11-30 17:00", reference: start) == Self.at("2026-11-30 17:00:00+00"))
        #expect(ReplayTime.parse("+90s", reference: start) == start.addingTimeInterval(90))
        #expect(ReplayTime.parse("25:00", reference: start) == nil)
    }
}
