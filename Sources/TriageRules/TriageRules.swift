/// Rule files: loading through libyaml, the rule-file model, lint checks and the `test` runner.
public enum TriageRules {}
