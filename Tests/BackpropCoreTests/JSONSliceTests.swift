import Foundation
import Testing
@testable import BackpropCore

/// `JSON.document` and `JSONSlice`: the same documents accepted as by `JSON.parse`, with the same
/// errors, and every value read through a slice equal to the value the parser builds.
struct JSONSliceTests {
    /// Every accessor of `slice` agrees with the parser's value `json`, all the way down.
    func expectSame(_ slice: JSONSlice, _ json: JSON, path: String = "$") {
        #expect(slice.kind == json.kind, "\(path)")
        #expect(slice.isNull == json.isNull, "\(path)")
        #expect(slice.bool == json.bool, "\(path)")
        #expect(slice.string == json.string, "\(path)")
        #expect(slice.double?.bitPattern == json.double?.bitPattern, "\(path)")
        #expect(slice.int == json.int, "\(path)")
        #expect(slice.doubleAllowingNonFinite?.isNaN == json.doubleAllowingNonFinite?.isNaN, "\(path)")
        if let elements = json.array {
            #expect(slice.count == elements.count, "\(path)")
            let slices = slice.array ?? []
            #expect(slices.count == elements.count, "\(path)")
            for (k, (s, j)) in zip(slices, elements).enumerated() { expectSame(s, j, path: "\(path)[\(k)]") }
            var optional: [Double?] = []
            var problems: [Int] = []
            slice.appendOptionalNumbers(to: &optional) { i, _ in problems.append(i) }
            #expect(optional.count == elements.count, "\(path)")
            for (k, element) in elements.enumerated() {
                if element.isNull || element.doubleAllowingNonFinite != nil {
                    #expect(!problems.contains(k) && optional[k]?.bitPattern == element.doubleAllowingNonFinite?.bitPattern,
                            "\(path)[\(k)]")
                } else {
                    #expect(problems.contains(k), "\(path)[\(k)] is not a number, null or a stand-in")
                }
            }
            if elements.allSatisfy({ $0.double != nil }) {
                var numbers: [Double] = []
                #expect(slice.appendNumbers(to: &numbers) == nil, "\(path)")
                #expect(numbers.map(\.bitPattern) == elements.compactMap(\.double).map(\.bitPattern), "\(path)")
            }
        } else if let members = json.object {
            #expect(slice.count == members.count, "\(path)")
            let found = (try? slice.members(members.map(\.key))) ?? nil
            for member in members {
                guard let s = slice[member.key], let m = found?[member.key] else {
                    Issue.record("\(path).\(member.key) not found")
                    continue
                }
                expectSame(s, member.value, path: "\(path).\(member.key)")
                expectSame(m, member.value, path: "\(path).\(member.key)")
            }
        } else {
            #expect(slice.count == nil, "\(path)")
            #expect(slice.array == nil, "\(path)")
        }
        #expect((try? slice.tree()) == json, "\(path)")
    }

    @Test(arguments: [
        #"{"a": [1, -2.5, 1e-3, 0, -0.0, 17e+2], "b": {"c": null, "d\"e": "x\u00e9\n", "f": true}, "g": false}"#,
        #"[[], {}, [[]], "\ud83d\ude00", "NaN", "-Infinity", 1.7976931348623157e308, 5e-324, 0.1]"#,
        "\u{FEFF}  \n [ 1 , 2 ,\t3 ]\r\n",
        #""just a string""#, "42", "null", "true",
    ])
    func everyAccessorAgreesWithTheParser(text: String) throws {
        let bytes = Array(text.utf8)
        let slice = try JSON.document(bytes, limit: 1 << 20)
        expectSame(slice, try JSON.parse(bytes, limit: 1 << 20))
    }

    /// Random documents, then each cut and each changed at random bytes: `JSON.document` accepts
    /// exactly what `JSON.parse` accepts, with the same error, and reads back the same values.
    @Test func randomDocumentsAndTheirMutationsAgreeWithTheParser() throws {
        var generator = SeededGenerator(seed: 2_026)
        func value(_ depth: Int) -> JSON {
            switch Int(generator.next() % (depth > 3 ? 4 : 7)) {
            case 0: return .number(generator.nextNormal() * pow(10, Double(Int(generator.next() % 40)) - 20))
            case 1: return .number(Double(Int(generator.next() % 2001) - 1000))
            case 2: return .string(["", "a", "é\"\\\n", "NaN", "Infinity", "\u{1F600}", "x y"][Int(generator.next() % 7)])
            case 3: return [.null, .bool(true), .bool(false)][Int(generator.next() % 3)]
            case 4, 5: return .array((0..<Int(generator.next() % 5)).map { _ in value(depth + 1) })
            default:
                return .object((0..<Int(generator.next() % 4)).map { k in (key: "k\(k)", value: value(depth + 1)) })
            }
        }
        let alphabet = Array("[]{}\",:0123456789.-+eE \\u/tnfrx".utf8)
        for round in 0..<400 {
            let json = value(0)
            var bytes = json.serialized(round % 2 == 0 ? .compact : .pretty)
            expectSame(try JSON.document(bytes, limit: 1 << 20), json)
            // Mutate: cut, replace, insert.
            let position = Int(generator.next() % UInt64(bytes.count + 1))
            switch round % 3 {
            case 0: bytes = Array(bytes.prefix(position))
            case 1 where position < bytes.count: bytes[position] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
            default: bytes.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: position)
            }
            var parsed: Result<JSON, JSONError>
            do { parsed = .success(try JSON.parse(bytes, limit: 1 << 20)) } catch { parsed = .failure(error) }
            var checked: Result<JSONSlice, JSONError>
            do { checked = .success(try JSON.document(bytes, limit: 1 << 20)) } catch { checked = .failure(error) }
            switch (parsed, checked) {
            case let (.success(j), .success(s)): expectSame(s, j)
            case let (.failure(a), .failure(b)):
                // A repeated key the parser saw first may hide a later error the checker finds instead.
                if case let .syntax(message, _, _) = a, message.hasPrefix("duplicate key") { continue }
                #expect(a == b, "\(String(decoding: bytes, as: UTF8.self))")
            case let (.failure(a), .success):
                if case let .syntax(message, _, _) = a, message.hasPrefix("duplicate key") { continue }
                Issue.record("accepted what the parser refuses (\(a)): \(String(decoding: bytes, as: UTF8.self))")
            case let (.success, .failure(b)):
                Issue.record("refused what the parser accepts (\(b)): \(String(decoding: bytes, as: UTF8.self))")
            }
        }
    }

    /// Short decimals are read exactly without the C library (Clinger's fast path); every one
    /// must be the double `Double(String)` gives.
    @Test func shortNumbersAreCorrectlyRounded() throws {
        var generator = SeededGenerator(seed: 53)
        var texts: [String] = ["0", "-0", "0.1", "0.3", "123456789012345", "999999999999999", "0.000000000000000000001",
                               "1234567.8901234", "-0.5", "9007199254740993", "0.1000000000000000055511151231257827"]
        for _ in 0..<20_000 {
            let digits = String(generator.next() % 1_000_000_000_000_000)
            let point = Int(generator.next() % UInt64(digits.count + 1))
            var text = digits
            if point < digits.count { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) }
            if text.hasPrefix(".") { text = "0" + text }
            if text.hasSuffix(".") { text += "5" }
            while text.count > 1, text.hasPrefix("0"), !text.hasPrefix("0.") { text.removeFirst() }
            texts.append(generator.next() % 2 == 0 ? text : "-" + text)
        }
        let document = "[" + texts.joined(separator: ",") + "]"
        let slice = try JSON.document(Array(document.utf8), limit: 1 << 24)
        var numbers: [Double] = []
        #expect(slice.appendNumbers(to: &numbers) == nil)
        #expect(numbers.count == texts.count)
        for (text, x) in zip(texts, numbers) {
            #expect(Double(text)?.bitPattern == x.bitPattern, "\(text)")
        }
    }

    @Test func aKeyAskedForTwiceIsRefusedWhereItRepeats() throws {
        let slice = try JSON.document(Array(#"{"a": 1, "b": 2, "b": 3, "c": 4, "c": 5}"#.utf8), limit: 100)
        #expect(throws: JSONError.syntax(message: #"duplicate key "b""#, line: 1, column: 18)) {
            try slice.members(["b"])
        }
        // Keys not asked for may repeat: they are never read.
        #expect(try slice.members(["a"])?["a"]?.double == 1)
    }

    @Test func theFirstValueThatIsNotANumberIsNamedWithItsIndex() throws {
        let slice = try JSON.document(Array(#"[1, 2, true, 4]"#.utf8), limit: 100)
        var numbers: [Double] = []
        let problem = try #require(slice.appendNumbers(to: &numbers))
        #expect(problem.index == 2)
        #expect(problem.element.kind == "a boolean")
        #expect(numbers == [1, 2])
    }

    @Test func anUnknownValueIsCheckedButNeverBuilt() throws {
        // A million-element array under a key nobody reads: the document is checked (a syntax error
        // inside it is found), but reading the other key walks none of it.
        let bulk = "[" + Array(repeating: "0", count: 1_000_000).joined(separator: ",") + "]"
        let slice = try JSON.document(Array(#"{"bulk": \#(bulk), "x": 7}"#.utf8), limit: 1 << 24)
        #expect(try slice.members(["x"])?["x"]?.double == 7)
        let broken = #"{"bulk": \#(bulk.dropLast()), "x": 7}"#
        #expect(throws: JSONError.self) { try JSON.document(Array(broken.utf8), limit: 1 << 24) }
    }
}
