import Testing
@testable import BackpropCore

private let limit = 1 << 20

private func parse(_ text: String) throws(JSONError) -> JSON {
    try JSON.parse(text, limit: limit)
}

/// The error text `parse` gives for `text`, or "no error"; `JSON.document`, which checks without
/// building, must give the same (it leaves repeated keys to the readers, which look only at the
/// keys they read).
private func errorText(_ bytes: [UInt8], limit: Int = limit) -> String {
    let parsed: String
    do {
        _ = try JSON.parse(bytes, limit: limit)
        parsed = "no error"
    } catch {
        parsed = error.description
    }
    let checked: String
    do {
        _ = try JSON.document(bytes, limit: limit)
        checked = "no error"
    } catch {
        checked = error.description
    }
    if !parsed.hasPrefix("duplicate key") { #expect(checked == parsed, "JSON.document and JSON.parse disagree") }
    return parsed
}

// MARK: Numbers

@Test func randomDoublesRoundTripBitForBit() throws {
    var generator = SeededGenerator(seed: 8259)
    var values: [Double] = [
        0, -0.0, Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude, Double.leastNormalMagnitude, Double.leastNormalMagnitude.nextDown,
        1.7976931348623157e308, -1.7976931348623157e308, 1, -1, 0.1, 1e-5, 1e16, 1e15, 123456789,
        9007199254740992, 0.30000000000000004,
    ]
    while values.count < 20_000 {
        let x: Double
        switch values.count % 4 {
        case 0: x = Double(bitPattern: generator.next())                          // any exponent
        case 1: x = Double(bitPattern: generator.next() >> 12)                    // subnormal
        case 2: x = Double(Int(bitPattern: UInt(generator.next() >> 10)) - (1 << 53))  // integers
        default: x = generator.nextNormal()                                       // weight-like
        }
        if x.isFinite { values.append(x) }
    }
    for style in [JSON.Style.compact, .pretty] {
        let text = JSON.array(values.map(JSON.number)).serialized(style)
        let back = try #require(try JSON.parse(text, limit: 1 << 24).array)
        #expect(back.count == values.count)
        for (x, y) in zip(values, back) {
            #expect(y.double?.bitPattern == x.bitPattern, "\(x) read back as \(y)")
        }
    }
}

@Test(arguments: [
    (1.0, "1"), (-0.0, "-0"), (0.0, "0"), (100.0, "100"), (0.1, "0.1"), (-2.5, "-2.5"),
    (1e-5, "1e-05"), (1e16, "1e+16"), (1e15, "1000000000000000"), (Double.leastNonzeroMagnitude, "5e-324"),
    (1.7976931348623157e308, "1.7976931348623157e+308"), (Double.nan, "\"NaN\""),
    (Double.infinity, "\"Infinity\""), (-Double.infinity, "\"-Infinity\""),
])
func numbersAreWrittenInShortestForm(value: Double, text: String) {
    #expect(JSON.number(value).text(.compact) == text)
}

@Test(arguments: [
    // A halfway case, the largest subnormal, the smallest subnormal and one just below its halfway.
    ("9007199254740993", 9007199254740992.0), ("2.2250738585072011e-308", Double(bitPattern: 0x000F_FFFF_FFFF_FFFF)),
    ("2.4703282292062328e-324", Double.leastNonzeroMagnitude), ("2.4703282292062327e-324", 0), ("1e-400", 0),
    ("1.7976931348623158e308", 1.7976931348623157e308), ("0e0", 0), ("1E+2", 100), ("-0.5e-1", -0.05),
    // Longer than the strtod fast path takes (40 characters): read through Double(String).
    ("0.1000000000000000000000000000000000000000000000001", 0.1), (String(repeating: "9", count: 45), 1e45),
])
func numbersAreCorrectlyRounded(text: String, value: Double) throws {
    #expect(try parse(text).double?.bitPattern == value.bitPattern)
}

@Test func negativeZeroAndUnderflowKeepTheirSign() throws {
    #expect(try parse("-0").double?.bitPattern == (-0.0).bitPattern)
    #expect(try parse("-1e-400").double?.bitPattern == (-0.0).bitPattern)
}

@Test func nonFiniteStandInsReadBackOnlyWhereAllowed() throws {
    let written = JSON.array([.number(.nan), .number(.infinity), .number(-.infinity), .number(2)]).text(.compact)
    #expect(written == #"["NaN","Infinity","-Infinity",2]"#)
    let back = try #require(try parse(written).array)
    #expect(back[0].doubleAllowingNonFinite?.isNaN == true)
    #expect(back[1].doubleAllowingNonFinite == .infinity)
    #expect(back[2].doubleAllowingNonFinite == -.infinity)
    #expect(back[3].doubleAllowingNonFinite == 2)
    #expect(back[0].double == nil)
    #expect(JSON.string("nan").doubleAllowingNonFinite == nil)
}

// MARK: Strings

@Test func stringsRoundTripWithEscapes() throws {
    let original = "quote \" backslash \\ slash / newline \n tab \t nul \u{0} unit \u{1F} é 😀 \u{2028}"
    let text = JSON.string(original).text(.compact)
    #expect(text == #""quote \" backslash \\ slash / newline \n tab \t nul \u0000 unit \u001f é 😀 \#u{2028}""#)
    #expect(try parse(text) == .string(original))
}

@Test func everyEscapeIsDecoded() throws {
    let text = #""\"\\\/\b\f\n\r\t\u00e9\u00E9\ud83d\ude00\u0000""#
    #expect(try parse(text) == .string("\"\\/\u{8}\u{C}\n\r\té\u{E9}😀\u{0}"))
}

// MARK: Layout

@Test func prettyLayoutKeepsNumberArraysOnOneLine() {
    let value = JSON.object([
        (key: "name", value: .string("net")),
        (key: "rows", value: .array([.array([.number(1), .number(0.5)]), .array([])])),
        (key: "empty", value: .object([])),
        (key: "flags", value: .array([.bool(true), .null])),
    ])
    #expect(value.text(.pretty) == """
        {
          "name": "net",
          "rows": [
            [1, 0.5],
            []
          ],
          "empty": {},
          "flags": [true, null]
        }

        """)
    #expect(value.text(.compact) == #"{"name":"net","rows":[[1,0.5],[]],"empty":{},"flags":[true,null]}"#)
}

@Test func writeThenParseGivesTheSameValue() throws {
    let value = JSON.object([
        (key: "z", value: .array([.number(-0.25), .string("x"), .object([(key: "a", value: .null)])])),
        (key: "a", value: .bool(false)),
    ])
    #expect(try parse(value.text(.pretty)) == value)
    #expect(try parse(value.text(.compact)) == value)
    #expect(try parse(value.text(.compact)).object?.map(\.key) == ["z", "a"])
}

// MARK: Accepted and refused documents

@Test(arguments: [
    (" [1, 2] ", JSON.array([.number(1), .number(2)])), ("{}", .object([])), ("[]", .array([])),
    ("true", .bool(true)), ("false", .bool(false)), ("null", .null), ("\"\"", .string("")),
    ("\u{FEFF}7", .number(7)), ("\r\n\t{\"a\" : [ ] }\n", .object([(key: "a", value: .array([]))])),
])
func acceptsValidDocuments(text: String, value: JSON) throws {
    #expect(try parse(text) == value)
}

@Test(arguments: [
    ("", "the document is empty; expected a JSON value"),
    (" \n\t ", "the document is empty; expected a JSON value"),
    ("[1, 2", "expected ',' or ']' after an array element, found the end of the input at line 1, column 6"),
    ("[1, 2,]", "trailing comma before ']' at line 1, column 6"),
    ("{\"a\": 1,}", "trailing comma before '}' at line 1, column 8"),
    ("[1 2]", "expected ',' or ']' after an array element, found '2' at line 1, column 4"),
    ("{\"a\": 1 \"b\": 2}", "expected ',' or '}' after an object member, found '\"' at line 1, column 9"),
    ("[1] x", "unexpected \"x\" after the JSON value at line 1, column 5"),
    ("[1]]", "unexpected ']' after the JSON value at line 1, column 4"),
    ("01", "a number cannot have a leading zero at line 1, column 1"),
    ("[-012]", "a number cannot have a leading zero at line 1, column 2"),
    ("-", "expected a digit after '-', found the end of the input at line 1, column 2"),
    ("1.", "expected a digit after the decimal point, found the end of the input at line 1, column 3"),
    ("1e+", "expected a digit in the exponent, found the end of the input at line 1, column 4"),
    (".5", "expected a value, found '.' at line 1, column 1"),
    ("+1", "expected a value, found '+' at line 1, column 1"),
    ("[\n  1e400\n]", "1e400 at line 2, column 3 is too large for a double"),
    ("-1e400", "-1e400 at line 1, column 1 is too large for a double"),
    (String(repeating: "9", count: 400), String(repeating: "9", count: 39) + "… at line 1, column 1 is too large for a double"),
    ("\"a\nb\"", "control character U+000A in a string must be escaped at line 1, column 3"),
    ("\"abc", "unterminated string at line 1, column 1"),
    ("\"abc\\", "unterminated string at line 1, column 5"),
    ("\"\\x\"", "invalid escape \\x in a string at line 1, column 2"),
    ("\"\\ud800\"", "lone surrogate \\uD800 in a string at line 1, column 2"),
    ("\"\\ud800\\u0041\"", "lone surrogate \\uD800 in a string at line 1, column 2"),
    ("\"\\udc00\"", "lone surrogate \\uDC00 in a string at line 1, column 2"),
    ("\"\\u12\"", "\\u must be followed by four hex digits at line 1, column 2"),
    ("{\"a\": 1, \"a\": 2}", "duplicate key \"a\" at line 1, column 10"),
    ("{1: 2}", "expected a string key, found '1' at line 1, column 2"),
    ("{\"a\" 1}", "expected ':' after the key \"a\", found '1' at line 1, column 6"),
    ("NaN", "NaN is not valid JSON (Python's json module writes it for a non-finite float) at line 1, column 1"),
    ("[1, -Infinity]", "-Infinity is not valid JSON (Python's json module writes it for a non-finite float) at line 1, column 5"),
    ("tru", "expected a value, found \"tru\" at line 1, column 1"),
    ("nulls", "expected a value, found \"nulls\" at line 1, column 1"),
    ("[\"é\", x]", "expected a value, found \"x\" at line 1, column 7"),
    ("\u{E9}", "expected a value, found U+00E9 at line 1, column 1"),
    (String(repeating: "[", count: 100_000), "arrays and objects nest more than 256 deep at line 1, column 257"),
    (String(repeating: "{\"a\":", count: 300), "arrays and objects nest more than 256 deep at line 1, column 1281"),
])
func refusesMalformedDocuments(text: String, message: String) {
    #expect(errorText(Array(text.utf8)) == message)
}

@Test func nestingUpToTheLimitIsAccepted() throws {
    let depth = JSON.maximumDepth
    let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    var value = try parse(text)
    for _ in 1..<depth { value = try #require(value[0]) }
    #expect(value == .array([]))
}

@Test func aMillionOpenBracketsFailWithoutOverflowingTheStack() {
    let bytes = [UInt8](repeating: UInt8(ascii: "["), count: 1_000_000)
    #expect(errorText(bytes, limit: bytes.count) == "arrays and objects nest more than 256 deep at line 1, column 257")
}

@Test(arguments: [
    ([0x22, 0xFF, 0x22], "the text is not valid UTF-8 at byte offset 1"),
    ([0x5B, 0x31, 0x2C, 0xC0, 0x80, 0x5D], "the text is not valid UTF-8 at byte offset 3"),          // overlong
    ([0x22, 0xED, 0xA0, 0x80, 0x22], "the text is not valid UTF-8 at byte offset 1"),              // surrogate
    ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "the text is not valid UTF-8 at byte offset 1"),        // > U+10FFFF
    ([0x22, 0x61, 0xE2, 0x82], "the text is not valid UTF-8 at byte offset 2"),                    // truncated
    ([0x00, 0x01, 0x02, 0x03], "expected a value, found U+0000 at line 1, column 1"),
] as [([UInt8], String)])
func refusesInvalidBytes(bytes: [UInt8], message: String) {
    #expect(errorText(bytes) == message)
}

@Test func refusesDocumentsOverTheSizeLimitBeforeReadingThem() {
    #expect(errorText(Array("[1, 2]".utf8), limit: 5) == "the document is 6 bytes; the limit is 5 bytes")
    #expect(JSONError.tooLarge(size: 300_000_000, limit: 256 << 20).description
            == "the document is 300000000 bytes; the limit is 268435456 bytes (256 MB)")
}

// MARK: Accessors

@Test func accessorsNeverTrap() throws {
    let value = try parse(#"{"a": [1, "two", null, true], "b": {"c": 3.5}}"#)
    #expect(value["a"]?[0]?.double == 1)
    #expect(value["a"]?[0]?.int == 1)
    #expect(value["a"]?[1]?.string == "two")
    #expect(value["a"]?[2]?.isNull == true)
    #expect(value["a"]?[3]?.bool == true)
    #expect(value["a"]?[4] == nil)
    #expect(value["a"]?[-1] == nil)
    #expect(value["b"]?["c"]?.int == nil)
    #expect(value["missing"] == nil)
    #expect(value[0] == nil)
    #expect(value["a"]?["c"] == nil)
    #expect(value.kind == "an object")
    #expect(JSON.number(1e300).int == nil)
}
