import Foundation
import Synchronization

/// "12,345 issues read (4,100/s), 124 API calls" on stderr, redrawn at most a few times a second, only
/// on a terminal.
final class ProgressLine: Sendable {
    private struct State {
        var count = 0
        var lastDraw = Date.distantPast
        var drawn = false
    }

    private let enabled: Bool
    /// API calls so far; nil for sources that make none.
    private let apiCalls: @Sendable () -> Int?
    private let started = Date()
    private let state = Mutex(State())

    init(enabled: Bool, apiCalls: @escaping @Sendable () -> Int? = { nil }) {
        self.enabled = enabled
        self.apiCalls = apiCalls
    }

    func tick() {
        guard enabled else { return }
        let line: String? = state.withLock { state in
            state.count += 1
            let now = Date()
            guard now.timeIntervalSince(state.lastDraw) > 0.25 else { return nil }
            state.lastDraw = now
            state.drawn = true
            let rate = Double(state.count) / max(0.001, now.timeIntervalSince(started))
            return "\r\u{1B}[2K\(state.count) issues read (\(Int(rate))/s)" + (apiCalls().map { ", \($0) API calls" } ?? "")
        }
        if let line { StandardStream.error.write(line) }
    }

    func clear() {
        guard enabled, state.withLock({ $0.drawn }) else { return }
        StandardStream.error.write("\r\u{1B}[2K")
    }
}
