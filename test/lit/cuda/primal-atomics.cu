// atomicAdd in the primal kernel, as a statement: an atomic `x += v`. Its
// tangent is an atomicAdd of the tangent; its transpose reads the
// cotangent of x (no other thread's value to wait for). A particle-in-cell
// deposit (particles scatter onto grid cells, several to a cell) and a
// sum of squares into one total. Run on the CPU (Inputs/cuda_emu.h, every
// thread of the grid at once): JVP against central differences, VJP
// against JVP by the dot-product identity; built with ThreadSanitizer too.
// nvcc compiles the kernels.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cp %s %t.dir/kernel.cu
// RUN: %tad-gen %t.dir/kernel.cu -- %tad-flags
// RUN: FileCheck %s --input-file %t.dir/kernel.tad.cu
// RUN: %gxx -x c++ -pthread -fsanitize=address,undefined -fno-sanitize-recover=all -include cuda_emu.h -DTAD_EMU_MAIN -DTAD_GENERATED='"%t.dir/kernel.tad.cu"' %t.dir/kernel.cu -o %t.emu
// RUN: %t.emu | FileCheck %s --check-prefix=EMU
// RUN: %gxx -x c++ -pthread -fsanitize=thread -O1 -include cuda_emu.h -DTAD_EMU_MAIN -DTAD_GENERATED='"%t.dir/kernel.tad.cu"' %t.dir/kernel.cu -o %t.tsan
// RUN: env TSAN_OPTIONS=halt_on_error=1:exitcode=66 %t.tsan | FileCheck %s --check-prefix=EMU
// RUN: %if nvcc %{ %nvcc -DTAD_GENERATED='"%t.dir/kernel.tad.cu"' -c %t.dir/kernel.cu -o %t.o %}
#include "tad/tad.h"
#include <cmath>

TAD_JVP TAD_VJP __global__ void deposit(const double *q, const double *pos,
                                        const int *cell, double *rho, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    double w = q[i] * std::exp(-pos[i] * pos[i]);
    atomicAdd(&rho[cell[i]], w);
  }
}

// CHECK-LABEL: // JVP of 'deposit'
// CHECK: atomicAdd(&d_rho[cell[i]], d_w);
// CHECK-NEXT: atomicAdd(&rho[cell[i]], w);
// CHECK-LABEL: // VJP of 'deposit'
// CHECK: atomicAdd(&rho[cell[i]], w);
// CHECK: reverse sweep
// CHECK: ct_w += ct_rho[cell[i]];

TAD_JVP TAD_VJP __global__ void sumsq(const double *x, double *total, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    atomicAdd(total + 0, x[i] * x[i]);
}

// CHECK-LABEL: // JVP of 'sumsq'
// CHECK: atomicAdd(&d_total[0], 2.0 * (x[i] * d_x[i]));
// CHECK-LABEL: // VJP of 'sumsq'
// CHECK: ct_x[i] += x[i] * (2.0 * ct_total[0]);

#ifdef TAD_GENERATED
#include TAD_GENERATED
#endif

#ifdef TAD_EMU_MAIN
#include "fdcheck.h"

using tad_test::Vec;

int main() {
  const unsigned Shapes[][3] = {{1, 1, 1}, {3, 1, 3}, {2, 4, 7}, {3, 5, 15}};
  for (const auto &S : Shapes) {
    dim3 G(S[0]), B(S[1]);
    int N = int(S[2]);
    size_t n = N, m = 3; // cells
    std::vector<int> Cell(n);
    for (size_t K = 0; K < n; ++K)
      Cell[K] = int((K * 7) % m);
    // deposit: inputs q (n), pos (n), rho (m); output rho.
    tad_test::Jvp J = [&](const Vec &X, const Vec &D) {
      Vec Rho(X.begin() + 2 * n, X.end()), DRho(D.begin() + 2 * n, D.end());
      tad_emu::launch(G, B, deposit_jvp, X.data(), D.data(), X.data() + n,
                      D.data() + n, Cell.data(), Rho.data(), DRho.data(), N);
      return DRho;
    };
    std::vector<Vec> P = {tad_test::randomVec(2 * n + m, 1 + N),
                          tad_test::randomVec(2 * n + m, 2 + N)};
    tad_test::checkJvp(
        "deposit",
        [&](const Vec &X) {
          Vec Rho(X.begin() + 2 * n, X.end());
          tad_emu::launch(G, B, deposit, X.data(), X.data() + n, Cell.data(),
                          Rho.data(), N);
          return Rho;
        },
        J, P);
    tad_test::checkVjp(
        "deposit", J,
        [&](const Vec &X, const Vec &Bar) {
          Vec Rho(X.begin() + 2 * n, X.end()), Ct(2 * n + m, 0.0);
          for (size_t K = 0; K < m; ++K)
            Ct[2 * n + K] = Bar[K];
          tad_emu::launch(G, B, deposit_vjp, X.data(), X.data() + n,
                          Cell.data(), Rho.data(), N, Ct.data(), Ct.data() + n,
                          Ct.data() + 2 * n);
          return Ct;
        },
        P, m);
    // sumsq: inputs x (n), total (1); output total.
    tad_test::Jvp SJ = [&](const Vec &X, const Vec &D) {
      Vec T{X[n]}, DT{D[n]};
      tad_emu::launch(G, B, sumsq_jvp, X.data(), D.data(), T.data(), DT.data(),
                      N);
      return DT;
    };
    std::vector<Vec> PS = {tad_test::randomVec(n + 1, 3 + N)};
    tad_test::checkJvp(
        "sumsq",
        [&](const Vec &X) {
          Vec T{X[n]};
          tad_emu::launch(G, B, sumsq, X.data(), T.data(), N);
          return T;
        },
        SJ, PS);
    tad_test::checkVjp(
        "sumsq", SJ,
        [&](const Vec &X, const Vec &Bar) {
          Vec T{X[n]}, Ct(n + 1, 0.0);
          Ct[n] = Bar[0];
          tad_emu::launch(G, B, sumsq_vjp, X.data(), T.data(), N, Ct.data(),
                          Ct.data() + n);
          return Ct;
        },
        PS, 1);
  }
  return tad_test::report();
}
// EMU: {{[0-9]+}} checks, 0 failed
#endif
