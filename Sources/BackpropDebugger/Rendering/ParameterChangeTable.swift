import BackpropCore

/// The parameters of a network before and after a change (`descend`, `train`), as table rows: every
/// one on a small network, the largest changes on a large one, row by row as the lectures write them.
struct ParameterChangeTable {
    let before: Network
    let after: Network
    /// Networks with at most this many parameters list every one.
    var fullListLimit = 40
    /// How many of the largest changes a larger network lists.
    var shownRows = 12

    /// The parameters to list: all of them, or the `shownRows` largest |after − before| (the
    /// parameters' own order on a tie).
    var rows: [Parameter] {
        let parameters = before.parametersRowByRow
        guard parameters.count > fullListLimit else { return parameters }
        let changes = parameters.map { abs(after.value(of: $0) - before.value(of: $0)) }
        let order = parameters.indices.sorted { changes[$0] != changes[$1] ? changes[$0] > changes[$1] : $0 < $1 }
        return order.prefix(shownRows).map { parameters[$0] }
    }

    /// "(the 12 largest changes of 13,002 weights and biases" + `more` + ")" when not every parameter
    /// is listed, else nil.
    func omittedNote(_ more: String = "") -> String? {
        let count = before.parameterCount
        guard count > fullListLimit else { return nil }
        return "  (the \(min(shownRows, count)) largest changes of \(NumberFormat.grouped(count)) weights and biases\(more))"
    }

    /// "+0.0007341", "−0.000924", or "0" for no change, coloured by sign.
    static func change(_ d: Double, style: Style) -> String {
        d == 0 ? "0" : style.signed(NumberFormat.signed(d, 4), d)
    }
}
