// Turns every Content/*.md file into one generated Swift source so the installed binary
// carries its default decks and needs no files beside it.
import Foundation
import PackagePlugin

@main
struct EmbedContentPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let contentDirectory = context.package.directoryURL.appending(path: "Content")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: contentDirectory.path)) ?? []
        let inputs = names.filter { $0.hasSuffix(".md") }.sorted().map { contentDirectory.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedContent.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) Content file(s)",
                executable: try context.tool(named: "content-embedder").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }
}
