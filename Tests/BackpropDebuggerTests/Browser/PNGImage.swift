@testable import BackpropCore

/// A PNG read back into pixels, enough for the browser's screenshots: 8-bit grey, grey with alpha,
/// RGB or RGBA, not interlaced, its zlib stream decoded by the inflater the MNIST reader uses.
struct PNGImage {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let width: Int
    let height: Int
    /// Red, green, blue per pixel, row by row (alpha dropped: screenshots are opaque).
    private(set) var rgb: [UInt8] = []

    init(_ bytes: [UInt8]) throws {
        let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]
        guard bytes.count > 8, Array(bytes[0..<8]) == signature else { throw Failure(description: "not a PNG") }
        func number(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        var offset = 8
        var header: [UInt8] = [], data: [UInt8] = []
        while offset + 8 <= bytes.count {
            let length = number(offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            guard offset + 12 + length <= bytes.count else { throw Failure(description: "chunk \(type) runs past the end") }
            let body = bytes[offset + 8..<offset + 8 + length]
            if type == "IHDR" { header = Array(body) }
            if type == "IDAT" { data += body }
            offset += 12 + length
            if type == "IEND" { break }
        }
        guard header.count == 13 else { throw Failure(description: "no IHDR") }
        width = header[0..<4].reduce(0) { $0 << 8 | Int($1) }
        height = header[4..<8].reduce(0) { $0 << 8 | Int($1) }
        let depth = header[8], colour = header[9], interlace = header[12]
        let channels: Int
        switch colour {
        case 0: channels = 1
        case 2: channels = 3
        case 4: channels = 2
        case 6: channels = 4
        default: throw Failure(description: "colour type \(colour) (palette) not read here")
        }
        guard depth == 8, interlace == 0, width > 0, height > 0, width * height <= 1 << 26 else {
            throw Failure(description: "bit depth \(depth), interlace \(interlace), \(width)×\(height) not read here")
        }
        let stride = width * channels
        let expected = height * (stride + 1)
        guard data.count > 2 else { throw Failure(description: "no image data") }
        let memory = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: expected)
        defer { memory.deallocate() }
        var output = InflateOutput(memory: memory, limit: expected)
        defer { output.deallocate() }
        // A zlib stream: two header bytes, then raw DEFLATE.
        try data.withUnsafeBufferPointer { input throws(InflateError) in
            _ = try Inflate.decode(input, at: 2, into: &output, windowStart: 0)
        }
        let raw = Array(output.bytes(from: 0))
        guard raw.count == expected else { throw Failure(description: "image data holds \(raw.count) bytes, expected \(expected)") }
        // Undo each row's filter (PNG specification, section 9).
        var pixels = [UInt8](repeating: 0, count: height * stride)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            let source = row * (stride + 1) + 1, target = row * stride
            for i in 0..<stride {
                let x = Int(raw[source + i])
                let a = i >= channels ? Int(pixels[target + i - channels]) : 0
                let b = row > 0 ? Int(pixels[target - stride + i]) : 0
                let c = row > 0 && i >= channels ? Int(pixels[target - stride + i - channels]) : 0
                let value: Int
                switch filter {
                case 0: value = x
                case 1: value = x + a
                case 2: value = x + b
                case 3: value = x + (a + b) / 2
                case 4:
                    let p = a + b - c
                    let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                    value = x + (pa <= pb && pa <= pc ? a : (pb <= pc ? b : c))
                default: throw Failure(description: "row \(row) has filter \(filter)")
                }
                pixels[target + i] = UInt8(truncatingIfNeeded: value)
            }
        }
        rgb.reserveCapacity(width * height * 3)
        for p in 0..<(width * height) {
            let base = p * channels
            if channels <= 2 {
                rgb += [pixels[base], pixels[base], pixels[base]]
            } else {
                rgb += [pixels[base], pixels[base + 1], pixels[base + 2]]
            }
        }
    }

    /// The colour of pixel (x, y).
    func pixel(_ x: Int, _ y: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        let i = (y * width + x) * 3
        return (rgb[i], rgb[i + 1], rgb[i + 2])
    }

    /// The fraction of pixels darker than `threshold` (0 … 255, by their mean channel): ink.
    func fractionDarker(than threshold: Int) -> Double {
        var count = 0
        for p in 0..<(width * height) where (Int(rgb[3 * p]) + Int(rgb[3 * p + 1]) + Int(rgb[3 * p + 2])) / 3 < threshold { count += 1 }
        return Double(count) / Double(width * height)
    }

    /// How many different colours occur (each channel taken to 5 bits, so anti-aliasing counts little).
    var colourCount: Int {
        var seen = Set<Int>()
        for p in 0..<(width * height) {
            seen.insert(Int(rgb[3 * p] >> 3) << 10 | Int(rgb[3 * p + 1] >> 3) << 5 | Int(rgb[3 * p + 2] >> 3))
        }
        return seen.count
    }

    /// The fraction of pixels whose channels differ by more than `spread`: coloured, not grey.
    func fractionColoured(spread: Int = 40) -> Double {
        var count = 0
        for p in 0..<(width * height) {
            let c = [Int(rgb[3 * p]), Int(rgb[3 * p + 1]), Int(rgb[3 * p + 2])]
            if (c.max() ?? 0) - (c.min() ?? 0) > spread { count += 1 }
        }
        return Double(count) / Double(width * height)
    }
}
