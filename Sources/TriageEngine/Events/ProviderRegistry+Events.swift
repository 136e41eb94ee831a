public import TriageJSON

extension ProviderRegistry {
    /// Asks each factory that reads webhook payloads whether `payload` is one of its own; the first
    /// that recognizes it says what the event is. nil when no factory recognizes it.
    /// `environment` carries what the CI sets beside the payload (the event's name).
    public func readEvent(_ payload: JSONValue, environment: [String: String])
        throws(WebhookPayloadError) -> (factory: ProviderFactory, event: WebhookEvent)? {
        for factory in factories {
            guard let read = factory.readEvent else { continue }
            if let event = try read(payload, environment) { return (factory, event) }
        }
        return nil
    }
}
