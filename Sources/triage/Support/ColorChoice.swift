import ArgumentParser
import Foundation

/// Whether text output is coloured. `auto` colours only a terminal, and not when `NO_COLOR` is set
/// to anything non-empty (https://no-color.org); an explicit `--color always` is the user asking
/// for this one run and wins over `NO_COLOR`, as no-color.org says command-line flags should.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    func enabled(for stream: StandardStream, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        switch self {
        case .auto: stream.isTerminal && (environment["NO_COLOR"] ?? "").isEmpty
        case .always: true
        case .never: false
        }
    }
}
