import TriageLanguage
import TriageRules

/// `--format markdown`: a report to paste into an issue or a job summary: a table of rules with
/// counts, then one section per rule with a task list of its matches (`CheckMarkdown`, which also
/// writes the CI job summary).
struct MarkdownCheckReporter: CollectingCheckReporter {
    let context: CheckContext
    var collector = MatchCollector()

    /// Written in pieces by `CheckMarkdown`, uncapped.
    mutating func finish(_ summary: CheckSummary, to output: inout some TextOutputStream) {
        CheckMarkdown(context: context, form: .report, limits: CheckMarkdown.unlimited).write(collector, summary, to: &output)
    }

    /// `text` as a code span: inside one, a backslash is shown as is, so `escape` must not be used;
    /// the fence is one backtick longer than the longest run of backticks in `text` (CommonMark).
    static func codeSpan(_ text: String) -> String {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let body = text.map { $0.isNewline ? " " : String($0) }.joined()
        let padded = body.hasPrefix("`") || body.hasSuffix("`") ? " \(body) " : body
        return fence + padded + fence
    }

    /// Escapes characters that would turn a title into markup (links, emphasis, tables, HTML).
    static func escape(_ text: String) -> String {
        var output = ""
        for character in text {
            if "\\`*_[]<>|#".contains(character) { output.append("\\") }
            output.append(character.isNewline ? " " : character)
        }
        return output
    }
}
