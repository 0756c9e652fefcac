// How a fuzz input becomes the frames of one WSP/1 message, and back (for the seed corpus).
//
// Layout: a sequence of frames, each a 2-byte little-endian length and that many bytes. A length
// that runs past the end takes what is left, so every byte string is some list of frames and a
// mutation that changes a length splits or joins frames.

enum FuzzInput {
    static func frames(_ bytes: UnsafeBufferPointer<UInt8>) -> [[UInt8]] {
        var frames: [[UInt8]] = []
        var index = 0
        while index < bytes.count {
            guard index + 2 <= bytes.count else {
                frames.append(Array(bytes[index...]))
                break
            }
            let length = Int(bytes[index]) | Int(bytes[index + 1]) << 8
            let start = index + 2
            let end = min(start + length, bytes.count)
            frames.append(Array(bytes[start..<end]))
            index = end
        }
        return frames
    }

    static func bytes(_ frames: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        for frame in frames {
            precondition(frame.count <= 0xFFFF, "a seed frame of \(frame.count) bytes does not fit the 2-byte length")
            out += [UInt8(frame.count & 0xFF), UInt8(frame.count >> 8)] + frame
        }
        return out
    }
}
