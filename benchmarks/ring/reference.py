#!/usr/bin/env python3
"""Same-work NumPy/SciPy reference for the ring benchmark (Hatano–Nelson ring).

Builds the same disordered ferromagnetic Hatano-Nelson ring (docs/model-reference.md) for the
same flux phases, diagonalises with scipy.linalg.eig(left=True, right=True) and computes the
same four currents (charge, spin x/y/z) by biorthogonal per-state values summed over the
occupied states (Re E <= mu), with sparse current operators. Prints "key value" lines.
Also times the Swift dense path's own algorithm (matrix-sign projector, currents_sign) on the
same matrices, so that algorithm and implementation can be told apart in the ratios.
Usage: reference.py inprocess CELLS POINTS    timings of the bare eigensolver and the sweeps, checksums
       reference.py cli CELLS POINTS OUT.csv   the whole job as a process (timed from outside)
Flux phases 0.5 k / POINTS, k = 0..POINTS-1, mu = -0.63 eV (as the Swift side).
"""
import sys
import time

import numpy as np
import scipy.linalg
import scipy.sparse

AMPERE_PER_EV = 1.602176634e-19 ** 2 / 1.054571817e-34


def ring(cells, phi, gamma=0.5, t1=0.0, t2=1.0, h=0.3, theta=0.5, azimuth=0.3, eps=0.0, w=1.0):
    m = 2 * cells
    b = (1 + 5 ** 0.5) / 2
    n = np.array([np.sin(theta) * np.cos(azimuth), np.sin(theta) * np.sin(azimuth), np.cos(theta)])
    sx = np.array([[0, 1], [1, 0]], complex)
    sy = np.array([[0, -1j], [1j, 0]])
    sz = np.array([[1, 0], [0, -1]], complex)
    exch = -h * (n[0] * sx + n[1] * sy + n[2] * sz)
    tr = (t1 + gamma) * np.exp(1j * phi)
    tl = (t1 - gamma) * np.exp(-1j * phi)
    hops = []  # (to, from, amplitude, displacement)
    for c in range(cells):
        a, bb, na = 2 * c, 2 * c + 1, (2 * c + 2) % m
        hops += [(bb, a, tr, 1), (a, bb, tl, -1), (na, bb, t2, 1), (bb, na, t2, -1)]
    hmat = np.zeros((2 * m, 2 * m), complex)
    for i in range(m):
        hmat[2 * i:2 * i + 2, 2 * i:2 * i + 2] = (eps + w * np.cos(2 * np.pi * b * (i + 1))) * np.eye(2) + exch
    for (i, j, t, d) in hops:
        hmat[2 * i:2 * i + 2, 2 * j:2 * j + 2] += t * np.eye(2)
    ops = []
    for s in [np.eye(2), sx, sy, sz]:
        rows, cols, vals = [], [], []
        for (i, j, t, d) in hops:
            block = -1j * d * t * (s if s is not None else np.eye(2))  # {sigma, v}/2 = v (x) sigma here
            for p in range(2):
                for q in range(2):
                    rows.append(2 * i + p)
                    cols.append(2 * j + q)
                    vals.append(block[p, q])
        ops.append(scipy.sparse.csr_matrix((vals, (rows, cols)), shape=(2 * m, 2 * m)))
    return hmat, ops


def currents(hmat, ops, mu, m):
    e, l, r = scipy.linalg.eig(hmat, left=True, right=True)
    occ = e.real <= mu
    lo, ro = l[:, occ], r[:, occ]
    s = np.einsum("ij,ij->j", lo.conj(), ro)
    raw = [np.sum(np.einsum("ij,ij->j", lo.conj(), op @ ro) / s) for op in ops]
    return [raw[0] * AMPERE_PER_EV / m] + [x / (2 * m) for x in raw[1:]]


