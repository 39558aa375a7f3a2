// Warp-level primitives in differentiated kernels. The shuffles of
// floating values are rows of the rule table: the JVP shuffles the tangent
// the same way; the VJP sends each cotangent back to the lane it was read
// from (tad/cuda.h: down by d transposes to __shfl_up_sync of the cotangent
// from the lanes whose read was in range, plus a lane's own cotangent where
// its read fell off the warp and returned its own value; up the mirror
// image; xor is its own inverse; a broadcast __shfl_sync from lane src is a
// warp sum delivered to lane src). The votes (__ballot_sync, __any_sync,
// __all_sync, __activemask) are integers: conditions, no derivative. With
// a width operand, the same within segments of that many lanes.
// Checked in the text; then every kernel runs on the CPU (Inputs/cuda_emu.h
// models the shuffles and votes across warps of 32 threads, every thread a
// std::thread meeting the others at the block's barrier), with blocks of 32
// and 64 threads and threads past n: JVP against central differences, VJP
// against JVP by the dot-product identity, under ASan/UBSan and TSan. nvcc
// compiles the kernels.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cp %s %t.dir/kernel.cu
// RUN: %tad-gen %t.dir/kernel.cu -- %tad-flags
// RUN: FileCheck %s --input-file %t.dir/kernel.tad.cu
// RUN: %gxx -x c++ -pthread -fsanitize=address,undefined -fno-sanitize-recover=all -include cuda_emu.h -DTAD_EMU_MAIN -DTAD_GENERATED='"%t.dir/kernel.tad.cu"' %t.dir/kernel.cu -o %t.emu
// RUN: %t.emu | FileCheck %s --check-prefix=EMU
// RUN: %gxx -x c++ -pthread -fsanitize=thread -O1 -include cuda_emu.h -DTAD_EMU_MAIN -DTAD_EMU_QUICK -DTAD_GENERATED='"%t.dir/kernel.tad.cu"' %t.dir/kernel.cu -o %t.tsan
// RUN: env TSAN_OPTIONS=halt_on_error=1:exitcode=66 %t.tsan | FileCheck %s --check-prefix=EMU
// RUN: %if nvcc %{ %nvcc -DTAD_GENERATED='"%t.dir/kernel.tad.cu"' -c %t.dir/kernel.cu -o %t.o %}
// RUN: %if nvcc %{ %nvcc -arch=sm_90 -DTAD_GENERATED='"%t.dir/kernel.tad.cu"' -c %t.dir/kernel.cu -o %t.90.o %}
#include "tad/tad.h"
#include <cmath>

// A warp-shuffle reduction: lane 0 of each warp adds the warp's sum. (The
// offsets as 16 >> k: a loop `o /= 2` needs the tape in reverse mode, which
// device code does not have, device-tape.cu.)
TAD_JVP TAD_VJP __global__ void warpsum(const double *x, double *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  double v = i < n ? x[i] * x[i] : 0.0;
  for (int k = 0; k < 5; ++k)
    v += __shfl_down_sync(0xffffffff, v, 16 >> k);
  if (threadIdx.x % 32 == 0)
    atomicAdd(&y[0], v);
}

// CHECK-LABEL: // JVP of 'warpsum'
// CHECK: d_v +=
// CHECK-NEXT: __shfl_down_sync(0xffffffff, d_v, static_cast<unsigned int>(16 >> k));
// CHECK-NEXT: v += __shfl_down_sync(0xffffffff, v, static_cast<unsigned int>(16 >> k));
// CHECK-LABEL: // VJP of 'warpsum'
// CHECK: reverse sweep
// CHECK: for (int k = 5 - 1; k >= 0; --k) {
// CHECK: const double [[G:_g[0-9]+]] = tad::shfl_down_sync_transpose(
// CHECK-NEXT: 0xffffffff, _g{{[0-9]+}}, static_cast<unsigned int>(16 >> k));
// CHECK-NEXT: ct_v += [[G]];

// A butterfly allreduce: every lane ends with the warp's sum.
TAD_JVP TAD_VJP __global__ void butterfly(const double *x, double *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  double v = i < n ? sin(x[i]) : 0.0;
  for (int k = 0; k < 5; ++k)
    v += __shfl_xor_sync(0xffffffff, v, 1 << k);
  if (i < n)
    y[i] = v * x[i];
}

