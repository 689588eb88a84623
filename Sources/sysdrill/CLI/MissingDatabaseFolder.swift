import Study

/// A database path given with `--db` or `SYSDRILL_DB` whose folder does not exist. Only the
/// default location's folders are created: a mistyped path would otherwise get a fresh,
/// empty database, and the user's progress would look gone.
struct MissingDatabaseFolder: ReportableError {
    let path: String
    let folder: String
    let source: String

    /// Throws when `path`'s folder is missing (a bare file name is in the current folder).
    static func check(_ path: String, from source: String) throws {
        guard let slash = path.lastIndex(of: "/") else { return }
        let folder = slash == path.startIndex ? "/" : String(path[..<slash])
        if FileSystem.info(folder)?.isFolder == true { return }
        throw MissingDatabaseFolder(path: path, folder: folder, source: source)
    }

    var exitCode: Int32 { ExitCode.noInput }

    func message(verbose: Bool) -> String {
        "\(source) \(path): no folder \(folder)"
    }

    var hint: String? {
        "Check the path, or create the folder first (only the default location's folders are made for you)."
    }
}
