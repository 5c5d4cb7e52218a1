import ModelFiles

extension SampleTable {
  /// A table written in the model file itself, one array of numbers per column:
  ///
  ///     table = { x_nm = [-20, 0, 20], m_x = [0, 1, 0], m_y = [0, 0, 0], m_z = [1, 0, -1] }
  ///
  /// The keys are the CSV header's column names; a group of columns `v_x, v_y, v_z` may instead be
  /// one array of rows `v = [[x, y, z], …]` (one row per sample). Every column has the same number
  /// of samples. Errors are located at the offending key or value of the model file.
  init(inline node: ModelNode, allowed: [String]) throws {
    let groups = Self.vectorGroups(allowed)
    let keys = allowed + groups.map { $0 + " (rows [x, y, z])" }
    let t = try node.table(allowedKeys: allowed + groups)
    var names: [String] = [], columns: [[Double]] = [], places: [[SourceLocation]] = []
    var length: (count: Int, key: String)?
    for key in t.keys {
      let value = t[key]!
      let list = try value.array(maximumCount: Self.maximumRows)
      if let first = length, first.count != list.count {
        throw value.invalid("\(first.count) values, one per sample as \(first.key) has")
      }
      length = length ?? (list.count, key)
      if groups.contains(key) {
        let components = ["x", "y", "z"].map { "\(key)_\($0)" }
        if let clash = components.first(where: { t[$0] != nil }) {
          throw value.invalid(
            "either \(key) (rows [x, y, z]) or the columns \(components.joined(separator: ", ")), not both (\(clash) is given)"
          )
        }
        var rows: [[Double]] = [], at: [[SourceLocation]] = []
        for row in list {
          guard case .array(let r) = row.value, r.count == 3 else {
            throw row.invalid("a row [x, y, z] of three numbers, one row per sample")
          }
          rows.append(try r.map { try $0.number() })
          at.append(r.map(\.location))
        }
        for c in 0..<3 {
          names.append(components[c])
          columns.append(rows.map { $0[c] })
          places.append(at.map { $0[c] })
        }
      } else {
        names.append(key)
        columns.append(try list.map { try $0.number() })
        places.append(list.map(\.location))
      }
    }
    guard let n = length?.count else {
      throw node.invalid("columns as arrays of numbers: \(keys.joined(separator: ", "))")
    }
    self.init(
      names: names, rows: (0..<n).map { r in columns.map { $0[r] } },
      places: .inline(table: node.location, values: (0..<n).map { r in places.map { $0[r] } }))
  }

  /// The names `v` of the allowed column groups `v_x, v_y, v_z`.
  static func vectorGroups(_ allowed: [String]) -> [String] {
    allowed.filter { $0.hasSuffix("_x") }.map { String($0.dropLast(2)) }
      .filter { v in allowed.contains(v + "_y") && allowed.contains(v + "_z") }
  }
}
