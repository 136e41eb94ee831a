public import TriageLanguage

/// Another place a finding points at, as a compiler's `note:` does: the rule whose write another
/// rule undoes, say. Text shows it under the finding with its own snippet, JSON as `related`, SARIF
/// as `relatedLocations`, so an editor or code-scanning view can jump to both places.
public struct RelatedLocation: Hashable, Sendable {
    public var file: String
    public var start: LineColumn
    public var end: LineColumn
    /// What is at that place ("rule `mark-stale` writes `label: stale` here").
    public var message: String
    /// The text of `start.line`, for the caret snippet.
    public var lineText: String

    public init(file: String, start: LineColumn, end: LineColumn, message: String, lineText: String) {
        self.file = file
        self.start = start
        self.end = end
        self.message = message
        self.lineText = lineText
    }
}
