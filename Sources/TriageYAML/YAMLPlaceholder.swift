/// A position-preserving YAML node tree over libyaml.
public enum TriageYAML {}
