/// The inner loops of the lean path, over raw memory, eight doubles at a time.
///
/// Each vector lane does exactly what the scalar formula does for one neuron — one product,
/// rounded, added to that neuron's own running sum — so the results are bit for bit those of
/// `Network.weightedInput` and friends: vectors run across neurons, never across the terms of one sum.
enum LeanKernels {
    typealias Vector = SIMD8<Double>

    @inline(__always)
    static func load(_ p: UnsafePointer<Double>) -> Vector {
        UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
    }

    @inline(__always)
    static func store(_ v: Vector, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self)
    }

    /// zⱼ = bⱼ + Σ wⱼₖ·xₖ over the listed k, in list order, for j in 0..<rows; the weights are
    /// stored input by input (wⱼₖ at w[k·rows + j], as in `PackedNetwork`).
    @inline(__always)
    static func weightedInputs(rows: Int, weights w: UnsafePointer<Double>, biases b: UnsafePointer<Double>,
                               input x: UnsafePointer<Double>, list: UnsafePointer<Int>, count: Int,
                               into z: UnsafeMutablePointer<Double>) {
        var j = 0
        while rows - j >= 16 {
            var s0 = load(b + j), s1 = load(b + j + 8)
            for i in 0..<count {
                let k = list[i]
                let xk = x[k], row = w + (k &* rows &+ j)
                s0 += load(row) * xk
                s1 += load(row + 8) * xk
            }
            store(s0, z + j)
            store(s1, z + j + 8)
            j += 16
        }
        if rows - j >= 8 {
            var s0 = load(b + j)
            for i in 0..<count {
                let k = list[i]
                s0 += load(w + (k &* rows &+ j)) * x[k]
            }
            store(s0, z + j)
            j += 8
        }
        while j < rows {
            var s = b[j]
            for i in 0..<count {
                let k = list[i]
                s += w[k &* rows &+ j] * x[k]
            }
            z[j] = s
            j += 1
        }
    }

    /// gⱼₖ += xₖ·dⱼ for every listed k and every j in 0..<rows (g stored input by input).
    @inline(__always)
    static func addOuterProduct(rows: Int, delta d: UnsafePointer<Double>, input x: UnsafePointer<Double>,
                                list: UnsafePointer<Int>, count: Int, into g: UnsafeMutablePointer<Double>) {
        var j = 0
        while rows - j >= 16 {
            let d0 = load(d + j), d1 = load(d + j + 8)
            for i in 0..<count {
                let k = list[i]
                let xk = x[k], row = g + (k &* rows &+ j)
                store(load(row) + d0 * xk, row)
                store(load(row + 8) + d1 * xk, row + 8)
            }
            j += 16
        }
        if rows - j >= 8 {
            let d0 = load(d + j)
            for i in 0..<count {
                let k = list[i]
                let row = g + (k &* rows &+ j)
                store(load(row) + d0 * x[k], row)
            }
            j += 8
        }
        while j < rows {
            let dj = d[j]
            for i in 0..<count {
                let k = list[i]
                g[k &* rows &+ j] += x[k] * dj
            }
            j += 1
        }
    }

    /// sₖ = Σⱼ wⱼₖ·dⱼ, from 0 with j ascending, for k in 0..<columns; here the weights are
    /// row-major (wⱼₖ at w[j·columns + k], as in `Network.weights`), so the vectors run across k.
    @inline(__always)
    static func backpropagate(rows: Int, columns: Int, weights w: UnsafePointer<Double>,
                              delta d: UnsafePointer<Double>, into s: UnsafeMutablePointer<Double>) {
        var k = 0
        while columns - k >= 16 {
            var s0 = Vector(repeating: 0), s1 = Vector(repeating: 0)
            for j in 0..<rows {
                let dj = d[j], row = w + (j &* columns &+ k)
                s0 += load(row) * dj
                s1 += load(row + 8) * dj
            }
            store(s0, s + k)
            store(s1, s + k + 8)
            k += 16
        }
        if columns - k >= 8 {
            var s0 = Vector(repeating: 0)
            for j in 0..<rows { s0 += load(w + (j &* columns &+ k)) * d[j] }
            store(s0, s + k)
            k += 8
        }
        while k < columns {
            var sum = 0.0
            for j in 0..<rows { sum += w[j &* columns &+ k] * d[j] }
            s[k] = sum
            k += 1
        }
    }

    /// v = decay·x − step·g for x[0..<count] and their sums g: saves x into `saved`, stores v into
    /// x and 0 into g, and adds v − v to `check` (lanes) and `checkTail`, which stay 0 exactly when
    /// every v is finite (∞ − ∞ and NaN − NaN are NaN). With decay = 1 the product 1·x = x is not formed.
    @inline(__always)
    static func descend(count: Int, values x: UnsafeMutablePointer<Double>, sums g: UnsafeMutablePointer<Double>,
                        saved: UnsafeMutablePointer<Double>, step: Double, decay: Double,
                        check: inout Vector, checkTail: inout Double) {
        var i = 0
        let zero = Vector(repeating: 0)
        if decay == 1 {
            while count - i >= 8 {
                let w = load(x + i)
                let v = w - load(g + i) * step
                store(w, saved + i)
                store(v, x + i)
                store(zero, g + i)
                check += v - v
                i += 8
            }
        } else {
            while count - i >= 8 {
                let w = load(x + i)
                let v = w * decay - load(g + i) * step
                store(w, saved + i)
                store(v, x + i)
                store(zero, g + i)
                check += v - v
                i += 8
            }
        }
        while i < count {
            let w = x[i]
            let v = decay * w - step * g[i]
            saved[i] = w
            x[i] = v
            g[i] = 0
            checkTail += v - v
            i += 1
        }
    }

    /// Lists the positions of the non-zero values among x[0..<n]; returns how many there are.
    @inline(__always)
    static func indexNonzero(_ x: UnsafePointer<Double>, count n: Int, into list: UnsafeMutablePointer<Int>) -> Int {
        var found = 0
        for k in 0..<n where x[k] != 0 {
            list[found] = k
            found += 1
        }
        return found
    }
}
