/// The five PNG scanline filters (PNG spec §9.2), by their filter-type byte.
enum PNGRowFilter: UInt8, CaseIterable, Sendable {
    case none = 0, sub, up, average, paeth
}

/// How the encoder picks each row's filter.
enum PNGFiltering: Sendable, Equatable {
    /// Per row, the filter whose output has the smallest sum of absolute values when its bytes are
    /// read as signed (libpng's default heuristic, PNG spec §12.8): small signed residues mean
    /// a flat distribution deflate codes well. Ties go to the earlier filter in spec order.
    case adaptive
    /// The same filter on every row; used to compare against the heuristic.
    case fixed(PNGRowFilter)
}

/// Turns raw rows into PNG's filtered scanlines: each row becomes one filter-type byte followed
/// by the row filtered with it.
struct PNGScanlines {
    let width: Int
    let height: Int
    /// Bytes per complete pixel: 3 for 8-bit RGB, 1 for 8-bit gray. The filters' "left"
    /// neighbour is this many bytes back.
    let bytesPerPixel: Int

    var rowBytes: Int { width * bytesPerPixel }

    /// `height × (1 + rowBytes)` bytes, ready to be deflated.
    func filter(_ pixels: [UInt8], using filtering: PNGFiltering) -> [UInt8] {
        precondition(pixels.count == height * rowBytes, "pixel buffer does not match \(width)×\(height)×\(bytesPerPixel)")
        let rowBytes = self.rowBytes, bpp = bytesPerPixel
        var output = [UInt8](repeating: 0, count: height * (1 + rowBytes))
        let candidates: [PNGRowFilter]
        switch filtering {
        case .adaptive: candidates = PNGRowFilter.allCases
        case .fixed(let filter): candidates = [filter]
        }
        // One scratch row per candidate, reused for every row so the loop does not allocate.
        var scratch = [UInt8](repeating: 0, count: candidates.count * rowBytes)
        // The row above the first is all zeros (spec §9.2).
        let zeros = [UInt8](repeating: 0, count: rowBytes)

        pixels.withUnsafeBufferPointer { source in
            zeros.withUnsafeBufferPointer { zeroRow in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    output.withUnsafeMutableBufferPointer { output in
                        for y in 0..<height {
                            let row = UnsafeBufferPointer(rebasing: source[(y * rowBytes)..<((y + 1) * rowBytes)])
                            let above = y == 0
                                ? zeroRow
                                : UnsafeBufferPointer(rebasing: source[((y - 1) * rowBytes)..<(y * rowBytes)])
                            var best = 0
                            var bestCost = Int.max
                            for (k, filter) in candidates.enumerated() {
                                let out = UnsafeMutableBufferPointer(rebasing: scratch[(k * rowBytes)..<((k + 1) * rowBytes)])
                                Self.apply(filter, row: row, above: above, bytesPerPixel: bpp, into: out)
                                // With a single candidate there is nothing to compare.
                                guard candidates.count > 1 else { break }
                                let cost = Self.signedAbsoluteSum(UnsafeBufferPointer(out))
                                if cost < bestCost {
                                    bestCost = cost
                                    best = k
                                }
                            }
                            let start = y * (1 + rowBytes)
                            output[start] = candidates[best].rawValue
                            for i in 0..<rowBytes { output[start + 1 + i] = scratch[best * rowBytes + i] }
                        }
                    }
                }
            }
        }
        return output
    }

    /// Sum of |b| over the row with each byte read as a two's-complement Int8 (libpng's measure).
    static func signedAbsoluteSum(_ row: UnsafeBufferPointer<UInt8>) -> Int {
        var sum = 0
        for byte in row { sum += byte < 128 ? Int(byte) : 256 - Int(byte) }
        return sum
    }

    /// Writes `row` filtered with `filter` into `out`; arithmetic is modulo 256 as the spec says.
    static func apply(_ filter: PNGRowFilter, row: UnsafeBufferPointer<UInt8>, above: UnsafeBufferPointer<UInt8>,
                      bytesPerPixel bpp: Int, into out: UnsafeMutableBufferPointer<UInt8>) {
        let n = row.count
        switch filter {
        case .none:
            for i in 0..<n { out[i] = row[i] }
        case .sub:
            for i in 0..<min(bpp, n) { out[i] = row[i] }
            for i in min(bpp, n)..<n { out[i] = row[i] &- row[i - bpp] }
        case .up:
            for i in 0..<n { out[i] = row[i] &- above[i] }
        case .average:
            for i in 0..<min(bpp, n) { out[i] = row[i] &- (above[i] >> 1) }
            for i in min(bpp, n)..<n {
                out[i] = row[i] &- UInt8((UInt16(row[i - bpp]) + UInt16(above[i])) >> 1)
            }
        case .paeth:
            // Left and upper-left are zero in the first pixel, so Paeth predicts the byte above.
            for i in 0..<min(bpp, n) { out[i] = row[i] &- above[i] }
            for i in min(bpp, n)..<n {
                out[i] = row[i] &- paethPredictor(left: row[i - bpp], above: above[i], upperLeft: above[i - bpp])
            }
        }
    }

    /// The neighbour closest to left + above − upperLeft, preferring left, then above (spec §9.4).
    @inline(__always)
    static func paethPredictor(left a: UInt8, above b: UInt8, upperLeft c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }
}
