import Foundation
import Synchronization

/// "12,345 issues read (4,100/s), 124 API calls" on stderr while `check` runs (a `StatusLine`).
final class ProgressLine: Sendable {
    private let line: StatusLine
    /// API calls so far; nil for sources that make none.
    private let apiCalls: @Sendable () -> Int?
    /// Issues read so far: counted without a lock, as `tick` runs once per issue.
    private let count = Atomic<Int>(0)

    init(enabled: Bool, apiCalls: @escaping @Sendable () -> Int? = { nil }) {
        line = StatusLine(enabled: enabled)
        self.apiCalls = apiCalls
    }

    func tick() {
        guard line.isEnabled else { return }
        let count = self.count.add(1, ordering: .relaxed).newValue
        line.draw { now in
            let rate = Double(count) / max(0.001, now.timeIntervalSince(line.started))
            return "\(count) issues read (\(Int(rate))/s)" + (apiCalls().map { ", \($0) API calls" } ?? "")
        }
    }

    func clear() { line.clear() }
}
