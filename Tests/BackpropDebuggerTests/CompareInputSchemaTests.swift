import Foundation
import Testing
import TestSupport
import BackpropCore
@testable import BackpropDebugger

/// `compare-input.schema.json` describes what `compare` accepts: every file `compare` accepts —
/// exports of every kind, the fuzz corpus, hand-written minimal traces, and thousands of seeded
/// mutations of an export — validates against it, and files it refuses for a type or a format are
/// invalid against it too.
struct CompareInputSchemaTests {
    /// The repository's root, for the fuzz corpus (files in the repository, read only).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Whether `compare` accepts `json` in `session` (a match or a difference, not an error).
    static func accepts(_ json: JSON, in session: Session, directory: String) throws -> Bool {
        let path = try CompareTests.write(json, "candidate.json", in: directory)
        return session.execute("compare \(path)").error == nil
    }

    /// Exports of every kind: partial, complete with checks, without weights, diverged, tanh in
    /// 3Blue1Brown's notation, MNIST with nudges and training.
    static func exports() throws -> [JSON] {
        var result: [JSON] = []
        for line in ["", "step 5", "forward; backward; gradcheck", "bug missing-derivative; gradcheck Θ(2)1,2; gradcheck --sweep",
                     "batch add 0.9 -0.3 -> 0; batch add 0.2 0.7 -> 1 --sum; step 30", "activation 2 relu; backward",
                     "load mnist --untrained; train --images 20 --batch 10; nudges; nudges --average 3; backward"] {
            let s = Session()
            #expect(s.execute(line).error == nil, "\(line)")
            result.append(try s.exportedJSON())
            result.append(try s.exportedJSON("--no-weights"))
        }
        result.append(try ExportTests.divergedSession().exportedJSON())
        return result
    }

