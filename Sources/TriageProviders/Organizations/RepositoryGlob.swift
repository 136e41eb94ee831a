/// A shell-style pattern on repository names (`api-*`, `svc-?`), matched case-insensitively as
/// GitHub and GitLab compare names: `*` is any run of characters, `?` any one character.
struct RepositoryGlob: Sendable {
    /// As written, for messages.
    let text: String
    let pattern: [Character]

    init(_ pattern: String) {
        text = pattern
        self.pattern = Array(pattern.lowercased())
    }

    /// Whether `text` contains a glob character, i.e. names a set rather than one repository.
    static func isPattern(_ text: some StringProtocol) -> Bool {
        text.contains { $0 == "*" || $0 == "?" }
    }

    func matches(_ name: String) -> Bool {
        let text = Array(name.lowercased())
        // Iterative matching with one backtrack point for the last `*`: linear for these patterns.
        var (p, t) = (0, 0)
        var star: (p: Int, t: Int)?
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = (p, t)
                p += 1
            } else if let last = star {
                p = last.p + 1
                t = last.t + 1
                star = (last.p, last.t + 1)
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
