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
  /// Control-volume lengths V_i, m (tabulated for the time-dependent routes).
  let volumes: [Double]
  /// Face spacings h_{f+1/2}, m (tabulated likewise).
  let spacings: [Double]

  init(grid: SpinGrid, material: SpinDiffusionMaterial) {
    self.grid = grid
    self.material = material
    spacings = grid.spacings
    volumes = (0..<grid.count).map { Self.volume(of: $0, on: grid) }
  }

  /// Control-volume length V_i = (h_{i−1/2} + h_{i+1/2})/2 of node i, m (a face beyond an open end counts 0).
  @inline(__always) static func volume(of i: Int, on grid: SpinGrid) -> Double {
    let n = grid.count
    let left = i > 0 ? grid.spacing(i - 1) : (grid.isPeriodic ? grid.spacing(n - 1) : 0)
    let right = i < n - 1 || grid.isPeriodic ? grid.spacing(i) : 0
    return 0.5 * (left + right)
  }

  /// Assembles the matrix and right-hand side: the static `assemble` on this operator's grid and material.
  func assemble(
    faceTensor: (Int) -> Matrix3, nodePrecession: (Int) -> Vector3, nodeEquilibrium: (Int) -> Vector3,
    left: SpinBoundaryCondition, right: SpinBoundaryCondition, shift: Double = 0,
    extraSource: ((Int) -> Vector3)? = nil
  ) throws -> (matrix: BlockTridiagonalMatrix<Double>, rhs: [Double]) {
    try Self.assemble(
      grid: grid, material: material, faceTensor: faceTensor, nodePrecession: nodePrecession,
      nodeEquilibrium: nodeEquilibrium, left: left, right: right, shift: shift, extraSource: extraSource)
  }

  /// Assembles the matrix and right-hand side on `grid`, spacings and volumes computed from the
  /// nodes as they are needed (no n-sized table besides the matrix and right-hand side).
  ///
  /// - Parameters:
  ///   - faceTensor: 𝔇 at face i+1/2 (between node i and i+1, wrapping for periodic grids).
  ///   - nodePrecession: Ω averaged over node i's control volume, rad/s.
  ///   - nodeEquilibrium: m_eq averaged over node i's control volume.
  ///   - shift: σ (1/s) added on the diagonal (time stepping), `extraSource(i)`: g_i (1/s).
  static func assemble(
    grid: SpinGrid, material: SpinDiffusionMaterial,
    faceTensor: (Int) -> Matrix3, nodePrecession: (Int) -> Vector3, nodeEquilibrium: (Int) -> Vector3,
    left: SpinBoundaryCondition, right: SpinBoundaryCondition, shift: Double = 0,
    extraSource: ((Int) -> Vector3)? = nil
  ) throws -> (matrix: BlockTridiagonalMatrix<Double>, rhs: [Double]) {
    let n = grid.count, periodic = grid.isPeriodic
    let rate = 1 / material.spinFlipTime
    // Face conductances G_{i+1/2} = 𝔇/h (count n − 1 open, n periodic), computed once each
    // while sweeping the nodes: G_{i−1/2} is carried over from the previous node.
    let faces = grid.faceCount
    @inline(__always) func conductance(_ f: Int) -> Matrix3 { (1 / grid.spacing(f)) * faceTensor(f) }
    var leftFace = periodic ? conductance(faces - 1) : Matrix3.zero
    @inline(__always) func store(_ a: UnsafeMutableBufferPointer<Double>, _ i: Int, _ m: Matrix3) {
      let o = 9 * i
      a[o] = m.c0.x; a[o + 1] = m.c0.y; a[o + 2] = m.c0.z
      a[o + 3] = m.c1.x; a[o + 4] = m.c1.y; a[o + 5] = m.c1.z
      a[o + 6] = m.c2.x; a[o + 7] = m.c2.y; a[o + 8] = m.c2.z
    }
    // Every block and right-hand-side entry is written once, straight into fresh storage.
    var rhs: [Double] = []
    let matrix = try BlockTridiagonalMatrix<Double>(blockSize: 3, blockCount: n, periodic: periodic) { lo, di, up in
      rhs = [Double](unsafeUninitializedCapacity: 3 * n) { f, count in
        for i in 0..<n {
          let v = volume(of: i, on: grid)
          var d = v * (Matrix3.diagonal(rate + shift) + Matrix3.cross(nodePrecession(i)))
          var s = v * (rate * nodeEquilibrium(i))
          if let g = extraSource { s += v * g(i) }
          if i > 0 || periodic {
            d = d + leftFace
            store(lo, i, -leftFace)
          } else {
            store(lo, i, .zero)
          }
          if i < n - 1 || periodic {
            let g = conductance(i)
            d = d + g
            store(up, i, -g)
            leftFace = g
          } else {
            store(up, i, .zero)
          }
          if !periodic && i == 0, case .flux(let j) = left { s += j }
          if !periodic && i == n - 1, case .flux(let j) = right { s -= j }
          store(di, i, d)
          f[3 * i] = s.x
          f[3 * i + 1] = s.y
          f[3 * i + 2] = s.z
        }
        count = 3 * n
        if !periodic {
          // Dirichlet rows s·m = s·value, scaled like the conductance rows they replace (s = the
          // largest entry of the flux-balance diagonal block): an unscaled identity row next
          // to rows of size D/h² lets pivoted LU trade accuracy in the prescribed value.
          for (i, bc) in [(0, left), (n - 1, right)] {
            guard case .dirichlet(let value) = bc else { continue }
            var scale = 0.0
            for e in 0..<9 { scale = max(scale, abs(di[9 * i + e])) }
            if !(scale > 0) { scale = 1 }
            store(lo, i, .zero)
            store(up, i, .zero)
            store(di, i, scale * .identity)
            f[3 * i] = scale * value.x
            f[3 * i + 1] = scale * value.y
            f[3 * i + 2] = scale * value.z
          }
        }
      }
    }
    return (matrix, rhs)
  }
}
