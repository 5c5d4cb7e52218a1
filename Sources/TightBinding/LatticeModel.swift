import Diagnostics
import Numerics

/// A mutable builder for spinful tight-binding models on a ring or chain.
///
///     H = Σ_i c_i† ε_i c_i  +  Σ_(i←j) c_i† T_ij c_j
///
/// where c_i = (c_i↑, c_i↓), ε_i is the 2×2 on-site matrix of site i and every *hopping*
/// i ← j carries its own 2×2 matrix T_ij = H_{i·, j·} and displacement d_ij (the signed
/// distance travelled by the hop, `x_i − x_j` measured along the ring: +a forward, −a
/// backward, including across the closing bond of a ring). A hopping is one-directional: add
/// j ← i separately (``addHopping(to:from:matrix:displacement:)``), or use
/// ``addBond(_:_:forward:backward:displacement:)`` / ``addHermitianBond(_:_:hopping:displacement:)``.
/// This makes non-reciprocal (Hatano–Nelson) and spin–orbit hoppings possible.
///
/// Units: energies in eV, positions and displacements in lattice constants a (a = 1), ħ = 1.
/// Call ``finalize()`` to get the immutable ``TightBindingSystem``, which validates everything.
///
/// Example (a two-site Hermitian ring):
///
///     var model = LatticeModel()
///     let a = model.addSite(position: 0, onsite: .scalar(0.1))
///     let b = model.addSite(position: 1, onsite: .along(0, 0, -0.2))
///     model.addHermitianBond(b, a, hopping: .scalar(1), displacement: 1)   // B ← A, forward
///     let system = try model.finalize()
public struct LatticeModel: Sendable {
  /// A site: position along the ring (units of a) and its 2×2 on-site matrix (eV).
  public struct Site: Sendable, Equatable {
    public var position: Double
    public var onsite: SpinMatrix
    public init(position: Double, onsite: SpinMatrix) {
      self.position = position
      self.onsite = onsite
    }
  }

  /// A directed hopping i ← j: the matrix block H_{iσ, jσ'} = matrix[σ, σ'] (eV), displacement
  /// d_ij = x_i − x_j along the ring (units of a).
  public struct Hopping: Sendable, Equatable {
    public var to: Int
    public var from: Int
    public var matrix: SpinMatrix
    public var displacement: Double
    public init(to: Int, from: Int, matrix: SpinMatrix, displacement: Double) {
      self.to = to
      self.from = from
      self.matrix = matrix
      self.displacement = displacement
    }
  }

  public private(set) var sites: [Site] = []
  public private(set) var hoppings: [Hopping] = []

  public init() {}

  /// Adds a site and returns its index (0-based, in insertion order).
  @discardableResult
  public mutating func addSite(position: Double, onsite: SpinMatrix = .zero) -> Int {
    sites.append(Site(position: position, onsite: onsite))
    return sites.count - 1
  }

  /// Replaces the on-site matrix of site `i`.
  public mutating func setOnsite(_ i: Int, _ onsite: SpinMatrix) {
    sites[i].onsite = onsite
  }

  /// Adds the one-directional hopping i ← j (term c_i† T c_j) with displacement d_ij.
  /// Hoppings between the same ordered pair add up (as matrices); each keeps its displacement.
  public mutating func addHopping(to i: Int, from j: Int, matrix: SpinMatrix, displacement: Double) {
    hoppings.append(Hopping(to: i, from: j, matrix: matrix, displacement: displacement))
  }

  /// Adds both directions of a bond: i ← j with `forward` (= H_ij) and j ← i with `backward`
  /// (= H_ji), displacements d_ij = `displacement` and d_ji = −`displacement`. No relation
  /// between the two matrices is assumed (non-Hermitian allowed).
  public mutating func addBond(
    _ i: Int, _ j: Int, forward: SpinMatrix, backward: SpinMatrix, displacement: Double
  ) {
    addHopping(to: i, from: j, matrix: forward, displacement: displacement)
    addHopping(to: j, from: i, matrix: backward, displacement: -displacement)
  }

  /// Adds a Hermitian bond: H_ij = `hopping`, H_ji = `hopping`†.
  public mutating func addHermitianBond(_ i: Int, _ j: Int, hopping: SpinMatrix, displacement: Double) {
    addBond(i, j, forward: hopping, backward: hopping.adjoint, displacement: displacement)
  }

  /// Validates and freezes the model.
  ///
  /// - Throws: ``/Diagnostics/InvalidParameter`` (name `"lattice"`) for no sites, a site index out of range,
  ///   a self-hopping (put it in the on-site matrix), or any non-finite entry or position.
  public func finalize() throws -> TightBindingSystem {
    guard !sites.isEmpty else { throw InvalidParameter("lattice", "0 sites", allowed: "at least one site") }
    for (i, s) in sites.enumerated() {
      guard s.position.isFinite, s.onsite.isFinite else {
        throw InvalidParameter(
          "lattice", "site \(i): position \(s.position), on-site \(s.onsite)",
          allowed: "finite position and on-site matrix")
      }
    }
    for h in hoppings {
      guard sites.indices.contains(h.to), sites.indices.contains(h.from) else {
        throw InvalidParameter("lattice", "hopping \(h.to) ← \(h.from)", allowed: "site indices 0..<\(sites.count)")
      }
      guard h.to != h.from else {
        throw InvalidParameter(
          "lattice", "hopping \(h.to) ← \(h.from)", allowed: "distinct sites (use the on-site matrix)")
      }
      guard h.matrix.isFinite, h.displacement.isFinite else {
        throw InvalidParameter(
          "lattice", "hopping \(h.to) ← \(h.from): \(h.matrix), d = \(h.displacement)",
          allowed: "finite matrix and displacement")
      }
    }
    return TightBindingSystem(sites: sites, hoppings: hoppings)
  }
}
