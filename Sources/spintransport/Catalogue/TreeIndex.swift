import ArgumentParser

/// A position in the command tree as a type: swift-argument-parser knows subcommands as types,
/// so group `g`, subcommand `s` of the tree is the type `CatalogueSubcommand<G, S>` with
/// `G.index == g`, `S.index == s` (``FirstIndex``, `NextIndex<FirstIndex>`, …, as many as needed).
protocol TreeIndex {
  static var index: Int { get }
}

/// Position 0.
enum FirstIndex: TreeIndex {
  static var index: Int { 0 }
}

/// The position after `Previous`.
enum NextIndex<Previous: TreeIndex>: TreeIndex {
  static var index: Int { Previous.index + 1 }
}

extension CommandTree {
  /// `count` distinct index types, positions 0 ..< count.
  static func indices(_ count: Int) -> [any TreeIndex.Type] {
    var out: [any TreeIndex.Type] = []
    var next: any TreeIndex.Type = FirstIndex.self
    for _ in 0..<count {
      out.append(next)
      next = successor(of: next)
    }
    return out
  }

  /// The command types of the groups, in order.
  var groupCommands: [ParsableCommand.Type] { Self.indices(groups.count).map { Self.groupCommand($0) } }

  private static func successor<T: TreeIndex>(of _: T.Type) -> any TreeIndex.Type { NextIndex<T>.self }
  private static func groupCommand<G: TreeIndex>(_: G.Type) -> ParsableCommand.Type { CatalogueGroupCommand<G>.self }
  /// The command type of subcommand `S` of group `G`.
  static func subcommand<G: TreeIndex, S: TreeIndex>(_: G.Type, _: S.Type) -> ParsableCommand.Type {
    CatalogueSubcommand<G, S>.self
  }
}
