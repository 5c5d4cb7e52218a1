/// The words around one group of CLI subcommands (`spintransport ring …`): its one-line
/// abstract, its discussion and the aliases of its entries.
///
/// The command tree itself comes from the ``Catalogue``: every computation is the subcommand
/// `command[1]` of the group `command[0]`. A group without a ``CommandGroup`` gets an abstract
/// listing its subcommands, so a new computation needs no entry here.
public struct CommandGroup: Sendable, Equatable {
  /// The group's word (`ring`), the first word of its computations' ``Computation/command``.
  public let name: String
  /// One line: what the group computes, citing the paper.
  public let abstract: String
  /// Units and conventions common to the group's subcommands (shown by `--help`).
  public let discussion: String
  /// Further names of the group's entries (`ring sweep` for `ring currents` with a sweep).
  public let aliases: [CommandAlias]

  public init(name: String, abstract: String, discussion: String = "", aliases: [CommandAlias] = []) {
    self.name = name
    self.abstract = abstract
    self.discussion = discussion
    self.aliases = aliases
  }
}

/// A second name of a catalogue entry inside its group (`ring sweep` = `ring currents` with a
/// required sweep).
public struct CommandAlias: Sendable, Equatable {
  /// The subcommand's name (`sweep`).
  public let name: String
  /// The entry's command path (`["ring", "currents"]`).
  public let command: [String]
  /// Whether the alias needs a sweep (`--vary` or a `START:STOP:COUNT` value); a value given to
  /// the swept parameter's own option is then dropped (`--theta 40 --vary theta=0:180:5`).
  public let requiresSweep: Bool

  public init(name: String, command: [String], requiresSweep: Bool = false) {
    self.name = name
    self.command = command
    self.requiresSweep = requiresSweep
  }
}
