import CZlib

/// zlib through the system library (Debian's zlib1g): deflate for frames, CRC-32 for their
/// checksums. No codec of our own.
enum Zlib {
    static func crc32(_ bytes: ArraySlice<UInt8>, initial: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            UInt32(CZlib.crc32(uLong(initial), buffer.baseAddress, uInt(buffer.count)))
        }
    }

    static func deflate(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        var capacity = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(capacity))
        let status = out.withUnsafeMutableBufferPointer { dest in
            bytes.withUnsafeBufferPointer { src in
                compress2(dest.baseAddress, &capacity, src.baseAddress, uLong(src.count), level)
            }
        }
        // compressBound is enough by zlib's contract; Z_MEM_ERROR would be out of memory.
        precondition(status == Z_OK, "zlib compress2 failed: \(status)")
        out.removeSubrange(Int(capacity)...)
        return out
    }

    /// A deflate stream kept from frame to frame (`deflateReset`): `compress2` sets up and frees
    /// about 256 kB of state each call, which the allocator maps and unmaps every sample.
    final class Deflater {
        private var stream = z_stream()
        private let ready: Bool

        init(level: Int32 = 6) {
            ready = deflateInit_(&stream, level, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
        }

        deinit { if ready { deflateEnd(&stream) } }

        func deflate(_ bytes: [UInt8]) -> [UInt8] {
            guard ready, deflateReset(&stream) == Z_OK else { return Zlib.deflate(bytes) }
            var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
            let status: Int32 = out.withUnsafeMutableBufferPointer { dest in
                bytes.withUnsafeBufferPointer { src in
                    stream.next_in = UnsafeMutablePointer(mutating: src.baseAddress)
                    stream.avail_in = uInt(src.count)
                    stream.next_out = dest.baseAddress
                    stream.avail_out = uInt(dest.count)
                    let status = CZlib.deflate(&stream, Z_FINISH)
                    stream.next_in = nil; stream.next_out = nil
                    return status
                }
            }
            guard status == Z_STREAM_END else { return Zlib.deflate(bytes) }
            out.removeSubrange(Int(stream.total_out)...)
            return out
        }
    }

    /// nil when the bytes are not a zlib stream of exactly `rawCount` bytes.
    static func inflate(_ bytes: ArraySlice<UInt8>, rawCount: Int) -> [UInt8]? {
        var length = uLong(rawCount)
        var out = [UInt8](repeating: 0, count: max(1, rawCount))
        let status = out.withUnsafeMutableBufferPointer { dest in
            bytes.withUnsafeBufferPointer { src in
                uncompress(dest.baseAddress, &length, src.baseAddress, uLong(src.count))
            }
        }
        guard status == Z_OK, Int(length) == rawCount else { return nil }
        out.removeSubrange(rawCount...)
        return out
    }
}
