import LinearAlgebra
/// The spin-diffusion tensor 𝔇 of Eqs. 72–73.
///
///     𝔇^{kp} = D^p (A⁻¹)^{kp},   A = [[1, −τ_x H_z, τ_x H_y], [τ_y H_z, 1, −τ_y H_x], [−τ_z H_y, τ_z H_x, 1]]
///
/// with H the precession frequency vector (B + λM)/ħ in rad/s and τ_k in s, so A is
/// dimensionless and 𝔇 in m²/s. For H = H ẑ and equal τ, with a = τH: the transverse block
/// is D/(1+a²) [[1, a], [−a, 1]], i.e. D_xy = −D_yx = +D a/(1+a²) (docs/model-reference.md: the sign of
/// Eq. 73 and of Eqs. 87–88; Eq. 92 of the paper prints the opposite sign).
public enum DiffusionTensor {
  /// The matrix A(X) of Eq. 73 for precession frequency `omega` (rad/s) and times `tau` (s).
  @inline(__always) public static func matrixA(omega h: Vector3, tau t: Vector3) -> Matrix3 {
    Matrix3(
      rows: Vector3(1, -t.x * h.z, t.x * h.y), Vector3(t.y * h.z, 1, -t.y * h.x), Vector3(-t.z * h.y, t.z * h.x, 1))
  }

  /// 𝔇 = A⁻¹ diag(D) (column p of A⁻¹ scaled by D^p), m²/s.
  @inline(__always) public static func tensor(omega: Vector3, tau: Vector3, diffusivity d: Vector3) -> Matrix3 {
    let inv = matrixA(omega: omega, tau: tau).inverse
    return Matrix3(columns: inv.c0 * d.x, inv.c1 * d.y, inv.c2 * d.z)
  }

  /// 𝔇 for a material and a magnetization M (dimensionless).
  @inline(__always) public static func tensor(_ material: SpinDiffusionMaterial, magnetization m: Vector3) -> Matrix3 {
    tensor(
      omega: material.precession(magnetization: m), tau: material.precessionTime, diffusivity: material.diffusivity)
  }
}
