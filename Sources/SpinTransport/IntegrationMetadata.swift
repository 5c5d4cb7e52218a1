import Studies
import TimeIntegration

/// The `integration` object of an adaptive run's metadata (JSON and meta.json).
///
/// Tolerances, scheme (`sdirk` with its Butcher table, or `bdf` with `max_order`) and the
/// integrator's counters; `last_step_size` carries `timeUnitSuffix` (`_s` for seconds).
func integrationMetadata(
  _ tolerances: IntegrationTolerances, _ scheme: IntegrationScheme, _ s: IntegrationStatistics,
  timeUnitSuffix: String = ""
) -> JSONValue {
  var object: [String: JSONValue] = [
    "rtol": .number(tolerances.relative), "atol": .number(tolerances.absolute), "scheme": .string(scheme.name),
    "steps": .integer(s.steps), "rejected_steps_error_test": .integer(s.errorTestFailures),
    "rejected_steps_convergence": .integer(s.convergenceFailures),
    "rhs_evaluations": .integer(s.rightHandSideEvaluations), "linear_solver_setups": .integer(s.linearSolverSetups),
    "last_step_size\(timeUnitSuffix)": .number(s.lastStepSize),
    "largest_error_test_ratio": .number(s.largestErrorRatio),
    "largest_local_error_estimate": .number(s.largestLocalError),
  ]
  switch scheme {
  case .bdf(let q): object["max_order"] = .integer(q)
  case .sdirk(let table): object["butcher_table"] = .string(table.rawValue)
  }
  return .object(object)
}
