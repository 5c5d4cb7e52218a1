import CLAPACK
import Foundation

/// Which OpenBLAS kernel runs, why, and the matching kernel when OpenBLAS fell back to a generic one.
///
/// OpenBLAS built with `DYNAMIC_ARCH` picks its kernel from CPUID in a load-time constructor.
/// A release that does not know a processor (OpenBLAS 0.3.21 and Intel family 6 model 207, for
/// example) falls back, silently, to its generic `Prescott` (SSE3) kernel, which runs dense
/// linear algebra at about half the speed of the AVX2 or AVX-512 kernels the processor could run.
/// The only way to choose another kernel is the environment variable `OPENBLAS_CORETYPE`, read
/// by that constructor, so a process that wants a different kernel must set it and start again:
/// ``selectMatchingKernel(arguments:)`` does that once, at the top of `main`, before any BLAS call.
///
/// Policy:
/// - `OPENBLAS_CORETYPE` set by the user always wins (reported, with a warning when it is
///   narrower than the processor could run).
/// - Only a generic (SSE-level) kernel on a processor with AVX or wider is replaced, by the
///   kernel of that width: `SkylakeX` (AVX-512 F/CD/BW/DQ/VL), `Haswell` (AVX2 + FMA) or
///   `Sandybridge` (AVX). A kernel OpenBLAS chose for a processor it knows is left alone.
public enum OpenBLASKernel {
  /// How the kernel in use came to be chosen.
  public enum Origin: Equatable, Sendable {
    /// OpenBLAS recognised the processor.
    case detected
    /// `OPENBLAS_CORETYPE` was set by the user.
    case forcedByUser(String)
    /// spintransport set `OPENBLAS_CORETYPE` because OpenBLAS had fallen back to `fallback`.
    case chosenByTool(fallback: String)
  }

  /// The environment variable OpenBLAS reads its kernel from.
  static let coreTypeVariable = "OPENBLAS_CORETYPE"
  /// Set alongside `OPENBLAS_CORETYPE` by ``selectMatchingKernel(arguments:)``: the kernel OpenBLAS had fallen back to.
  static let fallbackVariable = "SPINTRANSPORT_OPENBLAS_FALLBACK"
  /// Diagnostic: behave as if OpenBLAS had fallen back to this kernel (to see the selection work on any processor).
  static let assumeFallbackVariable = "SPINTRANSPORT_ASSUME_OPENBLAS_CORE"

  /// OpenBLAS kernel names by the vector width their code uses (OpenBLAS `driver/others/dynamic.c`).
  static func tier(ofKernel name: String) -> VectorTier {
    switch name.lowercased() {
    case "skylakex", "cooperlake", "sapphirerapids": .avx512
    case "haswell", "zen", "excavator": .avx2
    case "sandybridge", "bulldozer", "piledriver", "steamroller": .avx
    default: .sse
    }
  }

  /// The kernel to force for a processor of this width (nil for SSE-only processors).
  static func kernel(for tier: VectorTier) -> String? {
    switch tier {
    case .avx512: "SkylakeX"
    case .avx2: "Haswell"
    case .avx: "Sandybridge"
    case .sse: nil
    }
  }

  /// The kernel to force, or nil: only when OpenBLAS runs a generic kernel on a wider processor.
  ///
  /// - Parameters:
  ///   - core: the kernel OpenBLAS chose (`openblas_get_corename()`).
  ///   - cpu: the processor.
  ///   - userChoice: the value of `OPENBLAS_CORETYPE`, if set (then nil: the user's choice wins).
  public static func replacement(core: String, cpu: CPUDescription, userChoice: String?) -> String? {
    guard userChoice == nil, tier(ofKernel: core) == .sse, cpu.vectorTier > .sse else { return nil }
    return kernel(for: cpu.vectorTier)
  }

  /// Restarts this program with the matching `OPENBLAS_CORETYPE` when OpenBLAS fell back to a
  /// generic kernel; returns (doing nothing) otherwise, or when the restart fails.
  ///
  /// Call first thing in `main`, before threads or BLAS work. The restart replaces the process
  /// image (`execv` of `/proc/self/exe`, same arguments, same process id, so `mpirun` and job
  /// schedulers see no difference); the new image finds `OPENBLAS_CORETYPE` set and never restarts.
  public static func selectMatchingKernel(arguments: [String]) {
    let environment = ProcessInfo.processInfo.environment
    let core = environment[assumeFallbackVariable] ?? BLASInfo.coreName
    guard
      let choice = replacement(core: core, cpu: .current, userChoice: environment[coreTypeVariable]),
      FileManager.default.isExecutableFile(atPath: "/proc/self/exe")
    else { return }
    setenv(coreTypeVariable, choice, 1)
    setenv(fallbackVariable, core, 1)
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    execv("/proc/self/exe", &argv)
    // execv returned: it failed. Run on with the generic kernel; `doctor` reports it.
    for p in argv { free(p) }
    unsetenv(coreTypeVariable)
    unsetenv(fallbackVariable)
  }

  /// What `doctor` reports: the processor, the kernel in use, why, and a warning when a wider one would run.
  public struct Status: Sendable {
    public var cpu: CPUDescription
    public var kernel: String
    public var origin: Origin

    /// The current process's kernel and how it was chosen.
    public static var current: Status {
      let environment = ProcessInfo.processInfo.environment
      let origin: Origin
      if let user = environment[coreTypeVariable] {
        origin = environment[fallbackVariable].map { .chosenByTool(fallback: $0) } ?? .forcedByUser(user)
      } else {
        origin = .detected
      }
      return Status(cpu: .current, kernel: BLASInfo.coreName, origin: origin)
    }

    public init(cpu: CPUDescription, kernel: String, origin: Origin) {
      self.cpu = cpu
      self.kernel = kernel
      self.origin = origin
    }

    /// One line: the kernel and why it runs.
    public var explanation: String {
      switch origin {
      case .detected:
        return "\(kernel), detected by OpenBLAS for this processor"
      case .forcedByUser(let value):
        return "\(kernel), forced by \(coreTypeVariable)=\(value)"
      case .chosenByTool(let fallback):
        return
          "\(kernel), chosen by spintransport: OpenBLAS did not recognise this processor and fell back to its "
          + "generic \(fallback) kernel; the processor has \(cpu.vectorTier) (set \(coreTypeVariable) to override)"
      }
    }

    /// A warning when the kernel in use is narrower than the processor could run; nil otherwise.
    public var warning: String? {
      let used = OpenBLASKernel.tier(ofKernel: kernel)
      guard used < cpu.vectorTier, let better = OpenBLASKernel.kernel(for: cpu.vectorTier) else { return nil }
      let how =
        origin == .detected
        ? "set \(coreTypeVariable)=\(better)"
        : "unset \(coreTypeVariable) or set it to \(better)"
      let cost = used == .sse ? "at about half speed" : "slower than it could"
      return
        "the \(kernel) kernel (\(used)) runs on a processor with \(cpu.vectorTier): dense linear algebra "
        + "runs \(cost); \(how)"
    }
  }
}
