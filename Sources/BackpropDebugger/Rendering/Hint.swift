import BackpropCore

/// A guess at the cause of a difference or a failed check: words for people, and for scripts a
/// stable `id` and the place it is about. `compare` and `gradcheck` print their hints in the report
/// and list them, in the same order, under `hints` in their `--json` documents.
struct Hint: Equatable {
    /// A stable name scripts can test for, in kebab case: `missing-activation-derivative`.
    let id: String
    /// The hint as the report shows it, a line or two of at most 100 columns (no colour).
    let lines: [String]
    /// The value it is about, as a path in the trace file (`layers[2].delta[0]`); nil when it is
    /// about every difference.
    var path: String? = nil
    /// The bugs `bug NAME` plants that give the same numbers, to see the mistake happen here.
    var bugs: [BackpropBug] = []

    /// The hint in one sentence: its lines joined.
    var message: String { lines.joined(separator: " ") }

    /// `{"id": …, "message": …, "path": …, "bugs": […]}` (`path` only when there is one).
    var json: JSON {
        .object([(key: "id", value: .string(id)), (key: "message", value: .string(message))]
                + (path.map { [(key: "path", value: JSON.string($0))] } ?? [])
                + [(key: "bugs", value: .array(bugs.map { .string($0.rawValue) }))])
    }
}
