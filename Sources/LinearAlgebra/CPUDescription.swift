import Foundation

/// The processor this process runs on, as the operating system describes it.
///
/// Read from `/proc/cpuinfo` (Linux): the first processor's `model name`, `cpu family`, `model`
/// and `flags`. The flags are the ones the kernel has enabled (AVX-512 is absent when the OS does
/// not save its registers), so they say what code can actually run. Elsewhere, or when the file
/// cannot be read, the description is empty and every instruction-set test is false.
public struct CPUDescription: Sendable, Equatable {
  /// Marketing name, e.g. "Intel(R) Xeon(R) Platinum 8581C CPU @ 2.10GHz"; empty when unknown.
  public var modelName: String
  /// x86 family and model numbers (decimal, as /proc/cpuinfo prints them); nil when unknown.
  public var family: Int?
  public var model: Int?
  /// Instruction-set flags in the kernel's spelling (`avx2`, `fma`, `avx512f`, …).
  public var flags: Set<String>

  public init(modelName: String, family: Int?, model: Int?, flags: Set<String>) {
    self.modelName = modelName
    self.family = family
    self.model = model
    self.flags = flags
  }

  /// Parses the text of `/proc/cpuinfo`; only the first processor's block is read.
  public init(cpuinfo text: String) {
    var name = "", family: Int?, model: Int?, flags: Set<String> = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.trimmingCharacters(in: .whitespaces).isEmpty {
        if !name.isEmpty || !flags.isEmpty { break }
        continue
      }
      let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
      guard parts.count == 2 else { continue }
      let key = parts[0].trimmingCharacters(in: .whitespaces)
      let value = parts[1].trimmingCharacters(in: .whitespaces)
      switch key {
      case "model name": name = value
      case "cpu family": family = Int(value)
      case "model": model = Int(value)
      case "flags": flags = Set(value.split(separator: " ").map(String.init))
      default: break
      }
    }
    self.init(modelName: name, family: family, model: model, flags: flags)
  }

  /// This machine's processor (empty description when `/proc/cpuinfo` is unreadable).
  public static let current: CPUDescription = {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
      return CPUDescription(modelName: "", family: nil, model: nil, flags: [])
    }
    return CPUDescription(cpuinfo: text)
  }()

  /// The widest vector instruction set BLAS kernels can use on this processor.
  var vectorTier: VectorTier {
    let avx512 = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
    if avx512.allSatisfy(flags.contains) { return .avx512 }
    if flags.contains("avx2") && flags.contains("fma") { return .avx2 }
    if flags.contains("avx") { return .avx }
    return .sse
  }

  /// One line for `doctor`: name, family/model and the widest vector set.
  public var summary: String {
    let name = modelName.isEmpty ? "unknown processor" : modelName
    let id = family.map { f in model.map { "family \(f) model \($0)" } ?? "family \(f)" }
    return [name, id, "widest vector instructions \(vectorTier)"].compactMap { $0 }.joined(separator: ", ")
  }
}

/// Vector instruction sets in the order BLAS kernels exploit them.
enum VectorTier: Int, Comparable, Sendable, CustomStringConvertible {
  case sse, avx, avx2, avx512

  public static func < (a: VectorTier, b: VectorTier) -> Bool { a.rawValue < b.rawValue }

  public var description: String {
    switch self {
    case .sse: "SSE"
    case .avx: "AVX"
    case .avx2: "AVX2"
    case .avx512: "AVX-512"
    }
  }
}
