import Diagnostics
import Foundation
import LinearAlgebra
import ModelFiles
import Numerics
import SpinDiffusion

/// A magnetization texture for spin diffusion, read from a model file (`family = "texture"`),
/// built into the library's ``/SpinDiffusion/SteadySpinProblem`` (docs/model-files.md).
///
///     [grid]      start, end (open) or period (periodic, x from start to start + period), in m;
///                 refine_at = [centres], refine_width (m): the grid is refined (1 + r)-fold there
///     [boundary]  left, right: "equilibrium" (m = m_eq at the end), "no-flux",
///                 { accumulation = [m_x, m_y, m_z] }, { current = [j_x, j_y, j_z] } (m/s)
///     [[region]]  start (from the grid's start for the first), then either
///                 direction = [n_x, n_y, n_z] or theta, phi (radians), magnitude f = |M|/M₀
///                 (default 1), equilibrium = [m_x, m_y, m_z] (default n̂); or
///                 table = "file.csv" with columns x_m or x_nm, m_x, m_y, m_z or theta, phi,
///                 optional f and m_eq_x, m_eq_y, m_eq_z; or the same columns inline,
///                 table = { x_m = […], m = [[m_x, m_y, m_z], …] }
///
/// Values are numbers or expressions of the file's `[params]` and (in regions) the position
/// `x` in m. M = M₀ f n̂ with n̂ normalised; M₀ comes from the computation's precession ratio a₀.
/// A region holds from its start to the next region's; a table is interpolated by
/// ``/SpinDiffusion/SampledTexture`` (normalised linear interpolation) and must cover its
/// region. Every value the schemes will read is evaluated before the solve
/// (``/SpinDiffusion/SteadySpinProblem/textureEvaluationPoints``), so a division by zero, a
/// non-finite value, a zero direction or a negative magnitude is a located
/// ``/ModelFiles/ModelFileError`` before any computation.
public struct TextureModelFile: Sendable {
  /// The variable regions' expressions may read besides the parameters (position, m).
  public static let variables = ["x"]
  /// Keys of the top level.
  static let topKeys = ["family", "title", "description", "params", "grid", "boundary", "region"]
  /// Most regions.
  public static let maximumRegions = 1000

  public let file: String
  public let title: String
  public let parameters: [ModelParameter]
  /// The grid size the file suggests (`[grid] points`), the computation's default otherwise.
  public let points: Int?

  let grid: GridSpec
  let left: Boundary
  let right: Boundary
  let regions: [Region]

  struct GridSpec: Sendable {
    var start: ModelValue
    var end: ModelValue?
    var period: ModelValue?
    var refineAt: [ModelValue]
    var refineWidth: ModelValue?
    var location: SourceLocation
  }

  enum Boundary: Sendable {
    case equilibrium
    case noFlux
    case accumulation([ModelValue], SourceLocation)
    case current([ModelValue], SourceLocation)
  }

  enum Direction: Sendable {
    case components([ModelValue])
    case angles(theta: ModelValue, phi: ModelValue)
  }

  enum Shape: Sendable {
    case table(SampledTexture, SourceLocation)
    case formula(direction: Direction, at: SourceLocation, magnitude: ModelValue?, equilibrium: [ModelValue]?)
  }

  struct Region: Sendable {
    var start: ModelValue?
    var location: SourceLocation
    var shape: Shape
  }

  /// Reads and checks the model file at `url` (`shown`: its name in messages). `reserved`: the
  /// computation's own parameters, which the file's may not shadow.
  public static func load(
    _ url: URL, shownAs shown: String? = nil, reserved: [Parameter] = []
  ) throws
    -> TextureModelFile
  {
    let document = try ModelDocument.load(url, shownAs: shown)
    return try TextureModelFile(document, directory: url.deletingLastPathComponent(), reserved: reserved)
  }

