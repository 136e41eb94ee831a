import TriageEngine

extension APIClient {
    /// The client a remote factory builds for one run: the token from the first of
    /// `tokenVariables` that is set and not empty, and the run's retry policy, read budget, write
    /// pacing (`defaultWriteInterval` unless `--write-interval` says otherwise) and logger. What
    /// differs between hosts — name, token variables, auth header, extra headers, pacing — is
    /// the factory's; everything else is the same for every host.
    static func forRun(_ configuration: ProviderConfiguration, hostName: String, tokenVariables: [String],
                       authHeader: (String) -> (name: String, value: String), extraHeaders: [(name: String, value: String)] = [],
                       defaultWriteInterval: Double) -> APIClient {
        let token = tokenVariables.lazy.compactMap { BuiltinProviders.nonEmpty(configuration.environment[$0]) }.first
        return APIClient(
            hostName: hostName, tokenVariables: tokenVariables.joined(separator: " or "), token: token,
            authHeader: authHeader, extraHeaders: extraHeaders,
            transport: AsyncHTTPClientTransport(), policy: RetryPolicy(maxWaitSeconds: configuration.maxWaitSeconds),
            writeIntervalSeconds: configuration.writeIntervalSeconds ?? defaultWriteInterval,
            readBudget: configuration.requestBudget,
            log: configuration.logger.note, trace: configuration.logger.trace)
    }
}
