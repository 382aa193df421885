/// A plain-text table with aligned columns: text columns left-aligned, number columns right-aligned.
struct Table {
    var headers: [String]
    var rightAligned: Set<Int>
    var rows: [[String]] = []

    init(_ headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// The table, a header line, a rule and one line per row, each line indented by `indent`.
    func render(style: Style = .plain, indent: String = "  ") -> String {
        let columns = headers.count
        var widths = headers.map(visibleWidth)
        for row in rows {
            for c in 0..<min(columns, row.count) { widths[c] = max(widths[c], visibleWidth(row[c])) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for c in 0..<columns {
                let cell = c < cells.count ? cells[c] : ""
                parts.append(pad(cell, widths[c], right: rightAligned.contains(c)))
            }
            var text = indent + parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var out = [style.bold(line(headers))]
        out.append(indent + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}
