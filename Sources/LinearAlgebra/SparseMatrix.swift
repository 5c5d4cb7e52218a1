/// A compressed-sparse-row matrix for operators built bond by bond (Hamiltonians, currents).
///
/// Used for sparse × dense products (O(nnz · columns)); factorisations stay dense (LAPACK).
/// Duplicate (row, column) entries given to the initialiser are summed.
public struct SparseMatrix<Element: LinearAlgebraScalar>: Sendable, Equatable {
  public let rows: Int
  public let columns: Int
  /// Row pointers (count rows + 1), column indices and values, CSR layout.
  public let rowStart: [Int]
  let columnIndex: [Int]
  public let values: [Element]

  /// Builds from (row, column, value) triplets; duplicates are summed, exact zeros kept.
  public init(rows: Int, columns: Int, triplets: [(row: Int, column: Int, value: Element)]) throws {
    for t in triplets where !(0..<rows).contains(t.row) || !(0..<columns).contains(t.column) {
      throw LinearAlgebraError.dimensionMismatch("entry (\(t.row), \(t.column)) outside \(rows)×\(columns)")
    }
    // Bucket by row (stable), then order each row by column (stable) and sum duplicates in
    // the order given: O(nnz log(nnz per row)), no hashing.
    var count = [Int](repeating: 0, count: rows + 1)
    for t in triplets { count[t.row + 1] += 1 }
    for r in 0..<rows { count[r + 1] += count[r] }
    var fill = count
    var order = [Int](repeating: 0, count: triplets.count)
    for (k, t) in triplets.enumerated() {
      order[fill[t.row]] = k
      fill[t.row] += 1
    }
    var start = [0]
    start.reserveCapacity(rows + 1)
    var cols: [Int] = []
    var vals: [Element] = []
    cols.reserveCapacity(triplets.count)
    vals.reserveCapacity(triplets.count)
    for r in 0..<rows {
      let row = order[count[r]..<count[r + 1]].sorted {
        triplets[$0].column != triplets[$1].column ? triplets[$0].column < triplets[$1].column : $0 < $1
      }
      var previous = -1
      for k in row {
        let t = triplets[k]
        if t.column != previous {
          cols.append(t.column)
          vals.append(.zero + t.value)
          previous = t.column
        } else {
          vals[vals.count - 1] += t.value
        }
      }
      start.append(cols.count)
    }
    self.rows = rows
    self.columns = columns
    rowStart = start
    columnIndex = cols
    values = vals
  }

  /// Number of stored entries.
  var nonZeroCount: Int { values.count }

  /// The dense equivalent.
  public var dense: Matrix<Element> {
    var m = Matrix<Element>(rows: rows, columns: columns)
    for r in 0..<rows { for k in rowStart[r]..<rowStart[r + 1] { m[r, columnIndex[k]] += values[k] } }
    return m
  }

  /// Self · B for a dense B.
  public func multiply(_ b: Matrix<Element>) throws -> Matrix<Element> {
    guard b.rows == columns else {
      throw LinearAlgebraError.dimensionMismatch("sparse \(rows)×\(columns) times dense \(b.rows)×\(b.columns)")
    }
    var out = Matrix<Element>(rows: rows, columns: b.columns)
    multiply(b, into: &out)
    return out
  }

  /// In-place partner of ``multiply(_:)``: out := Self · B (shapes checked by precondition).
  public func multiply(_ b: Matrix<Element>, into out: inout Matrix<Element>) {
    precondition(b.rows == columns && out.rows == rows && out.columns == b.columns)
    let n = rows, m = b.rows
    b.elements.withUnsafeBufferPointer { pb in
      out.elements.withUnsafeMutableBufferPointer { po in
        for j in 0..<b.columns {
          for r in 0..<n {
            var s = Element.zero
            for k in rowStart[r]..<rowStart[r + 1] { s += values[k] * pb[columnIndex[k] + j * m] }
            po[r + j * n] = s
          }
        }
      }
    }
  }
}
