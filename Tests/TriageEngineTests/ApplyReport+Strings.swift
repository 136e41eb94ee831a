import TriageEngine
import TriageLanguage
import TriageRules

/// The apply reports as one string each, for assertions: the same renderers `triage apply` writes in pieces.
extension ApplyReport {
    static func text(plan: ApplyPlan, result: ApplyResult?, source: String) -> String {
        var output = ""
        text(plan: plan, result: result, source: source, to: &output)
        return output
    }

    static func json(plan: ApplyPlan, result: ApplyResult?, source: String) -> String {
        var output = ""
        json(plan: plan, result: result, source: source, to: &output)
        return output
    }

    static func markdown(plan: ApplyPlan, result: ApplyResult?, source: String, limits: SummaryLimits = .standard) -> String {
        var output = ""
        markdown(plan: plan, result: result, source: source, limits: limits, to: &output)
        return output
    }

    static func html(_ run: ApplyRun.Result, rules: [Rule], source: String, now: Timestamp) -> String {
        var output = ""
        html(run, rules: rules, source: source, now: now, to: &output)
        return output
    }
}
