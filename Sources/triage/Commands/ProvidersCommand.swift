import ArgumentParser
import TriageEngine

/// `triage providers`: the registered providers and what they can do.
struct ProvidersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "providers", abstract: "List the registered issue providers and their capabilities.")

    func run() async throws {
        var output = ""
        for factory in SourceResolution.registry.factories {
            output += "\(factory.name)\n  \(factory.summary)\n"
            if !factory.hosts.isEmpty { output += "  hosts: \(factory.hosts.joined(separator: ", "))\n" }
            let lazy = factory.capabilities.lazyData.map(\.rawValue).sorted()
            let writes = factory.capabilities.writeActions.map(\.rawValue).sorted()
            output += "  lazy fields: \(lazy.isEmpty ? "none (only data embedded in the source)" : lazy.joined(separator: ", "))\n"
            output += "  write actions: \(writes.isEmpty ? "none" : writes.joined(separator: ", "))\n"
        }
        StandardStream.output.write(output)
        StandardStream.output.flush()
    }
}
