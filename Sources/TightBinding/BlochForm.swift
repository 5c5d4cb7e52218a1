import Diagnostics
import LinearAlgebra
import Numerics

/// The Bloch (momentum-space) form of a translation-invariant ring, derived from its bond list
/// (as Kwant's `wraparound` derives it from a builder), not written by hand.
///
/// The ring has `cells` unit cells of p consecutive sites (site i is orbital i mod p of cell
/// ⌊i/p⌋). With c_{n,a} = N^{−1/2} Σ_k e^{ikn} c_{k,a}, k = 2πm/N, every hopping i ← j
/// with matrix T and displacement d from a site j of cell n − Δ into orbital a of cell n becomes
///
///     H(k)_{a·,b·} = ε_a δ_ab + Σ_{hops into cell 0, a ← b} T e^{−ikΔ}          (2p × 2p, eV)
///     v(k)_{a·,b·} = Σ −i d T e^{−ikΔ},  ({σ_α, v}/2)(k) = Σ (σ_α V + V σ_α)/2 · e^{−ikΔ}   (eV·a/ħ)
///
/// with Δ = cell(i) − cell(j) reduced to (−N/2, N/2] (the closing bond is one step, not N − 1).
/// Same site ⊗ spin basis ordering as ``TightBindingSystem`` (spin fastest), so traces over the
/// ring equal Σ_k traces of the blocks. Building it keeps only the bonds into cell 0: O(p) memory.
///
/// - Throws: ``/Diagnostics/InvalidParameter`` (`"lattice"`) when the site count is not a
///   multiple of `cells`, or the system is not translation invariant (on-site matrices or the
///   bonds of some cell differ from cell 0's).
public struct BlochForm: Sendable {
  /// One hopping into cell 0: orbital a ← orbital b of the cell Δ steps behind.
  struct Hop: Sendable {
    var to: Int
    var from: Int
    var cellShift: Int
    var matrix: SpinMatrix
    var displacement: Double
  }

  /// Number of unit cells N.
  public internal(set) var cells: Int
  /// Sites per unit cell p.
  public let sitesPerCell: Int
  let onsite: [SpinMatrix]
  let hops: [Hop]

  /// Wraps `system` (a ring of `cells` identical cells) around.
  public init(_ system: TightBindingSystem, cells: Int) throws {
    let m = system.siteCount
    guard cells >= 1, m % cells == 0 else {
      throw InvalidParameter("lattice", "\(m) sites in \(cells) cells", allowed: "a whole number of sites per cell")
    }
    let p = m / cells
    self.cells = cells
    sitesPerCell = p
    onsite = (0..<p).map { system.sites[$0].onsite }
    func shift(_ to: Int, _ from: Int) -> Int {
      var d = (to / p - from / p) % cells
      if d < 0 { d += cells }
      return 2 * d > cells ? d - cells : d
    }
    hops = system.hoppings.filter { $0.to < p }.map {
      Hop(
        to: $0.to, from: $0.from % p, cellShift: shift($0.to, $0.from), matrix: $0.matrix, displacement: $0.displacement
      )
    }
    // Translation invariance: every cell repeats cell 0 (on-site and bonds, in any order).
    for i in p..<m where system.sites[i].onsite != onsite[i % p] {
      throw InvalidParameter("lattice", "site \(i) differs from site \(i % p) of cell 0", allowed: "identical cells")
    }
    var cell0: [Key: [(SpinMatrix, Double)]] = [:]
    for h in hops {
      cell0[Key(to: h.to, from: h.from, shift: h.cellShift), default: []].append((h.matrix, h.displacement))
    }
    guard system.hoppings.count == hops.count * cells,
      system.hoppings.allSatisfy({ h in
        (cell0[Key(to: h.to % p, from: h.from % p, shift: shift(h.to, h.from))] ?? []).contains {
          $0.0 == h.matrix && $0.1 == h.displacement
        }
      })
    else {
      throw InvalidParameter("lattice", "bonds differ between cells", allowed: "identical cells (a clean ring)")
    }
  }

  struct Key: Hashable {
    var to: Int
    var from: Int
    var shift: Int
  }

  /// Order 2p of the blocks.
  public var dimension: Int { 2 * sitesPerCell }

  /// The allowed momenta k = 2πm/N, m = 0…N−1.
  public var momenta: [Double] { (0..<cells).map { 2 * Double.pi * Double($0) / Double(cells) } }

  /// e^{−ikΔ}.
  @inline(__always) static func phase(_ k: Double, _ shift: Int) -> Complex<Double> {
    let x = k * Double(shift)
    return Complex(Double.cos(x), -Double.sin(x))
  }

  /// H(k) written into `m` (resized to 2p × 2p if needed), eV.
  public func hamiltonian(_ k: Double, into m: inout ComplexMatrix) {
    let n = dimension
    if m.rows != n || m.columns != n { m = ComplexMatrix(rows: n, columns: n) }
    for i in m.elements.indices { m.elements[i] = .zero }
    for (a, block) in onsite.enumerated() { Self.add(&m, a, a, block, .one) }
    for h in hops { Self.add(&m, h.to, h.from, h.matrix, Self.phase(k, h.cellShift)) }
  }

  /// H(k), eV.
  public func hamiltonian(_ k: Double) -> ComplexMatrix {
    var m = ComplexMatrix(rows: dimension, columns: dimension)
    hamiltonian(k, into: &m)
    return m
  }

  /// The blocks of (v, {σ_x,v}/2, {σ_y,v}/2, {σ_z,v}/2) at momentum k (eV·a/ħ).
  public func currentOperators(_ k: Double) -> [ComplexMatrix] {
    let spins: [SpinMatrix?] = [nil, .sigmaX, .sigmaY, .sigmaZ]
    let half = Complex<Double>(0.5, 0)
    return spins.map { p in
      var m = ComplexMatrix(rows: dimension, columns: dimension)
      for h in hops {
        let v = Complex(0, -h.displacement) * h.matrix
        let block = p.map { half * ($0 * v + v * $0) } ?? v
        Self.add(&m, h.to, h.from, block, Self.phase(k, h.cellShift))
      }
      return m
    }
  }

  @inline(__always)
  static func add(_ m: inout ComplexMatrix, _ a: Int, _ b: Int, _ block: SpinMatrix, _ phase: Complex<Double>) {
    m[2 * a, 2 * b] += block.m00 * phase
    m[2 * a, 2 * b + 1] += block.m01 * phase
    m[2 * a + 1, 2 * b] += block.m10 * phase
    m[2 * a + 1, 2 * b + 1] += block.m11 * phase
  }
}
