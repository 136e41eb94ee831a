/// The built-in providers: files and stdin now; GitHub and GitLab REST clients next.
public enum TriageProviders {}
