import SpinTransport

/// TEST FIXTURE, not physics — place 1 of 3 of "a new model in three places": the parameters,
/// declared once (as a physics module declares its own in `<Model>+Parameters.swift`).
///
///     y_n = amplitude · sin(phase + n·step),  n = 0 … samples − 1
enum ToyWave {
  static let amplitude = Parameter.real(
    "amplitude", flag: "amplitude", symbol: "A", default: 1, range: -1e6...1e6, help: "Amplitude A of the wave.")
  static let phase = Parameter.real(
    "phase_rad", flag: "phase", symbol: "φ", unit: "rad", default: 0, range: -100...100, help: "Phase φ of sample 0.")
  static let step = Parameter.real(
    "step_rad", flag: "step", symbol: "δ", unit: "rad", default: 0.5, range: -10...10, help: "Phase step δ per sample.")
  static let samples = Parameter.integer(
    "samples", flag: "samples", symbol: "n", default: 1, range: 1...1000, help: "Samples n, one row each.")
  static let shape = Parameter.choice(
    "shape", flag: "shape", choices: ["sine", "cosine"], default: "sine", help: "sine or cosine.")

  static let parameters = [amplitude, phase, step, samples, shape]
}
