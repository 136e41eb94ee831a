public import TriageLanguage
import TriageYAML

/// One rule of a rule file, compiled: its condition is ready to evaluate on issues.
public struct Rule: Sendable {
    public var name: String
    public var description: String?
    public var severity: Severity
    /// The `when:` parts (one, or several that must all hold), checked, with their source text.
    public var conditionParts: [ConditionPart]
    /// All parts as one condition, compiled once.
    public var condition: CompiledCondition
    public var actions: [RuleAction]
    /// Where each of `actions` is written (its key), for findings about one action; empty for rules
    /// built in code.
    public var actionLocations: [SourceLocation]
    public var tests: [RuleTest]
    /// Lint codes suppressed for this rule (`lint: {ignore: [...]}`).
    public var ignoredLintCodes: Set<String>
    public var location: SourceLocation

    public init(name: String, description: String?, severity: Severity, conditionParts: [ConditionPart], actions: [RuleAction],
                tests: [RuleTest], ignoredLintCodes: Set<String>, location: SourceLocation, actionLocations: [SourceLocation] = []) {
        self.name = name
        self.description = description
        self.severity = severity
        self.conditionParts = conditionParts
        condition = ConditionCompiler.combine(conditionParts.map(\.checked))
        self.actions = actions
        self.actionLocations = actionLocations
        self.tests = tests
        self.ignoredLintCodes = ignoredLintCodes
        self.location = location
    }

    /// Whether the rule writes a summary report (`report:`), which `apply` plans after the run.
    public var hasReport: Bool {
        actions.contains { if case .report = $0 { true } else { false } }
    }
}

/// One `when:` string after checking.
public struct ConditionPart: Sendable {
    public var source: String
    public var checked: CheckedExpression
    public var location: SourceLocation
    /// The YAML scalar the condition was written in, to map expression offsets to file positions.
    let scalar: YAMLScalar?

    public init(source: String, checked: CheckedExpression, location: SourceLocation) {
        self.source = source
        self.checked = checked
        self.location = location
        scalar = nil
    }

    init(source: String, checked: CheckedExpression, location: SourceLocation, scalar: YAMLScalar) {
        self.source = source
        self.checked = checked
        self.location = location
        self.scalar = scalar
    }
}

/// A test written inside a rule file: an issue, optional lazy data, and the expected outcome.
public struct RuleTest: Sendable {
    public var name: String?
    public var now: Timestamp?
    public var issue: Issue
    public var comments: [IssueComment]
    public var labelEvents: [LabelEvent]
    public var expectMatch: Bool
    public var location: SourceLocation

    public init(name: String?, now: Timestamp?, issue: Issue, comments: [IssueComment], labelEvents: [LabelEvent], expectMatch: Bool, location: SourceLocation) {
        self.name = name
        self.now = now
        self.issue = issue
        self.comments = comments
        self.labelEvents = labelEvents
        self.expectMatch = expectMatch
        self.location = location
    }
}

/// Everything the selected rule files define, in file order.
public struct RuleSet: Sendable {
    public var rules: [Rule]
    /// The first `source:` a file gave (resolved relative to that file), used when `--source` is absent.
    public var defaultSource: String?

    public init(rules: [Rule], defaultSource: String? = nil) {
        self.rules = rules
        self.defaultSource = defaultSource
    }

    /// The issue fields the rules read, so decoders can skip the others (e.g. `body`).
    public var fieldsRead: IssueFieldSet {
        var fields = IssueFieldSet()
        for rule in rules {
            for part in rule.conditionParts { fields.formUnion(part.checked.facts.fieldsRead) }
        }
        return fields
    }
}
