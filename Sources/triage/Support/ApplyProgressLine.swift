import Foundation
import TriageEngine

/// "12/107 writes, about 1m35s left" on stderr while `apply --yes` writes (a `StatusLine`): paced
/// writes take a while, and a silent minute looks hung.
final class ApplyProgressLine: Sendable {
    private let line: StatusLine
    /// The source's least time between writes: the time left is at least the writes left times it.
    private let writeIntervalSeconds: Double

    init(enabled: Bool, writeIntervalSeconds: Double) {
        line = StatusLine(enabled: enabled)
        self.writeIntervalSeconds = writeIntervalSeconds
    }

    /// After each write: `finished` of `planned` writes are done or failed.
    func update(finished: Int, planned: Int) {
        line.draw(force: finished == planned) { now in
            let elapsed = now.timeIntervalSince(line.started)
            let writesLeft = Double(planned - finished)
            let left = max(elapsed / Double(max(1, finished)) * writesLeft, writesLeft * writeIntervalSeconds)
            let eta = finished < planned ? ", about \(WritePacingEstimate.duration(left)) left" : ""
            return "\(finished)/\(planned) writes\(eta)"
        }
    }

    func clear() { line.clear() }
}
