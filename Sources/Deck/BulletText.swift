/// A bullet's text: where it is in the file (most bullets: one simple line, read where it
/// is, never copied), or a string (a bullet continued on more lines, or one that is not
/// simple). The rules that read it run on bytes when the text is simple (see
/// `SimpleText`) and on Characters otherwise.
enum BulletText: Equatable {
    /// Bytes of the file being parsed, which are simple.
    case file(Range<Int>)
    case string(String, simple: Bool)

    func string(in file: UnsafeBufferPointer<UInt8>) -> String {
        switch self {
        case .file(let range): return SimpleText.string(file, range)
        case .string(let text, _): return text
        }
    }

    var isSimple: Bool {
        switch self {
        case .file: return true
        case .string(_, let simple): return simple
        }
    }

    /// This text and `more` joined by a space (a continuation line).
    func appending(_ more: String, simple: Bool, in file: UnsafeBufferPointer<UInt8>) -> BulletText {
        .string(TextAssembly.concatenate(string(in: file), " ", more), simple: isSimple && simple)
    }

    /// `onBytes` on the text's bytes when it is simple, else `onCharacters` on its string.
    private func read<Result>(in file: UnsafeBufferPointer<UInt8>, onBytes: (UnsafeBufferPointer<UInt8>) -> Result,
                              onCharacters: (String) -> Result) -> Result {
        switch self {
        case .file(let range): return onBytes(UnsafeBufferPointer(rebasing: file[range]))
        case .string(let text, true): return SimpleText.withBytes(text, onBytes)
        case .string(let text, false): return onCharacters(text)
        }
    }

    /// `CardBuilder.isCrossReference`.
    func isCrossReference(in file: UnsafeBufferPointer<UInt8>) -> Bool {
        read(in: file, onBytes: CardBuilder.isCrossReferenceSimple, onCharacters: CardBuilder.isCrossReference)
    }

    /// `TermSplitter.split`.
    func split(in file: UnsafeBufferPointer<UInt8>) -> TermSplitter.Split? {
        read(in: file, onBytes: { bytes in
            TermSplitter.splitSimple(bytes).map {
                TermSplitter.Split(term: SimpleText.string(bytes, $0.term), definition: SimpleText.string(bytes, $0.definition))
            }
        }, onCharacters: TermSplitter.split)
    }

    /// `TermSplitter.heading(of:)`: the name of a parent bullet.
    func heading(in file: UnsafeBufferPointer<UInt8>) -> String {
        read(in: file, onBytes: { SimpleText.string($0, TermSplitter.headingSimple($0)) }, onCharacters: TermSplitter.heading)
    }
}
