import BackpropLessons

/// The lesson files shipped in the `BackpropLessons` bundle.
enum LessonLibrary {
    static func files() -> [(name: String, text: String)] { LessonFiles.all() }
}
