/// The version of `triage`, defined once: `--version` prints it and SARIF output names it.
public enum TriageVersion {
    public static let current = "0.1.0"
}
