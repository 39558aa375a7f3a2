// __shared__ arrays and __syncthreads() in JVP and VJP kernels: a 1-D tiled
// stencil (a tile with a halo), a 2-D tile (flattened), a block reduction (a
// tree in shared memory, a barrier in its halving loop) and a layer whose
// block loads its weights into shared memory once. The tangent of a
// __shared__ array is a __shared__ array of the same shape; in the VJP its
// cotangent is one too, zeroed by the block (each thread its elements, then
// a barrier) before the reverse sweep; accumulations into it are atomicAdd
// unless every one is at `threadIdx.x + c` (one c); the transposed barriers
// stand between the transposed phases; the primal values the reverse sweep
// reads are still in the tile (nothing writes it after), or saved per thread
// (kernel 'twice'); a barrier may stand under a condition on a shared
// flag (kernel 'flagged'); a stencil loop each thread runs over the tile
// keeps its carried sums' stores atomic (kernel 'rows'). Checked in the text,
// then run on the CPU (Inputs/cuda_emu.h: `__shared__` a static array, the
// blocks one after another, the threads of a block real std::threads at once),
// blocks of 1 to 8 threads, some threads past n: JVP against central
// differences, VJP against JVP by the dot-product identity, under
// AddressSanitizer and again under ThreadSanitizer (no data race). nvcc
// compiles the kernels.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cp %s %t.dir/kernel.cu
// RUN: %tad-gen %t.dir/kernel.cu -- %tad-flags
// RUN: FileCheck %s --input-file %t.dir/kernel.tad.cu
// RUN: %gxx -x c++ -pthread -fsanitize=address,undefined -fno-sanitize-recover=all -include cuda_emu.h -DTAD_EMU_MAIN -DTAD_GENERATED='"%t.dir/kernel.tad.cu"' %t.dir/kernel.cu -o %t.emu
// RUN: %t.emu | FileCheck %s --check-prefix=EMU
// RUN: %gxx -x c++ -pthread -fsanitize=thread -O1 -include cuda_emu.h -DTAD_EMU_MAIN -DTAD_EMU_QUICK -DTAD_GENERATED='"%t.dir/kernel.tad.cu"' %t.dir/kernel.cu -o %t.tsan
// RUN: env TSAN_OPTIONS=halt_on_error=1:exitcode=66 %t.tsan | FileCheck %s --check-prefix=QUICK
// RUN: %if nvcc %{ %nvcc -DTAD_GENERATED='"%t.dir/kernel.tad.cu"' -c %t.dir/kernel.cu -o %t.o %}
// RUN: %if nvcc %{ %nvcc -arch=sm_90 -DTAD_GENERATED='"%t.dir/kernel.tad.cu"' -c %t.dir/kernel.cu -o %t.90.o %}
#include "tad/tad.h"
#include <cmath>

#define TILE 8 // the largest block

// A three-point stencil from a tile with a halo: each thread loads its
// element, the first and last threads of the block the halo.
TAD_JVP TAD_VJP __global__ void stencil(double c, const double *x, double *y,
                                        int n) {
  __shared__ double tile[TILE + 2];
  int t = threadIdx.x;
  int i = blockIdx.x * blockDim.x + t;
  tile[t + 1] = i < n ? x[i] : 0.0;
  if (t == 0)
    tile[0] = i > 0 && i <= n ? x[i - 1] : 0.0;
  if (t == int(blockDim.x) - 1)
    tile[t + 2] = i + 1 < n ? x[i + 1] : 0.0;
  __syncthreads();
  if (i < n)
    y[i] = c * (tile[t] - 2 * tile[t + 1] + tile[t + 2]) +
           std::sin(tile[t + 1]) * tile[t + 1];
}

