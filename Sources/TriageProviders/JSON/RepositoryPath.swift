/// Derives an issue's `repo` (GitHub `owner/name`, GitLab the full group path) from the URLs and
/// references its JSON object carries, for objects that do not state it directly. Works on the UTF-8
/// bytes, since it runs once per issue and splitting `String`s would cost more than decoding the rest.
enum RepositoryPath {
    /// `https://api.github.com/repos/OWNER/REPO[/…]`, also GitHub Enterprise's
    /// `https://HOST/api/v3/repos/OWNER/REPO[/…]`: the two path components after `repos`.
    static func fromGitHubAPIURL(_ url: UnsafeRawBufferPointer) -> String? {
        var components = PathComponents(url)
        while let component = components.next() {
            guard url.slice(component).equals("repos") else { continue }
            guard let owner = components.next(), let name = components.next() else { return nil }
            return joined(url, [owner, name])
        }
        return nil
    }

    /// `https://github.com/OWNER/REPO/issues/1` (any host): the first two path components.
    static func fromGitHubWebURL(_ url: UnsafeRawBufferPointer) -> String? {
        var components = PathComponents(url)
        guard let owner = components.next(), let name = components.next() else { return nil }
        return joined(url, [owner, name])
    }

    /// GitLab's `references.full`, `group/sub/project#12` (issues) or `group/project!3` (merge
    /// requests): the part before the `#`/`!` and number; the whole text when it has no such suffix.
    static func fromGitLabReference(_ reference: UnsafeRawBufferPointer) -> String? {
        var end = reference.count
        while end > 0, reference[end - 1] &- 0x30 < 10 { end -= 1 }
        if end < reference.count, end > 0, reference[end - 1] == 0x23 || reference[end - 1] == 0x21 {
            end -= 1
        } else {
            end = reference.count
        }
        return end == 0 ? nil : JSONScanner.makeString(reference.slice(0..<end))
    }

    /// `https://gitlab.com/group/sub/project/-/issues/1`: the path before `/-/`; for old URLs without
    /// it, the path minus a trailing `issues|merge_requests|work_items/N`. A GitLab installed under a
    /// relative URL root cannot be told apart from a group here; `references.full` is preferred for that.
    static func fromGitLabWebURL(_ url: UnsafeRawBufferPointer) -> String? {
        var path: [Range<Int>] = []
        var components = PathComponents(url)
        while let component = components.next() {
            if url.slice(component).equals("-") { break }
            path.append(component)
        }
        if path.count >= 3, path[path.count - 1].allSatisfy({ url[$0] &- 0x30 < 10 }) {
            let kind = url.slice(path[path.count - 2])
            if kind.equals("issues") || kind.equals("merge_requests") || kind.equals("work_items") { path.removeLast(2) }
        }
        return path.isEmpty ? nil : joined(url, path)
    }

    /// The components joined with `/`.
    private static func joined(_ bytes: UnsafeRawBufferPointer, _ components: [Range<Int>]) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(components.reduce(components.count) { $0 + $1.count })
        for (index, component) in components.enumerated() {
            if index > 0 { text.append(0x2F) }
            text.append(contentsOf: bytes.slice(component))
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// The path components of an absolute URL (after the scheme and host, before any query or fragment),
/// as byte ranges; for text without `://`, all of its `/`-separated components.
private struct PathComponents: IteratorProtocol {
    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    private let end: Int

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        var end = 0
        while end < bytes.count, bytes[end] != 0x3F, bytes[end] != 0x23 { end += 1 }  // '?', '#'
        self.end = end
        var index = 0
        while index + 2 < end, bytes[index] != 0x2F { index += 1 }
        if index > 0, index + 2 < end, bytes[index - 1] == 0x3A, bytes[index + 1] == 0x2F {  // "://"
            index += 2
            while index < end, bytes[index] != 0x2F { index += 1 }  // the host
            self.index = index
        }
    }

    mutating func next() -> Range<Int>? {
        while index < end, bytes[index] == 0x2F { index += 1 }
        guard index < end else { return nil }
        let start = index
        while index < end, bytes[index] != 0x2F { index += 1 }
        return start..<index
    }
}
