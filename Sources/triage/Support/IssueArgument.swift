import ArgumentParser

/// `--issue N`, or `--issue OWNER/NAME#N` for a source that spans repositories (SPEC §7).
struct IssueArgument: ExpressibleByArgument, Sendable, CustomStringConvertible {
    /// `owner/name`, when given.
    var repository: String?
    var number: Int

    init?(argument: String) {
        if let hash = argument.lastIndex(of: "#") {
            let repository = String(argument[..<hash])
            guard let number = Int(argument[argument.index(after: hash)...]), number > 0 else { return nil }
            self.repository = repository.isEmpty ? nil : repository
            self.number = number
        } else {
            guard let number = Int(argument), number > 0 else { return nil }
            repository = nil
            self.number = number
        }
    }

    var description: String { (repository ?? "") + (repository == nil ? "\(number)" : "#\(number)") }
}
