import ArgumentParser
import Foundation
import SpinTransport

/// A CLI subcommand that is one catalogue entry: its options, defaults, help and checks all
/// come from the entry's ``/Diagnostics/Parameter`` schema. One file per subcommand declares
/// the entry (`Commands/<Group>/<Subcommand>.swift`); nothing else is written per command.
protocol CatalogueEntry {
  /// The catalogue entry this command runs.
  static var computation: any Computation { get }
}

/// `spintransport <group> <name> [--flag VALUE …] [--vary NAME=SPEC …] [--save-study FILE]
/// [--columns A,B] [--format csv|json] [-o FILE] [--quiet]`.
///
/// Every parameter is `--<flag> VALUE` (negative values parse: `--angle -30`); a numeric value
/// written `START:STOP:COUNT` (or `v1,v2,…`) sweeps that parameter, as `--vary` does. The run
/// goes through ``/Studies/StudyRequest`` → ``/Studies/Study`` → ``/Studies/StudyRunner`` — the
/// same path as `spintransport run` — so `--save-study FILE` + `run` writes the same bytes.
struct CatalogueCommand<Entry: CatalogueEntry>: ParsableCommand {
  static var configuration: CommandConfiguration {
    let c = Entry.computation
    return CommandConfiguration(
      commandName: c.command.last!, abstract: c.summary,
      usage: "spintransport \(c.command.joined(separator: " ")) [--<parameter> <value> …] [--vary NAME=SPEC …] "
        + "[--save-study FILE] [--columns A,B] [--format csv|json] [-o FILE] [--quiet]",
      discussion: "Parameters, defaults and columns: spintransport \(c.command.joined(separator: " ")) --help, or spintransport models \(c.name).")
  }

  @Argument(parsing: .captureForPassthrough, help: .private)
  var arguments: [String] = []

  func run() throws {
    let computation = Entry.computation
    // Built-in flags reach us inside the captured arguments.
    if arguments.contains(where: { $0 == "--help" || $0 == "-h" }) {
      print(CatalogueHelp.full(computation), terminator: "")
      return
    }
    let line: CatalogueCommandLine
    do {
      line = try CatalogueCommandLine(arguments, computation: computation)
    } catch let error as InvalidParameter {
      throw ValidationError(CatalogueHelp.render(error, for: computation))
    }
    let typed = line.typed
    do {
      try line.execute(renderingErrors: { CatalogueHelp.render($0, for: computation, typed: typed) })
    } catch let error as InvalidParameter {
      throw ValidationError(CatalogueHelp.render(error, for: computation, typed: typed))
    }
  }
}
