// The dense fallback, asked for with TAD_DENSE(n): f_ijvp, f_ivjp and
// f_logdet of a function that is square but not stepwise (a dense
// nonlinear map with an accumulator and a local array), by N JVPs and an
// N x N LU, with a warning that says what it costs; checked like the
// stepwise programs. f_inverse has no dense fallback.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: not %tad-gen %s -o %t2.inc -- %tad-flags -DWITH_INVERSE 2>&1 | FileCheck %s --check-prefix=INV
#include "tad/tad.h"
#include <cmath>

#ifndef WITH_INVERSE
#define INV
#else
#define INV TAD_INVERSE
#endif

// CHECK: dense.cpp:[[@LINE+2]]:46: warning: the inverse modes of 'mix' use the dense fallback: per call, N = n JVPs of 'mix' and an N x N LU factorization, O(N cost(f) + N^3) time and N^2 memory (inverse accumulation of a stepwise function costs O(cost(f)))
// INV: dense.cpp:[[@LINE+1]]:46: error: 'tad::dense' provides f_ijvp, f_ivjp and f_logdet; f_inverse of 'mix' has no dense fallback
TAD_JVP TAD_VJP TAD_IJVP TAD_IVJP TAD_LOGDET TAD_DENSE(n)
INV void mix(double *x, const double *w, int n) {
  double y[8];
  for (int i = 0; i < n; ++i) {
    double s = x[i];
    for (int j = 0; j < n; ++j)
      s += 0.1 * w[i * n + j] * std::tanh(x[j]);
    y[i] = s;
  }
  for (int i = 0; i < n; ++i)
    x[i] = y[i];
}

// Two state arrays: N = 2 * n.
// CHECK: dense.cpp:[[@LINE+1]]:27: warning: the inverse modes of 'pair' use the dense fallback: per call, N = 2 * n JVPs
TAD_JVP TAD_IJVP TAD_IVJP TAD_DENSE(n)
TAD_LOGDET void pair(double *__restrict__ a, double *__restrict__ b, int n) {
  for (int i = 0; i < n; ++i) {
    double u = a[i], v = b[i];
    a[i] = u + 0.5 * std::sin(v);
    b[i] = v - 0.25 * u * u;
  }
}

// Accumulators started from constants of the map (a parameter, an element
// of a const array): their tangents start at 0 and must stay declared and
// updated (f_ijvp did not compile, and tanh(a) got a zero tangent).
// CHECK: dense.cpp:[[@LINE+1]]:27: warning: the inverse modes of 'accumulate' use the dense fallback
TAD_JVP TAD_IJVP TAD_IVJP TAD_DENSE(n)
TAD_LOGDET void accumulate(double *x, const double *w, int n, double c) {
  double a = c;
  for (int k = 0; k < n; ++k)
    a += x[k];
  for (int i = 0; i < n; ++i) {
    double b = w[i];
    for (int k = 0; k < n; ++k)
      b += w[k] * x[k] * x[k];
    x[i] = std::tanh(a) + x[i] + 0.1 * std::sin(b);
  }
}

