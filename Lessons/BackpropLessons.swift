import Foundation

/// The guided lessons shipped with the program: Markdown files under `Lessons/Text`,
/// copied into the bundle so they are found from any working directory.
public enum LessonFiles {
    /// The folder that holds the lesson files, or nil if the bundle has none.
    public static var directory: URL? {
        Bundle.module.url(forResource: "Text", withExtension: nil)
    }

    /// Every lesson file's name and text, sorted by name (`01-…`, `02-…`, …).
    public static func all() -> [(name: String, text: String)] {
        guard let directory else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted().compactMap { name in
            guard let text = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            else { return nil }
            return (name, text)
        }
    }
}
