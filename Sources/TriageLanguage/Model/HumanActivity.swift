/// Who counts as a human for `human_idle` and `last_human_comment` (SPEC §8): not a bot account
/// (`IssueComment.bot`, `PullReview.bot`, as each provider detects it) and, for comments, not one
/// carrying a `<!-- triage:` marker, so that this tool's own warnings never make an issue look active.
public enum HumanActivity {
    /// The marker every comment this tool writes carries.
    public static let marker = "<!-- triage:"

    public static func isHuman(_ comment: IssueComment) -> Bool {
        !comment.bot && !comment.body.contains(marker)
    }

    /// The newest comment written by a human; comments are in time order.
    public static func lastHumanComment(_ comments: [IssueComment]) -> IssueComment? {
        comments.last(where: isHuman)
    }

    /// The newest of `created`, the human comments and (for pull requests) the human reviews with a time.
    public static func lastActivity(created: Timestamp, comments: [IssueComment], reviews: [PullReview]) -> Timestamp {
        var newest = created
        if let comment = lastHumanComment(comments), comment.created > newest { newest = comment.created }
        for review in reviews where !review.bot {
            if let submitted = review.submitted, submitted > newest { newest = submitted }
        }
        return newest
    }
}
