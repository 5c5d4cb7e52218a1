/// CODATA 2018 SI values (exact where the 2019 SI fixes them) and the unit conversions the
/// models need. All values in SI units unless the name says otherwise.
public enum PhysicalConstants {
  /// Elementary charge e, C (exact).
  public static let elementaryCharge = 1.602_176_634e-19
  /// Reduced Planck constant ħ, J·s (exact: h/2π).
  public static let reducedPlanck = 1.054_571_817e-34
  /// Boltzmann constant k_B, J/K (exact).
  public static let boltzmann = 1.380_649e-23
  /// Bohr magneton μ_B, J/T.
  public static let bohrMagneton = 9.274_010_0783e-24
  /// Vacuum permeability μ₀, N/A².
  public static let vacuumPermeability = 1.256_637_062_12e-6
  /// Vacuum permittivity ε₀, F/m.
  public static let vacuumPermittivity = 8.854_187_8128e-12
  /// Speed of light c, m/s (exact).
  public static let speedOfLight = 299_792_458.0
  /// Electron volt, J (exact: e · 1 V).
  public static let electronVolt = elementaryCharge

  /// e·(1 eV)/ħ in ampere: the current carried by a hopping of 1 eV (≈ 2.4341e−4 A).
  public static let amperePerElectronVoltHopping = elementaryCharge * electronVolt / reducedPlanck

  /// μ_B/k_B in K/T (≈ 0.671714); multiply by g for gμ_B/k_B.
  public static let kelvinPerTeslaPerG = bohrMagneton / boltzmann

  /// gμ_B/k_B in K/T for a given g-factor: the Zeeman energy in kelvin per tesla.
  public static func zeemanKelvinPerTesla(g: Double) -> Double { g * kelvinPerTeslaPerG }

  /// k_B/ħ in 1/(K·s): converts an energy in kelvin to an angular frequency.
  public static let angularFrequencyPerKelvin = boltzmann / reducedPlanck

  /// Electron volts per kelvin, k_B/e (≈ 8.617e−5 eV/K).
  public static let electronVoltPerKelvin = boltzmann / elementaryCharge
}