// CHECK-LABEL: // JVP of 'butterfly'
// CHECK: d_v += __shfl_xor_sync(0xffffffff, d_v, 1 << k);
// CHECK-LABEL: // VJP of 'butterfly'
// CHECK: const double [[G:_g[0-9]+]] = tad::shfl_xor_sync_transpose(0xffffffff, _g{{[0-9]+}}, 1 << k);
// CHECK-NEXT: ct_v += [[G]];

// A broadcast from lane 0, and shifts whose reads fall off the warp.
TAD_JVP TAD_VJP __global__ void broadcast(const double *x, double *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  double xi = i < n ? x[i] : 1.0;
  double b = __shfl_sync(0xffffffff, xi, 0);
  double u = __shfl_up_sync(0xffffffff, xi * xi, 3);
  double d = __shfl_down_sync(0xffffffff, cos(xi), 5);
  if (i < n)
    y[i] = sin(b) * xi + u + d * y[i];
}

// CHECK-LABEL: // JVP of 'broadcast'
// CHECK: double d_b = __shfl_sync(0xffffffff, d_xi, 0);
// CHECK: double d_u = __shfl_up_sync(0xffffffff, 2.0 * (xi * d_xi), 3);
// CHECK: double d_d = __shfl_down_sync(0xffffffff, -(std::sin(xi) * d_xi), 5);
// CHECK-LABEL: // VJP of 'broadcast'
// CHECK: reverse sweep
// CHECK: const double [[D:_g[0-9]+]] = tad::shfl_down_sync_transpose(0xffffffff, _g{{[0-9]+}}, 5);
// CHECK-NEXT: ct_xi += std::sin(xi) * -[[D]];
// CHECK: const double [[U:_g[0-9]+]] = tad::shfl_up_sync_transpose(0xffffffff, _g{{[0-9]+}}, 3);
// CHECK-NEXT: ct_xi += xi * (2.0 * [[U]]);
// CHECK: const double [[B:_g[0-9]+]] = tad::shfl_sync_transpose(0xffffffff, _g{{[0-9]+}}, 0);
// CHECK-NEXT: ct_xi += [[B]];

// A shuffle of a guarded value: the transposed shuffle is executed by every
// lane, before the guard's branch (not inside it).
TAD_JVP TAD_VJP __global__ void guarded(const double *x, double *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  double v = __shfl_xor_sync(0xffffffff, i < n ? sin(x[i]) : 0.0, 16);
  if (i < n)
    y[i] = v * x[i];
}

// CHECK-LABEL: // VJP of 'guarded'
// CHECK: reverse sweep
// CHECK: const double [[G:_g[0-9]+]] = tad::shfl_xor_sync_transpose(0xffffffff, _g{{[0-9]+}}, 16);
// CHECK-NEXT: if (i < n) {
// CHECK-NEXT: ct_x[i] += std::cos(x[i]) * [[G]];

// Shuffles within segments of the warp (the width operand): a reduction
// over segments of 16 lanes, a broadcast from each segment's lane 2, shifts
// in segments of 8 whose reads stop at the segment's end, an xor by 8 in
// segments of 4 (a lane reads the segment before, or itself when that one
// is later) and one inside the segment.
TAD_JVP TAD_VJP __global__ void segments(const double *x, double *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  double xi = i < n ? x[i] : 0.5;
  double v = xi * xi;
  for (int k = 0; k < 4; ++k)
    v += __shfl_down_sync(0xffffffff, v, 8 >> k, 16);
  double b = __shfl_sync(0xffffffff, sin(xi), 2, 16);
  double u = __shfl_up_sync(0xffffffff, xi, 3, 8);
  double d = __shfl_down_sync(0xffffffff, cos(xi), 5, 8);
  double e = __shfl_xor_sync(0xffffffff, xi * xi * xi, 8, 4);
  double f = __shfl_xor_sync(0xffffffff, xi, 1, 4);
  if (i < n)
    y[i] = v * xi + b * u + d * y[i] + e + f * f;
}

