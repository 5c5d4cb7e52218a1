import Diagnostics
import LinearAlgebra

extension RelaxationProfiles {
  /// Initial profiles dM(x), dm(x) from samples (components `dM, dm`, x in the grid's length
  /// unit), interpolated linearly onto the grid positions (constant beyond the samples' ends).
  ///
  /// The interpolation is ``/LinearAlgebra/SampledProfile``'s (error ≤ h²/8 · max|y″| between
  /// samples h apart): the same mechanism as a sampled spin-diffusion texture.
  /// - Throws: ``/LinearAlgebra/SampledProfileError`` naming the sample for a count of components
  ///   other than two or a value outside ±1e100 (the range the evolution accepts).
  public init(grid: RelaxationGrid, samples: SampledProfile) throws {
    guard samples.components == 2 else {
      throw SampledProfileError(row: nil, "\(samples.components) components per sample; expected dM, dm")
    }
    for (k, v) in samples.values.enumerated() where !v.allSatisfy(RelaxationRanges.amplitude.contains) {
      throw SampledProfileError(row: k, "dM, dm = \(v[0]), \(v[1]): |dM|, |dm| must be ≤ 1e100")
    }
    self.init(grid: grid, dM: { samples.value(0, at: $0) }, dm: { samples.value(1, at: $0) })
  }
}
