import TriageEngine
import TriageLanguage
import TriageRules

/// Which API shape an issue object has; detected per object so one file may mix GitHub, GitLab and
/// normalized issues (e.g. a merged export of several sources).
///
/// Detection, first match wins:
/// 1. GitLab if the object has `iid` (GitHub never sends it; checked first because GitLab merge
///    requests also carry a `user` object, `{"can_merge": …}`).
/// 2. GitHub if it has `html_url`, `node_id`, `pull_request`, or a `user` object.
/// 3. GitLab if it has `web_url`, or an `author` object with a `username`.
/// 4. Normalized otherwise (the SPEC §1 field names; see `IssueJSONDecoder`).
public enum IssueJSONShape: Hashable, Sendable {
    case github, gitlab, normalized
}

extension IssueObject {
    /// This object's shape, by the rules on `IssueJSONShape`.
    var shape: IssueJSONShape {
        if has(.iid) { return .gitlab }
        if has(.htmlURL) || has(.nodeID) || has(.pullRequest) || firstByte(.user) == ASCII.openBrace { return .github }
        if has(.webURL) || has(.authorUsername) { return .gitlab }
        return .normalized
    }

    /// The `Issue`, by the mapping for this object's shape.
    func issue() throws(IssueJSONError) -> Issue {
        var issue = switch shape {
        case .github: try githubIssue()
        case .gitlab: try gitlabIssue()
        case .normalized: try normalizedIssue()
        }
        // The body was not read, but the engine must still see that this is a report.
        if skippedBodyCarriesReportMarker { issue.body = ReportMarker.prefix }
        return issue
    }
}
