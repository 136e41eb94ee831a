import Foundation
import Synchronization

/// One line of status on stderr, drawn over itself at most four times a second and only on a
/// terminal: what `check`'s issue count and `apply`'s write count share.
final class StatusLine: Sendable {
    private struct State {
        var lastDraw = Date.distantPast
        var drawn = false
    }

    let isEnabled: Bool
    /// When the line was made: rates and estimates count from here.
    let started = Date()
    private let state = Mutex(State())

    init(enabled: Bool) {
        isEnabled = enabled
    }

    /// Draws `text(now)` unless the line was drawn less than a quarter of a second ago (`force`
    /// draws anyway: a last state worth showing).
    func draw(force: Bool = false, _ text: (Date) -> String) {
        guard isEnabled else { return }
        let now: Date? = state.withLock { state in
            let now = Date()
            guard force || now.timeIntervalSince(state.lastDraw) > 0.25 else { return nil }
            state.lastDraw = now
            state.drawn = true
            return now
        }
        if let now { StandardStream.error.write("\r\u{1B}[2K" + text(now)) }
    }

    /// Erases the line if it was ever drawn.
    func clear() {
        guard isEnabled, state.withLock({ $0.drawn }) else { return }
        StandardStream.error.write("\r\u{1B}[2K")
    }
}
