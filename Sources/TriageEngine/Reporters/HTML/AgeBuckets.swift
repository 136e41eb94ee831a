import TriageLanguage

/// The age histogram's buckets (SPEC §9): under a week, a month (30 days), three months (90 days),
/// a year (365 days), and older. An age is counted in the first bucket whose bound it is under.
enum AgeBuckets {
    /// Each bucket's label and exclusive upper bound; the last has none.
    static let buckets: [(label: String, shortLabel: String, under: TimeSpan?)] = [
        ("< 1 week", "< 1 wk", .days(7)), ("< 1 month", "< 1 mo", .days(30)), ("< 3 months", "< 3 mo", .days(90)),
        ("< 1 year", "< 1 yr", .days(365)), ("older", "older", nil),
    ]

    /// The index of the bucket `age` falls in (a negative age, created after `now`, in the first).
    static func bucket(of age: TimeSpan) -> Int {
        buckets.firstIndex { bucket in bucket.under.map { age < $0 } ?? true }!
    }

    /// How many of `bucketIndexes` (each from `bucket(of:)`) are each bucket, in bucket order.
    static func counts(ofBuckets bucketIndexes: some Sequence<Int>) -> [Int] {
        var counts = Array(repeating: 0, count: buckets.count)
        for index in bucketIndexes { counts[index] += 1 }
        return counts
    }
}
