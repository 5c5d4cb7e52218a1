import ArgumentParser
import Foundation
import SpinTransport

/// `spintransport <group> …`: one group of the ``CommandTree`` (position `G`); its subcommands
/// are the group's catalogue entries and aliases.
struct CatalogueGroupCommand<G: TreeIndex>: ParsableCommand {
  static var configuration: CommandConfiguration {
    let group = CommandTree.current.groups[G.index]
    return CommandConfiguration(
      commandName: group.name, abstract: group.abstract, discussion: group.discussion,
      subcommands: CommandTree.indices(group.subcommands.count).map { CommandTree.subcommand(G.self, $0) })
  }
}

/// Marks the command types whose options the catalogue schema parses (not swift-argument-parser).
protocol SchemaParsedCommand {}

/// `spintransport <group> <name> [--flag VALUE …] [--vary NAME=SPEC …] [--save-study FILE]
/// [--columns A,B] [--format csv|json] [-o FILE] [--quiet]`: subcommand `S` of group `G` of
/// the ``CommandTree``, one catalogue entry.
///
/// swift-argument-parser selects the command; the arguments after it are parsed against the
/// entry's ``/Diagnostics/Parameter`` schema (``CatalogueCommandLine``), and the run goes
/// through ``/Studies/Study`` → ``/Studies/StudyRunner`` — the same path as `spintransport run` —
/// so `--save-study FILE` + `run` writes the same bytes.
struct CatalogueSubcommand<G: TreeIndex, S: TreeIndex>: ParsableCommand, SchemaParsedCommand {
  static var subcommand: CommandTree.Subcommand { CommandTree.current.groups[G.index].subcommands[S.index] }

  static var configuration: CommandConfiguration {
    let s = subcommand
    let c = s.computation
    let path = s.path.joined(separator: " ")
    let alias = s.isAlias ? " (\(c.command.joined(separator: " ")) with a required --vary)" : ""
    return CommandConfiguration(
      commandName: s.name, abstract: c.summary + alias,
      usage: "spintransport \(path) [--<parameter> <value> …] [--vary NAME=SPEC …] "
        + "[--save-study FILE] [--columns A,B] [--format csv|json] [-o FILE] [--quiet]",
      discussion: "Parameters, defaults and columns: spintransport \(path) --help, or spintransport models \(c.name).")
  }

  @Argument(parsing: .captureForPassthrough, help: .private)
  var arguments: [String] = []

  func run() throws { try Self.subcommand.run(arguments) }
}

extension CommandTree.Subcommand {
  /// Parses `arguments` against the entry's schema and runs it (or prints its `--help`).
  func run(_ arguments: [String]) throws {
    // `--model FILE`: the file's own parameters become options (before any value is parsed).
    let (specialised, arguments) = try ModelFileOption.apply(to: computation, arguments)
    if let specialised {
      return try CommandTree.Subcommand(name: name, computation: specialised, requiresSweep: requiresSweep)
        .runParsed(arguments)
    }
    try runParsed(arguments)
  }

  /// ``run(_:)`` once the computation is final (specialised to a model file, if any).
  func runParsed(_ arguments: [String]) throws {
    // Built-in flags reach us inside the captured arguments.
    if arguments.contains(where: { $0 == "--help" || $0 == "-h" }) {
      try OutputTarget.writeStandardOutput(CatalogueHelp.full(computation, path: path))
      return
    }
    let options = CatalogueOptions(computation, path: path)
    let line: CatalogueCommandLine
    do {
      line = try CatalogueCommandLine(
        requiresSweep ? droppingSweptValues(arguments) : arguments, options: options)
    } catch let error as InvalidParameter {
      throw ValidationError(CatalogueHelp.render(error, for: options))
    }
    if requiresSweep, line.request.sweeps.isEmpty {
      throw ValidationError(
        "invalid value for --vary: (missing) (allowed: `\(path.joined(separator: " "))` needs "
          + "--vary NAME=START:STOP:COUNT or NAME=v1,v2,…; without a sweep use `\(computation.command.joined(separator: " "))`)"
      )
    }
    let typed = line.typed
    do {
      try line.execute(renderingErrors: { CatalogueHelp.render($0, for: options, typed: typed) })
    } catch let error as InvalidParameter {
      throw ValidationError(CatalogueHelp.render(error, for: options, typed: typed))
    }
  }

  /// For an alias that requires a sweep: `--vary NAME=…` overrides a value given to NAME's own
  /// option (`--theta 40 --vary theta=0:180:5`), which is dropped here.
  func droppingSweptValues(_ arguments: [String]) -> [String] {
    var swept: Set<String> = []
    for (i, token) in arguments.enumerated() {
      let spec: String? =
        token.hasPrefix("--vary=")
        ? String(token.dropFirst(7)) : token == "--vary" && i + 1 < arguments.count ? arguments[i + 1] : nil
      if let name = spec?.split(separator: "=", maxSplits: 1).first, let p = computation.parameter(named: String(name))
      {
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
