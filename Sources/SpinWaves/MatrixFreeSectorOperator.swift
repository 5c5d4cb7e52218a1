import Dispatch
import Foundation
import Numerics

/// A G-invariant operator applied on the fly in several screw sectors at once, without storing its matrix.
///
///     (O x)_{a,n} = Σ_b conj(⟨b, n|O|a, n⟩) x_{b,n},   ⟨b, n|O|a, n⟩ = √(p_a/p_b) c_s e^{iθ_{b,n} l}
///
/// (O Hermitian; s = T_c^l r_b an image of |r_a⟩ with coefficient c_s, θ_{b,n} = k_n + cα M_b, see
/// ``ScrewSectors``). The columns n are the momenta in ``momenta`` (one width-W vector per row: element
/// `row·W + w`), the rows the representatives of one total M or all of them. The expensive part of a
/// product — the orbit lookup s → (r_b, p_b, l), one 8-byte word per image — is shared by the W momenta,
/// so one product in all L sectors costs about as much as one in a single sector. Per row the
/// representative is decoded into local indices once (by shifts when every site has dimension 2^b) and
/// the nonvanishing ladder products of O, kept as flat tables (``Terms``), are applied by integer
/// arithmetic; M_b = M_a + ΔM of the term needs no lookup; the diagonal products (S^z, S^z S^z) skip
/// the lookup. A row with p_a < L exists only in the momenta with
/// θ p_a ∈ 2πℤ and is zero in the others (x must be zero there; y is set to zero there).
/// Rows are split into fixed chunks run in parallel (`DispatchQueue.concurrentPerform`); each y_{a,n}
/// is one thread's sum in a fixed order, so the result does not depend on the number of threads, and
/// column n of a width-L product equals the width-1 product in momentum n bit for bit.
/// Memory: the row tables (16 B per row; 4 B per representative more with an M restriction) and small
/// phase tables; nothing ∝ nnz; no allocation per product. Preconditions: O Hermitian and G-invariant (and
/// S^z-conserving when the rows fix M).
struct MatrixFreeSectorOperator: Sendable {
  let sectors: ScrewSectors
  /// Momentum indices n of the columns.
  let momenta: [Int]
  var width: Int { momenta.count }
  /// Representative index of each row (ascending).
  let rows: [Int32]
  /// Row of each representative (−1: not a row); empty when every representative is a row (row = index).
  let rowOf: [Int32]
  /// For rows with p_a < L: 1 where the row exists in column w, 0 where not (`width` entries per such row).
  let partialMasks: [Int: [Double]]
  /// Real and imaginary parts of e^{−i k_w l}, index l·W + w.
  let momentumPhaseRe: PinnedBuffer<Double>
  let momentumPhaseIm: PinnedBuffer<Double>
  /// e^{−i c α M l} at index (2M + spinOffset)·L + l.
  let spinPhases: PinnedBuffer<Complex<Double>>
  let spinOffset: Int
  /// √(p_a/p_b) at index p_a·(L + 1) + p_b.
  let periodRatios: PinnedBuffer<Double>
  /// Per row: its product state |r_a⟩, and p_a | (2M_a + spinOffset) << 16.
  let rowStates: PinnedBuffer<Int>
  let rowPeriodSpin: PinnedBuffer<Int32>
  /// The terms of O in ladder form with a nonvanishing coefficient, one-site terms as two-site ones
  /// whose second factor is 1: off-diagonal (images t ≠ s) and diagonal (S^z, S^z S^z), see ``Terms``.
  let offDiagonal: Terms
  let diagonal: Terms
  /// Bits per site when every site has the same local dimension 2^b (digits by shifts), else 0.
  let bitsPerSite: Int
  /// Rows per parallel task (the split never changes a number: each row is one task's fixed-order sum).
  let rowsPerTask: Int

  /// Ladder products of O as flat tables: term e has coefficient conj(c_e) (stored as such, the
  /// matrix element being ⟨b|O|a⟩*), amplitude rows `ampI`, `ampJ` (offsets into ``amplitudes``,
  /// indexed by the local index k of sites `siteI`, `siteJ`), state offset Δs and 2ΔM.
  struct Terms: Sendable {
    let ints: PinnedBuffer<Int>
    let coefficients: PinnedBuffer<Double>
    var count: Int { ints.count / 6 }
  }
  /// ⟨k′|S^μ|k⟩ at index (site·3 + μ)·dMax + k (0 when it vanishes; μ = +, −, z), then dMax ones.
  let amplitudes: PinnedBuffer<Double>

