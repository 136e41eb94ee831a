import TriageLanguage
import TriageYAML

extension RuleFileDecoder {
    /// The actions, each with where its key is written.
    mutating func decodeActions(_ node: YAMLNode, rule: String) -> [(action: RuleAction, location: SourceLocation)] {
        guard let sequence = expectSequence(node, "`actions`", rule: rule) else { return [] }
        var actions: [(action: RuleAction, location: SourceLocation)] = []
        for item in sequence.items {
            guard let mapping = item.mapping, mapping.entries.count == 1, let entry = mapping.entries.first,
                  let keyword = entry.key.scalar?.text
            else {
                report(.invalidAction, "each action is a mapping with one key: \(RuleAction.keywords.joined(separator: ", "))",
                       at: item, suggestion: "- label: needs-triage", rule: rule)
                continue
            }
            guard RuleAction.keywords.contains(keyword) else {
                let suggestion = Suggestions.closest(to: keyword, in: RuleAction.keywords)
                report(.invalidAction, "unknown action `\(keyword)`" + Suggestions.didYouMean(suggestion)
                       + " (actions: \(RuleAction.keywords.joined(separator: ", ")))", at: entry.key, suggestion: suggestion, rule: rule)
                continue
            }
            if let action = decodeAction(keyword, entry.value, rule: rule) {
                actions.append((action, SourceLocation(file: file.path, line: entry.key.start.line, column: entry.key.start.column)))
            }
        }
        return actions
    }

    private mutating func decodeAction(_ keyword: String, _ value: YAMLNode, rule: String) -> RuleAction? {
        switch keyword {
        case "label", "unlabel", "assign", "unassign":
            guard let names = expectTextList(value, "`\(keyword)`", rule: rule) else { return nil }
            switch keyword {
            case "label": return .label(names)
            case "unlabel": return .unlabel(names)
            case "assign": return .assign(names)
            default: return .unassign(names)
            }
        case "comment":
            guard let scalar = expectText(value, "`comment`", rule: rule) else { return nil }
            return decodeTemplate(scalar, rule: rule).map(RuleAction.comment)
        case "close":
            if case .bool(true)? = value.scalar?.resolved { return .close(reason: nil) }
            if let mapping = value.mapping {
                let entries = entries(of: mapping, allowed: ["reason"], context: "`close`", rule: rule)
                guard let reasonNode = entries["reason"]?.value else { return .close(reason: nil) }
                guard let text = expectText(reasonNode, "`close.reason`", rule: rule) else { return nil }
                guard let reason = RuleAction.CloseReason(rawValue: text.text) else {
                    let options = RuleAction.CloseReason.allCases.map(\.rawValue)
                    report(.invalidAction, "close reason must be completed or not_planned, not `\(text.text)`", at: reasonNode,
                           suggestion: Suggestions.closest(to: text.text, in: options), rule: rule)
                    return nil
                }
                return .close(reason: reason)
            }
            report(.invalidAction, "`close` takes `true` or `{reason: completed|not_planned}`", at: value, suggestion: "close: true", rule: rule)
            return nil
        case "lock":
            return decodeLock(value, rule: rule)
        case "milestone":
            guard let title = expectText(value, "`milestone`", rule: rule) else { return nil }
            guard !title.text.isEmpty else {
                report(.invalidAction, "`milestone` takes the title of a milestone", at: value, suggestion: "milestone: v2.0", rule: rule)
                return nil
            }
            return .milestone(title.text)
        case "report":
            return decodeReport(value, rule: rule)
        default:
            if case .bool(true)? = value.scalar?.resolved { return keyword == "unlock" ? .unlock : .reopen }
            report(.invalidAction, "`\(keyword)` takes `true`", at: value, suggestion: "\(keyword): true", rule: rule)
            return nil
        }
    }

