import Numerics
import XCTest

@testable import TightBinding

/// Helpers shared by the ring tests.
enum RingTest {
  /// A μ in the middle of the largest real-part gap near `target` (so no level sits within
  /// the derivative stencil): midpoint of the two consecutive distinct Re E around `target`.
  static func gapMu(_ ring: HatanoNelsonRing, near target: Double) throws -> (mu: Double, gap: Double) {
    let re = try RingSpectrum.eigenvalues(of: ring, path: .dense).map(\.real).sorted()
    var best = (mu: target, gap: 0.0, distance: Double.infinity)
    for i in 0..<(re.count - 1) where re[i + 1] - re[i] > 1e-6 {
      let mid = (re[i] + re[i + 1]) / 2
      let score = abs(mid - target)
      if score < best.distance - 1e-12 || (abs(score - best.distance) < 1e-12 && re[i + 1] - re[i] > best.gap) {
        best = (mid, re[i + 1] - re[i], score)
      }
    }
    return (best.mu, best.gap)
  }

  /// |a − b| ≤ rel·max(|a|, |b|) + abs.
  static func close(_ a: Complex<Double>, _ b: Complex<Double>, rel: Double, abs: Double) -> Bool {
    (a - b).length <= rel * max(a.length, b.length) + abs
  }
}

extension HatanoNelsonRing {
  /// A copy with one named parameter changed (angles in radians).
  func setting(_ name: String, to value: Double) throws -> HatanoNelsonRing {
    var r = self
    switch name {
    case "flux-phase": r.fluxPhase = value
    case "theta": r.theta = value
    case "azimuth": r.azimuth = value
    case "exchange": r.exchange = value
    case "aah": r.aah = value
    case "gamma": r.gamma = value
    case "t1": r.t1 = value
    case "t2": r.t2 = value
    case "onsite": r.onsite = value
    case "cells": r.cells = Int(value)
    default: preconditionFailure("no ring parameter \(name)")
    }
    return r
  }
}
