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
//                      its parameters once in <Model>+Parameters.swift
//   Studies            the toolkit, no physics: Computation/Catalogue, sweeps, study files,
//                      runner, checkpoints, tables, writers, figures, reproduce engine
//   SpinTransport      this module: the catalogue and one folder per paper
//   spintransport      the CLI: Commands/<Group>/<Subcommand>.swift, every command a catalogue entry
//
// Contents of this module, one folder per paper:
//   Seed000MagnonCurrents/          magnon ground state, current, potential (+ figures)
//   Seed001SpinCurrentDefinitions/  definitions check (+ figure)
//   Seed002HatanoNelsonRing/        ring spectrum, bands, currents, states (+ figures 2–14)
//   Seed003SpinDiffusion/           diffusion interface, torus, evolve (+ figures 6–15)
//   Seed004LongitudinalRelaxation/  relaxation rates, wavevector, evolve (+ figures 1–5)
//   Papers.swift                    the five papers, cited by the catalogue and the figures
//   Catalogue+Standard.swift        every computation, in paper order
//   FigureCatalogue.swift           every reproduced figure, in paper order

@_exported import Diagnostics
@_exported import LinearAlgebra
@_exported import LongitudinalRelaxation
@_exported import ModelFiles
@_exported import PhysicalConstants
@_exported import SpinCurrentDefinitions
@_exported import SpinDiffusion
@_exported import SpinWaves
@_exported import Studies
@_exported import TightBinding
