import Foundation
import BackpropCore
@testable import BackpropDebugger

/// An exported trace as another program would read it: plain `Decodable` structs and Foundation's
/// `JSONDecoder`, told that the strings "NaN", "Infinity" and "-Infinity" are numbers.
struct TraceDocument: Decodable {
    struct Format: Decodable { let name: String; let version: Int; let tool: String? }
    struct Network: Decodable {
        let format: String
        let version: Int
        let sizes: [Int]
        let activation: String
        let cost: String
        let weights: [[[Double]]]?
        let biases: [[Double]]?
    }
    struct Example: Decodable { let input: [Double]; let target: [Double]; let label: Int? }
    struct Layer: Decodable { let z: [Double?]?; let a: [Double?]; let delta: [Double?]? }
    struct Gradients: Decodable { let weights: [[[Double?]]]; let biases: [[Double?]] }
    /// A step's value: one number, or the row of weight gradients.
    enum Value: Decodable, Equatable {
        case number(Double)
        case row([Double])

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let row = try? c.decode([Double].self) { self = .row(row) } else { self = .number(try c.decode(Double.self)) }
        }
    }
    struct Step: Decodable {
        let index: Int
        let phase: String
        let layer: Int?
        let neuron: Int?
        let quantity: String
        let value: Double
        let values: [String: Value]
        let shown: String
    }
    struct Check: Decodable {
        struct Summary: Decodable {
            let epsilon, atol, rtol, cost: Double
            let parameters, failed, tinyGradients: Int
            let maxRelativeError, maxAbsoluteError, normDifference: Double
            let passed: Bool
            let bug: String?
        }
        struct Row: Decodable {
            let parameter, kind: String
            let index: [Int]
            let analytic, numeric, costPlus, costMinus, absoluteError, relativeError, tolerance: Double
            let passed: Bool
        }
        let summary: Summary?
        let rows: [Row]?
        let parameter: OneParameter?
        let sweep: Sweep?
    }

    struct OneParameter: Decodable {
        let summary: Check.Summary
        let rows: [Check.Row]
    }

    struct Sweep: Decodable {
        struct Row: Decodable {
            let epsilon, costPlus, costMinus, oneSided, central, oneSidedError, centralError: Double
        }
        let parameter: String
        let index: [Int]
        let value, cost, gradient: Double
        let bestOneSidedEpsilon, bestCentralEpsilon: Double?
        let rows: [Row]
    }

    let format: Format
    let network: Network
    let example: Example
    let layers: [Layer]
    let gradients: Gradients
    let cost: Double?
    let steps: [Step]
    let gradcheck: Check?

    static func decode(_ text: String) throws -> TraceDocument {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(TraceDocument.self, from: Data(text.utf8))
    }
}

extension Session {
    /// The reply text of commands that must succeed, or the error as text.
    func run(commands line: String) -> String {
        let reply = execute(line)
        return reply.error.map { "error: " + $0 } ?? reply.text
    }

    /// `export -` parsed with this program's own JSON reader.
    func exportedJSON(_ options: String = "") throws -> JSON {
        let reply = execute("export - \(options)")
        return try JSON.parse(reply.text, limit: 1 << 26)
    }
}

extension JSON {
    /// A copy with the value at `path` (object keys and array indices) replaced.
    func setting(_ path: [Any], to value: JSON) -> JSON {
        guard let head = path.first else { return value }
        let rest = Array(path.dropFirst())
        switch (self, head) {
        case let (.object(members), key as String):
            return .object(members.map { $0.key == key ? (key: key, value: $0.value.setting(rest, to: value)) : $0 })
        case let (.array(elements), index as Int):
            var copy = elements
            copy[index] = elements[index].setting(rest, to: value)
            return .array(copy)
        default:
            return self
        }
    }
}