// CHECK-LABEL: // JVP of 'stencil'
// CHECK: __shared__ double tile[10];
// CHECK-NEXT: __shared__ double d_tile[10];
// CHECK: d_tile[t + 1] = i < n ? d_x[i] : 0.0;
// CHECK: __syncthreads();
// CHECK-LABEL: // VJP of 'stencil'
// CHECK: __shared__ double tile[10];
// CHECK-NOT: ct_tile
// CHECK: reverse sweep
// CHECK-NEXT: double _ct_c = 0.0;
// CHECK-NEXT: __shared__ double ct_tile[10];
// CHECK-NEXT: for (unsigned _k = threadIdx.x; _k < 10; _k += blockDim.x) {
// CHECK-NEXT: ct_tile[_k] = 0.0;
// CHECK-NEXT: }
// CHECK-NEXT: __syncthreads();
// CHECK: const double _g1 = c * _g0;
// CHECK-NEXT: atomicAdd(&ct_tile[t], _g1);
// CHECK: atomicAdd(&ct_tile[t + 1], std::cos(tile[t + 1]) * (_g0 * tile[t + 1]));
// CHECK: // line {{[0-9]+}}
// CHECK-NEXT: __syncthreads();
// CHECK: const double _g{{[0-9]+}} = ct_tile[t + 2];
// CHECK: const double _g{{[0-9]+}} = ct_tile[t + 1];
// CHECK-NEXT: ct_tile[t + 1] = 0.0;
// CHECK: tad::reduce_add(ct_c, _ct_c);

// A 2-D tile, rows of x and x * x: thread t reads column t of row 1 and
// column t + 1 of row 0. The accumulations into row 1 alone would be the
// thread's own; the array's as a whole are not: atomicAdd.
TAD_JVP TAD_VJP __global__ void tile2d(const double *x, double *y, int n) {
  __shared__ double tile[2][TILE];
  int t = threadIdx.x;
  int i = blockIdx.x * blockDim.x + t;
  tile[0][t] = i < n ? x[i] : 0.0;
  tile[1][t] = i < n ? x[i] * x[i] : 0.0;
  __syncthreads();
  if (i < n)
    y[i] = tile[0][(t + 1) % blockDim.x] * tile[1][t];
}

// CHECK-LABEL: // JVP of 'tile2d'
// CHECK: __shared__ double d_tile[16];
// CHECK-LABEL: // VJP of 'tile2d'
// CHECK: __shared__ double ct_tile[16];
// CHECK: atomicAdd(&ct_tile[0 * 8 + {{.*}} % blockDim.x],
// CHECK: atomicAdd(&ct_tile[1 * 8 + t],
// CHECK: __syncthreads();

// A block reduction: a tree in shared memory, a barrier after each level,
// thread 0 adds the block's sum to the total. The halving loop is counted
// in reverse mode (its strides recomputed, no tape) and runs backwards,
// the barrier first in its body.
TAD_JVP TAD_VJP __global__ void blocksum(const double *x, double *out, int n) {
  __shared__ double tile[TILE];
  unsigned t = threadIdx.x;
  int i = blockIdx.x * blockDim.x + t;
  tile[t] = i < n ? x[i] * std::exp(0.5 * x[i]) : 0.0;
  __syncthreads();
  for (unsigned s = blockDim.x / 2; s > 0; s >>= 1) {
    if (t < s)
      tile[t] += tile[t + s];
    __syncthreads();
  }
  if (t == 0)
    atomicAdd(out, tile[0]);
}

// CHECK-LABEL: // JVP of 'blocksum'
// CHECK: __shared__ double d_tile[8];
// CHECK: for (unsigned int s = blockDim.x / 2; s > 0; s >>= 1) {
// CHECK: d_tile[t] += d_tile[t + s];
// CHECK: atomicAdd(&d_out[0], d_tile[0]);
// CHECK-LABEL: // VJP of 'blocksum'
// CHECK-NOT: _tape
// CHECK: for (int _j = 0; _j < 32; ++_j) {
// CHECK-NEXT: unsigned int s = (blockDim.x / 2) >> _j;
// CHECK: reverse sweep
// CHECK-NEXT: __shared__ double ct_tile[8];
// CHECK: __syncthreads();
// CHECK: tad::reduce_add(&ct_tile[0], ct_out[0]);
// CHECK: for (int _j = 32 - 1; _j >= 0; --_j) {
// CHECK-NEXT: unsigned int s = (blockDim.x / 2) >> _j;
// CHECK: if (s > 0) {
// CHECK-NEXT: // line {{[0-9]+}}
// CHECK-NEXT: __syncthreads();
// CHECK: atomicAdd(&ct_tile[t + s], _g0);
// CHECK: // line {{[0-9]+}}
// CHECK-NEXT: __syncthreads();
// CHECK: const double _g1 = ct_tile[t];