  init(_ document: ModelDocument, directory: URL, reserved: [Parameter]) throws {
    try document.expectFamily("texture")
    try document.root.checkKeys(Self.topKeys)
    file = document.file
    title = try document.root["title"]?.string() ?? ""
    parameters = try document.parameters(reserved: reserved, variables: Self.variables)
    let names = parameters.map(\.name)
    let withX = names + Self.variables

    let g = try document.root.required("grid", allowed: "a [grid] table with start and end (or period)")
    let gt = try g.table(allowedKeys: ["start", "end", "period", "refine_at", "refine_width", "points"])
    let end = try gt["end"]?.modelValue(variables: names)
    let period = try gt["period"]?.modelValue(variables: names)
    guard (end == nil) != (period == nil) else {
      throw ModelFileError(
        "grid needs exactly one of end (an open grid) and period (a periodic grid) (allowed: end = … or period = …)",
        at: gt.location)
    }
    let refineAt = try gt["refine_at"]?.array(maximumCount: 1000).map { try $0.modelValue(variables: names) } ?? []
    let refineWidth = try gt["refine_width"]?.modelValue(variables: names)
    if !refineAt.isEmpty, refineWidth == nil {
      throw ModelFileError("missing grid.refine_width (allowed: the width (m) of the refined zones)", at: gt.location)
    }
    points = try gt["points"]?.integer(in: 3...100_000_000)
    grid = GridSpec(
      start: try gt["start"]?.modelValue(variables: names) ?? .constant(.zero), end: end, period: period,
      refineAt: refineAt, refineWidth: refineWidth, location: gt.location)

    if let b = document.root["boundary"] {
      guard period == nil else { throw b.invalid("no [boundary] on a periodic grid (it has no ends)") }
      let bt = try b.table(allowedKeys: ["left", "right"])
      left = try bt["left"].map { try Self.boundary($0, names) } ?? .equilibrium
      right = try bt["right"].map { try Self.boundary($0, names) } ?? .equilibrium
    } else {
      left = .equilibrium
      right = .equilibrium
    }

    let r = try document.root.required("region", allowed: "one or more [[region]] tables")
    let list = try r.array(maximumCount: Self.maximumRegions)
    guard !list.isEmpty else { throw r.invalid("one or more [[region]] tables") }
    var regions: [Region] = []
    for (k, node) in list.enumerated() {
      let t = try node.table(allowedKeys: [
        "start", "direction", "theta", "phi", "magnitude", "equilibrium", "table",
      ])
      let start = try t["start"]?.modelValue(variables: names)
      if k > 0, start == nil {
        throw ModelFileError(
          "missing region[\(k)].start (allowed: where the region begins, m; only the first may omit it)",
          at: t.location)
      }
      let shape: Shape
      if let table = t["table"] {
        for key in ["direction", "theta", "phi", "magnitude", "equilibrium"] where t[key] != nil {
          throw t[key]!.invalid("no \(key) beside table = … (the table's columns give it)")
        }
        shape = .table(try Self.table(table, directory: directory, file: document.file), table.location)
      } else {
        let direction: Direction
        let at: SourceLocation
        if let d = t["direction"] {
          if t["theta"] != nil || t["phi"] != nil {
            throw (t["theta"] ?? t["phi"])!.invalid("either direction = [n_x, n_y, n_z] or theta and phi, not both")
          }
          direction = .components(try Self.vector(d, withX))
          at = d.location
        } else if let theta = t["theta"], let phi = t["phi"] {
          direction = .angles(theta: try theta.modelValue(variables: withX), phi: try phi.modelValue(variables: withX))
          at = theta.location
        } else {
          throw ModelFileError(
            "region[\(k)] needs a direction (allowed: direction = [n_x, n_y, n_z], theta and phi in radians, or table = \"file.csv\" or { x_m = […], m = […] })",
            at: t.location)
        }
        shape = .formula(
          direction: direction, at: at, magnitude: try t["magnitude"]?.modelValue(variables: withX),
          equilibrium: try t["equilibrium"].map { try Self.vector($0, withX) })
      }
      regions.append(Region(start: start, location: t["start"]?.location ?? t.location, shape: shape))
    }
    self.regions = regions
  }

