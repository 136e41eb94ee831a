import Foundation
import Synchronization
import TriageEngine

/// "12/107 writes, about 1m35s left" on stderr while `apply --yes` writes, redrawn at most a few
/// times a second, only on a terminal: paced writes take a while, and a silent minute looks hung.
final class ApplyProgressLine: Sendable {
    private struct State {
        var lastDraw = Date.distantPast
        var drawn = false
    }

    private let enabled: Bool
    /// The source's least time between writes: the time left is at least the writes left times it.
    private let writeIntervalSeconds: Double
    private let started = Date()
    private let state = Mutex(State())

    init(enabled: Bool, writeIntervalSeconds: Double) {
        self.enabled = enabled
        self.writeIntervalSeconds = writeIntervalSeconds
    }

    /// After each write: `finished` of `planned` writes are done or failed.
    func update(finished: Int, planned: Int) {
        guard enabled else { return }
        let line: String? = state.withLock { state in
            let now = Date()
            guard finished == planned || now.timeIntervalSince(state.lastDraw) > 0.25 else { return nil }
            state.lastDraw = now
            state.drawn = true
            let elapsed = now.timeIntervalSince(started)
            let writesLeft = Double(planned - finished)
            let left = max(elapsed / Double(max(1, finished)) * writesLeft, writesLeft * writeIntervalSeconds)
            let eta = finished < planned ? ", about \(WritePacingEstimate.duration(left)) left" : ""
            return "\r\u{1B}[2K\(finished)/\(planned) writes\(eta)"
        }
        if let line { StandardStream.error.write(line) }
    }

    func clear() {
        guard enabled, state.withLock({ $0.drawn }) else { return }
        StandardStream.error.write("\r\u{1B}[2K")
    }
}
