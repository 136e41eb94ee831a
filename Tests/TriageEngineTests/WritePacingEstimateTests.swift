import Testing
import TriageEngine

/// What a dry run says about the time paced writes take (issue 13).
struct WritePacingEstimateTests {
    @Test(arguments: [
        (107, 1.0, "about 1m47s at 1 write/s"),
        (1, 1.0, "about 1s at 1 write/s"),
        (30, 2.0, "about 1m at 1 write every 2s"),
        (10, 0.5, "about 5s at 2 writes/s"),
        (4000, 1.0, "about 1h6m at 1 write/s"),
        (3, 90.0, "about 4m30s at 1 write every 1m30s"),
    ])
    func aPacedPlanSaysHowLongAndAtWhatRate(writes: Int, interval: Double, phrase: String) {
        #expect(WritePacingEstimate(writes: writes, intervalSeconds: interval).phrase == phrase)
    }

    @Test func noWritesOrNoIntervalSayNothing() {
        #expect(WritePacingEstimate(writes: 0, intervalSeconds: 1).phrase == nil)
        #expect(WritePacingEstimate(writes: 50, intervalSeconds: 0).phrase == nil)
        #expect(WritePacingEstimate(writes: 50, intervalSeconds: 0).seconds == 0)
    }
}