  /// Three numbers or expressions `[a, b, c]`.
  static func vector(_ node: ModelNode, _ variables: [String]) throws -> [ModelValue] {
    let a = try node.array(maximumCount: 3)
    guard a.count == 3 else { throw node.invalid("three components [a, b, c]") }
    return try a.map { try $0.modelValue(variables: variables) }
  }

  static func boundary(_ node: ModelNode, _ names: [String]) throws -> Boundary {
    let allowed =
      "\"equilibrium\", \"no-flux\", { accumulation = [m_x, m_y, m_z] } or { current = [j_x, j_y, j_z] } (m/s)"
    if case .string = node.value {
      switch try node.choice(["equilibrium", "no-flux"]) {
      case "no-flux": return .noFlux
      default: return .equilibrium
      }
    }
    guard case .table = node.value else { throw node.invalid(allowed) }
    let t = try node.table(allowedKeys: ["accumulation", "current"])
    if let a = t["accumulation"], t["current"] == nil { return .accumulation(try vector(a, names), a.location) }
    if let c = t["current"], t["accumulation"] == nil { return .current(try vector(c, names), c.location) }
    throw node.invalid(allowed)
  }

  /// The columns a texture table may have.
  static let tableColumns = [
    "x_m", "x_nm", "m_x", "m_y", "m_z", "theta", "phi", "f", "m_eq_x", "m_eq_y", "m_eq_z",
  ]

  /// Reads a region's table into samples of n̂ (and f, m_eq when given).
  static func table(_ node: ModelNode, directory: URL, file: String) throws -> SampledTexture {
    let t = try SampleTable.read(node, directory: directory, modelFile: file, allowed: tableColumns)
    let header = t.location(row: nil)
    let position: String, scale: Double
    switch (t.has("x_m"), t.has("x_nm")) {
    case (true, false): (position, scale) = ("x_m", 1)
    case (false, true): (position, scale) = ("x_nm", 1e-9)
    default: throw ModelFileError("the table needs one position column (allowed: x_m or x_nm)", at: header)
    }
    let cartesian = ["m_x", "m_y", "m_z"].map(t.has), angles = ["theta", "phi"].map(t.has)
    var columns: [[Double]]
    if cartesian.allSatisfy({ $0 }), !angles.contains(true) {
      columns = ["m_x", "m_y", "m_z"].map(t.column)
    } else if angles.allSatisfy({ $0 }), !cartesian.contains(true) {
      let theta = t.column("theta"), phi = t.column("phi")
      let n = zip(theta, phi).map { Vector3.spherical(theta: $0, phi: $1) }
      columns = [n.map(\.x), n.map(\.y), n.map(\.z)]
    } else {
      throw ModelFileError(
        "the table needs the direction as m_x, m_y, m_z or as theta, phi (radians), one of the two", at: header)
    }
    let equilibrium = ["m_eq_x", "m_eq_y", "m_eq_z"].map(t.has)
    guard equilibrium.allSatisfy({ $0 }) || !equilibrium.contains(true) else {
      throw ModelFileError("the table needs all of m_eq_x, m_eq_y, m_eq_z or none", at: header)
    }
    if t.has("f") || equilibrium[0] {
      columns.append(t.has("f") ? t.column("f") : [Double](repeating: 1, count: t.rows.count))
    }
    if equilibrium[0] { columns += ["m_eq_x", "m_eq_y", "m_eq_z"].map(t.column) }
    let samples = try t.samples(position: position, scale: scale, columns: columns)
    do {
      return try SampledTexture(samples)
    } catch let e as SampledProfileError {
      throw t.error(e)
    }
  }

  // MARK: Building

  /// Parameter values in slot order, then x.
  func slots(_ values: ParameterValues) -> [Complex<Double>] {
    parameters.map { Complex($0.value(in: values), 0) }
  }

  /// A real value of the grid or boundary, with `name` for the message when not finite.
  static func real(_ v: ModelValue, _ slots: [Complex<Double>], _ at: SourceLocation, _ what: String) throws -> Double {
    let x = try v.real(slots)
    guard x.isFinite else { throw ModelFileError("\(what) = \(x) (allowed: a finite number)", at: at) }
    return x
  }

