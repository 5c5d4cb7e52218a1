#!/usr/bin/env python3
"""Same-work SciPy reference for the spin-diffusion steady solve (benchmarks/diffusion/run.sh).

Builds exactly the system of the Swift workload (interface L = 10 um, w = 0.6 nm, alpha = 90 deg,
a0 = 100, uniform grid of n nodes; conservative finite volume, full tensor of Eqs. 72-73 at the
faces, half-cell averages at quarter points, Dirichlet ends) with vectorised NumPy, then solves
it with scipy.linalg.solve_banded (LAPACK ?gbsv, kl = ku = 5) and scipy.sparse.linalg.spsolve
(SuperLU on the BSR/CSR matrix). Prints per n: assemble_s, banded_s, sparse_s and the
solution at x = -L/4, 0, L/4 for the agreement check.
"""
import sys, time
import numpy as np
import scipy.linalg as sl
import scipy.sparse as sp
import scipy.sparse.linalg as spl

HBAR_EVS = 1.054571817e-34 / 1.602176634e-19
L, W, ALPHA = 10e-6, 0.6e-9, np.pi / 2
LSDL, D, LAM, A0 = 100e-9, 1e-3, 0.1, 100.0
TAU = LSDL**2 / D
M0 = A0 * HBAR_EVS / (TAU * LAM)
NL, NR = np.array([0, 0, 1.0]), np.array([np.sin(ALPHA), 0, np.cos(ALPHA)])


def magnetization(x):
    f = np.where(x == 0, 0.0, np.tanh(np.abs(x) / W))
    return (M0 * f)[:, None] * np.where((x < 0)[:, None], NL, NR)


def equilibrium(x):
    return np.where((x < 0)[:, None], -NL, NR)


def cross_matrix(w):
    z = np.zeros(len(w))
    return np.stack([np.stack([z, -w[:, 2], w[:, 1]], -1), np.stack([w[:, 2], z, -w[:, 0]], -1),
                     np.stack([-w[:, 1], w[:, 0], z], -1)], 1)


def assemble(n):
    x = np.linspace(-L / 2, L / 2, n)
    h = np.diff(x)
    xf = 0.5 * (x[:-1] + x[1:])
    omega = LAM * magnetization(xf) / HBAR_EVS
    a = np.eye(3)[None] + TAU * cross_matrix(omega)          # Eq. 73 with equal tau
    g = np.linalg.inv(a) * D / h[:, None, None]               # conductance D A^-1 / h
    hl = np.concatenate([[0.0], h]); hr = np.concatenate([h, [0.0]])
    vol = 0.5 * (hl + hr)
    def avg(field):
        s = np.zeros((n, 3))
        s[1:] += 0.5 * hl[1:, None] * field(x[1:] - 0.25 * hl[1:])
        s[:-1] += 0.5 * hr[:-1, None] * field(x[:-1] + 0.25 * hr[:-1])
        return s / vol[:, None]
    om_node = LAM * avg(magnetization) / HBAR_EVS
    diag = vol[:, None, None] * (np.eye(3)[None] / TAU + cross_matrix(om_node))
    lower = np.zeros((n, 3, 3)); upper = np.zeros((n, 3, 3))
    diag[1:] += g; diag[:-1] += g
    lower[1:] = -g; upper[:-1] = -g
    rhs = vol[:, None] * avg(equilibrium) / TAU
    for i, value in ((0, -NL), (n - 1, NR)):   # Dirichlet rows scaled like the Swift assembly
        scale = np.abs(diag[i]).max()
        lower[i] = 0; upper[i] = 0; diag[i] = scale * np.eye(3); rhs[i] = scale * value
    return x, lower, diag, upper, rhs.reshape(-1)


def banded(lower, diag, upper):
    n = diag.shape[0]; size = 3 * n; ku = 5
    ab = np.zeros((11, size))
    r, c = np.meshgrid(np.arange(3), np.arange(3), indexing="ij")
    blocks = np.arange(n)[:, None, None]
    for blk, off in ((diag, 0), (lower, -1), (upper, 1)):
        rows = 3 * blocks + r; cols = 3 * (blocks + off) + c
        ok = (cols >= 0) & (cols < size)
        ab[(ku + rows - cols)[ok], cols[ok]] = blk[ok]
    return ab


def bsr(lower, diag, upper):
    n = diag.shape[0]
    data = np.concatenate([lower[1:], diag, upper[:-1]])
    rows = np.concatenate([np.arange(1, n), np.arange(n), np.arange(n - 1)])
    cols = np.concatenate([np.arange(n - 1), np.arange(n), np.arange(1, n)])
    order = np.lexsort((cols, rows))
    indptr = np.searchsorted(rows[order], np.arange(n + 1))
    return sp.bsr_matrix((data[order], cols[order], indptr), shape=(3 * n, 3 * n)).tocsc()


def median_time(f, reps):
    """Median thread CPU time (robust on a shared machine, like the Swift workload)."""
    times, out = [], None
    for _ in range(reps):
        t0 = time.thread_time(); out = f(); times.append(time.thread_time() - t0)
    return sorted(times)[len(times) // 2], out


if __name__ == "__main__":
    sizes = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "10000,100000,1000000").split(",")]
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    print("n,assemble_s,banded_s,sparse_s,m_quarter_x,m_quarter_y,m_quarter_z,m_mid_x,m_three_quarter_y")
    for n in sizes:
        t_asm, (x, lo, di, up, rhs) = median_time(lambda: assemble(n), reps)
        t_band, sol = median_time(lambda: sl.solve_banded((5, 5), banded(lo, di, up), rhs, check_finite=False), reps)
        t_sparse, sol2 = median_time(lambda: spl.spsolve(bsr(lo, di, up), rhs), reps)
        # The two LAPACK/SuperLU answers differ only by rounding amplified by cond(A) ~ (L/h)^2.
        assert np.max(np.abs(sol - sol2)) < 1e-5 * max(1, np.max(np.abs(sol))), np.max(np.abs(sol - sol2))
        m = sol.reshape(-1, 3); q, h, t = (n - 1) // 4, (n - 1) // 2, 3 * (n - 1) // 4
        print(f"{n},{t_asm},{t_band},{t_sparse},{m[q,0]},{m[q,1]},{m[q,2]},{m[h,0]},{m[t,1]}")
