import ArgumentParser
import SpinTransport

extension SpinTransportCLI {
  /// `spintransport diffusion …`: spin accumulation with sd exchange (Hitchon, Parker and Rebei).
  struct Diffusion: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Spin accumulation in nonuniform ferromagnets with sd exchange (\(Paper.sdExchangeDiffusion.short)).",
      discussion: """
        Steady state of ∂x[𝔇(x)∂x m] = (m − m_eq)/τ_sf + λ M × m with the full tensor of Eqs. 72–73 \
        (D_xy = +D a/(1+a²), docs/model-reference.md), and its time evolution coupled to Landau–Lifshitz.
        Lengths in metres, angles in degrees, times in seconds. Columns: x_m, m_x, m_y, m_z.
        """,
      subcommands: [Interface.self, Torus.self, Evolve.self])
  }
}
