import TriageEngine

/// The project a repository's web URL names, as the forges write them: the path up to GitLab's
/// `/-/` separator, without a trailing `.git`, and cut before a sub-page word in third place
/// (`o/r/issues/5` → `o/r`).
enum ProjectWebPath {
    static func of(_ url: WebURL, subpages: Set<String>) -> String {
        var path = url.path
        if let dash = path.firstIndex(of: "-") { path = Array(path[..<dash]) }
        if let last = path.last, last.hasSuffix(".git") { path[path.count - 1] = String(last.dropLast(4)) }
        if path.count > 2, subpages.contains(path[2]) { path = Array(path[..<2]) }
        return path.joined(separator: "/")
    }
}
