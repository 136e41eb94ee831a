import Testing
import TriageEngine

/// `--max-requests` (SPEC §7): units are reserved under a lock, so however many requests race for
/// them exactly `limit` are granted, and every refused request is remembered.
struct RequestBudgetTests {
    @Test func concurrentReservationsGrantExactlyTheLimitAndRememberTheRest() async {
        let budget = RequestBudget(limit: 37)
        let granted = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<200 {
                group.addTask {
                    do throws(RequestBudgetExhausted) {
                        try budget.reserve("https://api.test/page/\(index)")
                        return true
                    } catch {
                        return false
                    }
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(granted == 37 && budget.used == 37)
        #expect(budget.refused.count == 163 && Set(budget.refused).count == 163)
    }

    @Test func aZeroBudgetRefusesTheFirstRequest() {
        let budget = RequestBudget(limit: 0)
        #expect(throws: RequestBudgetExhausted.self) { try budget.reserve("https://api.test/first") }
        #expect(budget.refused == ["https://api.test/first"] && budget.used == 0)
    }
}
