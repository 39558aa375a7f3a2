// __syncthreads() in VJP kernels: the transpose of a barrier is a barrier
// between the transposed phases (straight-line phases, a barrier in a
// counted loop, barriers under a condition all threads share). Checked in
// the text, then run on the CPU (Inputs/cuda_emu.h: every thread of a
// block a real std::thread, __syncthreads a real barrier), blocks of 1 to
// 8 threads, some threads past n: JVP against central differences, VJP
// against JVP by the dot-product identity. The kernels read another
// thread's element: its cotangent is accumulated with atomicAdd
// (shared-cotangents.cu is about those). nvcc compiles the generated
// kernels.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cp %s %t.dir/kernel.cu
// RUN: %tad-gen %t.dir/kernel.cu -- %tad-flags
// RUN: FileCheck %s --input-file %t.dir/kernel.tad.cu
// RUN: %gxx -x c++ -pthread -fsanitize=address,undefined -fno-sanitize-recover=all -include cuda_emu.h -DTAD_EMU_MAIN -DTAD_GENERATED='"%t.dir/kernel.tad.cu"' %t.dir/kernel.cu -o %t.emu
// RUN: %t.emu | FileCheck %s --check-prefix=EMU
// RUN: %if nvcc %{ %nvcc -DTAD_GENERATED='"%t.dir/kernel.tad.cu"' -c %t.dir/kernel.cu -o %t.o %}
#include "tad/tad.h"
#include <cmath>

__host__ __device__ inline double act(double v) { return std::sin(v) * v; }

// Two phases: each thread writes its element of tmp, then reads its
// neighbour's (a rotation within the block).
TAD_JVP TAD_VJP __global__ void rotate(const double *x, double *tmp, double *y,
                                       int n) {
  int t = threadIdx.x;
  int i = blockIdx.x * blockDim.x + t;
  if (i < n)
    tmp[i] = act(x[i]);
  __syncthreads();
  int j = blockIdx.x * blockDim.x + (t + 1) % blockDim.x;
  if (i < n && j < n)
    y[i] = tmp[j] * x[i] * x[i];
}

// CHECK-LABEL: // VJP of 'rotate'
// CHECK: __syncthreads();
// CHECK: y[i] = tmp[j] * x[i] * x[i];
// CHECK: reverse sweep
// CHECK: atomicAdd(&ct_tmp[j], _g1 * x[i]);
// CHECK: // line {{[0-9]+}}
// CHECK-NEXT: __syncthreads();
// CHECK: const double _g2 = ct_tmp[i];
// CHECK: act_vjp(x[i], _g3, &_ca4);
// CHECK-NEXT: ct_x[i] += _ca4;
// CHECK-NEXT: }
// CHECK-NEXT: }

// Levels of a pipeline in one array: level k + 1 from level k, rotated by
// k + 1 within the block, a barrier after each level; the transposed loop
// runs backwards with the barrier first in its body.
TAD_JVP TAD_VJP_WRT(x)
__global__ void levels(const double *x, const double *w, double *b, int n,
                       int levels) {
  int t = threadIdx.x;
  int base = blockIdx.x * blockDim.x;
  int i = base + t;
  if (i < n)
    b[i] = x[i] * x[i];
  __syncthreads();
  for (int k = 0; k < levels; ++k) {
    int j = base + (t + k + 1) % blockDim.x;
    if (i < n && j < n)
      b[(k + 1) * n + i] = w[k] * b[k * n + j] + x[i] * x[i] * x[i];
    __syncthreads();
  }
}

// CHECK-LABEL: // VJP of 'levels'
// CHECK-NOT: _tape
// CHECK: reverse sweep
// CHECK-NEXT: for (int k = levels - 1; k >= 0; --k) {
// CHECK-NEXT: int j =
// CHECK: // line {{[0-9]+}}
// CHECK-NEXT: __syncthreads();
// CHECK: atomicAdd(&ct_b[k * n + j], w[k] * _g0);
// CHECK: }
// CHECK: // line {{[0-9]+}}
// CHECK-NEXT: __syncthreads();
// CHECK: const double _g1 = ct_b[i];

// Barriers under a condition every thread of a block evaluates alike.
TAD_JVP TAD_VJP __global__ void uniform(const double *x, double *tmp, double *y,
                                        int n, int mode) {
  int t = threadIdx.x;
  int i = blockIdx.x * blockDim.x + t;
  if (i < n)
    tmp[i] = 0.5 * x[i] * x[i];
  if (mode > 0) {
    __syncthreads();
    int j = blockIdx.x * blockDim.x + (blockDim.x - 1 - t);
    if (i < n && j < n)
      tmp[n + i] = tmp[j] * x[i];
    __syncthreads();
  } else if (i < n) {
    tmp[n + i] = tmp[i];
  }
  __syncthreads();
  int j = blockIdx.x * blockDim.x + (t + 1) % blockDim.x;
  if (i < n && j < n)
    y[i] = tmp[n + j] * tmp[n + j];
}

// CHECK-LABEL: // VJP of 'uniform'
// CHECK: reverse sweep
// CHECK: atomicAdd(&ct_tmp[n + j], tmp[n + j] * (2.0 * _g0));
// CHECK: // line {{[0-9]+}}
// CHECK-NEXT: __syncthreads();
// CHECK-NEXT: // line {{[0-9]+}}
// CHECK-NEXT: if (mode > 0) {
// CHECK-NEXT: int j =
// CHECK-NEXT: // line {{[0-9]+}}
// CHECK-NEXT: __syncthreads();
// CHECK: atomicAdd(&ct_tmp[j], _g1 * x[i]);
// CHECK: // line {{[0-9]+}}
// CHECK-NEXT: __syncthreads();
// CHECK-NEXT: } else {

