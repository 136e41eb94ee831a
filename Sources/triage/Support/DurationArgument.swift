import ArgumentParser
import TriageLanguage

/// A time option's value (SPEC §6, "Conventions"): a duration written as in rule conditions
/// (`90s`, `15m`, `24h`, `1d`, `2w`, `1d12h` — read by the language's own lexer, so the two never
/// disagree), or a bare integer meaning seconds. Help shows the default the way a user would write
/// it (`15m`), not in seconds.
struct DurationArgument: ExpressibleByArgument, Hashable, Sendable {
    var seconds: Int

    init(seconds: Int) {
        self.seconds = seconds
    }

    init?(argument: String) {
        let (tokens, diagnostics) = Lexer.tokenize(argument)
        guard diagnostics.isEmpty, tokens.count == 2, tokens[1].kind == .endOfInput else { return nil }
        switch tokens[0].kind {
        case let .int(count): seconds = count
        case let .duration(span) where span.milliseconds % 1000 == 0: seconds = Int(span.milliseconds / 1000)
        default: return nil
        }
    }

    /// The canonical duration literal: 900 → `15m`, 86,400 → `1d`, 0 → `0s`.
    var description: String { TimeSpan.seconds(Int64(seconds)).sourceText }

    var defaultValueDescription: String { description }

    /// How the help describes the format.
    static let formatHelp = "a duration: 90s, 15m, 24h, 1d, 1d12h; a bare number is seconds"
}
