import ArgumentParser
import Cluster
import Foundation
import SpinTransport

extension SpinTransportCLI {
  /// `spintransport doctor`: is this installation usable?
  struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check LAPACK/BLAS (and its CPU kernel), gnuplot and threads; exit 0 when the tool is usable.")

    func run() throws {
      var ok = true
      try printLine("spintransport \(SpinTransportVersion.string)")
      let kernel = OpenBLASKernel.Status.current
      try printLine("CPU: \(kernel.cpu.summary)")
      try printLine(
        "BLAS/LAPACK: \(BLASInfo.configuration) (core \(BLASInfo.coreName), \(BLASInfo.threadCount) threads)")
      try printLine("BLAS kernel: \(kernel.explanation)")
      if let warning = kernel.warning { try printLine("warning: \(warning)") }
      // A real LAPACK round trip: eigenvalues of a 2×2 symmetric matrix must be 1 and 3.
      let lapack: String
      do {
        let e = try HermitianEigensystem(RealMatrix(rowsOf: [[2, 1], [1, 2]]), computeVectors: false).values
        let good = abs(e[0] - 1) < 1e-12 && abs(e[1] - 3) < 1e-12
        lapack = "LAPACK check (dsyevd on [[2,1],[1,2]] → \(e)): \(good ? "ok" : "WRONG")"
        ok = ok && good
      } catch {
        lapack = "LAPACK check failed: \(error)"
        ok = false
      }
      try printLine(lapack)
      if let version = Gnuplot.version() {
        let terms = Gnuplot.terminals(["pngcairo", "svg"])
        try printLine(
          "gnuplot: \(version); pngcairo \(terms["pngcairo"]! ? "yes" : "no"), svg \(terms["svg"]! ? "yes" : "no")")
      } else {
        try printLine("gnuplot: not found (figures are skipped; data and .gp scripts are still written)")
      }
      let mpirun = MPIProcess.launchedByMPI() ? "launched this process" : "not used (plain process)"
      try printLine("MPI: \(MPIProcess.libraryVersion) (MPI \(MPIProcess.standardVersion)); mpirun \(mpirun)")
      try printLine("cores: \(ProcessInfo.processInfo.activeProcessorCount)")
      try printLine(ok ? "status: usable" : "status: NOT usable")
      if !ok { throw ExitCode.failure }
    }
  }
}
