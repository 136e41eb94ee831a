/// The `Link` response header (RFC 8288) as GitHub and GitLab send it: `<URL>; rel="next", …`.
///
/// URLs are used exactly as given, since GitHub points later pages at `/repositories/{id}/issues`
/// rather than the path that was requested.
public struct LinkHeader: Sendable, Equatable {
    public private(set) var links: [String: String] = [:]

    public init(_ value: String?) {
        guard let value else { return }
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let url = String(rest[rest.index(after: open)..<close])
            let paramsEnd = rest[close...].firstIndex(of: "<") ?? rest.endIndex
            let params = rest[rest.index(after: close)..<paramsEnd]
            for param in params.split(separator: ";") {
                let parts = param.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingSpaces == "rel" else { continue }
                let rels = parts[1].trimmingSpaces.filter { $0 != "\"" && $0 != "," }
                for rel in rels.split(separator: " ") where links[String(rel)] == nil { links[String(rel)] = url }
            }
            rest = rest[paramsEnd...]
        }
    }

    public var next: String? { links["next"] }
    public var last: String? { links["last"] }
}

extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "," { text = text.dropLast() }
        return text
    }
}

/// Reads and rewrites the `page` query parameter, to enumerate the pages between `next` and `last`.
enum PageURL {
    static func page(of url: String) -> Int? {
        queryItems(of: url).first { $0.name == "page" }.flatMap { Int($0.value) }
    }

    /// The page size `url` asks for (`per_page`), or 100 — the size every list here asks for.
    static func perPage(in url: String) -> Int {
        queryItems(of: url).first { $0.name == "per_page" }.flatMap { Int($0.value) } ?? 100
    }

    /// The page after a list's stored pages when the last of them answered 304 and was full: a full
    /// page can stay unchanged while a next one appears, so that page is read (unconditionally).
    /// Full is what the first of several pages held (the server's page size), or, for a one-page
    /// list, the `per_page` it asked for (which GitHub and GitLab honour up to 100; a server capping
    /// lower would leave one exactly full page unprobed). `objects` are the stored pages' object
    /// counts; `first` and `last` their first and last URLs.
    static func following(storedPages objects: [Int], first: String, last: String) -> String? {
        guard let final = objects.last, final > 0 else { return nil }
        let capacity = objects.count > 1 ? objects[0] : perPage(in: first)
        return final >= capacity ? settingPage(objects.count + 1, in: last) : nil
    }

    /// `url` with its `page` parameter set to `page` (appended when absent).
    static func settingPage(_ page: Int, in url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return "\(url)?page=\(page)" }
        let base = url[..<question]
        var found = false
        let items = url[url.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false).map { item -> String in
            if item.hasPrefix("page=") {
                found = true
                return "page=\(page)"
            }
            return String(item)
        }
        return "\(base)?\((found ? items : items + ["page=\(page)"]).joined(separator: "&"))"
    }

    static func queryItems(of url: String) -> [(name: String, value: String)] {
        guard let question = url.firstIndex(of: "?") else { return [] }
        return url[url.index(after: question)...].split(separator: "&").map { item in
            let parts = item.split(separator: "=", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }
}
