public import TriageLanguage

/// 2024-06-01T00:00:00Z: the "now" every test evaluates at, so ages and durations in expected
/// results never depend on the day the suite runs.
public let testNow = Timestamp(year: 2024, month: 6, day: 1)!
