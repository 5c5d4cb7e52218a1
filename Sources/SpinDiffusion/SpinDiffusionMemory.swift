/// Memory estimates of the spin-diffusion computations, for checks before allocation.
///
/// Per grid node, with a margin of about 2 over what was measured (peak RSS minus the ~20 MB
/// of an idle process, debug build, `/usr/bin/time -v`; see docs/spin-diffusion.md):
///
/// - steady solve: grid, texture samples, the 3×3 block-tridiagonal matrix (3 blocks of 9
///   doubles), its banded LU (16 × 3 doubles, padded), right-hand side, solution and profile;
/// - dynamics: the same per step, plus m, M, m_eq, the previous m, face M, the node fields and
///   one snapshot row in the output buffer.
public enum SpinDiffusionMemory {
  /// Bytes per node of one steady solve.
  public static let steadyBytesPerNode = 1000.0
  /// Bytes per node of ``SpinDynamics`` stepping (the state and one step's solve).
  public static let dynamicsBytesPerNode = 2000.0
}
