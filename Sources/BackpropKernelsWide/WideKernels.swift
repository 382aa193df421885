import BackpropKernels

/// `LeanKernels` compiled once more, for x86-64 processors with AVX (see Package.swift): the same
/// source and the same arithmetic, lane for lane, in 256-bit registers instead of 128-bit ones.
///
/// Call these only where `Processor.hasAVX` (BackpropCore) is true: on an older processor their
/// instructions do not exist. Each function is kept out of line so that its body is compiled here,
/// with this module's settings, and never inlined into a caller compiled for any processor.
public enum WideKernels {
    /// `LeanKernels.weightedInputs`.
    @inline(never)
    public static func weightedInputs(rows: Int, weights w: UnsafePointer<Double>, biases b: UnsafePointer<Double>,
                                      input x: UnsafePointer<Double>, list: UnsafePointer<Int>, count: Int,
                                      into z: UnsafeMutablePointer<Double>) {
        LeanKernels.weightedInputs(rows: rows, weights: w, biases: b, input: x, list: list, count: count, into: z)
    }

    /// `LeanKernels.addOuterProduct`.
    @inline(never)
    public static func addOuterProduct(rows: Int, delta d: UnsafePointer<Double>, input x: UnsafePointer<Double>,
                                       list: UnsafePointer<Int>, count: Int, into g: UnsafeMutablePointer<Double>) {
        LeanKernels.addOuterProduct(rows: rows, delta: d, input: x, list: list, count: count, into: g)
    }

    /// `LeanKernels.backpropagate`.
    @inline(never)
    public static func backpropagate(rows: Int, columns: Int, weights w: UnsafePointer<Double>,
                                     delta d: UnsafePointer<Double>, into s: UnsafeMutablePointer<Double>) {
        LeanKernels.backpropagate(rows: rows, columns: columns, weights: w, delta: d, into: s)
    }

    /// `LeanKernels.descend`.
    @inline(never)
    public static func descend(count: Int, values x: UnsafeMutablePointer<Double>, sums g: UnsafeMutablePointer<Double>,
                               saved: UnsafeMutablePointer<Double>, step: Double, decay: Double,
                               check: inout LeanKernels.Vector, checkTail: inout Double) {
        LeanKernels.descend(count: count, values: x, sums: g, saved: saved, step: step, decay: decay,
                            check: &check, checkTail: &checkTail)
    }
}