  /// The steady problem at `values`: grid of `points` nodes (refined by `refinement` around the
  /// file's refine_at), `material`, M₀ = `saturation`. Every texture value the schemes read is
  /// evaluated here first. `progress` as in ``/SpinDiffusion/SpinGrid/refined(from:to:points:centers:width:ratio:progress:)``.
  public func problem(
    _ values: ParameterValues, points: Int, refinement: Double, material: SpinDiffusionMaterial, saturation m0: Double,
    progress: ((Int) -> Void)? = nil
  ) throws -> SteadySpinProblem {
    let p = slots(values)
    let start = try Self.real(grid.start, p, grid.location, "grid.start")
    let centres = try grid.refineAt.map { try Self.real($0, p, grid.location, "grid.refine_at") }
    let width = try grid.refineWidth.map { try Self.real($0, p, grid.location, "grid.refine_width") } ?? 1
    if grid.refineWidth != nil, !(width > 0) {
      throw ModelFileError("grid.refine_width = \(width) (allowed: a width > 0 m)", at: grid.location)
    }
    let ratio = centres.isEmpty ? 0 : refinement
    let spinGrid: SpinGrid
    let end: Double
    if let period = grid.period {
      let length = try Self.real(period, p, grid.location, "grid.period")
      guard length > 0 else { throw ModelFileError("grid.period = \(length) (allowed: > 0 m)", at: grid.location) }
      let g = try SpinGrid.periodic(
        period: length, points: points, centers: centres.map { $0 - start }, width: width, ratio: ratio,
        progress: progress)
      spinGrid = start == 0 ? g : try SpinGrid(nodes: g.nodes.map { $0 + start }, period: length)
      end = start + length
    } else {
      end = try Self.real(grid.end!, p, grid.location, "grid.end")
      guard end > start else {
        throw ModelFileError("grid.end = \(end) (allowed: end > start = \(start) m)", at: grid.location)
      }
      spinGrid = try SpinGrid.refined(
        from: start, to: end, points: points, centers: centres, width: width, ratio: ratio, progress: progress)
    }
    let (texture, latch) = try self.texture(p, from: start, to: end, saturation: m0)
    var problem = SteadySpinProblem(grid: spinGrid, material: material, texture: texture)
    // Every value the schemes will read, evaluated now: errors before any computation.
    for x in problem.textureEvaluationPoints {
      _ = texture.magnetization(x)
      _ = texture.equilibrium(x)
      if let error = latch.error { throw error }
    }
    if grid.period != nil { return problem }
    problem.left = try boundary(left, p, at: start, texture)
    problem.right = try boundary(right, p, at: end, texture)
    if let error = latch.error { throw error }
    return problem
  }

  func boundary(
    _ b: Boundary, _ p: [Complex<Double>], at x: Double, _ t: SpinTexture
  ) throws
    -> SpinBoundaryCondition
  {
    func vector(_ v: [ModelValue], _ at: SourceLocation, _ what: String) throws -> Vector3 {
      let c = try v.map { try Self.real($0, p, at, what) }
      return Vector3(c[0], c[1], c[2])
    }
    switch b {
    case .equilibrium: return .dirichlet(t.equilibrium(x))
    case .noFlux: return .flux(.zero)
    case .accumulation(let v, let at): return .dirichlet(try vector(v, at, "boundary accumulation"))
    case .current(let v, let at): return .flux(try vector(v, at, "boundary current"))
    }
  }

