// Kernels over arrays of structs, as GPU particle codes are written: the
// tangent and cotangent arrays are arrays of the same struct; a struct
// parameter by value (the step's constants) has a cotangent `Params
// *ct_pr` whose fields are sums over every thread (tad::reduce_add), and
// neighbours' fields are accumulated with atomicAdd. Every kernel runs on
// the CPU emulation (Inputs/cuda_emu.h: each thread a real std::thread)
// under AddressSanitizer and ThreadSanitizer: JVP against central
// differences, VJP against JVP by the dot-product identity. nvcc compiles
// the kernels.
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

struct Body {
  double x, v;
};
struct Params {
  double k, dt;
};

// A symplectic Euler step of independent oscillators.
TAD_JVP TAD_VJP __global__ void leap(Body *bs, Params pr, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    bs[i].v -= pr.dt * pr.k * bs[i].x;
    bs[i].x += pr.dt * bs[i].v;
  }
}

// CHECK-LABEL: // VJP of 'leap'
// CHECK: __global__ void leap_vjp(Body *bs, Params pr, int n, Body *ct_bs,
// CHECK-NEXT: Params *ct_pr) {
// CHECK: ct_bs[i].v += pr.dt * _g0;
// CHECK: tad::reduce_add(&ct_pr->k, ct_pr_k);
// CHECK: tad::reduce_add(&ct_pr->dt, ct_pr_dt);

// A chain: each body is pulled by its left neighbour's old position.
TAD_JVP TAD_VJP __global__ void chain(Body *bs, const Body *old, double k,
                                      int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i > 0 && i < n)
    bs[i].v += k * (old[i - 1].x - old[i].x);
}

// CHECK-LABEL: // VJP of 'chain'
// CHECK: atomicAdd(&ct_old[i - 1].x, _g1);
// CHECK: atomicAdd(&ct_old[i].x, -_g1);
// CHECK: tad::reduce_add(ct_k, _ct_k);

// EMU: leap: {{[0-9]+}} checks passed
// EMU: chain: {{[0-9]+}} checks passed

#ifdef TAD_GENERATED
#include TAD_GENERATED
#endif

#ifdef TAD_EMU_MAIN
#include "fdcheck.h"
#include <cstdio>

using tad_test::Vec;

namespace {
const int N = 37; // two blocks of 32, threads past n
const dim3 G(2), B(32);

void unpack(const Vec &A, size_t At, Body *bs) {
  for (int i = 0; i < N; ++i)
    bs[i] = {A[At + 2 * i], A[At + 2 * i + 1]};
}
Vec pack(const Body *bs) {
  Vec A;
  for (int i = 0; i < N; ++i)
    A.insert(A.end(), {bs[i].x, bs[i].v});
  return A;
}

void report(const char *Name, int Before) {
  if (tad_test::failures() == Before)
    std::printf("%s: %d checks passed\n", Name, tad_test::checks());
}
} // namespace

int main() {
  std::vector<Vec> Points = {tad_test::randomVec(2 + 2 * N, 3),
                             tad_test::randomVec(2 + 2 * N, 4)};
  { // leap: (k, dt, bs) -> bs
    auto F = [](const Vec &X) {
      Body bs[N];
      unpack(X, 2, bs);
      tad_emu::launch(G, B, leap, bs, Params{X[0], X[1]}, N);
      return pack(bs);
    };
    auto J = [](const Vec &X, const Vec &D) {
      Body bs[N], dbs[N];
      unpack(X, 2, bs);
      unpack(D, 2, dbs);
      tad_emu::launch(G, B, leap_jvp, bs, dbs, Params{X[0], X[1]},
                      Params{D[0], D[1]}, N);
      return pack(dbs);
    };
    auto V = [](const Vec &X, const Vec &Y) {
      Body bs[N], cbs[N];
      unpack(X, 2, bs);
      unpack(Y, 0, cbs);
      Params cpr{0, 0};
      tad_emu::launch(G, B, leap_vjp, bs, Params{X[0], X[1]}, N, cbs, &cpr);
      Vec R{cpr.k, cpr.dt};
      Vec P = pack(cbs);
      R.insert(R.end(), P.begin(), P.end());
      return R;
    };
    int Before = tad_test::failures();
    tad_test::checkJvp("leap", F, J, Points);
    tad_test::checkVjp("leap", J, V, Points, 2 * N);
    report("leap", Before);
  }
  { // chain: (k, old, bs) -> bs; old is read by two threads each
    std::vector<Vec> Ps;
    for (const Vec &P : Points) {
      Vec Q(P.begin() + 1, P.end());
      Q.insert(Q.end(), P.begin() + 2, P.end());
      Ps.push_back(Q);
    }
    auto F = [](const Vec &X) {
      Body old[N], bs[N];
      unpack(X, 1, old);
      unpack(X, 1 + 2 * N, bs);
      tad_emu::launch(G, B, chain, bs, old, X[0], N);
      return pack(bs);
    };
    auto J = [](const Vec &X, const Vec &D) {
      Body old[N], bs[N], dold[N], dbs[N];
      unpack(X, 1, old);
      unpack(X, 1 + 2 * N, bs);
      unpack(D, 1, dold);
      unpack(D, 1 + 2 * N, dbs);
      tad_emu::launch(G, B, chain_jvp, bs, dbs, old, dold, X[0], D[0], N);
      return pack(dbs);
    };
    auto V = [](const Vec &X, const Vec &Y) {
      Body old[N], bs[N], cold[N] = {}, cbs[N];
      unpack(X, 1, old);
      unpack(X, 1 + 2 * N, bs);
      unpack(Y, 0, cbs);
      double ck = 0;
      tad_emu::launch(G, B, chain_vjp, bs, old, X[0], N, cbs, cold, &ck);
      Vec R{ck};
      Vec P = pack(cold), Q = pack(cbs);
      R.insert(R.end(), P.begin(), P.end());
      R.insert(R.end(), Q.begin(), Q.end());
      return R;
    };
    int Before = tad_test::failures();
    tad_test::checkJvp("chain", F, J, Ps);
    tad_test::checkVjp("chain", J, V, Ps, 2 * N);
    report("chain", Before);
  }
  return tad_test::report();
}
#endif
