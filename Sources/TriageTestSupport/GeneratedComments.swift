public import TriageLanguage

/// The comments the in-memory fakes answer for an issue, derived from its number and comment count:
/// the last one is the author's own on even numbers and a maintainer's on odd ones, so rules about
/// who replied last match about half of the commented issues.
public func commentsFor(_ issue: TriageLanguage.Issue) -> [IssueComment] {
    (0..<issue.comments).map { index in
        IssueComment(author: index == issue.comments - 1 ? (issue.number % 2 == 0 ? issue.author : "maintainer") : "someone",
                     body: "comment \(index)", created: issue.created + .days(Int64(index)))
    }
}
