// Turns every Content/*.md file (the default decks) and Content/drills/*.md file (the
// built-in drills' rubrics) into one generated Swift source, so the installed binary
// needs no files beside it.
import Foundation
import PackagePlugin

@main
struct EmbedContentPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let contentDirectory = context.package.directoryURL.appending(path: "Content")
        func markdown(in folder: String) -> [String] {
            let path = folder.isEmpty ? contentDirectory.path : contentDirectory.appending(path: folder).path
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.filter { $0.hasSuffix(".md") }.sorted().map { folder.isEmpty ? $0 : folder + "/" + $0 }
        }
        let inputs = (markdown(in: "") + markdown(in: "drills")).map { contentDirectory.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedContent.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) Content file(s)",
                executable: try context.tool(named: "content-embedder").url,
                arguments: [output.path, contentDirectory.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }
}
