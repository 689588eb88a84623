#if canImport(Glibc)
import Glibc
#endif
import Study
import Review
import Practice
import Progress

// A closed pipe (`sysdrill cards | head`) must end output quietly, not kill us mid-write.
signal(SIGPIPE, SIG_IGN)
exit(App.main(arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessEnvironment.current()))
