import ArgumentParser
import TriageEngine
import TriageLanguage
import TriageRules

/// `--format` of `check`: the engine's `CheckFormat`, shown in help by its name.
struct CheckFormatOption: ExpressibleByArgument {
    var value: CheckFormat
    init?(argument: String) {
        guard let format = CheckFormat(rawValue: argument) else { return nil }
        value = format
    }
    static let text = CheckFormatOption(argument: "text")!
    static var allValueStrings: [String] { CheckFormat.allCases.map(\.rawValue) }
    var defaultValueDescription: String { value.rawValue }
}

/// `--fail-on`: the lowest severity whose matches fail the run.
enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case none, info, warning, error

    var severity: Severity? {
        switch self {
        case .none: nil
        case .info: .info
        case .warning: .warning
        case .error: .error
        }
    }
}
