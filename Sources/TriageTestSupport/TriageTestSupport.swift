/// Helpers shared by the test targets: position markers, fixtures, loopback test servers.
public enum TriageTestSupport {}
