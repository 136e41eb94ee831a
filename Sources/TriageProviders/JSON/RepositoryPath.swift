/// Derives an issue's `repo` (GitHub `owner/name`, GitLab the full group path) from the URLs and
/// references its JSON object carries, for objects that do not state it directly.
enum RepositoryPath {
    /// `https://api.github.com/repos/OWNER/REPO[/…]`, also GitHub Enterprise's
    /// `https://HOST/api/v3/repos/OWNER/REPO[/…]`: the two path components after `repos`.
    static func fromGitHubAPIURL(_ url: String) -> String? {
        let path = pathComponents(of: url)
        guard let repos = path.firstIndex(of: "repos"), path.count >= repos + 3 else { return nil }
        return "\(path[repos + 1])/\(path[repos + 2])"
    }

    /// `https://github.com/OWNER/REPO/issues/1` (any host): the first two path components.
    static func fromGitHubWebURL(_ url: String) -> String? {
        let path = pathComponents(of: url)
        guard path.count >= 2 else { return nil }
        return "\(path[0])/\(path[1])"
    }

    /// GitLab's `references.full`, `group/sub/project#12` (issues) or `group/project!3` (merge
    /// requests): the part before the `#`/`!` and number.
    static func fromGitLabReference(_ reference: String) -> String? {
        guard let marker = reference.lastIndex(where: { $0 == "#" || $0 == "!" }) else { return reference.isEmpty ? nil : reference }
        let suffix = reference[reference.index(after: marker)...]
        guard !suffix.isEmpty, suffix.allSatisfy(\.isASCIIDigit) else { return reference }
        return marker == reference.startIndex ? nil : String(reference[..<marker])
    }

    /// `https://gitlab.com/group/sub/project/-/issues/1`: the path before `/-/`; for old URLs without
    /// it, the path minus a trailing `issues|merge_requests|work_items/N`. A GitLab installed under a
    /// relative URL root cannot be told apart from a group here; `references.full` is preferred for that.
    static func fromGitLabWebURL(_ url: String) -> String? {
        var path = pathComponents(of: url)
        if let dash = path.firstIndex(of: "-") {
            path = Array(path[..<dash])
        } else if path.count >= 3, ["issues", "merge_requests", "work_items"].contains(path[path.count - 2]),
                  path[path.count - 1].allSatisfy(\.isASCIIDigit) {
            path.removeLast(2)
        }
        return path.isEmpty ? nil : path.joined(separator: "/")
    }

    /// The path components of an absolute URL (after the scheme and host, before any query or
    /// fragment); for a string without a scheme, all of its components.
    private static func pathComponents(of url: String) -> [String] {
        let withoutQuery = url.prefix { $0 != "?" && $0 != "#" }
        var parts = withoutQuery.split(separator: "/", omittingEmptySubsequences: true)
        if let scheme = parts.first, scheme.hasSuffix(":") {
            parts.removeFirst(min(2, parts.count))
        }
        return parts.map(String.init)
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
