import Diagnostics
import LinearAlgebra

extension SteadySpinProblem {
  /// Solves the steady state (Eq. 75) with one O(n) block-tridiagonal (cyclic for a periodic
  /// grid) solve.
  ///
  /// 𝔇 is evaluated at the face mid-points from M(x); Ω and m_eq are averaged over each
  /// node's two half cells (mid-point rule), so jumps at a node are exact. Second order in
  /// the grid spacing for a smooth grid map.
  ///
  /// `progress` receives node counts: `points` while the system is assembled, `points` once
  /// the block solve is done (long grids report as they go; the solve itself is one LAPACK call).
  ///
  /// - Throws: ``/Diagnostics/InvalidParameter`` for bad material parameters or end values;
  ///   ``/LinearAlgebra/LinearAlgebraError`` if the discrete system is singular (it is not for
  ///   positive D and τ).
  public func solve(progress: ((Int) -> Void)? = nil) throws -> SpinAccumulationProfile {
    try material.validate()
    for bc in [left, right] {
      switch bc {
      case .dirichlet(let v), .flux(let v):
        for k in 0..<3 { try Require.finite(v[k], "boundary") }
      }
    }
    let chunk = SpinGrid.progressChunk
    let (matrix, rhs) = try SpinDiffusionOperator.assemble(
      grid: grid, material: material, faceTensor: faceTensor, nodePrecession: nodePrecession,
      nodeEquilibrium: { i in
        if let progress, i % chunk == chunk - 1 { progress(chunk) }
        return nodeEquilibrium(i)
      },
      left: left, right: right)
    progress?(grid.count % chunk)
    let (solution, error) = try matrix.solveWithBackwardError(rhs)
    let m = [Vector3](unsafeUninitializedCapacity: grid.count) { buffer, count in
      for i in 0..<grid.count { buffer[i] = Vector3(solution[3 * i], solution[3 * i + 1], solution[3 * i + 2]) }
      count = grid.count
    }
    progress?(grid.count)
    var warnings = resolutionWarnings()
    if error > 1e-10 {
      warnings.append(
        NumericalWarning(kind: "ill-conditioned", message: "steady solve backward error \(error)", value: error))
    }
    return SpinAccumulationProfile(positions: grid.nodes, accumulation: m, backwardError: error, warnings: warnings)
  }

  /// Warns when the largest grid spacing exceeds 1/20 of the shortest precession wavelength
  /// 2π√(D τ_sf)/a (a = τ|Ω| at the nodes, one texture evaluation per node): the transverse accumulation then is under-resolved
  /// (relative error ≳ (2π/20)²/12 ≈ 1 %).
  func resolutionWarnings() -> [NumericalWarning] {
    var maxRate = 0.0
    for x in grid.nodes { maxRate = max(maxRate, norm3(material.precession(magnetization: texture.magnetization(x)))) }
    let a = material.precessionTime.max() * maxRate
    guard a > 1 else { return [] }
    let h = grid.largestSpacing
    let wavelength = 2 * Double.pi * material.diffusionLength / a
    guard h > wavelength / 20 else { return [] }
    return [
      NumericalWarning(
        kind: "under-resolved",
        message: "grid spacing \(h) m exceeds 1/20 of the precession wavelength \(wavelength) m: "
          + "increase the grid points (points)",
        value: h / wavelength)
    ]
  }

  /// Every position at which the steady and time-dependent schemes evaluate the texture: the
  /// nodes, the face mid-points and the half-cell mid-points x_i ± h/4 (a periodic grid's
  /// first half cell lies below x₀). A texture that is finite at these is finite wherever the
  /// schemes look, so a texture built from user input can be checked here before any solve.
  public var textureEvaluationPoints: [Double] {
    let x = grid.nodes, n = x.count
    var points = x
    points.reserveCapacity(4 * n)
    for f in 0..<grid.faceCount { points.append(faceCentre(f)) }
    for i in 0..<n {
      let hl = i > 0 ? x[i] - x[i - 1] : (grid.isPeriodic ? x[0] + grid.period! - x[n - 1] : 0)
      let hr = i < n - 1 ? x[i + 1] - x[i] : (grid.isPeriodic ? x[0] + grid.period! - x[n - 1] : 0)
      if hl > 0 { points.append(x[i] - 0.25 * hl) }
      if hr > 0 { points.append(x[i] + 0.25 * hr) }
    }
    return points
  }

  /// Mid-point of face f (between node f and f + 1; the last face of a periodic grid wraps).
  func faceCentre(_ f: Int) -> Double {
    let x = grid.nodes
    return f + 1 < x.count ? 0.5 * (x[f] + x[f + 1]) : 0.5 * (x[f] + x[0] + grid.period!)
  }

  func faceTensor(_ f: Int) -> Matrix3 {
    DiffusionTensor.tensor(material, magnetization: texture.magnetization(faceCentre(f)))
  }

  /// Control-volume average of `field` over node i's half cells (mid-point rule per half).
  func halfCellAverage(_ i: Int, _ field: (Double) -> Vector3) -> Vector3 {
    let x = grid.nodes, n = x.count
    let hl = i > 0 ? x[i] - x[i - 1] : (grid.isPeriodic ? x[0] + grid.period! - x[n - 1] : 0)
    let hr = i < n - 1 ? x[i + 1] - x[i] : (grid.isPeriodic ? x[0] + grid.period! - x[n - 1] : 0)
    var s = Vector3.zero
    if hl > 0 { s += (0.5 * hl) * field(x[i] - 0.25 * hl) }
    if hr > 0 { s += (0.5 * hr) * field(x[i] + 0.25 * hr) }
    return s / (0.5 * (hl + hr))
  }

  func nodePrecession(_ i: Int) -> Vector3 {
    halfCellAverage(i) { material.precession(magnetization: texture.magnetization($0)) }
  }

  func nodeEquilibrium(_ i: Int) -> Vector3 { halfCellAverage(i, texture.equilibrium) }
}

extension SteadySpinProblem {
  /// The assembled block-tridiagonal matrix and right-hand side (for benchmarks and custom
  /// solvers); ``solve(progress:)`` is `matrix.solve(rhs)` on this.
  public func assembled() throws -> (matrix: BlockTridiagonalMatrix<Double>, rhs: [Double]) {
    try material.validate()
    return try SpinDiffusionOperator.assemble(
      grid: grid, material: material, faceTensor: faceTensor, nodePrecession: nodePrecession,
      nodeEquilibrium: nodeEquilibrium, left: left, right: right
    )
  }
}
