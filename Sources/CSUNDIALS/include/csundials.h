// CVODE (BDF) and ARKODE's ARKStep (implicit Runge–Kutta) of SUNDIALS 6.4 (Debian
// libsundials-cvode6, libsundials-arkode5): serial N_Vector, band and dense matrices with their
// direct solvers, SPGMR. The headers next to this file are extracted from Debian's libsundials-dev
// by scripts/bootstrap (the full -dev package pulls PETSc, Trilinos and hypre); the two runtime
// libraries hold every symbol used here.
#include <cvode/cvode.h>
#include <arkode/arkode_arkstep.h>
#include <nvector/nvector_serial.h>
#include <sunmatrix/sunmatrix_band.h>
#include <sunmatrix/sunmatrix_dense.h>
#include <sunlinsol/sunlinsol_band.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunlinsol/sunlinsol_spgmr.h>
