// Benchmark: the LinearAlgebra zgeev wrapper (GeneralEigensystem, left + right vectors) against
// calling LAPACKE_zgeev directly in the same process on the same 240×240 matrices.
// The direct reference does the same work: copy the input (zgeev destroys it), allocate
// outputs, workspace query + call (inside LAPACKE_zgeev). Runs are interleaved; medians reported.
import CLAPACK
import Foundation
import LinearAlgebra
import Numerics

let n = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 240
let repetitions = Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 30
var state: UInt64 = 42
func uniform() -> Double {
  state = state &* 6364136223846793005 &+ 1442695040888963407
  return Double(state >> 11) / Double(1 << 53) * 2 - 1
}
let matrices = (0..<repetitions).map { _ in ComplexMatrix(rows: n, columns: n) { _, _ in Complex(uniform(), uniform()) }
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }

func direct(_ a: ComplexMatrix) -> Double {
  let t0 = now()
  var work = a.elements  // the one copy zgeev needs
  var w = [Complex<Double>](repeating: .zero, count: n)
  var vl = [Complex<Double>](repeating: .zero, count: n * n)
  var vr = [Complex<Double>](repeating: .zero, count: n * n)
  let info = work.withUnsafeMutableBytes { pa in
    w.withUnsafeMutableBytes { pw in
      vl.withUnsafeMutableBytes { pl in
        vr.withUnsafeMutableBytes { pr in
          LAPACKE_zgeev(
            Int32(LAPACK_COL_MAJOR), CChar(86), CChar(86), Int32(n),
            pa.baseAddress!.assumingMemoryBound(to: clapack_complex_double.self), Int32(n),
            pw.baseAddress!.assumingMemoryBound(to: clapack_complex_double.self),
            pl.baseAddress!.assumingMemoryBound(to: clapack_complex_double.self), Int32(n),
            pr.baseAddress!.assumingMemoryBound(to: clapack_complex_double.self), Int32(n))
        }
      }
    }
  }
  precondition(info == 0, "LAPACKE_zgeev info \(info)")
  return now() - t0
}

func wrapper(_ a: ComplexMatrix) throws -> Double {
  let t0 = now()
  let e = try GeneralEigensystem(a, computeLeft: true, computeRight: true)
  precondition(e.values.count == n)
  return now() - t0
}

BLASInfo.setThreadCount(1)
_ = direct(matrices[0])
_ = try wrapper(matrices[0])
var tDirect: [Double] = [], tWrapper: [Double] = []
for a in matrices {
  tDirect.append(direct(a))
  tWrapper.append(try wrapper(a))
}
func median(_ x: [Double]) -> Double { let s = x.sorted(); return s[s.count / 2] }
let md = median(tDirect), mw = median(tWrapper)
print(String(format: "zgeev %d×%d, %d matrices, 1 BLAS thread", n, n, repetitions))
print(String(format: "  LAPACKE_zgeev direct : median %.2f ms", md * 1e3))
print(String(format: "  GeneralEigensystem   : median %.2f ms", mw * 1e3))
print(String(format: "  ratio wrapper/direct : %.3f  (target ≤ 1.10)", mw / md))