// A layer, y[p * M + r] = tanh(b[r] + sum_c W[r * M + c] x[p * M + c]),
// one thread per output: the block loads the weights and biases into
// shared memory once (a block-stride loop, the first M threads).
#define M 4
TAD_JVP TAD_VJP __global__ void layer(const double *W, const double *b,
                                      const double *x, double *y, int n) {
  __shared__ double w[M * M];
  __shared__ double bias[M];
  for (int k = threadIdx.x; k < M * M; k += blockDim.x)
    w[k] = W[k];
  if (threadIdx.x < M)
    bias[threadIdx.x] = b[threadIdx.x];
  __syncthreads();
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n * M) {
    int p = i / M, r = i % M;
    double s = bias[r];
    for (int c = 0; c < M; ++c)
      s += w[r * M + c] * x[p * M + c];
    y[i] = tanh(s);
  }
}

// CHECK-LABEL: // JVP of 'layer'
// CHECK: __shared__ double d_w[16];
// CHECK: __shared__ double d_bias[4];
// CHECK-LABEL: // VJP of 'layer'
// CHECK: reverse sweep
// CHECK-NEXT: __shared__ double ct_w[16];
// CHECK-NEXT: __shared__ double ct_bias[4];
// CHECK: atomicAdd(&ct_w[r * M + c], ct_s * x[p * M + c]);
// CHECK: atomicAdd(&ct_bias[r], ct_s);
// CHECK: // line {{[0-9]+}}
// CHECK-NEXT: __syncthreads();
// CHECK: const double _g1 = ct_bias[threadIdx.x];
// CHECK-NEXT: ct_bias[threadIdx.x] = 0.0;
// CHECK-NEXT: atomicAdd(&ct_b[threadIdx.x], _g1);
// CHECK: const double _g2 = ct_w[k];

// A thread's own element of a tile, `threadIdx.x + 1` in every
// accumulation: plain `+=`.
TAD_JVP TAD_VJP __global__ void own(const double *x, double *y, int n) {
  __shared__ double tile[TILE + 1];
  int t = threadIdx.x;
  int i = blockIdx.x * blockDim.x + t;
  tile[t + 1] = i < n ? x[i] : 0.0;
  __syncthreads();
  if (i < n)
    y[i] = tile[t + 1] * tile[t + 1] + std::sin(tile[t + 1]);
}

// CHECK-LABEL: // VJP of 'own'
// CHECK-NOT: atomicAdd(&ct_tile
// CHECK: ct_tile[t + 1] +=
// CHECK: ct_tile[t + 1] +=
// CHECK: __syncthreads();
// CHECK: ct_tile[t + 1] = 0.0;
// CHECK: ct_x[i] += _g1;

// One tile, loaded twice: the values the second phase read are
// overwritten by the third, so the reverse sweep reads the ones it saved
// per thread (_r0, _r1); the last phase's are still in the tile.
TAD_JVP TAD_VJP __global__ void twice(const double *x, double *y, int n) {
  __shared__ double tile[TILE];
  int t = threadIdx.x;
  int i = blockIdx.x * blockDim.x + t;
  int j = (t + 1) % blockDim.x;
  tile[t] = i < n ? x[i] : 0.0;
  __syncthreads();
  double u = tile[t] * tile[j];
  __syncthreads();
  tile[t] = std::sin(u);
  __syncthreads();
  if (i < n)
    y[i] = tile[t] * tile[j] + u;
}

// CHECK-LABEL: // VJP of 'twice'
// CHECK: double u = tile[t] * tile[j];
// CHECK-NEXT: _r0 = tile[j];
// CHECK-NEXT: _r1 = tile[t];
// CHECK: reverse sweep
// CHECK: atomicAdd(&ct_tile[j], tile[t] * _g0);
// CHECK: atomicAdd(&ct_tile[t], _g2 * _r0);
// CHECK-NEXT: atomicAdd(&ct_tile[j], _r1 * _g2);

// A two-dimensional block (square): each thread loads its element of
// the tile and reads the transposed one. The block zeroes the cotangent
// by the thread's linear index in the block.
TAD_JVP TAD_VJP __global__ void square(const double *x, double *y, int n) {
  __shared__ double tile[TILE][TILE];
  int c = threadIdx.x, r = threadIdx.y;
  int g = blockIdx.x * blockDim.x * blockDim.y + r * blockDim.x + c;
  tile[r][c] = g < n ? x[g] : 0.0;
  __syncthreads();
  if (g < n)
    y[g] = tile[c][r] * std::cos(tile[r][c]);
}

