extension Computation {
  /// The unit of each of `columns` (a parameter id or an output name) for a table's metadata:
  /// column → unit ("" dimensionless); names this computation does not know are left out.
  public func units(of columns: [String]) -> [String: String] {
    var units: [String: String] = [:]
    for name in columns {
      if let column = outputs.first(where: { $0.name == name }) {
        units[name] = column.unit
      } else if let parameter = parameters.first(where: { $0.id == name }) {
        units[name] = parameter.unit
      }
    }
    return units
  }

  /// ``units(of:)`` as the JSON object written under `metadata.units` and in `meta.json`.
  public func unitsJSON(of columns: [String]) -> JSONValue {
    .object(units(of: columns).mapValues(JSONValue.string))
  }
}
