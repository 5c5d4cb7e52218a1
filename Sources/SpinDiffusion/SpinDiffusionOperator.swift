import LinearAlgebra

/// Conservative finite-volume discretisation of the 1D operator of Eqs. 70/75 on a (nonuniform)
/// vertex-centred grid, assembled as a 3×3 block-tridiagonal matrix.
///
/// Node i owns the control volume [x_{i−1/2}, x_{i+1/2}] (faces at mid-points, V_i its length).
/// Its balance, with face fluxes F_{i±1/2} = 𝔇_{i±1/2}(m_{i±1} − m_i)/h_{i±1/2} (no 1/a or d𝔇/dx
/// terms — the flux form is exactly conservative):
///
///     −(F_{i+1/2} + F_{i−1/2}) + V_i [diag(1/τ) + [Ω_i]× + σ] m_i = V_i [diag(1/τ) m_eq,i + g_i]
///
/// where σ ≥ 0 and g_i are a time-stepping shift and extra source (zero for the steady state),
/// and Ω_i, m_eq,i are half-cell averages. Dirichlet ends become identity rows; flux ends add
/// the prescribed current j = −𝔇∂ₓm to the end cell's balance; a periodic grid closes the ring.
struct SpinDiffusionOperator {
  let grid: SpinGrid
  let material: SpinDiffusionMaterial
  /// Control-volume lengths V_i, m.
  let volumes: [Double]
  let spacings: [Double]

  init(grid: SpinGrid, material: SpinDiffusionMaterial) {
    self.grid = grid
    self.material = material
    let h = grid.spacings, n = grid.count
    spacings = h
    var v = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let left = i > 0 ? h[i - 1] : (grid.isPeriodic ? h[n - 1] : 0)
      let right = i < n - 1 || grid.isPeriodic ? h[i] : 0
      v[i] = 0.5 * (left + right)
    }
    volumes = v
  }

  /// Half-cell lengths (left, right) of node i (0 beyond an open end).
  @inline(__always) func halfCells(_ i: Int) -> (Double, Double) {
    let n = grid.count
    let left = i > 0 ? spacings[i - 1] : (grid.isPeriodic ? spacings[n - 1] : 0)
    let right = i < n - 1 || grid.isPeriodic ? spacings[i] : 0
    return (0.5 * left, 0.5 * right)
  }

  /// Assembles the matrix and right-hand side.
  ///
  /// - Parameters:
  ///   - faceTensor: 𝔇 at face i+1/2 (between node i and i+1, wrapping for periodic grids).
  ///   - nodePrecession: Ω averaged over node i's control volume, rad/s.
  ///   - nodeEquilibrium: m_eq averaged over node i's control volume.
  ///   - shift: σ (1/s) added on the diagonal (time stepping), `extraSource(i)`: g_i (1/s).
  func assemble(
    faceTensor: (Int) -> Matrix3, nodePrecession: (Int) -> Vector3, nodeEquilibrium: (Int) -> Vector3,
    left: SpinBoundaryCondition, right: SpinBoundaryCondition, shift: Double = 0,
    extraSource: ((Int) -> Vector3)? = nil
  ) throws -> (matrix: BlockTridiagonalMatrix<Double>, rhs: [Double]) {
    let n = grid.count, periodic = grid.isPeriodic
    var matrix = try BlockTridiagonalMatrix<Double>(blockSize: 3, blockCount: n, periodic: periodic)
    var rhs = [Double](repeating: 0, count: 3 * n)
    let rate = 1 / material.spinFlipTime
    // Face conductances G_{i+1/2} = 𝔇/h (count n − 1 open, n periodic), computed once each
    // while sweeping the nodes: G_{i−1/2} is carried over from the previous node.
    let faces = spacings.count
    @inline(__always) func conductance(_ f: Int) -> Matrix3 { (1 / spacings[f]) * faceTensor(f) }
    var leftFace = periodic ? conductance(faces - 1) : Matrix3.zero
    @inline(__always) func store(_ a: inout UnsafeMutableBufferPointer<Double>, _ i: Int, _ m: Matrix3) {
      let o = 9 * i
      a[o] = m.c0.x; a[o + 1] = m.c0.y; a[o + 2] = m.c0.z
      a[o + 3] = m.c1.x; a[o + 4] = m.c1.y; a[o + 5] = m.c1.z
      a[o + 6] = m.c2.x; a[o + 7] = m.c2.y; a[o + 8] = m.c2.z
    }
    matrix.lower.withUnsafeMutableBufferPointer { lo in
      matrix.diagonal.withUnsafeMutableBufferPointer { di in
        matrix.upper.withUnsafeMutableBufferPointer { up in
          for i in 0..<n {
            let v = volumes[i]
            var d = v * (Matrix3.diagonal(rate + shift) + Matrix3.cross(nodePrecession(i)))
            var s = v * (rate * nodeEquilibrium(i))
            if let g = extraSource { s += v * g(i) }
            if i > 0 || periodic {
              d = d + leftFace
              store(&lo, i, -leftFace)
            }
            if i < n - 1 || periodic {
              let g = conductance(i)
              d = d + g
              store(&up, i, -g)
              leftFace = g
            }
            if !periodic && i == 0, case .flux(let j) = left { s += j }
            if !periodic && i == n - 1, case .flux(let j) = right { s -= j }
            store(&di, i, d)
            rhs[3 * i] = s.x
            rhs[3 * i + 1] = s.y
            rhs[3 * i + 2] = s.z
          }
          if !periodic {
            // Dirichlet rows s·m = s·value, scaled like the conductance rows they replace (s = the
            // largest entry of the flux-balance diagonal block): an unscaled identity row next
            // to rows of size D/h² lets pivoted LU trade accuracy in the prescribed value.
            for (i, bc) in [(0, left), (n - 1, right)] {
              guard case .dirichlet(let value) = bc else { continue }
              var scale = 0.0
              for e in 0..<9 { scale = max(scale, abs(di[9 * i + e])) }
              if !(scale > 0) { scale = 1 }
              store(&lo, i, .zero)
              store(&up, i, .zero)
              store(&di, i, scale * .identity)
              rhs[3 * i] = scale * value.x
              rhs[3 * i + 1] = scale * value.y
              rhs[3 * i + 2] = scale * value.z
            }
          }
        }
      }
    }
    return (matrix, rhs)
  }
}
