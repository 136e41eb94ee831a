import TriageLanguage
import TriageRules

/// Table cells of the HTML report: `<td>`s with display text and, where the order is not the
/// text's, a `data-sort` key the page's script sorts by.
enum HTMLCells {
    /// The columns every match table has, after the issue and title: fields read from each match
    /// (`IssueOutcome.fieldValues`), decoded for the report whatever the rules read.
    static let standardFields: [IssueField] = [.author, .labels, .age, .idle]

    /// The extra columns of a rule's table: the lazy fields its condition reads (`ExpressionFacts`),
    /// in catalog order. Any field the catalog marks lazy gets one, with no change here: its cell
    /// shows the value evaluation loaded (`value(_:)`).
    static func extraFields(of rule: Rule) -> [IssueField] {
        var read = IssueFieldSet()
        for part in rule.conditionParts { read.formUnion(part.checked.facts.fieldsRead) }
        return FieldCatalog.descriptors.filter { $0.isLazy && read.contains($0.field) }.map(\.field)
    }

    /// The header text of a field's column.
    static func header(of field: IssueField) -> String {
        switch field {
        case .author: "Author"
        case .labels: "Labels"
        case .age: "Age"
        case .idle: "Idle"
        default: field.rawValue
        }
    }

    /// The width of a field's column in `em`.
    static func widthEm(of field: IssueField) -> Int {
        switch field {
        case .author: 9
        case .labels: 14
        case .age, .idle: 5
        default: 10
        }
    }

    /// A cell for `value`: nil when evaluation did not load the field for this issue.
    static func value(_ value: Value?) -> String {
        guard let value else { return "<td class=\"muted\" data-sort=\"\" title=\"not read: no rule needed it for this issue\">n/a</td>" }
        switch value {
        case .null:
            return "<td class=\"muted\" data-sort=\"\">none</td>"
        case let .string(text):
            return "<td>\(HTML.escape(text))</td>"
        case let .duration(span):
            return "<td class=\"duration\" data-sort=\"\(span.milliseconds)\">\(HTML.escape(duration(span)))</td>"
        case let .time(time):
            return "<td class=\"duration\" data-sort=\"\(time.millisecondsSinceEpoch)\" title=\"\(HTML.escape(time.rfc3339))\">\(HTML.escape(day(time)))</td>"
        case let .comment(comment):
            let text = "\(comment.author)\(comment.bot ? " (bot)" : ""), \(day(comment.created))"
            return "<td data-sort=\"\(comment.created.millisecondsSinceEpoch)\" title=\"\(HTML.escape(comment.created.rfc3339))\">\(HTML.escape(text))</td>"
        case let .strings(items):
            return "<td class=\"labels\">\(chips(items))</td>"
        case let .list(items) where !items.isEmpty && items.allSatisfy({ if case .pull = $0 { true } else { false } }):
            // `linked_prs`: a chip per pull request, `#38 merged`, `#40 open draft`.
            let pulls = items.compactMap { if case let .pull(pull) = $0 { pull } else { nil } }
            return "<td class=\"labels\" data-sort=\"\(pulls.count)\">\(chips(pulls.map(pullChip)))</td>"
        default:
            // Values without a form of their own (numbers, booleans, other lists) read as in rules.
            return "<td>\(HTML.escape(value.description))</td>"
        }
    }

    /// `#38 merged`, `#40 open draft`.
    static func pullChip(_ pull: LinkedPull) -> String {
        "#\(pull.number) \(pull.state)\(pull.draft ? " draft" : "")"
    }

    /// Each item as a chip; nothing for an empty list.
    static func chips(_ items: [String]) -> String {
        items.map { "<span class=\"chip\">\(HTML.escape($0))</span>" }.joined(separator: " ")
    }

    /// `12d`, `5h`, `40m`: the largest whole unit, as a table of ages reads best.
    static func duration(_ span: TimeSpan) -> String {
        let minutes = span.milliseconds / 60_000
        if minutes >= 1440 || minutes <= -1440 { return "\(minutes / 1440)d" }
        if minutes >= 60 || minutes <= -60 { return "\(minutes / 60)h" }
        return "\(minutes)m"
    }

    /// `2024-06-01`: the date part of an RFC 3339 time.
    static func day(_ time: Timestamp) -> String {
        String(time.rfc3339.prefix(10))
    }
}
