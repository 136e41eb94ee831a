/// Keeps tokens out of every trace line and error message: auth headers are printed as `[redacted]`,
/// and any text that might echo a token (a server's error body, a URL) is scrubbed before it leaves.
public struct TokenRedaction: Sendable {
    /// Header names whose values are credentials.
    static let secretHeaders: Set<String> = ["authorization", "private-token", "proxy-authorization", "cookie", "set-cookie"]
    public static let placeholder = "[redacted]"

    let secrets: [String]

    public init(secrets: [String?]) {
        // Very short values would scrub ordinary words; real tokens are long.
        self.secrets = secrets.compactMap { $0 }.filter { $0.count >= 4 }
    }

    /// `headers` as `Name: value` lines, credentials replaced.
    public func describe(_ headers: [(name: String, value: String)]) -> String {
        headers.map { header in
            let value = Self.secretHeaders.contains(header.name.lowercased()) ? Self.placeholder : scrub(header.value)
            return "\(header.name): \(value)"
        }.joined(separator: ", ")
    }

    /// `text` with every occurrence of a secret replaced.
    public func scrub(_ text: String) -> String {
        secrets.reduce(text) { $0.replacing($1, with: Self.placeholder) }
    }
}