#ifdef TAD_GENERATED
#include TAD_GENERATED
#endif

#ifdef TAD_EMU_MAIN
#include "fdcheck.h"
#include <string>

using tad_test::Vec;

namespace {

// A kernel as a map of its inputs (x, then its in-out arrays) to its
// in-out arrays, launched on the grid.
struct Case {
  std::string Name;
  size_t NX, NOut;
  std::function<Vec(const Vec &)> Primal;
  tad_test::Jvp Jvp;
  tad_test::Vjp Vjp;
};

Vec slice(const Vec &V, size_t From, size_t N) {
  return Vec(V.begin() + From, V.begin() + From + N);
}

void check(const Case &C) {
  std::vector<Vec> Points = {tad_test::randomVec(C.NX + C.NOut, 3),
                             tad_test::randomVec(C.NX + C.NOut, 4)};
  tad_test::checkJvp(C.Name.c_str(), C.Primal, C.Jvp, Points);
  tad_test::checkVjp(C.Name.c_str(), C.Jvp, C.Vjp, Points, C.NOut);
}

// rotate, tmp and y in-out (n each).
Case rotateCase(dim3 G, dim3 B, int N) {
  size_t n = N;
  Case C{"rotate", n, 2 * n, {}, {}, {}};
  C.Primal = [=](const Vec &X) {
    Vec Out = slice(X, n, 2 * n);
    tad_emu::launch(G, B, rotate, X.data(), Out.data(), Out.data() + n, N);
    return Out;
  };
  C.Jvp = [=](const Vec &X, const Vec &D) {
    Vec Out = slice(X, n, 2 * n), DOut = slice(D, n, 2 * n);
    tad_emu::launch(G, B, rotate_jvp, X.data(), D.data(), Out.data(),
                    DOut.data(), Out.data() + n, DOut.data() + n, N);
    return DOut;
  };
  C.Vjp = [=](const Vec &X, const Vec &YBar) {
    Vec Out = slice(X, n, 2 * n), Ct(3 * n, 0.0);
    for (size_t K = 0; K < 2 * n; ++K)
      Ct[n + K] = YBar[K];
    tad_emu::launch(G, B, rotate_vjp, X.data(), Out.data(), Out.data() + n, N,
                    Ct.data(), Ct.data() + n, Ct.data() + 2 * n);
    return Ct;
  };
  return C;
}

// levels, b in-out ((L + 1) n), w fixed.
Case levelsCase(dim3 G, dim3 B, int N, int L) {
  size_t n = N, nb = (L + 1) * n;
  Vec W = tad_test::randomVec(L, 9);
  Case C{"levels", n, nb, {}, {}, {}};
  C.Primal = [=](const Vec &X) {
    Vec Out = slice(X, n, nb);
    tad_emu::launch(G, B, levels, X.data(), W.data(), Out.data(), N, L);
    return Out;
  };
  C.Jvp = [=](const Vec &X, const Vec &D) {
    Vec Out = slice(X, n, nb), DOut = slice(D, n, nb), DW(L, 0.0);
    tad_emu::launch(G, B, levels_jvp, X.data(), D.data(), W.data(), DW.data(),
                    Out.data(), DOut.data(), N, L);
    return DOut;
  };
  C.Vjp = [=](const Vec &X, const Vec &YBar) {
    Vec Out = slice(X, n, nb), Ct(n + nb, 0.0);
    for (size_t K = 0; K < nb; ++K)
      Ct[n + K] = YBar[K];
    tad_emu::launch(G, B, levels_vjp, X.data(), W.data(), Out.data(), N, L,
                    Ct.data(), Ct.data() + n);
    return Ct;
  };
  return C;
}

// uniform, tmp (2n) and y (n) in-out.
Case uniformCase(dim3 G, dim3 B, int N, int Mode) {
  size_t n = N;
  Case C{"uniform", n, 3 * n, {}, {}, {}};
  C.Primal = [=](const Vec &X) {
    Vec Out = slice(X, n, 3 * n);
    tad_emu::launch(G, B, uniform, X.data(), Out.data(), Out.data() + 2 * n, N,
                    Mode);
    return Out;
  };
  C.Jvp = [=](const Vec &X, const Vec &D) {
    Vec Out = slice(X, n, 3 * n), DOut = slice(D, n, 3 * n);
    tad_emu::launch(G, B, uniform_jvp, X.data(), D.data(), Out.data(),
                    DOut.data(), Out.data() + 2 * n, DOut.data() + 2 * n, N,
                    Mode);
    return DOut;
  };
  C.Vjp = [=](const Vec &X, const Vec &YBar) {
    Vec Out = slice(X, n, 3 * n), Ct(4 * n, 0.0);
    for (size_t K = 0; K < 3 * n; ++K)
      Ct[n + K] = YBar[K];
    tad_emu::launch(G, B, uniform_vjp, X.data(), Out.data(), Out.data() + 2 * n,
                    N, Mode, Ct.data(), Ct.data() + n, Ct.data() + 3 * n);
    return Ct;
  };
  return C;
}

} // namespace

int main() {
  // {blocks, threads per block, n}: one thread per block, several, and a
  // last block with threads past n.
  const unsigned Shapes[][3] = {{1, 1, 1}, {3, 1, 3},  {1, 4, 4},
                                {2, 4, 7}, {3, 5, 15}, {2, 8, 13}};
  for (const auto &S : Shapes) {
    dim3 G(S[0]), B(S[1]);
    int N = int(S[2]);
    check(rotateCase(G, B, N));
    for (int L = 0; L <= 3; ++L)
      check(levelsCase(G, B, N, L));
    check(uniformCase(G, B, N, 0));
    check(uniformCase(G, B, N, 1));
  }
  return tad_test::report();
}
// EMU: 504 checks, 0 failed
#endif
