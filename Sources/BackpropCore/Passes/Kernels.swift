#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropKernels
import BackpropKernelsWide

/// What the processor running this program can do, found once, when first asked.
public enum Processor {
    /// True on an x86-64 processor (and operating system) that runs AVX instructions, so the lean
    /// path may use `WideKernels`. Linux: the `avx` flag in /proc/cpuinfo (shown only when the
    /// kernel saves the wide registers); macOS: `hw.optional.avx1_0`. Elsewhere false. Setting the
    /// environment variable BACKPROP_KERNELS=portable makes it false (to compare the two).
    public static let hasAVX: Bool = {
        #if arch(x86_64)
        if let choice = getenv("BACKPROP_KERNELS"), String(cString: choice) == "portable" { return false }
        #if os(Linux)
        guard let bytes = try? FileBytes.read(path: "/proc/cpuinfo", limit: 1 << 20) else { return false }
        for line in bytes.split(separator: UInt8(ascii: "\n")) where line.starts(with: Array("flags".utf8)) {
            return line.split(separator: UInt8(ascii: " ")).contains { $0.elementsEqual("avx".utf8) }
        }
        return false
        #elseif canImport(Darwin)
        var value: Int32 = 0
        var size = MemoryLayout<Int32>.size
        return sysctlbyname("hw.optional.avx1_0", &value, &size, nil, 0) == 0 && value == 1
        #else
        return false
        #endif
        #else
        return false
        #endif
    }()
}

/// The lean path's inner loops, each either inlined here for any processor (`LeanKernels`) or
/// called in the module compiled for AVX (`WideKernels`). Both give identical numbers.
enum Kernels {
    @inline(__always)
    static func weightedInputs(wide: Bool, rows: Int, weights w: UnsafePointer<Double>, biases b: UnsafePointer<Double>,
                               input x: UnsafePointer<Double>, list: UnsafePointer<Int>, count: Int,
                               into z: UnsafeMutablePointer<Double>) {
        if wide {
            WideKernels.weightedInputs(rows: rows, weights: w, biases: b, input: x, list: list, count: count, into: z)
        } else {
            LeanKernels.weightedInputs(rows: rows, weights: w, biases: b, input: x, list: list, count: count, into: z)
        }
    }

    @inline(__always)
    static func addOuterProduct(wide: Bool, rows: Int, delta d: UnsafePointer<Double>, input x: UnsafePointer<Double>,
                                list: UnsafePointer<Int>, count: Int, into g: UnsafeMutablePointer<Double>) {
        if wide {
            WideKernels.addOuterProduct(rows: rows, delta: d, input: x, list: list, count: count, into: g)
        } else {
            LeanKernels.addOuterProduct(rows: rows, delta: d, input: x, list: list, count: count, into: g)
        }
    }

    @inline(__always)
    static func backpropagate(wide: Bool, rows: Int, columns: Int, weights w: UnsafePointer<Double>,
                              delta d: UnsafePointer<Double>, into s: UnsafeMutablePointer<Double>) {
        if wide {
            WideKernels.backpropagate(rows: rows, columns: columns, weights: w, delta: d, into: s)
        } else {
            LeanKernels.backpropagate(rows: rows, columns: columns, weights: w, delta: d, into: s)
        }
    }

    @inline(__always)
    static func descend(wide: Bool, count: Int, values x: UnsafeMutablePointer<Double>, sums g: UnsafeMutablePointer<Double>,
                        saved: UnsafeMutablePointer<Double>, step: Double, decay: Double,
                        check: inout LeanKernels.Vector, checkTail: inout Double) {
        if wide {
            WideKernels.descend(count: count, values: x, sums: g, saved: saved, step: step, decay: decay,
                                check: &check, checkTail: &checkTail)
        } else {
            LeanKernels.descend(count: count, values: x, sums: g, saved: saved, step: step, decay: decay,
                                check: &check, checkTail: &checkTail)
        }
    }
}
