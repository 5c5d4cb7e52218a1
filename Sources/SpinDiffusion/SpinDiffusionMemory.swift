/// Memory estimates of the spin-diffusion computations, for checks before allocation.
///
/// Per grid node, with a margin of about 2 over what was measured (peak RSS minus the ~25 MB
/// of an idle process, debug build, `/usr/bin/time -v`): `diffusion interface --points 1000000`
/// 404 MB (≈ 380 B/node), `diffusion evolve --points 200000 --steps 2` 142 MB (≈ 580 B/node).
///
/// - steady solve: grid, texture samples, the 3×3 block-tridiagonal matrix (3 blocks of 9
///   doubles), its banded LU (16 × 3 doubles, padded), right-hand side, solution and profile;
/// - dynamics: the same per step, plus m, M, m_eq, the previous m, face M, the node fields and
///   one snapshot row in the output buffer.
public enum SpinDiffusionMemory {
  /// Bytes per node of one steady solve.
  public static let steadyBytesPerNode = 800.0
  /// Bytes per node of ``SpinDynamics`` stepping (the state and one step's solve).
  public static let dynamicsBytesPerNode = 1200.0
}