// The length an integer expression of the parameters: a complex state as
// 2 n doubles, and a grid of n x m cells plus one global value.
// CHECK: dense.cpp:[[@LINE+1]]:38: warning: the inverse modes of 'complex' use the dense fallback: per call, N = 2 * n JVPs
TAD_JVP TAD_IJVP TAD_IVJP TAD_LOGDET TAD_DENSE(2 * n) void complex(double *z,
                                                                   int n) {
  double re = 0, im = 0;
  for (int k = 0; k < n; ++k) {
    re += std::tanh(z[2 * k]);
    im += std::sin(z[2 * k + 1]);
  }
  for (int k = 0; k < n; ++k) {
    z[2 * k] += 0.2 * im;
    z[2 * k + 1] -= 0.1 * re;
  }
}
// (clang-format would read n * m as a pointer declaration: n *m.)
// clang-format off
// CHECK: dense.cpp:[[@LINE+1]]:38: warning: the inverse modes of 'grid' use the dense fallback: per call, N = 2 * (n * m + 1) JVPs
TAD_JVP TAD_IJVP TAD_IVJP TAD_LOGDET TAD_DENSE(n * m + 1)
void grid(double *__restrict__ x, double *__restrict__ v, int n, int m) {
  // clang-format on
  double s = 0;
  for (int k = 0; k < n * m + 1; ++k)
    s += std::tanh(x[k]) + 0.5 * v[k];
  for (int k = 0; k < n * m + 1; ++k) {
    x[k] += 0.1 * s;
    v[k] -= 0.2 * std::sin(x[k]);
  }
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "invcheck.h"
using namespace tad_test;

int main() {
  std::mt19937 Rng(3);
  {
    const int N = 5;
    Vec W = randomVec(N * N, Rng), DW(N * N, 0.0);
    InvProgram P;
    P.Name = "mix";
    P.N = N;
    P.F = [&](Vec &Z) { mix(Z.data(), W.data(), N); };
    P.Jvp = [&](Vec &Z, Vec &T) {
      mix_jvp(Z.data(), T.data(), W.data(), DW.data(), N);
    };
    P.Ijvp = [&](Vec &Z, Vec &T) { mix_ijvp(Z.data(), T.data(), W.data(), N); };
    P.Ivjp = [&](Vec &Z, Vec &T) { mix_ivjp(Z.data(), T.data(), W.data(), N); };
    P.LogDet = [&](Vec &Z) { return mix_logdet(Z.data(), W.data(), N); };
    P.Vjp = [&](Vec &Z, Vec &C) {
      Vec CW(N * N, 0.0);
      mix_vjp(Z.data(), W.data(), N, C.data(), CW.data());
    };
    checkInverse(P, randomVec(N, Rng));
  }
  {
    const int N = 3;
    InvProgram P;
    P.Name = "pair";
    P.N = 2 * N;
    P.F = [&](Vec &Z) { pair(Z.data(), Z.data() + N, N); };
    P.Jvp = [&](Vec &Z, Vec &T) {
      pair_jvp(Z.data(), T.data(), Z.data() + N, T.data() + N, N);
    };
    P.Ijvp = [&](Vec &Z, Vec &T) {
      pair_ijvp(Z.data(), T.data(), Z.data() + N, T.data() + N, N);
    };
    P.Ivjp = [&](Vec &Z, Vec &T) {
      pair_ivjp(Z.data(), T.data(), Z.data() + N, T.data() + N, N);
    };
    P.LogDet = [&](Vec &Z) { return pair_logdet(Z.data(), Z.data() + N, N); };
    checkInverse(P, randomVec(2 * N, Rng));
  }
  for (int N : {1, 3, 4}) {
    Vec W = randomVec(N, Rng), DW(N, 0.0);
    const double C = 0.3;
    InvProgram P;
    P.Name = "accumulate";
    P.N = N;
    P.F = [&](Vec &Z) { accumulate(Z.data(), W.data(), N, C); };
    P.Jvp = [&](Vec &Z, Vec &T) {
      accumulate_jvp(Z.data(), T.data(), W.data(), DW.data(), N, C, 0);
    };
    P.Ijvp = [&](Vec &Z, Vec &T) {
      accumulate_ijvp(Z.data(), T.data(), W.data(), N, C);
    };
    P.Ivjp = [&](Vec &Z, Vec &T) {
      accumulate_ivjp(Z.data(), T.data(), W.data(), N, C);
    };
    P.LogDet = [&](Vec &Z) {
      return accumulate_logdet(Z.data(), W.data(), N, C);
    };
    checkInverse(P, randomVec(N, Rng));
    // The tangent of tanh(a) is not dropped: J e_0 has 1 - tanh(a)^2 in
    // every row (central differences of the primal).
    Vec Z0 = randomVec(N, Rng), Jcol = Z0, T(N, 0.0);
    T[0] = 1;
    accumulate_jvp(Jcol.data(), T.data(), W.data(), DW.data(), N, C, 0);
    Vec Zp = Z0, Zm = Z0;
    Zp[0] += 1e-6;
    Zm[0] -= 1e-6;
    accumulate(Zp.data(), W.data(), N, C);
    accumulate(Zm.data(), W.data(), N, C);
    Vec Fd(N);
    for (int I = 0; I < N; ++I)
      Fd[I] = (Zp[I] - Zm[I]) / 2e-6;
    expectClose("accumulate: J e_0 = central differences", T, Fd, 1e-7);
  }
  for (int N : {1, 3}) {
    InvProgram P;
    P.Name = "complex n = " + std::to_string(N);
    P.N = 2 * N;
    P.F = [=](Vec &Z) { complex(Z.data(), N); };
    P.Jvp = [=](Vec &Z, Vec &T) { complex_jvp(Z.data(), T.data(), N); };
    P.Ijvp = [=](Vec &Z, Vec &T) { complex_ijvp(Z.data(), T.data(), N); };
    P.Ivjp = [=](Vec &Z, Vec &T) { complex_ivjp(Z.data(), T.data(), N); };
    P.LogDet = [=](Vec &Z) { return complex_logdet(Z.data(), N); };
    checkInverse(P, randomVec(2 * N, Rng));
  }
  for (auto NM : {std::pair<int, int>{1, 1}, {2, 3}, {3, 1}}) {
    const int N = NM.first, M = NM.second, L = N * M + 1;
    InvProgram P;
    P.Name = "grid " + std::to_string(N) + " x " + std::to_string(M);
    P.N = 2 * L;
    P.F = [=](Vec &Z) { grid(Z.data(), Z.data() + L, N, M); };
    P.Jvp = [=](Vec &Z, Vec &T) {
      grid_jvp(Z.data(), T.data(), Z.data() + L, T.data() + L, N, M);
    };
    P.Ijvp = [=](Vec &Z, Vec &T) {
      grid_ijvp(Z.data(), T.data(), Z.data() + L, T.data() + L, N, M);
    };
    P.Ivjp = [=](Vec &Z, Vec &T) {
      grid_ivjp(Z.data(), T.data(), Z.data() + L, T.data() + L, N, M);
    };
    P.LogDet = [=](Vec &Z) {
      return grid_logdet(Z.data(), Z.data() + L, N, M);
    };
    checkInverse(P, randomVec(2 * L, Rng));
  }
  return report();
}
#endif

// With the plugin (at the end, so that the line numbers checked above stay;
// tad's warnings, which -Werror would make errors, are checked above):
// RUN: %cxx %plugin -Wno-error %s -o %t.plugin && %t.plugin