def currents_sign(hmat, ops, mu, m):
    """The same four currents by the Swift dense path's algorithm (MatrixSignProjection): the
    occupied projector P = (1 - sign(H - mu))/2 by the (unscaled) Newton iteration, one
    zgetrf + zgetri per step, stop at a relative 1-norm step <= 1e-7 that is also <= the
    previous step ** 1.5; Tr(P O) over O's entries. (The Swift side also computes the
    commutator residual ||HP - PH|| as a check; its cost, O(nnz n), is not mirrored here.)"""
    from scipy.linalg.lapack import zgetrf, zgetri
    n = hmat.shape[0]
    x = hmat - mu * np.eye(n)
    step, steps = np.inf, 0
    while True:
        lu, piv, info = zgetrf(x)
        if info != 0:
            raise RuntimeError("singular iterate")
        inv, info = zgetri(lu, piv)
        steps += 1
        nxt = 0.5 * (x + inv)
        previous, step = step, np.abs(nxt - x).sum(axis=0).max() / np.abs(nxt).sum(axis=0).max()
        x = nxt
        if step <= 1e-7 and step <= previous ** 1.5:
            break
    p = 0.5 * (np.eye(n) - x)
    raw = [op.multiply(p.T).sum() for op in ops]
    return [raw[0] * AMPERE_PER_EV / m] + [x / (2 * m) for x in raw[1:]]


def blas_kernel():
    try:
        from threadpoolctl import threadpool_info
        info = [i for i in threadpool_info() if i.get("user_api") == "blas"]
        return ";".join(f"{i['internal_api']}-{i.get('version')}-{i.get('architecture')}-threads{i['num_threads']}" for i in info)
    except ImportError:
        return "unknown(threadpoolctl missing)"


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "inprocess"
    cells = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    points = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    mu = -0.63
    phases = [0.5 * k / points for k in range(points)]
    if mode == "cli":
        # Whole-process equivalent of `spintransport ring sweep --path dense -o OUT`: build, solve,
        # write the same columns as CSV. Timed from outside (process start to exit).
        out = sys.argv[4]
        rows = []
        for p in phases:
            hmat, ops = ring(cells, p)
            c = currents(hmat, ops, mu, 2 * cells)
            rows.append([p, mu] + [v for x in c for v in (x.real, x.imag)])
        with open(out, "w") as f:
            f.write("flux_phase,mu,re_charge,im_charge,re_spin_x,im_spin_x,re_spin_y,im_spin_y,re_spin_z,im_spin_z\n")
            for r in rows:
                f.write(",".join(repr(float(v)) for v in r) + "\n")
        return
    systems = [ring(cells, p) for p in phases]
    t0, c0 = time.perf_counter(), time.process_time()
    for hmat, _ in systems:
        scipy.linalg.eig(hmat, left=True, right=True)
    bare, bare_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    results = [currents(hmat, ops, mu, 2 * cells) for hmat, ops in systems]
    sweep, sweep_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    sign = [currents_sign(hmat, ops, mu, 2 * cells) for hmat, ops in systems]
    sweep_sign, sweep_sign_cpu = time.perf_counter() - t0, time.process_time() - c0
    sign_diff = max(abs(a - b) / (AMPERE_PER_EV if j == 0 else 1) for r, q in zip(results, sign)
                    for j, (a, b) in enumerate(zip(r, q)))
    print(f"numpy_blas {blas_kernel()}")
    print(f"dimension {4 * cells}")
    print(f"numpy_bare_eig_s {bare}")
    print(f"numpy_sweep_s {sweep}")
    print(f"numpy_bare_eig_cpu_s {bare_cpu}")
    print(f"numpy_sweep_cpu_s {sweep_cpu}")
    print(f"numpy_sweep_sign_s {sweep_sign}")
    print(f"numpy_sweep_sign_cpu_s {sweep_sign_cpu}")
    print(f"numpy_sign_vs_eig_natural_units_absdiff {sign_diff}")
    print("checksum_middle_point " + ",".join(f"{x.real},{x.imag}" for x in results[points // 2]))
    print(f"checksum_sum_re_charge_A {sum(x[0].real for x in results)}")
    print(f"checksum_sum_re_spin_z_eV {sum(x[3].real for x in results)}")


if __name__ == "__main__":
    main()