// CHECK-LABEL: // VJP of 'square'
// CHECK: __shared__ double ct_tile[64];
// CHECK-NEXT: const unsigned _tid =
// CHECK-NEXT: threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z);
// CHECK-NEXT: for (unsigned _k = _tid; _k < 64;
// CHECK-NEXT: _k += blockDim.x * blockDim.y * blockDim.z) {
// CHECK: __syncthreads();
// CHECK: atomicAdd(&ct_tile[c * 8 + r],

// A barrier under a condition on a shared flag thread 0 wrote: read at one
// index, after a barrier, it is the same in every thread of the block.
TAD_JVP TAD_VJP __global__ void flagged(const double *x, double *y, int n) {
  __shared__ double flag[1];
  __shared__ double tile[TILE];
  int t = threadIdx.x;
  int i = blockIdx.x * blockDim.x + t;
  tile[t] = i < n ? x[i] : 0.0;
  if (t == 0)
    flag[0] = x[blockIdx.x * blockDim.x];
  __syncthreads();
  if (flag[0] > -0.5) {
    if (i < n)
      y[i] = tile[(t + 1) % blockDim.x] * x[i];
    __syncthreads();
    if (i < n)
      y[i] += tile[t] * flag[0];
  }
}

// CHECK-LABEL: // VJP of 'flagged'
// CHECK: reverse sweep
// CHECK: if (flag[0] > -0.5) {
// CHECK: tad::reduce_add(&ct_flag[0], tile[t] * _g0);
// CHECK: // line {{[0-9]+}}
// CHECK-NEXT: __syncthreads();
// CHECK: const double _g2 = ct_flag[0];

// Every thread runs a stencil loop over the whole tile: the transposed
// loop's neighbouring accumulations are carried in scalars
// (Loops/CarriedSums.cpp) and each store is still atomic.
#define ROW 16
TAD_JVP TAD_VJP __global__ void rows(const double *x, double *y) {
  __shared__ double tile[ROW];
  int t = threadIdx.x;
  int g = blockIdx.x * blockDim.x + t;
  for (int k = t; k < ROW; k += blockDim.x)
    tile[k] = x[k];
  __syncthreads();
  for (int k = 1; k < ROW - 1; ++k)
    y[g * ROW + k] =
        (g + 1) * (tile[k - 1] - 2 * tile[k] + tile[k + 1]) + tile[k] * tile[k];
}

// CHECK-LABEL: // VJP of 'rows'
// CHECK: double _acc = 0.0;
// CHECK: atomicAdd(&ct_tile[k - 1], _acc +
// CHECK: tad::reduce_add(&ct_tile[14], _acc);

// The transpose of a linear kernel with a tile: the same shared
// cotangent, zeroed by the block, and barriers.
TAD_LINEAR(x) __global__ void smooth(const double *x, double *y, int n) {
  __shared__ double tile[TILE + 2];
  int t = threadIdx.x;
  int i = blockIdx.x * blockDim.x + t;
  tile[t + 1] = i < n ? x[i] : 0.0;
  if (t == 0)
    tile[0] = i > 0 && i <= n ? x[i - 1] : 0.0;
  if (t == int(blockDim.x) - 1)
    tile[t + 2] = i + 1 < n ? x[i + 1] : 0.0;
  __syncthreads();
  if (i < n)
    y[i] = 0.25 * tile[t] + 0.5 * tile[t + 1] + 0.25 * tile[t + 2];
}

// CHECK-LABEL: // transpose of 'smooth'
// CHECK: __shared__ double ct_tile[10];
// CHECK-NEXT: for (unsigned _k = threadIdx.x; _k < 10; _k += blockDim.x) {
// CHECK: __syncthreads();
// CHECK: atomicAdd(&ct_tile[t + 2], 0.25 * _g0);
// CHECK: // line {{[0-9]+}}
// CHECK-NEXT: __syncthreads();
// CHECK: atomicAdd(&x[i - 1], _g2);

#ifdef TAD_GENERATED
#include TAD_GENERATED
#endif

#ifdef TAD_EMU_MAIN
#include "fdcheck.h"
#include <string>

using tad_test::Vec;

