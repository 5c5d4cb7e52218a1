import Diagnostics
import Numerics

/// One parameter of a model file's `[params]`: a catalogue parameter for the runs of that file.
///
///     [params]
///     t2 = { value = 0.3, unit = "eV", min = 0, max = 2, help = "second-neighbour hopping" }
///     winding = 2                               # short form: a real number, dimensionless
///     layers = { value = 3, type = "integer", min = 1, max = 20 }
///
/// The study key / column name is the name with its unit as suffix (`t2_eV`, like the
/// catalogue's `gamma_eV`), the command-line flag the name with `_` → `-` (`--t2`), and in
/// expressions it is the bare name (`t2`). Names are letters, digits and `_` (a letter first);
/// they must not clash with the computation's own parameters (ids or flags), the expression
/// language's constants and functions, or the family's variables.
public struct ModelParameter: Sendable {
  /// The name used in expressions.
  public let name: String
  /// The catalogue parameter (id with unit suffix, flag, unit, range, default, help).
  public let parameter: Parameter
  /// Where its value is written.
  public let location: SourceLocation

  /// Longest parameter name (characters).
  static let maximumNameLength = 40
  /// Most parameters one file may declare.
  public static let maximumCount = 100

  /// The value at `values` (by ``parameter``'s id; its default when absent).
  public func value(in values: ParameterValues) -> Double {
    values[parameter.id]?.number ?? parameter.defaultValue?.number ?? .nan
  }
}

extension ModelDocument {
  /// The `[params]` of this file as catalogue parameters, in file order. `reserved`: the
  /// computation's own parameters; `variables`: the family's variable names. Throws
  /// ``ModelFileError`` at the offending key or value.
  public func parameters(reserved: [Parameter] = [], variables: [String] = []) throws -> [ModelParameter] {
    guard let node = root["params"] else { return [] }
    let table = try node.table()
    guard table.keys.count <= ModelParameter.maximumCount else {
      throw node.invalid("at most \(ModelParameter.maximumCount) parameters (found \(table.keys.count))")
    }
    let reservedNames = ModelExpression.reservedNames.union(variables)
    var result: [ModelParameter] = []
    for name in table.keys {
      let entry = table[name]!
      let at = entry.keyLocation
      let isIdentifier =
        name.first.map { $0.isASCII && $0.isLetter } ?? false
        && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
      guard isIdentifier, name.count <= ModelParameter.maximumNameLength else {
        throw ModelFileError(
          "invalid parameter name params.\(name) (allowed: letters, digits and _, a letter first, at most \(ModelParameter.maximumNameLength) characters)",
          at: at)
      }
      guard !reservedNames.contains(name) else {
        throw ModelFileError(
          "parameter name params.\(name) is taken by the expression language or the model's variables (allowed: another name; taken: \(reservedNames.sorted().joined(separator: ", ")))",
          at: at)
      }
      var value: ModelNode = entry
      var unit = "", help = "", isInteger = false
      var lower = -Double.greatestFiniteMagnitude, upper = Double.greatestFiniteMagnitude
      if case .table = entry.value {
        let t = try entry.table(allowedKeys: ["value", "unit", "min", "max", "help", "type"])
        value = try t.required("value", allowed: "value = a number")
        if let u = t["unit"] {
          unit = try u.string()
          guard unit.count <= 16, unit.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw u.invalid(
              "a unit of letters and digits, e.g. \"eV\", \"meV\", \"T\", \"K\", \"rad\" (or \"\" for none)")
          }
        }
        if let h = t["help"] {
          help = try h.string()
          guard help.count <= 300, !help.contains("\n") else { throw h.invalid("one line of at most 300 characters") }
        }
        if let k = t["type"] { isInteger = try k.choice(["real", "integer"]) == "integer" }
        if let m = t["min"] { lower = try m.number() }
        if let m = t["max"] { upper = try m.number() }
        guard lower <= upper else { throw t["max"]!.invalid("max ≥ min = \(lower)") }
      }
      let x = try value.number()
      guard (lower...upper).contains(x) else {
        throw value.invalid("a value in [\(lower), \(upper)] (its min and max)")
      }
      let id = unit.isEmpty ? name : name + "_" + unit
      let flag = name.replacingOccurrences(of: "_", with: "-")
      if let clash = reserved.first(where: { $0.id == id || $0.flag == flag || $0.id == name }) {
        throw ModelFileError(
          "parameter params.\(name) clashes with the computation's parameter \(clash.id) (--\(clash.flag)) (allowed: another name)",
          at: at)
      }
      if let clash = result.first(where: { $0.parameter.id == id || $0.parameter.flag == flag }) {
        throw ModelFileError(
          "parameter params.\(name) clashes with params.\(clash.name) (allowed: distinct names)", at: at)
      }
      let shownHelp = (help.isEmpty ? "model-file parameter \(name)" : help) + " (from the model file)"
      let parameter: Parameter
      if isInteger {
        guard let n = Int(exactly: x) else { throw value.invalid("an integer (type = \"integer\")") }
        let lo = lower <= -9e18 ? Int.min : Int(lower.rounded(.up))
        let hi = upper >= 9e18 ? Int.max : Int(upper.rounded(.down))
        parameter = .integer(id, flag: flag, symbol: name, default: n, range: lo...hi, help: shownHelp)
      } else {
        parameter = .real(id, flag: flag, symbol: name, unit: unit, default: x, range: lower...upper, help: shownHelp)
      }
      result.append(ModelParameter(name: name, parameter: parameter, location: value.location))
    }
    return result
  }
}
