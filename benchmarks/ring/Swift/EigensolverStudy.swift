// Eigensolver study for the dense ring path: the same matrices and occupied
// traces Tr(P O) (O = v, {σ_x,v}/2, {σ_y,v}/2, {σ_z,v}/2) by four routes, timed in CPU seconds
// with one BLAS thread; each route's answer is compared with the production route (zgeev + biorthonormal
// per-state sums) as the largest |ΔTr| over points and operators (raw traces, eV·a/ħ; per-state
// values are O(1), so ~1e-12 means the same answer).
import Foundation
import LinearAlgebra
import Numerics
import TightBinding

enum EigensolverStudy {
  static func run(ring: HatanoNelsonRing, phases: [Double], mu: Double) throws {
    let systems = try phases.map { try ring.withFluxPhase($0).system() }
    let matrices = systems.map { $0.hamiltonian() }
    let ops = try systems.map { try $0.currentOperators() }
    func occupied(_ values: [Complex<Double>]) -> [Int] { values.indices.filter { values[$0].real <= mu } }
    let workspace = LAPACKWorkspace()
    var reference: [[Complex<Double>]] = []

    // 0. Bare zgeev, eigenvalues + left + right vectors (the lower bound of routes 1 and 2).
    let bare = try time { for h in matrices { _ = try GeneralEigensystem(h, workspace: workspace) } }
    print("study_zgeev_VV_cpu_s \(bare)")
    // 0b. zgeev, eigenvalues only (the Hessenberg QR alone).
    print("study_zgeev_NN_cpu_s \(try time { for h in matrices { _ = try GeneralEigensystem.eigenvalues(h) } })")

    // 1. Production: zgeev + biorthonormalisation of simple eigenvalues + Σ_occ (L†OR)ₙₙ.
    let production = try time {
      reference = try zip(matrices, ops).map { h, o in
        let eig = try BiorthogonalEigensystem(h, allowDefective: true, workspace: workspace)
        return try eig.stateSums(of: o, selecting: occupied(eig.values))
      }
    }
    print("study_production_zgeev_sums_cpu_s \(production)")

    // 2. zgeevx without balancing (BALANC = 'N'), same biorthonormalisation and sums.
    var noBalance: [[Complex<Double>]] = []
    let tNoBalance = try time {
      noBalance = try zip(matrices, ops).map { h, o in
        let g = try GeneralEigensystem(h, balance: false, workspace: workspace)
        let eig = try BiorthogonalEigensystem(values: g.values, right: g.right, left: g.left, allowDefective: true)
        return try eig.stateSums(of: o, selecting: occupied(eig.values))
      }
    }
    print("study_zgeevx_nobalance_sums_cpu_s \(tNoBalance)")
    print("study_zgeevx_nobalance_abs_diff \(difference(noBalance, reference))")

    // 3. Right vectors only (zgeev JOBVL = 'N'), occupied rows of L† = R⁻¹ by LU (zgetrf/zgetrs).
    var rightOnly: [[Complex<Double>]] = []
    let tRight = try time {
      rightOnly = try zip(matrices, ops).map { h, o in
        let g = try GeneralEigensystem(h, computeLeft: false, computeRight: true, workspace: workspace)
        let sel = occupied(g.values)
        let n = h.rows
        var e = ComplexMatrix(rows: n, columns: sel.count)
        for (j, s) in sel.enumerated() { e[s, j] = .one }
        let x = try ComplexMatrix.solve(g.right.transposed, e)  // column j = row sel[j] of R⁻¹
        let rs = g.right.columns(sel)
        return try o.map { op in
          let orr = try op.multiply(rs)
          var t = Complex<Double>.zero
          for j in 0..<sel.count { for i in 0..<n { t += x[i, j] * orr[i, j] } }
          return t
        }
      }
    }
    print("study_right_only_lu_cpu_s \(tRight)")
    print("study_right_only_lu_abs_diff \(difference(rightOnly, reference))")

    // 4. Ordered Schur projector, no eigenvectors: zgees + ztrsen + ztrsyl, P = Q[[1, Y], [0, 0]]Q†.
    var projections: [SchurSpectralProjection] = []
    let tSchur = try time {
      projections = try matrices.map { h in
        try SchurSpectralProjection(h) { values in values.map { $0.real <= mu } }
      }
    }
    var schur: [[Complex<Double>]] = []
    let tSchurTraces = try time { schur = try zip(projections, ops).map { try $0.traces(of: $1) } }
    print("study_schur_projector_cpu_s \(tSchur)")
    print("study_schur_traces_cpu_s \(tSchurTraces)")
    print("study_schur_abs_diff \(difference(schur, reference))")

    // 5. Matrix-sign projector (Newton, LU inversions), no eigenvalues: the production
    //    dense route at T = 0 since it was measured fastest.
    var signSteps = 0
    var sign: [[Complex<Double>]] = []
    let tSign = try time {
      sign = try zip(matrices, ops).map { h, o in
        let s = try MatrixSignProjection(h, splitAt: mu, workspace: workspace)
        signSteps += s.steps
        return s.traces(of: o)
      }
    }
    print("study_matrix_sign_traces_cpu_s \(tSign)")
    print("study_matrix_sign_mean_steps \(Double(signSteps) / Double(matrices.count))")
    print("study_matrix_sign_abs_diff \(difference(sign, reference))")
  }

  /// CPU seconds of `body` (one BLAS thread: robust to other jobs on the machine).
  static func time(_ body: () throws -> Void) rethrows -> Double {
    let t0 = cpuSeconds()
    try body()
    return cpuSeconds() - t0
  }

  /// max |a − b| over all points and operators.
  static func difference(_ a: [[Complex<Double>]], _ b: [[Complex<Double>]]) -> Double {
    zip(a, b).flatMap { x, y in zip(x, y).map { ($0 - $1).length } }.max()!
  }
}
