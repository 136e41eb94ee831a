import Synchronization

/// A thread-safe counter shared between a fake, the code under test and the test, which can wait
/// for it to reach a value (an event) instead of polling it.
public final class Tally: Sendable {
    private struct State {
        var value = 0
        var waiters: [(threshold: Int, gate: Gate)] = []
    }
    private let state = Mutex(State())

    public init() {}

    public var value: Int { state.withLock { $0.value } }

    @discardableResult public func increment() -> Int {
        let (value, reached) = state.withLock { state in
            state.value += 1
            let value = state.value
            let reached = state.waiters.filter { $0.threshold <= value }.map(\.gate)
            state.waiters.removeAll { $0.threshold <= value }
            return (value, reached)
        }
        for gate in reached { gate.open() }
        return value
    }

    /// Returns once the count is at least `threshold`; throws `CancellationError` if cancelled first.
    public func waitUntil(atLeast threshold: Int) async throws {
        let gate = Gate()
        let alreadyThere = state.withLock { state in
            if state.value >= threshold { return true }
            state.waiters.append((threshold, gate))
            return false
        }
        if alreadyThere { return }
        try await gate.wait()
    }
}

/// A thread-safe count per key (calls per issue number), with a waitable total.
public final class KeyedTally: Sendable {
    private let storage = Mutex<[Int: Int]>([:])
    private let totalTally = Tally()

    public init() {}

    public var counts: [Int: Int] { storage.withLock { $0 } }
    public var total: Int { totalTally.value }

    public func increment(_ key: Int) {
        storage.withLock { $0[key, default: 0] += 1 }
        totalTally.increment()
    }

    /// Returns once the counts add up to at least `threshold`.
    public func waitUntil(totalAtLeast threshold: Int) async throws {
        try await totalTally.waitUntil(atLeast: threshold)
    }
}
