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

  /// h at node i for the node magnetizations M and accumulation m.
  @inline(__always) func field(at i: Int, magnetization: [Vector3], accumulation: [Vector3]) -> Vector3 {
    let n = magnetization.count, h = spacings
    var field = material.field + (material.sdCoupling * accumulationScale) * accumulation[i]
    if exchangeStiffness > 0 {
      var lap = Vector3.zero
      if i < n - 1 || periodic { lap += (magnetization[(i + 1) % n] - magnetization[i]) / h[i] }
      if i > 0 || periodic {
        lap -= (magnetization[i] - magnetization[(i - 1 + n) % n]) / h[i > 0 ? i - 1 : n - 1]
      }
      field += (0.5 * exchangeStiffness / volumes[i]) * lap
    }
    return field
  }

  /// h at every node.
  func callAsFunction(magnetization: [Vector3], accumulation: [Vector3]) -> [Vector3] {
    (0..<magnetization.count).map { field(at: $0, magnetization: magnetization, accumulation: accumulation) }
  }
}