    /// `lock: true` or `lock: {reason: off-topic|too heated|resolved|spam}`.
    private mutating func decodeLock(_ value: YAMLNode, rule: String) -> RuleAction? {
        if case .bool(true)? = value.scalar?.resolved { return .lock(reason: nil) }
        let options = RuleAction.LockReason.allCases.map(\.rawValue)
        guard let mapping = value.mapping else {
            report(.invalidAction, "`lock` takes `true` or `{reason: \(options.joined(separator: "|"))}`", at: value, suggestion: "lock: true", rule: rule)
            return nil
        }
        let entries = entries(of: mapping, allowed: ["reason"], context: "`lock`", rule: rule)
        guard let reasonNode = entries["reason"]?.value else { return .lock(reason: nil) }
        guard let text = expectText(reasonNode, "`lock.reason`", rule: rule) else { return nil }
        guard let reason = RuleAction.LockReason(rawValue: text.text) else {
            let suggestion = Suggestions.closest(to: text.text, in: options)
            report(.invalidAction, "lock reason must be one of \(options.joined(separator: ", ")), not `\(text.text)`" + Suggestions.didYouMean(suggestion),
                   at: reasonNode, suggestion: suggestion, rule: rule)
            return nil
        }
        return .lock(reason: reason)
    }

    /// `report: {title: T, labels: [..]}`: the title is required, the labels optional.
    private mutating func decodeReport(_ value: YAMLNode, rule: String) -> RuleAction? {
        guard let mapping = value.mapping else {
            report(.invalidAction, "`report` takes `{title: TITLE, labels: [LABEL, …]}`", at: value,
                   suggestion: "report: {title: \"Triage report\", labels: [triage-report]}", rule: rule)
            return nil
        }
        let entries = entries(of: mapping, allowed: ["title", "labels"], context: "`report`", rule: rule)
        guard let titleNode = entries["title"]?.value else {
            report(.invalidAction, "`report` needs a `title`", at: value, suggestion: "title: \"Triage report\"", rule: rule)
            return nil
        }
        guard let title = expectText(titleNode, "`report.title`", rule: rule) else { return nil }
        guard !title.text.isEmpty else {
            report(.invalidAction, "`report.title` must not be empty", at: titleNode, rule: rule)
            return nil
        }
        var labels: [String] = []
        if let labelsNode = entries["labels"]?.value {
            guard let names = expectTextList(labelsNode, "`report.labels`", rule: rule) else { return nil }
            labels = names
        }
        return .report(ReportSpecification(title: title.text, labels: labels))
    }

    /// Parses `{{ field }}` placeholders; unknown fields and unclosed placeholders are errors that
    /// point at the placeholder itself.
    mutating func decodeTemplate(_ scalar: YAMLScalar, rule: String) -> CommentTemplate? {
        let bytes = Array(scalar.value.utf8)
        var parts: [CommentTemplate.Part] = []
        var text: [UInt8] = []
        var index = 0
        var valid = true
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "{"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") else {
                text.append(bytes[index])
                index += 1
                continue
            }
            let open = index
            var close = index + 2
            while close + 1 < bytes.count, !(bytes[close] == UInt8(ascii: "}") && bytes[close + 1] == UInt8(ascii: "}")) { close += 1 }
            guard close + 1 < bytes.count else {
                reportTemplate(scalar, open, bytes.count, "`{{` is not closed with `}}`", suggestion: nil, rule: rule)
                valid = false
                break
            }
            let name = String(decoding: bytes[(open + 2)..<close], as: UTF8.self).trimmingSpaces
            if CommentTemplate.fieldNames.contains(name) {
                if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))) }
                text = []
                parts.append(.field(name))
            } else {
                let suggestion = Suggestions.closest(to: name, in: CommentTemplate.fieldNames)
                let lazyNote = IssueField(rawValue: name)?.descriptor.isLazy == true ? " (lazy fields cannot be used in templates)" : ""
                reportTemplate(scalar, open, close + 2, "unknown template field `\(name)`\(lazyNote)" + Suggestions.didYouMean(suggestion),
                               suggestion: suggestion.map { "{{ \($0) }}" }, rule: rule)
                valid = false
            }
            index = close + 2
        }
        if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))) }
        return valid ? CommentTemplate(source: scalar.value, parts: parts) : nil
    }

    private mutating func reportTemplate(_ scalar: YAMLScalar, _ start: Int, _ end: Int, _ message: String, suggestion: String?, rule: String) {
        let diagnostic = Diagnostic(.invalidTemplate, message, at: SourceRange(start: start, end: end), suggestion: suggestion)
        report(file.diagnostic(diagnostic, in: scalar, rule: rule))
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first?.isWhitespace == true { scalars.removeFirst() }
        while scalars.last?.isWhitespace == true { scalars.removeLast() }
        return String(scalars)
    }
}
