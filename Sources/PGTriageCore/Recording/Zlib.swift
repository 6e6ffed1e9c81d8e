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