namespace {

// A kernel as a map of its inputs (NX values, then its in-out arrays) to
// its in-out arrays (NOut values), launched block by block.
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

using tad_emu::launchBlocks;

// stencil: c and x (1 + n), y in-out (n).
Case stencilCase(dim3 G, dim3 B, int N) {
  size_t n = N;
  Case C{"stencil", 1 + n, n, {}, {}, {}};
  C.Primal = [=](const Vec &X) {
    Vec Out = slice(X, 1 + n, n);
    launchBlocks(G, B, stencil, X[0], X.data() + 1, Out.data(), N);
    return Out;
  };
  C.Jvp = [=](const Vec &X, const Vec &D) {
    Vec Out = slice(X, 1 + n, n), DOut = slice(D, 1 + n, n);
    launchBlocks(G, B, stencil_jvp, X[0], D[0], X.data() + 1, D.data() + 1,
                 Out.data(), DOut.data(), N);
    return DOut;
  };
  C.Vjp = [=](const Vec &X, const Vec &YBar) {
    Vec Out = slice(X, 1 + n, n), Ct(1 + 2 * n, 0.0);
    for (size_t K = 0; K < n; ++K)
      Ct[1 + n + K] = YBar[K];
    launchBlocks(G, B, stencil_vjp, X[0], X.data() + 1, Out.data(), N,
                 Ct.data(), Ct.data() + 1, Ct.data() + 1 + n);
    return Ct;
  };
  return C;
}

// A kernel (x, y, n): x (n), y in-out (n).
template <typename P, typename J, typename V>
Case unaryCase(const char *Name, P Primal, J Jvp, V Vjp, dim3 G, dim3 B,
               int N) {
  size_t n = N;
  Case C{Name, n, n, {}, {}, {}};
  C.Primal = [=](const Vec &X) {
    Vec Out = slice(X, n, n);
    launchBlocks(G, B, Primal, X.data(), Out.data(), N);
    return Out;
  };
  C.Jvp = [=](const Vec &X, const Vec &D) {
    Vec Out = slice(X, n, n), DOut = slice(D, n, n);
    launchBlocks(G, B, Jvp, X.data(), D.data(), Out.data(), DOut.data(), N);
    return DOut;
  };
  C.Vjp = [=](const Vec &X, const Vec &YBar) {
    Vec Out = slice(X, n, n), Ct(2 * n, 0.0);
    for (size_t K = 0; K < n; ++K)
      Ct[n + K] = YBar[K];
    launchBlocks(G, B, Vjp, X.data(), Out.data(), N, Ct.data(), Ct.data() + n);
    return Ct;
  };
  return C;
}

// blocksum: x (n), out in-out (1).
Case blocksumCase(dim3 G, dim3 B, int N) {
  size_t n = N;
  Case C{"blocksum", n, 1, {}, {}, {}};
  C.Primal = [=](const Vec &X) {
    Vec Out = slice(X, n, 1);
    launchBlocks(G, B, blocksum, X.data(), Out.data(), N);
    return Out;
  };
  C.Jvp = [=](const Vec &X, const Vec &D) {
    Vec Out = slice(X, n, 1), DOut = slice(D, n, 1);
    launchBlocks(G, B, blocksum_jvp, X.data(), D.data(), Out.data(),
                 DOut.data(), N);
    return DOut;
  };
  C.Vjp = [=](const Vec &X, const Vec &YBar) {
    Vec Out = slice(X, n, 1), Ct(n + 1, 0.0);
    Ct[n] = YBar[0];
    launchBlocks(G, B, blocksum_vjp, X.data(), Out.data(), N, Ct.data(),
                 Ct.data() + n);
    return Ct;
  };
  return C;
}

// layer: W (M * M), b (M), x (n * M), y in-out (n * M).
Case layerCase(dim3 G, dim3 B, int N) {
  size_t nw = M * M, nx = size_t(N) * M, ni = nw + M + nx;
  Case C{"layer", ni, nx, {}, {}, {}};
  C.Primal = [=](const Vec &X) {
    Vec Out = slice(X, ni, nx);
    launchBlocks(G, B, layer, X.data(), X.data() + nw, X.data() + nw + M,
                 Out.data(), N);
    return Out;
  };
  C.Jvp = [=](const Vec &X, const Vec &D) {
    Vec Out = slice(X, ni, nx), DOut = slice(D, ni, nx);
    launchBlocks(G, B, layer_jvp, X.data(), D.data(), X.data() + nw,
                 D.data() + nw, X.data() + nw + M, D.data() + nw + M,
                 Out.data(), DOut.data(), N);
    return DOut;
  };
  C.Vjp = [=](const Vec &X, const Vec &YBar) {
    Vec Out = slice(X, ni, nx), Ct(ni + nx, 0.0);
    for (size_t K = 0; K < nx; ++K)
      Ct[ni + K] = YBar[K];
    launchBlocks(G, B, layer_vjp, X.data(), X.data() + nw, X.data() + nw + M,
                 Out.data(), N, Ct.data(), Ct.data() + nw, Ct.data() + nw + M,
                 Ct.data() + ni);
    return Ct;
  };
  return C;
}

// rows: x (ROW), y in-out (ROW per thread of the grid).
Case rowsCase(dim3 G, dim3 B) {
  size_t ny = size_t(G.x) * B.x * ROW;
  Case C{"rows", ROW, ny, {}, {}, {}};
  C.Primal = [=](const Vec &X) {
    Vec Out = slice(X, ROW, ny);
    launchBlocks(G, B, rows, X.data(), Out.data());
    return Out;
  };
  C.Jvp = [=](const Vec &X, const Vec &D) {
    Vec Out = slice(X, ROW, ny), DOut = slice(D, ROW, ny);
    launchBlocks(G, B, rows_jvp, X.data(), D.data(), Out.data(), DOut.data());
    return DOut;
  };
  C.Vjp = [=](const Vec &X, const Vec &YBar) {
    Vec Out = slice(X, ROW, ny), Ct(ROW + ny, 0.0);
    for (size_t K = 0; K < ny; ++K)
      Ct[ROW + K] = YBar[K];
    launchBlocks(G, B, rows_vjp, X.data(), Out.data(), Ct.data(),
                 Ct.data() + ROW);
    return Ct;
  };
  return C;
}

// smooth and its transpose: x (n), y (n) written; the transpose adds to
// x the cotangent of y, which it zeroes.
Case smoothCase(dim3 G, dim3 B, int N) {
  size_t n = N;
  Case C{"smooth", n, n, {}, {}, {}};
  C.Primal = [=](const Vec &X) {
    Vec Out = slice(X, n, n);
    launchBlocks(G, B, smooth, X.data(), Out.data(), N);
    return Out;
  };
  C.Jvp = [=](const Vec &, const Vec &D) {
    Vec DOut = slice(D, n, n);
    launchBlocks(G, B, smooth, D.data(), DOut.data(), N);
    return DOut;
  };
  C.Vjp = [=](const Vec &, const Vec &YBar) {
    Vec Ct(2 * n, 0.0);
    for (size_t K = 0; K < n; ++K)
      Ct[n + K] = YBar[K];
    launchBlocks(G, B, smooth_transpose, Ct.data(), Ct.data() + n, N);
    return Ct;
  };
  return C;
}

} // namespace

