"""QuSpin side of benchmarks/exact/run.sh: full thermal ED of the spin-1/2 crown ring.

Same work as `spintransport magnon exact` (its table columns energy_K, free_energy_K, specific_heat,
spin_current_z_K): every eigenpair, then thermal E, F, C and j^z = -J <(S_0 x S_1)^z> (bond average).
Routes: (1) the unreduced 2^N x 2^N complex Hamiltonian, numpy eigh; (2) QuSpin's momentum blocks
(kblock) of the gauge-rotated, translation-invariant form S_i = R_z(phi_i) S~_i, phi_i = -2 pi i/N:
H = -J sum S~_i.R_z(-2pi/N) S~_{i+1} - |h| (sin t S~^x + cos t S~^z). Prints JSON lines.
T = 0 routes (T_K ignored): (3) t0-block: the lowest eigenpair of one momentum block (kblock = K) by
scipy.sparse.linalg.eigsh (ARPACK, which="SA", tol=0: machine precision), then <j^z> on it;
(4) t0-all: the same in every block, lowest kept (also reports which block holds the ground state).
usage: python quspin_crown.py N J_K h_K latitude_deg T_K route repeats [K]
"""
import json
import sys
import time

import numpy as np
from threadpoolctl import threadpool_limits
from quspin.basis import spin_basis_1d
from quspin.operators import hamiltonian
from scipy.sparse.linalg import eigsh

N, J, H, LAT, T = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
ROUTE, REPEATS = sys.argv[6], int(sys.argv[7])
KBLOCK = int(sys.argv[8]) if len(sys.argv) > 8 else None
NO_CHECKS = dict(check_symm=False, check_herm=False, check_pcon=False)
th = np.radians(LAT)


def thermal(levels, currents):
    e = np.concatenate(levels)
    j = np.concatenate(currents)
    e0 = e.min()
    w = np.exp(-(e - e0) / T)
    z = w.sum()
    p = w / z
    mean = (p * e).sum()
    return dict(energy_K=mean, free_energy_K=e0 - T * np.log(z),
                specific_heat=((p * e * e).sum() - mean ** 2) / T ** 2, spin_current_z_K=(p * j).sum(),
                states=int(e.size))


def diagonal(op, v):
    return np.real(np.einsum("ij,ij->j", v.conj(), op.dot(v)))


def unreduced():
    basis = spin_basis_1d(N, S="1/2", pauli=False)
    bonds = [[i, (i + 1) % N] for i in range(N)]
    phi = [-2 * np.pi * i / N for i in range(N)]
    static = [[op, [[-J, a, b] for a, b in bonds]] for op in ("xx", "yy", "zz")]
    static += [["x", [[-H * np.sin(th) * np.cos(phi[i]), i] for i in range(N)]],
               ["y", [[-H * np.sin(th) * np.sin(phi[i]), i] for i in range(N)]],
               ["z", [[-H * np.cos(th), i] for i in range(N)]]]
    h = hamiltonian(static, [], basis=basis, dtype=np.complex128, **NO_CHECKS)
    jz = hamiltonian([["xy", [[-J / N, a, b] for a, b in bonds]], ["yx", [[J / N, a, b] for a, b in bonds]]], [],
                     basis=basis, dtype=np.complex128, **NO_CHECKS)
    e, v = np.linalg.eigh(h.toarray())
    return thermal([e], [diagonal(jz.tocsr(), v)])


def rotated_terms():
    """The gauge-rotated H and the bond-averaged j^z as QuSpin static lists (translation invariant)."""
    q = -2 * np.pi / N
    bonds = [[i, (i + 1) % N] for i in range(N)]
    c, s = np.cos(q), np.sin(q)
    # S.R_z(q)S' = zz + cos q (xx + yy) + sin q (yx - xy);  (S x R_z(q)S')^z = sin q (xx + yy) + cos q (xy - yx).
    static = [["zz", [[-J, a, b] for a, b in bonds]], ["xx", [[-J * c, a, b] for a, b in bonds]],
              ["yy", [[-J * c, a, b] for a, b in bonds]], ["yx", [[-J * s, a, b] for a, b in bonds]],
              ["xy", [[J * s, a, b] for a, b in bonds]],
              ["x", [[-H * np.sin(th), i] for i in range(N)]], ["z", [[-H * np.cos(th), i] for i in range(N)]]]
    jz_static = [["xx", [[-J * s / N, a, b] for a, b in bonds]], ["yy", [[-J * s / N, a, b] for a, b in bonds]],
                 ["xy", [[-J * c / N, a, b] for a, b in bonds]], ["yx", [[J * c / N, a, b] for a, b in bonds]]]
    return static, jz_static


def block_ground(k):
    """Lowest eigenpair of momentum block k (ARPACK), <j^z> on it: (E_0, j^z, block dimension) or None."""
    static, jz_static = rotated_terms()
    basis = spin_basis_1d(N, S="1/2", pauli=False, kblock=k)
    if basis.Ns == 0:
        return None
    h = hamiltonian(static, [], basis=basis, dtype=np.complex128, **NO_CHECKS).tocsr()
    e, v = eigsh(h, k=1, which="SA", tol=0)
    jz = hamiltonian(jz_static, [], basis=basis, dtype=np.complex128, **NO_CHECKS).tocsr()
    return float(e[0]), float(np.real(np.vdot(v[:, 0], jz.dot(v[:, 0])))), int(basis.Ns)


def t0_block():
    e, jz, states = block_ground(KBLOCK)
    return dict(energy_K=e, spin_current_z_K=jz, kblock=KBLOCK, states=states)


def t0_all():
    found = [(k, r) for k in range(N) if (r := block_ground(k)) is not None]
    k, (e, jz, _) = min(found, key=lambda kr: kr[1][0])
    return dict(energy_K=e, spin_current_z_K=jz, kblock=k, states=sum(r[2] for _, r in found),
                block_energies_K=[r[0] for _, r in found])


def kblocks():
    static, jz_static = rotated_terms()
    levels, currents = [], []
    for k in range(N):
        basis = spin_basis_1d(N, S="1/2", pauli=False, kblock=k)
        if basis.Ns == 0:
            continue
        h = hamiltonian(static, [], basis=basis, dtype=np.complex128, **NO_CHECKS)
        jz = hamiltonian(jz_static, [], basis=basis, dtype=np.complex128, **NO_CHECKS)
        e, v = np.linalg.eigh(h.toarray())
        levels.append(e)
        currents.append(diagonal(jz.tocsr(), v))
    return thermal(levels, currents)


with threadpool_limits(limits=1):
    run = dict(unreduced=unreduced, kblocks=kblocks, t0_block=t0_block, t0_all=t0_all)[ROUTE.replace("-", "_")]
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - t0)
    result.update(route=ROUTE, times_s=times, median_s=float(np.median(times)))
    print(json.dumps(result))
