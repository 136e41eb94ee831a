/// Every key the decoder reads, across the three shapes, plus the members it pulls out of nested
/// objects while passing over them (`user.login`, `reactions["+1"]`, …). The scan records, per slot,
/// the offset of the value (`-1`: absent); the mapping for the detected shape then reads the values it
/// needs from those offsets. Keys not listed here are skipped without being decoded.
enum IssueSlot: Int, CaseIterable {
    case number, iid, title, body, description, state, kind, draft, workInProgress
    case user, userLogin, author, authorUsername, authorAssociation
    case labels, assignees, assignee, assigneeLogin, assigneeUsername, milestone, milestoneTitle
    case comments, userNotesCount, reactions, reactionsTotal, reactionsPlusOne, upvotes, downvotes
    case locked, discussionLocked
    case created, createdAt, updated, updatedAt, closed, closedAt, mergedAt
    case url, htmlURL, webURL, repositoryURL, repo, references, referencesFull
    case pullRequest, nodeID, mergeStatus, sourceBranch, targetBranch
    case commentsData, labelEvents, reviews, linkedPrs, checks

    /// The key as error messages name it (a `StaticString`: it is passed on every read, so it must
    /// cost nothing until an error is built).
    var keyPath: StaticString {
        switch self {
        case .number: "number"
        case .iid: "iid"
        case .title: "title"
        case .body: "body"
        case .description: "description"
        case .state: "state"
        case .kind: "kind"
        case .draft: "draft"
        case .workInProgress: "work_in_progress"
        case .user: "user"
        case .userLogin: "user.login"
        case .author: "author"
        case .authorUsername: "author.username"
        case .authorAssociation: "author_association"
        case .labels: "labels"
        case .assignees: "assignees"
        case .assignee: "assignee"
        case .assigneeLogin: "assignee.login"
        case .assigneeUsername: "assignee.username"
        case .milestone: "milestone"
        case .milestoneTitle: "milestone.title"
        case .comments: "comments"
        case .userNotesCount: "user_notes_count"
        case .reactions: "reactions"
        case .reactionsTotal: "reactions.total_count"
        case .reactionsPlusOne: "reactions.+1"
        case .upvotes: "upvotes"
        case .downvotes: "downvotes"
        case .locked: "locked"
        case .discussionLocked: "discussion_locked"
        case .created: "created"
        case .createdAt: "created_at"
        case .updated: "updated"
        case .updatedAt: "updated_at"
        case .closed: "closed"
        case .closedAt: "closed_at"
        case .mergedAt: "merged_at"
        case .url: "url"
        case .htmlURL: "html_url"
        case .webURL: "web_url"
        case .repositoryURL: "repository_url"
        case .repo: "repo"
        case .references: "references"
        case .referencesFull: "references.full"
        case .pullRequest: "pull_request"
        case .nodeID: "node_id"
        case .mergeStatus: "merge_status"
        case .sourceBranch: "source_branch"
        case .targetBranch: "target_branch"
        case .commentsData: "comments_data"
        case .labelEvents: "label_events"
        case .reviews: "reviews"
        case .linkedPrs: "linked_prs"
        case .checks: "checks"
        }
    }

    /// The slot for a top-level key; a switch on length then first byte keeps this to one or two
    /// `memcmp`s per key, since every object has dozens of keys.
    @inline(__always)
    static func topLevel(_ key: UnsafeRawBufferPointer) -> IssueSlot? {
        guard key.count >= 3, key.count <= 18 else { return nil }
        let first = key[0]
        switch key.count {
        case 3:
            if first == 0x69 { return key.equals("iid") ? .iid : nil }
            return key.equals("url") ? .url : nil
        case 4:
            switch first {
            case 0x62: return key.equals("body") ? .body : nil
            case 0x75: return key.equals("user") ? .user : nil
            case 0x6B: return key.equals("kind") ? .kind : nil
            case 0x72: return key.equals("repo") ? .repo : nil
            default: return nil
            }
        case 5:
            switch first {
            case 0x74: return key.equals("title") ? .title : nil
            case 0x73: return key.equals("state") ? .state : nil
            case 0x64: return key.equals("draft") ? .draft : nil
            default: return nil
            }
        case 6:
            switch first {
            case 0x6E: return key.equals("number") ? .number : nil
            case 0x61: return key.equals("author") ? .author : nil
            case 0x6C: return key.equals("labels") ? .labels : key.equals("locked") ? .locked : nil
            case 0x63: return key.equals("closed") ? .closed : key.equals("checks") ? .checks : nil
            default: return nil
            }
        case 7:
            switch first {
            case 0x6E: return key.equals("node_id") ? .nodeID : nil
            case 0x63: return key.equals("created") ? .created : nil
            case 0x75: return key.equals("updated") ? .updated : key.equals("upvotes") ? .upvotes : nil
            case 0x77: return key.equals("web_url") ? .webURL : nil
            case 0x72: return key.equals("reviews") ? .reviews : nil
            default: return nil
            }
        case 8:
            switch first {
            case 0x61: return key.equals("assignee") ? .assignee : nil
            case 0x68: return key.equals("html_url") ? .htmlURL : nil
            case 0x63: return key.equals("comments") ? .comments : nil
            default: return nil
            }
        case 9:
            switch first {
            case 0x61: return key.equals("assignees") ? .assignees : nil
            case 0x6D: return key.equals("milestone") ? .milestone : key.equals("merged_at") ? .mergedAt : nil
            case 0x72: return key.equals("reactions") ? .reactions : nil
            case 0x63: return key.equals("closed_at") ? .closedAt : nil
            case 0x64: return key.equals("downvotes") ? .downvotes : nil
            default: return nil
            }
        case 10:
            switch first {
            case 0x63: return key.equals("created_at") ? .createdAt : nil
            case 0x75: return key.equals("updated_at") ? .updatedAt : nil
            case 0x72: return key.equals("references") ? .references : nil
            case 0x6C: return key.equals("linked_prs") ? .linkedPrs : nil
            default: return nil
            }
        case 11:
            return key.equals("description") ? .description : nil
        case 12:
            switch first {
            case 0x6D: return key.equals("merge_status") ? .mergeStatus : nil
            case 0x70: return key.equals("pull_request") ? .pullRequest : nil
            case 0x6C: return key.equals("label_events") ? .labelEvents : nil
            default: return nil
            }
        case 13:
            switch first {
            case 0x73: return key.equals("source_branch") ? .sourceBranch : nil
            case 0x74: return key.equals("target_branch") ? .targetBranch : nil
            case 0x63: return key.equals("comments_data") ? .commentsData : nil
            default: return nil
            }
        case 14:
            return key.equals("repository_url") ? .repositoryURL : nil
        case 16:
            if first == 0x75 { return key.equals("user_notes_count") ? .userNotesCount : nil }
            return key.equals("work_in_progress") ? .workInProgress : nil
        case 17:
            return key.equals("discussion_locked") ? .discussionLocked : nil
        case 18:
            return key.equals("author_association") ? .authorAssociation : nil
        default:
            return nil
        }
    }
}
