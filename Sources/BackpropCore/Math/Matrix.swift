/// A dense matrix of doubles stored row after row in one flat buffer.
///
/// A layer's weights are one `Matrix` whose row `j` belongs to the receiving neuron `j`
/// and whose column `k` to the sending neuron `k` (Nielsen's convention): `w[j, k]`.
public struct Matrix: Equatable, Hashable, Sendable {
    /// Number of rows (receiving neurons for a weight matrix).
    public let rows: Int
    /// Number of columns (sending neurons for a weight matrix).
    public let columns: Int
    /// The entries, row-major: entry (j, k) is `storage[j * columns + k]`.
    public var storage: [Double]

    /// A `rows × columns` matrix with every entry `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions are validated by the caller")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over an existing row-major buffer of exactly `rows × columns` entries.
    public init(rows: Int, columns: Int, storage: [Double]) {
        precondition(storage.count == rows * columns, "matrix storage is validated by the caller")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix from its rows; every row must have the same length (callers validate user input).
    public init(_ nested: [[Double]]) {
        let columns = nested.first?.count ?? 0
        precondition(nested.allSatisfy { $0.count == columns }, "ragged rows are validated by the caller")
        self.init(rows: nested.count, columns: columns, storage: nested.flatMap { $0 })
    }

    /// Entry (j, k).
    @inlinable public subscript(j: Int, k: Int) -> Double {
        get { storage[j * columns + k] }
        set { storage[j * columns + k] = newValue }
    }

    /// Row `j` as an array.
    public func row(_ j: Int) -> [Double] {
        Array(storage[(j * columns)..<((j + 1) * columns)])
    }

    /// Column `k` as an array.
    public func column(_ k: Int) -> [Double] {
        (0..<rows).map { self[$0, k] }
    }

    /// The rows as nested arrays, the shape used in network files.
    public var nested: [[Double]] {
        (0..<rows).map(row)
    }

    /// The transpose: entry (k, j) of the result is entry (j, k) of this matrix.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<rows {
            for k in 0..<columns {
                t.storage[k * rows + j] = storage[j * columns + k]
            }
        }
        return t
    }
}
