import ArgumentParser
import Foundation
import SpinTransport

/// A CLI subcommand that is one catalogue entry: its options, defaults, help and checks all
/// come from the entry's ``/Diagnostics/Parameter`` schema. One file per subcommand declares
/// the entry (`Commands/<Group>/<Subcommand>.swift`); nothing else is written per command.
protocol CatalogueEntry {
  /// The catalogue entry this command runs.
  static var computation: any Computation { get }
  /// The subcommand's name when it is an alias (`sweep` for `ring currents`); nil: the last
  /// word of the entry's command path.
  static var commandName: String? { get }
  /// Whether the command needs a sweep (`--vary` or a START:STOP:COUNT value), as `ring sweep` does.
  static var requiresSweep: Bool { get }
}

extension CatalogueEntry {
  static var commandName: String? { nil }
  static var requiresSweep: Bool { false }
  /// The command path as typed (the alias in place of the entry's last word).
  static var commandPath: [String] {
    let c = computation.command
    return c.dropLast() + [commandName ?? c.last!]
  }
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
    let path = Entry.commandPath.joined(separator: " ")
    let alias = Entry.commandName.map { _ in " (\(c.command.joined(separator: " ")) with a required --vary)" } ?? ""
    return CommandConfiguration(
      commandName: Entry.commandPath.last!, abstract: c.summary + alias,
      usage: "spintransport \(path) [--<parameter> <value> …] [--vary NAME=SPEC …] "
        + "[--save-study FILE] [--columns A,B] [--format csv|json] [-o FILE] [--quiet]",
      discussion: "Parameters, defaults and columns: spintransport \(path) --help, or spintransport models \(c.name).")
  }

  @Argument(parsing: .captureForPassthrough, help: .private)
  var arguments: [String] = []

  func run() throws {
    // `--model FILE`: the file's own parameters become options (before any value is parsed).
    let (computation, arguments) = try ModelFileOption.apply(to: Entry.computation, self.arguments)
    // Built-in flags reach us inside the captured arguments.
    if arguments.contains(where: { $0 == "--help" || $0 == "-h" }) {
      try OutputTarget.writeStandardOutput(CatalogueHelp.full(computation, path: Entry.commandPath))
      return
    }
    let line: CatalogueCommandLine
    do {
      line = try CatalogueCommandLine(
        Entry.requiresSweep ? Self.droppingSweptValues(arguments, computation) : arguments, computation: computation)
    } catch let error as InvalidParameter {
      throw ValidationError(CatalogueHelp.render(error, for: computation))
    }
    if Entry.requiresSweep, line.request.sweeps.isEmpty {
      throw ValidationError(
        "invalid value for --vary: (missing) (allowed: `\(Entry.commandPath.joined(separator: " "))` needs "
          + "--vary NAME=START:STOP:COUNT or NAME=v1,v2,…; without a sweep use `\(computation.command.joined(separator: " "))`)")
    }
    let typed = line.typed
    do {
      try line.execute(renderingErrors: { CatalogueHelp.render($0, for: computation, typed: typed) })
    } catch let error as InvalidParameter {
      throw ValidationError(CatalogueHelp.render(error, for: computation, typed: typed))
    }
  }

  /// The former `ring sweep` semantics, kept for its alias: `--vary NAME=…` overrides a value
  /// given to NAME's own option (`--theta 40 --vary theta=0:180:5`), which is dropped here.
  static func droppingSweptValues(_ arguments: [String], _ computation: any Computation) -> [String] {
    var swept: Set<String> = []
    for (i, token) in arguments.enumerated() {
      let spec: String? =
        token.hasPrefix("--vary=") ? String(token.dropFirst(7)) : token == "--vary" && i + 1 < arguments.count ? arguments[i + 1] : nil
      if let name = spec?.split(separator: "=", maxSplits: 1).first, let p = computation.parameter(named: String(name)) {
        swept.insert(p.flag)
      }
    }
    var kept: [String] = []
    var i = 0
    while i < arguments.count {
      let token = arguments[i]
      let name = String(token.drop(while: { $0 == "-" }).prefix(while: { $0 != "=" }))
      if token.hasPrefix("--"), swept.contains(name) {
        i += token.contains("=") ? 1 : 2
        continue
      }
      kept.append(token)
      i += 1
    }
    return kept
  }
}
