import SpinTransport

/// The command tree of one invocation, derived from a ``/Studies/Catalogue``: every computation
/// is the subcommand `command[1]` of the group `command[0]` (`spintransport ring currents`), in
/// catalogue order, each alias right after its entry. ``/Studies/CommandGroup`` values add each
/// group's abstract and discussion and the aliases; a group without one is described by its
/// subcommands. `reproduce`, `run` and `models` read the same catalogue (and figures).
struct CommandTree: Sendable {
  /// One group of subcommands (`ring`).
  struct Group: Sendable {
    let name: String
    let abstract: String
    let discussion: String
    let subcommands: [Subcommand]
  }

  /// One subcommand: a catalogue entry under its own name or an alias.
  struct Subcommand: Sendable {
    /// The name typed after the group (`currents`, or the alias `sweep`).
    let name: String
    let computation: any Computation
    /// Whether a sweep is required (an alias such as `ring sweep`).
    let requiresSweep: Bool
    /// The command as typed (`["ring", "sweep"]`).
    var path: [String] { [computation.command[0], name] }
    /// Whether this is an alias (its name differs from the entry's).
    var isAlias: Bool { name != computation.command[1] }
  }

  let catalogue: Catalogue
  let reproduction: Reproduction
  let groups: [Group]

  /// The tree of `catalogue`; `descriptions` give the groups' words and aliases (an alias of an
  /// entry not in `catalogue` is left out). Computations whose command is not two words long
  /// have no subcommand (they remain reachable through `run`).
  init(catalogue: Catalogue, descriptions: [CommandGroup], reproduction: Reproduction) {
    self.catalogue = catalogue
    self.reproduction = reproduction
    var order: [String] = []
    var members: [String: [any Computation]] = [:]
    for c in catalogue.computations where c.command.count == 2 {
      if members[c.command[0]] == nil { order.append(c.command[0]) }
      members[c.command[0], default: []].append(c)
    }
    groups = order.map { name in
      let description = descriptions.first { $0.name == name }
      var subcommands: [Subcommand] = []
      for c in members[name]! {
        subcommands.append(Subcommand(name: c.command[1], computation: c, requiresSweep: false))
        for alias in description?.aliases ?? [] where alias.command == c.command {
          subcommands.append(Subcommand(name: alias.name, computation: c, requiresSweep: alias.requiresSweep))
        }
      }
      let papers = Set(members[name]!.compactMap { $0.paper?.short })
      let fallback =
        "Computations: " + subcommands.map(\.name).joined(separator: ", ")
        + (papers.count == 1 ? " (\(papers.first!))." : ".")
      return Group(
        name: name, abstract: description?.abstract ?? fallback, discussion: description?.discussion ?? "",
        subcommands: subcommands)
    }
  }

  /// What the `spintransport` binary ships: ``/Studies/Catalogue/standard``, the groups' words
  /// of ``/Studies/CommandGroup/standard`` and every reproduced figure.
  static var standard: CommandTree {
    CommandTree(
      catalogue: .standard, descriptions: CommandGroup.standard,
      reproduction: Reproduction(
        figures: FigureCatalogue.all, planned: FigureCatalogue.planned, papers: Paper.implemented))
  }

  /// The tree of the running invocation, set by ``SpinTransportCLI/execute(_:tree:)`` before
  /// parsing (swift-argument-parser asks each command type for its configuration statically).
  nonisolated(unsafe) static var current: CommandTree = .standard
}
