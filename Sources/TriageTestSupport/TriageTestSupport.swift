/// Helpers shared by the test targets: the tests' `now`, rule files from text, position markers,
/// in-memory `IssueProvider` fakes, loopback test servers with a fake issue tracker, and events to
/// wait on (`Gate`, `Tally`) so that no test synchronizes on the clock.
public enum TriageTestSupport {}
