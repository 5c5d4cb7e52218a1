import ArgumentParser
import SpinTransport

extension SpinTransportCLI {
  /// `spintransport relaxation …`: the two-variable (M, m) longitudinal model of Saslow, Sun and Xu.
  struct Relaxation: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "relaxation",
      abstract: "Longitudinal relaxation of magnetization M and spin accumulation m "
        + "(\(Paper.longitudinalRelaxation.short)).",
      discussion: """
        Reduced units: rates and ω in units of the exchange rate r = 1/τ_mM − 1/τ_Mm, wavevectors in \
        units of k_M = √(r/D_m), lengths in 1/k_M, times in 1/r. Time dependence e^{−iωt}.
        """,
      subcommands: [Rates.self, Wavevector.self, Evolve.self])
  }
}
