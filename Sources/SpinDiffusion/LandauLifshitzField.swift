import Diagnostics
import LinearAlgebra

/// The Landau–Lifshitz field at the grid nodes, the one statement of it for every time route.
///
///     hᵢ = B + λρ mᵢ + (J/2Vᵢ)[(M_{i+1} − Mᵢ)/h_{i+1/2} − (Mᵢ − M_{i−1})/h_{i−1/2}]     (eV)
///
/// (Eq. 79 discretised on the control volumes Vᵢ; J in eV·m², ρ dimensionless, M and m as in
/// ``SpinDynamics``). An open grid has zero-flux ends for M (the missing difference is 0); a
/// periodic grid closes the ring. Precondition: arrays of one value per node. J and ρ are
/// checked here, once, for every route that builds the field.
struct LandauLifshitzField: Sendable {
  let material: SpinDiffusionMaterial
  /// J, eV·m².
  let exchangeStiffness: Double
  /// ρ: the LL field of the accumulation is λρm.
  let accumulationScale: Double
  let spacings: [Double]
  let volumes: [Double]
  let periodic: Bool

  /// - Throws: ``/Diagnostics/InvalidParameter`` for J < 0 or non-finite
  ///   (`exchange_stiffness_eV_m2`) and non-finite ρ (`accumulation_scale`).
  init(operator op: SpinDiffusionOperator, exchangeStiffness: Double, accumulationScale: Double) throws {
    try Require.nonNegative(exchangeStiffness, "exchange_stiffness_eV_m2")
    try Require.finite(accumulationScale, "accumulation_scale")
    material = op.material
    self.exchangeStiffness = exchangeStiffness
    self.accumulationScale = accumulationScale
    spacings = op.spacings
    volumes = op.volumes
    periodic = op.grid.isPeriodic
  }

  /// The exchange weights of node i, eV per unit M: hᵢ ∋ w⁺ᵢ(M_{i+1} − Mᵢ) + w⁻ᵢ(M_{i−1} − Mᵢ) with
  /// w± = J/(2Vᵢ h_{i±1/2}), 0 beyond an open end; with the neighbours' indices (i itself there).
  @inline(__always) func exchange(at i: Int) -> (left: Int, right: Int, leftWeight: Double, rightWeight: Double) {
    let n = volumes.count
    let hasLeft = i > 0 || periodic, hasRight = i < n - 1 || periodic
    let left = hasLeft ? (i - 1 + n) % n : i, right = hasRight ? (i + 1) % n : i
    guard exchangeStiffness > 0 else { return (left, right, 0, 0) }
    let w = 0.5 * exchangeStiffness / volumes[i]
    return (left, right, hasLeft ? w / spacings[left] : 0, hasRight ? w / spacings[i] : 0)
  }

  /// λρ, eV per unit m: ∂hᵢ/∂mᵢ = λρ 𝟙.
  var accumulationCoupling: Double { material.sdCoupling * accumulationScale }

  /// h at node i from its M, its neighbours' M (the indices of ``exchange(at:)``) and its m.
  @inline(__always) func field(
    at i: Int, magnetization: Vector3, left: Vector3, right: Vector3, accumulation: Vector3
  ) -> Vector3 {
    let e = exchange(at: i)
    return material.field + accumulationCoupling * accumulation + e.rightWeight * (right - magnetization)
      + e.leftWeight * (left - magnetization)
  }

  /// h at node i for the node magnetizations M and accumulation m.
  @inline(__always) func field(at i: Int, magnetization: [Vector3], accumulation: [Vector3]) -> Vector3 {
    let e = exchange(at: i)
    return field(
      at: i, magnetization: magnetization[i], left: magnetization[e.left], right: magnetization[e.right],
      accumulation: accumulation[i])
  }

  /// The fastest turn of M by exchange alone, rad/s, and the node where it is:
  ///
  ///     ωᵢ = |M̂ᵢ × h^exᵢ| / ħ,   h^exᵢ = w⁺ᵢ(M_{i+1} − Mᵢ) + w⁻ᵢ(M_{i−1} − Mᵢ)
  ///
  /// A texture at rest under Eq. 79 (with B and m absent) has ω = 0 at every node; a wall, which no
  /// anisotropy holds there, unwinds at about this rate. Nodes with M = 0 are skipped; (0, 0)
  /// for J = 0.
  func largestExchangeRate(magnetization M: [Vector3]) -> (rate: Double, node: Int) {
    var best = (rate: 0.0, node: 0)
    guard exchangeStiffness > 0 else { return best }
    let hbar = SpinDiffusionMaterial.hbarElectronVoltSeconds
    for i in M.indices {
      let length = norm3(M[i])
      guard length > 0 else { continue }
      let e = exchange(at: i)
      let h = e.rightWeight * (M[e.right] - M[i]) + e.leftWeight * (M[e.left] - M[i])
      let rate = norm3(cross3(M[i], h)) / (length * hbar)
      if rate > best.rate { best = (rate, i) }
    }
    return best
  }

  /// h at every node.
  func callAsFunction(magnetization: [Vector3], accumulation: [Vector3]) -> [Vector3] {
    (0..<magnetization.count).map { field(at: $0, magnetization: magnetization, accumulation: accumulation) }
  }
}
