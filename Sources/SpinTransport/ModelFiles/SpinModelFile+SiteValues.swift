import ModelFiles
import Numerics

extension SpinModelFile {
  /// A value of a spin model file that may differ from site to site (or bond to bond): one number
  /// or expression for all, or a list of one per site, `[v_0, v_1, …]`, read at index j.
  struct SiteValues: Sendable {
    let values: [ModelValue]
    /// Whether the file gave a list (one value per site or bond).
    let isList: Bool
    let path: String
    let location: SourceLocation

    /// Reads a number, an expression, or (with `lists`) an array of them at `node`.
    static func read(_ node: ModelNode, variables: [String], lists: Bool = true) throws -> SiteValues {
      if lists, case .array = node.value {
        let list = try node.array(maximumCount: SpinModelFile.maximumSites).map {
          try $0.modelValue(variables: variables)
        }
        return SiteValues(values: list, isList: true, path: node.path, location: node.location)
      }
      return SiteValues(
        values: [try node.modelValue(variables: variables)], isList: false, path: node.path, location: node.location)
    }

    /// Refuses a list whose length is not `count` (the sites, or the nearest-neighbour bonds).
    func check(count: Int, of what: String) throws {
      guard !isList || values.count == count else {
        throw ModelFileError(
          "invalid value for \(path): \(values.count) values (allowed: one per \(what), \(count) values)", at: location)
      }
    }

    /// The real value at index `j` with the variables `env`.
    func real(at j: Int, _ env: [Complex<Double>]) throws -> Double {
      try values[isList ? j : 0].real(env)
    }
  }
}