    @Test func everyExportValidatesAgainstBothSchemasAndIsAccepted() throws {
        try inTemporaryDirectory { directory in
            let trace = try SchemaValidator.traceSchema(), input = try SchemaValidator.shipped("compare-input")
            for json in try Self.exports() {
                #expect(trace.errors(in: json) == [])
                #expect(input.errors(in: json) == [])
                // With its network's weights a trace is compared on its own network, whatever the session's.
                if json["network"]?["weights"] != nil { #expect(try Self.accepts(json, in: Session(), directory: directory)) }
            }
        }
    }

    @Test func everyCorpusTraceCompareAcceptsValidates() throws {
        try inTemporaryDirectory { directory in
            let input = try SchemaValidator.shipped("compare-input")
            let folder = Self.root.appendingPathComponent("Tests/Fuzz/Corpus/trace")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
            #expect(files.count >= 10)
            var accepted = 0
            for file in files {
                let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(file)))
                guard let json = try? JSON.parse(bytes, limit: 1 << 26) else { continue }
                for setup in ["notation ng", "load mnist"] {
                    let s = Session()
                    _ = s.execute(setup)
                    guard try Self.accepts(json, in: s, directory: directory) else { continue }
                    accepted += 1
                    #expect(input.errors(in: json) == [], "\(file) after \(setup)")
                }
            }
            #expect(accepted >= 10)
        }
    }

    @Test(arguments: [
        #"{"layers": [null, {"z": [0.3775, 0.3925]}, null, null]}"#,
        #"{"layers": [{"z": [], "a": [0.05, 0.1], "delta": []}, null, null, null], "version": 1}"#,
        #"{"format": "backprop-trace", "version": 1, "cost": 0.6}"#,
        #"{"format": {"name": "backprop-trace"}, "version": "ignored beside a format object", "cost": "NaN"}"#,
        #"{"gradients": {"weights": [null, [null, [1, 2]], null], "biases": null}, "steps": [], "other": "anything"}"#,
        #"{"sizes": [2, 1], "weights": "ignored beside layers", "layers": [null, {"z": [0.3775, 0.3925]}, null, null]}"#,
        #"{"network": {"sizes": [2, 2, 2, 1], "activation": "whatever"}, "cost": 0.6}"#,
        #"{"network": {"sizes": [2, 1], "weights": [[[0.7, -0.6]]], "biases": [[[0.05]]], "cost": "QuadraticCost"}, "example": {"input": [0.5, 0.25], "target": [1], "label": null}, "cost": 0.1}"#,
    ])
    func handWrittenTracesCompareAcceptsValidate(text: String) throws {
        try inTemporaryDirectory { directory in
            let json = try JSON.parse(text, limit: 1 << 20)
            #expect(try Self.accepts(json, in: Session(), directory: directory))
            #expect(try SchemaValidator.shipped("compare-input").errors(in: json) == [])
        }
    }

    @Test(arguments: [
        #"{"layers": [null, {"z": ["x", 1]}, null, null]}"#,
        #"{"format": "backprop-network", "cost": 1}"#,
        #"{"format": {"name": "backprop-trace", "version": 3}, "cost": 1}"#,
        #"{"version": 3, "cost": 1}"#,
        #"{"network": null, "cost": 1}"#,
        #"{"example": {"input": [0.05, "NaN"], "target": [1]}, "cost": 1}"#,
        #"{"layers": [{"z": [1, 2]}, null, null, null]}"#,
        #"{"gradients": [1], "cost": 1}"#,
        #"{"steps": "anything", "cost": 1}"#,
        #"{"training": [], "cost": 1}"#,
        #"{"sizes": [2, 1], "weights": [[[1, 2]]], "biases": [[0]], "activation": "sigmoid", "cost": "quadratic"}"#,
    ])
    func tracesRefusedForATypeOrAFormatAreInvalid(text: String) throws {
        try inTemporaryDirectory { directory in
            let json = try JSON.parse(text, limit: 1 << 20)
            #expect(try !Self.accepts(json, in: Session(), directory: directory))
            #expect(try SchemaValidator.shipped("compare-input").errors(in: json) != [])
        }
    }

    // MARK: Mutations

    /// Every path in a document (object keys and array indices), parents before children, down to
    /// `depth` levels; long arrays are sampled at their ends.
    static func paths(in json: JSON, depth: Int = 6) -> [[Any]] {
        guard depth > 0 else { return [] }
        var result: [[Any]] = []
        if let members = json.object {
            for (key, value) in members {
                result.append([key])
                result += paths(in: value, depth: depth - 1).map { [key] + $0 }
            }
        } else if let elements = json.array {
            for i in Set([0, 1, elements.count - 1]).sorted() where elements.indices.contains(i) {
                result.append([i])
                result += paths(in: elements[i], depth: depth - 1).map { [i] + $0 }
            }
        }
        return result
    }

    /// The document without the member at `path` (an array element is set to null instead).
    static func removing(_ path: [Any], from json: JSON) -> JSON {
        guard let head = path.first else { return json }
        let rest = Array(path.dropFirst())
        switch (json, head) {
        case let (.object(members), key as String):
            if rest.isEmpty { return .object(members.filter { $0.key != key }) }
            return .object(members.map { $0.key == key ? (key: key, value: removing(rest, from: $0.value)) : $0 })
        case let (.array(elements), index as Int):
            var copy = elements
            copy[index] = rest.isEmpty ? .null : removing(rest, from: elements[index])
            return .array(copy)
        default:
            return json
        }
    }

    /// The values a mutation puts somewhere.
    static let replacements: [JSON] = [
        .null, .number(1), .number(-0.5), .number(2.5), .string("NaN"), .string("-Infinity"), .string("x"),
        .string("backprop-trace"), .bool(true), .array([]), .array([.null]), .object([]),
    ]

    @Test func seededMutationsCompareAcceptsAllValidate() throws {
        try inTemporaryDirectory { directory in
            let input = try SchemaValidator.shipped("compare-input")
            let base = Session()
            _ = base.execute("forward; backward; gradcheck")
            let exports = [try base.exportedJSON(), try base.exportedJSON("--no-weights")]
            var rng = SeededGenerator(seed: 2020)
            var accepted = 0, refused = 0
            for round in 0..<600 {
                var json = exports[round % 2]
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    let all = Self.paths(in: json)
                    guard let path = all.randomElement(using: &rng) else { break }
                    json = Bool.random(using: &rng)
                        ? Self.removing(path, from: json)
                        : json.setting(path, to: Self.replacements.randomElement(using: &rng) ?? .null)
                }
                if try Self.accepts(json, in: Session(), directory: directory) {
                    accepted += 1
                    #expect(input.errors(in: json) == [], "round \(round): \(json.text(.compact).prefix(600))")
                } else {
                    refused += 1
                }
            }
            // Both outcomes are common, so both sides of the schema were tried.
            #expect(accepted > 100 && refused > 100, "accepted \(accepted), refused \(refused)")
        }
    }
}