  /// O in the momenta `momenta`, rows the representatives of total M = `magnetization` (all when nil).
  init(
    _ op: SpinOperatorSum, sectors: ScrewSectors, momenta: [Int], magnetization: Double? = nil,
    rowsPerTask: Int = 1024
  ) {
    precondition(rowsPerTask >= 1 && !momenta.isEmpty)
    let l = sectors.cellCount
    let ks = momenta.map { 2 * Double.pi * (Double($0) + sectors.momentumOffset) / Double(l) }
    var rows: [Int32] = []
    var masks: [Int: [Double]] = [:]
    for r in sectors.representatives.indices {
      if let m = magnetization, sectors.magnetizations[r] != m { continue }
      // Member of momentum k iff θ p_r ∈ 2πℤ, θ = k + cα M_r (as ``ScrewSectors/sector(momentum:magnetization:)``).
      let p = Double(sectors.periods[r]), spin = Double(sectors.cell) * sectors.angle * sectors.magnetizations[r]
      func member(_ k: Double) -> Bool {
        let x = (k + spin) * p / (2 * Double.pi)
        return abs(x - x.rounded()) < 1e-9
      }
      var count = 0
      for k in ks where member(k) { count += 1 }
      guard count > 0 else { continue }
      if count < ks.count { masks[rows.count] = ks.map { member($0) ? 1 : 0 } }
      rows.append(Int32(r))
    }
    var rowOf: [Int32] = []
    if rows.count != sectors.representatives.count {
      rowOf = [Int32](repeating: -1, count: sectors.representatives.count)
      for (a, r) in rows.enumerated() { rowOf[Int(r)] = Int32(a) }
    }
    self.init(op, sectors: sectors, momenta: momenta, ks: ks, rows: rows, rowOf: rowOf, masks: masks, rowsPerTask)
  }

  /// O in one sector, rows its members in order (the vector layout of ``ScrewSectors/Sector``).
  init(_ op: SpinOperatorSum, sectors: ScrewSectors, sector: ScrewSectors.Sector, rowsPerTask: Int = 1024) {
    let l = sectors.cellCount
    let rows = sector.members.map { Int32($0) }
    let rowOf = rows.count == sectors.representatives.count ? [] : sectors.positions(sector)
    self.init(
      op, sectors: sectors, momenta: [sector.momentum],
      ks: [2 * Double.pi * (Double(sector.momentum) + sectors.momentumOffset) / Double(l)], rows: rows,
      rowOf: rowOf, masks: [:], rowsPerTask)
  }

  private init(
    _ op: SpinOperatorSum, sectors: ScrewSectors, momenta: [Int], ks: [Double], rows: [Int32], rowOf: [Int32],
    masks: [Int: [Double]], _ rowsPerTask: Int
  ) {
    self.sectors = sectors
    self.momenta = momenta
    self.rows = rows
    self.rowOf = rowOf
    partialMasks = masks
    self.rowsPerTask = rowsPerTask
    let l = sectors.cellCount, w = momenta.count
    momentumPhaseRe = PinnedBuffer((0..<(l * w)).map { cos(-ks[$0 % w] * Double($0 / w)) })
    momentumPhaseIm = PinnedBuffer((0..<(l * w)).map { sin(-ks[$0 % w] * Double($0 / w)) })
    let twiceMax = Int((2 * sectors.basis.spins.reduce(0, +)).rounded())
    spinOffset = twiceMax
    let step = Double(sectors.cell) * sectors.angle
    spinPhases = PinnedBuffer(
      (0...(2 * twiceMax)).flatMap { index -> [Complex<Double>] in
        let m = Double(index - twiceMax) / 2
        return (0..<l).map { Complex(cos(step * m * Double($0)), -sin(step * m * Double($0))) }
      })
    periodRatios = PinnedBuffer(
      (0...l).flatMap { pa in (0...l).map { pb in pb == 0 ? 0 : (Double(pa) / Double(pb)).squareRoot() } })
    rowStates = PinnedBuffer(rows.map { sectors.representatives[Int($0)] })
    rowPeriodSpin = PinnedBuffer(
      rows.map { r in
        Int32(sectors.periods[Int(r)] | ((Int((2 * sectors.magnetizations[Int(r)]).rounded()) + twiceMax) << 16))
      })
    let basis = sectors.basis
    let dMax = basis.localDimensions.max()!
    var amps = [Double](repeating: 0, count: basis.siteCount * 3 * dMax + dMax)
    for i in 0..<basis.siteCount {
      for mu in 0..<3 {
        for k in 0..<basis.localDimensions[i] {
          let state = k * basis.strides[i]
          if let (_, a) = basis.apply(SpinProductBasis.Ladder(rawValue: mu)!, site: i, to: state) {
            amps[(i * 3 + mu) * dMax + k] = a
          }
        }
      }
    }
    let unit = basis.siteCount * 3 * dMax
    for k in 0..<dMax { amps[unit + k] = 1 }
    amplitudes = PinnedBuffer(amps)
    // Δs and ΔM of S^μ on site i: S^+ lowers the local index k (m = S − k), S^− raises it.
    func shift(_ i: Int, _ mu: Int) -> (ds: Int, dm: Int) {
      mu == 0 ? (-basis.strides[i], 1) : (mu == 1 ? (basis.strides[i], -1) : (0, 0))
    }
    var off: ([Int], [Double]) = ([], []), diag: ([Int], [Double]) = ([], [])
    func add(_ c: Complex<Double>, _ i: Int, _ mu: Int, _ j: Int, _ nu: Int?) {
      guard c != .zero else { return }
      let (dsi, dmi) = shift(i, mu), (dsj, dmj) = nu.map { shift(j, $0) } ?? (0, 0)
      let ints = [(i * 3 + mu) * dMax, i, nu.map { (j * 3 + $0) * dMax } ?? unit, j, dsi + dsj, 2 * (dmi + dmj)]
      if dsi + dsj == 0 {
        diag.0 += ints
        diag.1 += [c.real, -c.imaginary]
      } else {
        off.0 += ints
        off.1 += [c.real, -c.imaginary]
      }
    }
    for (site, c) in op.oneSiteLadder { for mu in 0..<3 { add(c[mu], site, mu, site, nil) } }
    for (i, j, c) in op.twoSiteLadder { for nu in 0..<3 { for mu in 0..<3 { add(c[3 * mu + nu], i, mu, j, nu) } } }
    offDiagonal = Terms(ints: PinnedBuffer(off.0), coefficients: PinnedBuffer(off.1))
    diagonal = Terms(ints: PinnedBuffer(diag.0), coefficients: PinnedBuffer(diag.1))
    let d0 = basis.localDimensions[0]
    let uniform = basis.localDimensions.allSatisfy { $0 == d0 } && d0 & (d0 - 1) == 0
    bitsPerSite = uniform ? d0.trailingZeroBitCount : 0
  }