// CHECK-LABEL: // JVP of 'segments'
// CHECK: d_v += __shfl_down_sync(0xffffffff, d_v, static_cast<unsigned int>(8 >> k),
// CHECK-NEXT: 16);
// CHECK: double d_b = __shfl_sync(0xffffffff, std::cos(xi) * d_xi, 2, 16);
// CHECK-LABEL: // VJP of 'segments'
// CHECK: reverse sweep
// CHECK-DAG: tad::shfl_xor_sync_transpose(0xffffffff, _g{{[0-9]+}}, 8, 4);
// CHECK-DAG: tad::shfl_down_sync_transpose(0xffffffff, _g{{[0-9]+}}, 5, 8);
// CHECK-DAG: tad::shfl_up_sync_transpose(0xffffffff, _g{{[0-9]+}}, 3, 8);
// CHECK-DAG: tad::shfl_sync_transpose(0xffffffff, _g{{[0-9]+}}, 2, 16);
// CHECK: tad::shfl_down_sync_transpose(
// CHECK-NEXT: 0xffffffff, _g{{[0-9]+}}, static_cast<unsigned int>(8 >> k), 16);

// Votes as conditions: integers, no derivative.
TAD_JVP TAD_VJP __global__ void ballot(const double *x, double *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  double xi = i < n ? x[i] : 0.0;
  unsigned m = __ballot_sync(0xffffffff, xi > 0.5);
  int any = __any_sync(__activemask(), xi > 0.9);
  int all = __all_sync(0xffffffff, xi > -2.0);
  if (i < n) {
    if (m & 1u)
      y[i] = xi * xi;
    else
      y[i] = 2.0 * xi;
    if (any && all)
      y[i] += exp(xi);
  }
}

// CHECK-LABEL: // VJP of 'ballot'
// CHECK: unsigned int m = __ballot_sync(0xffffffff, static_cast<int>(xi > 0.5));

#ifdef TAD_GENERATED
#include TAD_GENERATED
#endif

#ifdef TAD_EMU_MAIN
#include "fdcheck.h"
#include <string>

using tad_test::Vec;

namespace {

using Kernel = void (*)(const double *, double *, int);
using KernelJvp = void (*)(const double *, const double *, double *, double *,
                           int);
using KernelVjp = void (*)(const double *, double *, int, double *, double *);

/// Inputs x (n) and y's initial values (n); outputs y (n).
void check(const char *Name, Kernel Fn, KernelJvp FnJ, KernelVjp FnV, dim3 G,
           dim3 B, int N, size_t NY) {
  size_t n = N;
  tad_test::Primal P = [=](const Vec &X) {
    Vec Y(X.begin() + n, X.end());
    tad_emu::launch(G, B, Fn, X.data(), Y.data(), N);
    return Y;
  };
  tad_test::Jvp J = [=](const Vec &X, const Vec &D) {
    Vec Y(X.begin() + n, X.end()), DY(D.begin() + n, D.end());
    tad_emu::launch(G, B, FnJ, X.data(), D.data(), Y.data(), DY.data(), N);
    return DY;
  };
  tad_test::Vjp V = [=](const Vec &X, const Vec &YBar) {
    Vec Y(X.begin() + n, X.end()), Ct(n + NY, 0.0);
    for (size_t K = 0; K < NY; ++K)
      Ct[n + K] = YBar[K];
    tad_emu::launch(G, B, FnV, X.data(), Y.data(), N, Ct.data(), Ct.data() + n);
    return Ct;
  };
  std::vector<Vec> Points = {tad_test::randomVec(n + NY, 3),
                             tad_test::randomVec(n + NY, 4)};
  tad_test::checkJvp(Name, P, J, Points, 1e-6, 1e-6);
  tad_test::checkVjp(Name, J, V, Points, NY, 1e-10);
}

} // namespace

int main() {
  // {grid, block, n}: a full warp, two warps with threads past n, two
  // blocks.
  const unsigned Shapes[][3] = {{1, 32, 32}, {1, 64, 50}, {2, 32, 60}};
  for (const auto &S : Shapes) {
    dim3 G(S[0]), B(S[1]);
    int N = int(S[2]);
    check("warpsum", warpsum, warpsum_jvp, warpsum_vjp, G, B, N, 1);
    check("butterfly", butterfly, butterfly_jvp, butterfly_vjp, G, B, N, N);
    check("broadcast", broadcast, broadcast_jvp, broadcast_vjp, G, B, N, N);
    check("guarded", guarded, guarded_jvp, guarded_vjp, G, B, N, N);
    check("ballot", ballot, ballot_jvp, ballot_vjp, G, B, N, N);
    check("segments", segments, segments_jvp, segments_vjp, G, B, N, N);
#ifdef TAD_EMU_QUICK
    break;
#endif
  }
#ifdef TAD_EMU_QUICK
  std::printf("quick run\n");
#endif
  return tad_test::report();
}
// EMU: {{[0-9]+}} checks, 0 failed
#endif