int main() {
  // {blocks, threads per block (a power of two for the tree), n}: one
  // thread per block, several, a last block with threads past n.
#ifdef TAD_EMU_QUICK
  const unsigned Shapes[][3] = {{2, 4, 7}, {2, 8, 13}};
#else
  const unsigned Shapes[][3] = {{1, 1, 1}, {3, 1, 3},  {1, 4, 4},
                                {2, 4, 7}, {3, 8, 21}, {2, 8, 13}};
#endif
  for (const auto &S : Shapes) {
    dim3 G(S[0]), B(S[1]);
    int N = int(S[2]);
    check(stencilCase(G, B, N));
    check(unaryCase("tile2d", tile2d, tile2d_jvp, tile2d_vjp, G, B, N));
    check(unaryCase("own", own, own_jvp, own_vjp, G, B, N));
    check(unaryCase("twice", twice, twice_jvp, twice_vjp, G, B, N));
    check(unaryCase("flagged", flagged, flagged_jvp, flagged_vjp, G, B, N));
    check(blocksumCase(G, B, N));
    check(smoothCase(G, B, N));
    check(rowsCase(G, B));
    // Outputs of n / 2 samples (n * M / 2 threads' worth) over the grid.
    check(layerCase(dim3(S[0] * M), B, std::max(1, N / 2)));
  }
  // square: square blocks of 2 x 2 and 4 x 4 threads.
#ifdef TAD_EMU_QUICK
  const unsigned Squares[][3] = {{2, 4, 30}};
#else
  const unsigned Squares[][3] = {{1, 2, 4}, {2, 2, 7}, {1, 4, 16}, {2, 4, 30}};
#endif
  for (const auto &S : Squares)
    check(unaryCase("square", square, square_jvp, square_vjp, dim3(S[0]),
                    dim3(S[1], S[1]), int(S[2])));
  return tad_test::report();
}
// EMU: 696 checks, 0 failed
// QUICK: 228 checks, 0 failed
#endif