  /// Bytes of the tables for `orbits` rows (besides the sectors' own table), with an M restriction or not.
  static func tableBytes(orbits: Double, restricted: Bool) -> Double { (restricted ? 24 : 16) * orbits }

  /// y = O x (both `rows.count · width` long).
  func multiply(_ x: [Complex<Double>], into y: inout [Complex<Double>]) {
    precondition(x.count == rows.count * width && y.count == x.count)
    x.withUnsafeBufferPointer { xin in
      y.withUnsafeMutableBufferPointer { out in multiply(xin.baseAddress!, into: out.baseAddress!) }
    }
  }

  /// y = O x on raw buffers of `rows.count · width` elements.
  func multiply(_ x: UnsafePointer<Complex<Double>>, into y: UnsafeMutablePointer<Complex<Double>>) {
    let chunk = rowsPerTask, count = rows.count
    let chunks = (count + chunk - 1) / chunk
    let xs = UnsafeSendableConstPointer(x), ys = UnsafeSendablePointer(y)
    sectors.orbitOf.withUnsafeBufferPointer { orbit in
      let table = UnsafeSendableConstPointer(orbit.baseAddress!)
      DispatchQueue.concurrentPerform(iterations: chunks) { c in
        applyRows((c * chunk)..<min(count, (c + 1) * chunk), x: xs.pointer, y: ys.pointer, orbit: table.pointer)
      }
    }
  }

