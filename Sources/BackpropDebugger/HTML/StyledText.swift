import BackpropCore

/// The debugger's coloured text as runs for the page: the renderers write colour only through
/// `Style`, so rendering with colour on and reading the escapes back gives the page the same
/// emphasis as the terminal — results bold, notes dim, a planted bug's note in red — with no
/// second renderer. Each run's class is the page's name for one `Style` function.
struct StyledText: Equatable {
    /// Runs of text in order: the class ("" for plain) and the text.
    var runs: [(style: String, text: String)] = []

    static func == (lhs: StyledText, rhs: StyledText) -> Bool {
        lhs.runs.count == rhs.runs.count && zip(lhs.runs, rhs.runs).allSatisfy { $0.style == $1.style && $0.text == $1.text }
    }

    /// The class for each escape `Style` writes (see `Style`): the code between "ESC[" and "m".
    static let classes: [String: String] = [
        "1": "bold", "2": "dim", "1;36": "result", "34": "pos", "31": "neg",
        "1;31": "error", "33": "warning", "32": "success",
    ]

    /// Reads text written with `Style(enabled: true)`. An escape it does not know (a picture's
    /// 256-colour cell) ends in plain text; "ESC[0m" goes back to plain.
    init(_ coloured: String) {
        var current = "", style = ""
        var scalars = coloured.unicodeScalars[...]
        while let c = scalars.first {
            scalars = scalars.dropFirst()
            guard c == "\u{1B}" else { current.unicodeScalars.append(c); continue }
            var code = ""
            if scalars.first == "[" { scalars = scalars.dropFirst() }
            while let d = scalars.first, d != "m" { code.unicodeScalars.append(d); scalars = scalars.dropFirst() }
            scalars = scalars.dropFirst()
            if !current.isEmpty { append(style, current) }
            current = ""
            style = StyledText.classes[code] ?? ""
        }
        if !current.isEmpty { append(style, current) }
    }

    private mutating func append(_ style: String, _ text: String) {
        if let last = runs.last, last.style == style {
            runs[runs.count - 1].text += text
        } else {
            runs.append((style, text))
        }
    }

    /// The text without emphasis: what the terminal shows without colour.
    var plain: String { runs.map(\.text).joined() }

    /// `[["", "z(2)1 = "], ["result", "0.3775"], …]` for the page's script.
    var json: JSON {
        .array(runs.map { .array([.string($0.style), .string($0.text)]) })
    }

    /// The runs as HTML: escaped text, a `span` per emphasised run.
    var html: String {
        runs.map { run in
            run.style.isEmpty ? HTMLText.escape(run.text) : "<span class=\"\(run.style)\">\(HTMLText.escape(run.text))</span>"
        }.joined()
    }
}
