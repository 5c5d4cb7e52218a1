import Numerics

/// A dense column-major matrix of `Double` or `Complex<Double>`.
///
/// Element (i, j) is stored at `elements[i + j * rows]` (LAPACK order), so matrices go to
/// BLAS/LAPACK without copies or transposes. Value semantics (copy on write).
public struct Matrix<Element: LinearAlgebraScalar>: Sendable, Equatable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// Column-major storage, `rows * columns` entries.
  public var elements: [Element]

  /// A `rows × columns` matrix filled with `value`.
  @inlinable public init(rows: Int, columns: Int, repeating value: Element = .zero) {
    precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
    self.rows = rows
    self.columns = columns
    elements = Array(repeating: value, count: rows * columns)
  }

  /// A matrix from column-major `elements` (count must be `rows * columns`).
  @inlinable public init(rows: Int, columns: Int, elements: [Element]) throws {
    guard elements.count == rows * columns else {
      throw LinearAlgebraError.dimensionMismatch("\(elements.count) elements for a \(rows)×\(columns) matrix")
    }
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// A matrix whose (i, j) entry is `entry(i, j)`.
  @inlinable public init(rows: Int, columns: Int, _ entry: (Int, Int) -> Element) {
    self.init(rows: rows, columns: columns)
    for j in 0..<columns { for i in 0..<rows { elements[i + j * rows] = entry(i, j) } }
  }

  /// A matrix from row arrays (convenient in tests): `Matrix(rowsOf: [[1, 2], [3, 4]])`.
  public init(rowsOf rowArrays: [[Element]]) {
    let r = rowArrays.count
    let c = rowArrays.first?.count ?? 0
    precondition(rowArrays.allSatisfy { $0.count == c }, "all rows must have the same length")
    self.init(rows: r, columns: c) { rowArrays[$0][$1] }
  }

  /// The n×n identity.
  @inlinable public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m.elements[i + i * n] = .one }
    return m
  }

  /// A square diagonal matrix.
  @inlinable public static func diagonal(_ values: [Element]) -> Matrix {
    var m = Matrix(rows: values.count, columns: values.count)
    for (i, v) in values.enumerated() { m.elements[i + i * values.count] = v }
    return m
  }

  /// Entry (i, j).
  @inlinable public subscript(i: Int, j: Int) -> Element {
    get { elements[i + j * rows] }
    set { elements[i + j * rows] = newValue }
  }

  /// True for a square matrix.
  @inlinable public var isSquare: Bool { rows == columns }

  /// True when every entry is finite.
  @inlinable public var isFinite: Bool { elements.allSatisfy { $0.isFiniteScalar } }

  /// Column `j` as an array.
  @inlinable public func column(_ j: Int) -> [Element] { Array(elements[(j * rows)..<((j + 1) * rows)]) }

  /// The columns at `indices`, in that order, as a `rows × indices.count` matrix.
  @inlinable public func columns(_ indices: [Int]) -> Matrix {
    var m = Matrix(rows: rows, columns: indices.count)
    for (k, j) in indices.enumerated() {
      m.elements.replaceSubrange((k * rows)..<((k + 1) * rows), with: elements[(j * rows)..<((j + 1) * rows)])
    }
    return m
  }

  /// Replaces column `j`.
  @inlinable public mutating func setColumn(_ j: Int, _ values: [Element]) {
    precondition(values.count == rows)
    elements.replaceSubrange((j * rows)..<((j + 1) * rows), with: values)
  }

  /// The main diagonal.
  public var diagonalEntries: [Element] { (0..<min(rows, columns)).map { self[$0, $0] } }

  /// Sum of the diagonal.
  public var trace: Element { diagonalEntries.reduce(.zero, +) }

  /// Transpose (no conjugation).
  @inlinable public var transposed: Matrix { Matrix(rows: columns, columns: rows) { self[$1, $0] } }

  /// Conjugate transpose A† (equals the transpose for real matrices).
  @inlinable public var adjoint: Matrix { Matrix(rows: columns, columns: rows) { self[$1, $0].conjugated } }

  /// Frobenius norm √Σ|a_ij|².
  public var frobeniusNorm: Double {
    let scale = maxAbs
    guard scale > 0, scale.isFinite else { return scale }
    var s = 0.0
    for e in elements { let r = e.modulus / scale; s += r * r }
    return scale * s.squareRoot()
  }

  /// Largest |a_ij|.
  @inlinable public var maxAbs: Double { elements.reduce(0) { Swift.max($0, $1.modulus) } }

  /// Throws ``LinearAlgebraError/notSquare(rows:columns:)`` unless square.
  @inlinable public func requireSquare() throws {
    guard isSquare else { throw LinearAlgebraError.notSquare(rows: rows, columns: columns) }
  }

  /// Throws ``LinearAlgebraError/nonFinite(_:)`` if any entry is NaN or ±∞.
  @inlinable public func requireFinite(_ what: String = "matrix") throws {
    guard isFinite else { throw LinearAlgebraError.nonFinite(what) }
  }
}

/// Dense real matrix.
public typealias RealMatrix = Matrix<Double>
/// Dense complex matrix.
public typealias ComplexMatrix = Matrix<Complex<Double>>

extension Matrix where Element == Complex<Double> {
  /// The complex matrix with real part `real` and zero imaginary part.
  public init(_ real: RealMatrix) {
    self.init(rows: real.rows, columns: real.columns)
    for k in 0..<elements.count { elements[k] = Complex(real.elements[k], 0) }
  }
  /// Real parts of the entries.
  public var realParts: RealMatrix {
    var m = RealMatrix(rows: rows, columns: columns)
    for k in 0..<elements.count { m.elements[k] = elements[k].real }
    return m
  }
}