  /// The texture of the regions at parameter slots `p` on [start, end) (layers, repeated on a
  /// periodic grid), and the latch that records its evaluation errors.
  func texture(
    _ p: [Complex<Double>], from start: Double, to end: Double, saturation m0: Double
  ) throws
    -> (SpinTexture, FirstError)
  {
    var starts: [Double] = []
    for (k, r) in regions.enumerated() {
      let s = try r.start.map { try Self.real($0, p, r.location, "region[\(k)].start") } ?? start
      if k == 0, s > start {
        throw ModelFileError(
          "region[0].start = \(s) (allowed: ≤ the grid's start \(start) m: the regions must cover the grid)",
          at: r.location)
      }
      if let last = starts.last, !(s > last) {
        throw ModelFileError(
          "region[\(k)].start = \(s) (allowed: > region[\(k - 1)].start = \(last) m, regions in order)", at: r.location)
      }
      if k > 0, !(s < end) {
        throw ModelFileError("region[\(k)].start = \(s) (allowed: < the grid's end \(end) m)", at: r.location)
      }
      starts.append(s)
    }
    for (k, r) in regions.enumerated() {
      guard case .table(let t, let at) = r.shape else { continue }
      let from = max(starts[k], start), to = k + 1 < starts.count ? starts[k + 1] : end
      do {
        try t.samples.requireCovers(from...to, "region[\(k)]")
      } catch let e as SampledProfileError {
        throw ModelFileError("invalid table: \(e.message) (allowed: samples spanning the region)", at: at)
      }
    }
    let latch = FirstError()
    let pieces = regions.enumerated().map { k, r in
      (start: starts[k], texture: RegionTexture(shape: r.shape, parameters: p, saturation: m0).texture(latch))
    }
    var texture = SpinTexture.layered(pieces)
    if grid.period != nil { texture = texture.periodic(start: start, period: end - start) }
    return (texture, latch)
  }
}

/// The first error met while a texture was evaluated (textures cannot throw: the value is then NaN).
final class FirstError: @unchecked Sendable {
  private let lock = NSLock()
  private var first: Error?

  func record(_ error: Error) {
    lock.lock()
    defer { lock.unlock() }
    if first == nil { first = error }
  }

  var error: Error? {
    lock.lock()
    defer { lock.unlock() }
    return first
  }
}

/// One region's texture at fixed parameter values.
struct RegionTexture: Sendable {
  let shape: TextureModelFile.Shape
  let parameters: [Complex<Double>]
  let saturation: Double

  /// M and m_eq at x.
  func evaluate(_ x: Double) throws -> (magnetization: Vector3, equilibrium: Vector3) {
    switch shape {
    case .table(let t, _):
      return ((saturation * t.magnitude(at: x)) * t.direction(at: x), t.equilibrium(at: x))
    case .formula(let direction, let at, let magnitude, let equilibrium):
      let slots = parameters + [Complex(x, 0)]
      let raw: Vector3
      switch direction {
      case .components(let c):
        raw = Vector3(try c[0].real(slots), try c[1].real(slots), try c[2].real(slots))
      case .angles(let theta, let phi):
        raw = .spherical(theta: try theta.real(slots), phi: try phi.real(slots))
      }
      let f = try magnitude?.real(slots) ?? 1
      guard f >= 0 else {
        throw ModelFileError("magnitude f = \(f) at x = \(x) m (allowed: f = |M|/M₀ ≥ 0)", at: at)
      }
      let n: Vector3
      if raw.length > 0 {
        n = raw.normalized
      } else if f == 0 {
        n = .zero
      } else {
        throw ModelFileError("the direction is (0, 0, 0) at x = \(x) m (allowed: a non-zero vector)", at: at)
      }
      let eq =
        try equilibrium.map { v in Vector3(try v[0].real(slots), try v[1].real(slots), try v[2].real(slots)) } ?? n
      return ((saturation * f) * n, eq)
    }
  }

  /// The region as a library texture; an evaluation error is recorded in `latch` and gives NaN.
  func texture(_ latch: FirstError) -> SpinTexture {
    let t = self
    let nan = Vector3(.nan, .nan, .nan)
    return SpinTexture(
      magnetization: { x in
        do { return try t.evaluate(x).magnetization } catch {
          latch.record(error)
          return nan
        }
      },
      equilibrium: { x in
        do { return try t.evaluate(x).equilibrium } catch {
          latch.record(error)
          return nan
        }
      })
  }
}