  /// The rows `range` of y = O x: per row, first the images (orbit lookups, all independent loads)
  /// into a short list of (b, l, z), then one tight loop over the W columns per image.
  private func applyRows(
    _ range: Range<Int>, x: UnsafePointer<Complex<Double>>, y: UnsafeMutablePointer<Complex<Double>>,
    orbit: UnsafePointer<UInt64>
  ) {
    let basis = sectors.basis, n = basis.siteCount, w = width, l = sectors.cellCount
    let capacity = offDiagonal.count + 1
    let xd = UnsafeRawPointer(x).assumingMemoryBound(to: Double.self)
    let bits = bitsPerSite, digitMask = (1 << bitsPerSite) - 1
    let amp = amplitudes.base, phases = spinPhases.base, ratios = periodRatios.base
    let offInts = offDiagonal.ints.base, offC = offDiagonal.coefficients.base, offCount = offDiagonal.count
    let diagInts = diagonal.ints.base, diagC = diagonal.coefficients.base, diagCount = diagonal.count
    let pre = momentumPhaseRe.base, pim = momentumPhaseIm.base
    withUnsafeTemporaryAllocation(of: Int.self, capacity: n) { digitBuffer in
      withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * w) { acc in
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * capacity) { imageBuffer in
          withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * capacity) { weightBuffer in
            basis.localDimensions.withUnsafeBufferPointer { dims in
              rowOf.withUnsafeBufferPointer { rowOfBuffer in
                let digits = digitBuffer.baseAddress!, images = imageBuffer.baseAddress!
                let weights = weightBuffer.baseAddress!
                let accR = acc.baseAddress!, accI = acc.baseAddress! + w
                let rowIndex = rowOfBuffer.baseAddress, mapped = !rowOfBuffer.isEmpty
                for a in range {
                  let s = rowStates.base[a]
                  if bits > 0 {
                    for i in 0..<n { digits[i] = (s >> (bits * i)) & digitMask }
                  } else {
                    var rest = s
                    for i in 0..<n {
                      let d = dims[i]
                      digits[i] = rest % d
                      rest /= d
                    }
                  }
                  let info = Int(rowPeriodSpin.base[a])
                  let pa = info & 0xFFFF, twiceMa = info >> 16
                  // The diagonal: Σ_e conj(c_e) A_e (images equal to |r_a⟩).
                  var dr = 0.0, di = 0.0
                  for e in 0..<diagCount {
                    let t = diagInts + 6 * e
                    let f = amp[t[0] + digits[t[1]]] * amp[t[2] + digits[t[3]]]
                    dr += diagC[2 * e] * f
                    di += diagC[2 * e + 1] * f
                  }
                  // The images: z = conj(c) A √(p_a/p_b) e^{−icαM_b l}.
                  var count = 0
                  for e in 0..<offCount {
                    let t = offInts + 6 * e
                    let f = amp[t[0] + digits[t[1]]] * amp[t[2] + digits[t[3]]]
                    guard f != 0 else { continue }
                    let word = orbit[s + t[4]]
                    let rb = Int(truncatingIfNeeded: word >> 32)
                    let b = mapped ? Int(rowIndex![rb]) : rb
                    guard b >= 0 else { continue }
                    let shift = Int(truncatingIfNeeded: word & 0xFFFF)
                    let pb = Int(truncatingIfNeeded: (word >> 16) & 0xFFFF)
                    let phase = phases[(twiceMa + t[5]) * l + shift]
                    let g = f * ratios[pa * (l + 1) + pb]
                    let cr = offC[2 * e] * g, ci = offC[2 * e + 1] * g
                    images[2 * count] = b
                    images[2 * count + 1] = shift
                    weights[2 * count] = cr * phase.real - ci * phase.imaginary
                    weights[2 * count + 1] = cr * phase.imaginary + ci * phase.real
                    count += 1
                  }
                  // The diagonal first (its x_a), then the images in the order of the terms.
                  let xa = xd + 2 * a * w
                  for k in 0..<w {
                    let xr = xa[2 * k], xi = xa[2 * k + 1]
                    accR[k] = dr * xr - di * xi
                    accI[k] = dr * xi + di * xr
                  }
                  for e in 0..<count {
                    let zr = weights[2 * e], zi = weights[2 * e + 1]
                    let xb = xd + 2 * images[2 * e] * w
                    let er = pre + images[2 * e + 1] * w, ei = pim + images[2 * e + 1] * w
                    for k in 0..<w {
                      let pr = zr * er[k] - zi * ei[k], pi = zr * ei[k] + zi * er[k]
                      let xr = xb[2 * k], xi = xb[2 * k + 1]
                      accR[k] += pr * xr - pi * xi
                      accI[k] += pr * xi + pi * xr
                    }
                  }
                  let mask = partialMasks.isEmpty ? nil : partialMasks[a]
                  for k in 0..<w {
                    let keep = mask?[k] ?? 1
                    y[a * w + k] = Complex(accR[k] * keep, accI[k] * keep)
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /// ⟨ψ|O|ψ⟩ per column (real part; O Hermitian).
  func expectations(_ psi: [Complex<Double>]) -> [Double] {
    var y = [Complex<Double>](repeating: .zero, count: psi.count)
    multiply(psi, into: &y)
    return WideVector.dots(psi, y, width: width).map(\.real)
  }
}

/// An immutable copy of an array at a fixed address, read through `base` without bounds checks by the
/// product kernels; freed with its last reference.
final class PinnedBuffer<T>: @unchecked Sendable {
  let base: UnsafeMutablePointer<T>
  let count: Int
  init(_ values: [T]) {
    count = values.count
    base = UnsafeMutablePointer<T>.allocate(capacity: max(1, values.count))
    _ = UnsafeMutableBufferPointer(start: base, count: values.count).initialize(from: values)
  }
  deinit {
    base.deinitialize(count: count)
    base.deallocate()
  }
}

/// A raw pointer handed to concurrent iterations that write disjoint elements.
struct UnsafeSendablePointer<T>: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<T>
  init(_ p: UnsafeMutablePointer<T>) { pointer = p }
}

/// A raw pointer read by concurrent iterations.
struct UnsafeSendableConstPointer<T>: @unchecked Sendable {
  let pointer: UnsafePointer<T>
  init(_ p: UnsafePointer<T>) { pointer = p }
}
