// SpinTransport — spin transport in mesoscopic magnets. This file is the table of contents.
//
// Layers (docs/ARCHITECTURE.md states the rule of each):
//   CLAPACK            LAPACKE + OpenBLAS headers (module map + shim)
//   LinearAlgebra      the only module touching LAPACK/BLAS: dense matrices, eigensolvers,
//                      biorthogonal projectors, band/block-tridiagonal solvers, BLAS threads
//   Diagnostics        parameter schema (Parameter), errors and warnings in physics terms,
//                      memory budget, progress
//   PhysicalConstants  CODATA values
//   physics            TightBinding, SpinCurrentDefinitions, SpinWaves, SpinDiffusion,
//                      LongitudinalRelaxation (one paper each, docs/model-reference.md): each declares
//                      its parameters once in <Model>Parameters.swift
//   Studies            the toolkit, no physics: Computation/Catalogue, sweeps, study files,
//                      runner, checkpoints, tables, writers, figures, reproduce engine
//   SpinTransport      this module: the catalogue and one folder per paper
//   spintransport      the CLI: the command tree derived from the catalogue (groups by command path)
//
// Contents of this module, one folder per paper:
//   Seed000MagnonCurrents/          magnon ground state, current, potential (+ figures)
//   Seed001SpinCurrentDefinitions/  definitions check (+ figure)
//   Seed002HatanoNelsonRing/        ring spectrum, bands, currents, states (+ figures 2–14)
//   Seed003SpinDiffusion/           diffusion interface, torus, evolve (+ figures 6–15)
//   Seed004LongitudinalRelaxation/  relaxation rates, wavevector, evolve (+ figures 1–5)
//   Papers.swift                    the five papers, cited by the catalogue and the figures
//   Catalogue+Standard.swift        every computation, in paper order
//   CommandGroup+Standard.swift     the CLI groups' abstracts, discussions and aliases
//   FigureCatalogue.swift           every reproduced figure, in paper order

// Re-exported, so that a client of the catalogue (the CLI, the C ABI, a Swift package) needs
// only `import SpinTransport`: the schema and errors (Diagnostics), the toolkit (Studies), the
// constants, and the few lower-level names the CLI shows (`doctor`'s CPU, BLAS kernel and
// LAPACK check; the typed failure of time integration). The physics modules are not
// re-exported: a client that computes physics directly imports them by name (`import
// TightBinding`). The CLI depends on this module only and imports nothing else (a test checks
// its imports, since SwiftPM would let it import a transitive module), so it holds no physics.
@_exported import Diagnostics
@_exported import ModelFiles
@_exported import PhysicalConstants
@_exported import Studies
@_exported import enum LinearAlgebra.BLASInfo
@_exported import struct LinearAlgebra.CPUDescription
@_exported import struct LinearAlgebra.HermitianEigensystem
@_exported import struct LinearAlgebra.Matrix
@_exported import typealias LinearAlgebra.RealMatrix
@_exported import enum LinearAlgebra.OpenBLASKernel
@_exported import struct TimeIntegration.IntegrationFailure
