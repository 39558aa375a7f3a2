// Accumulators in the stepwise inverse modes: a scalar local built by +=
// and -= from state that keeps its value until the step that reads it
// (`double s = 0; for (k) s += w[k] * tanh(x[k]); x[i] += s;`) is part of
// that step: its partials are the step's b_r. Written as users write
// them: coupling layers with a one-layer network (NICE, RealNVP with a
// scale and a shift accumulated in one loop), an all-pairs (Kuramoto)
// force in a leapfrog step, a lower-triangular recurrence, a pull from
// the other oscillators under `if (j != i)` started from a state value, a
// sum weighted by integer counts computed inside it. Each has f_jvp, f_vjp,
// f_ijvp, f_ivjp, f_logdet and f_inverse, checked by invcheck.h at two sizes: J
// f_ijvp(v) = v and J^T f_ivjp(w) = w with J from f_jvp, dense LU solves,
// f_vjp(f_ivjp(w)) = w, the dense log-determinant, f^-1(f(z)) = z and
// f(f^-1(y)) = y.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --check-prefix=NOTE --allow-empty
// NOTE-NOT: {{error|warning}}:
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang | FileCheck %s --check-prefix=OUT
// OUT-NOT: FAIL
// OUT: {{[0-9]+}} checks, 0 failed
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.asan && %t.asan
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: FileCheck %s --input-file %t.inc
//
// f_ivjp runs the step's rule, which gives s its cotangent, then the
// accumulation transposed; f_ijvp and f_inverse recompute s at the step.
// CHECK-LABEL: // inverse VJP of 'nice_mlp'
// CHECK: double ct_s = 0.0;
// CHECK-NEXT: ct_s -= ct_x[i];
// CHECK: ct_x[k] += {{.*}} * ct_s;
// CHECK-LABEL: // inverse of 'nice_mlp'
// CHECK: double s = 0.0;
// CHECK: s += W[(i - h) * h + k] * std::tanh(x[k]);
// CHECK: x[i] -= s;
#include "tad/tad.h"
#include <cmath>

#define ALL TAD_JVP TAD_VJP TAD_IJVP TAD_IVJP TAD_LOGDET TAD_INVERSE

// Additive coupling (NICE): the second half shifted by W tanh(first half),
// then the first half by V sin(second half).
ALL void nice_mlp(double *x, const double *W, const double *V, int n, int h) {
  for (int i = h; i < n; ++i) {
    double s = 0;
    for (int k = 0; k < h; ++k)
      s += W[(i - h) * h + k] * std::tanh(x[k]);
    x[i] += s;
  }
  for (int i = 0; i < h; ++i) {
    double s = 0;
    for (int k = h; k < n; ++k)
      s += V[i * (n - h) + (k - h)] * std::sin(x[k]);
    x[i] += s;
  }
}

// Affine coupling (RealNVP): scale and shift from the first half, both
// accumulated in one loop; log|det J| = sum_i s_i.
ALL void realnvp(double *x, const double *A, const double *B, int n, int h) {
  for (int i = h; i < n; ++i) {
    double s = 0, t = 0;
    for (int k = 0; k < h; ++k) {
      double u = std::tanh(x[k]);
      s += 0.5 * A[(i - h) * h + k] * u;
      t += B[(i - h) * h + k] * x[k];
    }
    x[i] = x[i] * std::exp(s) + t;
  }
}

// A leapfrog step of Kuramoto oscillators: phases q, momenta p, the force
// on each from all the others.
ALL void kuramoto(double *q, double *p, int n, double h, double K) {
  for (int i = 0; i < n; ++i) {
    double f = 0;
    for (int j = 0; j < n; ++j)
      f += std::sin(q[j] - q[i]);
    p[i] += 0.5 * h * K / n * f;
  }
  for (int i = 0; i < n; ++i)
    q[i] += h * p[i];
  for (int i = 0; i < n; ++i) {
    double f = 0;
    for (int j = 0; j < n; ++j)
      f += std::sin(q[j] - q[i]);
    p[i] += 0.5 * h * K / n * f;
  }
}

// A lower-triangular recurrence: each value rescaled and shifted by a sum
// over the ones before it.
ALL void recurrence(double *x, const double *L, int n) {
  for (int i = 1; i < n; ++i) {
    double s = 0;
    for (int k = 0; k < i; ++k)
      s += L[i * n + k] * std::tanh(x[k]);
    x[i] = x[i] * std::exp(0.3 * std::tanh(s)) + s;
  }
}

// Each oscillator but the first pulled by the others (not itself), the
// pull started from the first's value and reduced by -=.
ALL void pull(double *x, int n, double c) {
  for (int i = 1; i < n; ++i) {
    double g = 0.5 * x[0];
    for (int j = 1; j < n; ++j)
      if (j != i)
        g -= c * std::cos(x[j]);
    x[i] += g;
  }
}

// Sines of the first half weighted by how often each index appears in a
// list: an integer count built in a loop inside the accumulation.
ALL void weighted(double *x, const int *pairs, int m, int n, int h) {
  for (int i = h; i < n; ++i) {
    double s = 0;
    for (int k = 0; k < h; ++k) {
      int c = 1;
      for (int p = 0; p < m; ++p)
        if (pairs[p] == k)
          c += 1;
      s += 0.1 * c * std::sin(x[k] + i);
    }
    x[i] += s;
  }
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "invcheck.h"
using namespace tad_test;

#define EXPAND(...) __VA_ARGS__
/// A program on one array of N values; JA and A are the remaining
/// arguments of f_jvp and of the others, VA those of f_vjp after the
/// array's cotangent (each after a comma).
#define ONE(P, f, n, JA, A, VA)                                                \
  P.N = (n);                                                                   \
  P.F = [&](Vec &Z) { f(Z.data(), EXPAND A); };                                \
  P.Jvp = [&](Vec &Z, Vec &T) { f##_jvp(Z.data(), T.data(), EXPAND JA); };     \
  P.Ijvp = [&](Vec &Z, Vec &T) { f##_ijvp(Z.data(), T.data(), EXPAND A); };    \
  P.Ivjp = [&](Vec &Z, Vec &T) { f##_ivjp(Z.data(), T.data(), EXPAND A); };    \
  P.LogDet = [&](Vec &Z) { return f##_logdet(Z.data(), EXPAND A); };           \
  P.Inverse = [&](Vec &Z) { f##_inverse(Z.data(), EXPAND A); };                \
  P.Vjp = [&](Vec &Z, Vec &C) {                                                \
    f##_vjp(Z.data(), EXPAND A, C.data() EXPAND VA);                           \
  }

int main() {
  std::mt19937 Rng(17);
  for (int N : {6, 9}) {
    int H = N / 2; // 3 of 6, 4 of 9
    Vec W = randomVec(H * (N - H), Rng), V = randomVec(H * (N - H), Rng);
    Vec DW(W.size(), 0.0), DV(V.size(), 0.0), CW(W.size()), CV(V.size());
    InvProgram P;
    P.Name = "nice_mlp n=" + std::to_string(N);
    ONE(P, nice_mlp, N, (W.data(), DW.data(), V.data(), DV.data(), N, H),
        (W.data(), V.data(), N, H), (, CW.data(), CV.data()));
    checkInverse(P, randomVec(N, Rng));
  }
  for (int N : {6, 7}) {
    int H = N / 2;
    Vec A = randomVec(H * (N - H), Rng), B = randomVec(H * (N - H), Rng);
    Vec DA(A.size(), 0.0), DB(B.size(), 0.0), CA(A.size()), CB(B.size());
    InvProgram P;
    P.Name = "realnvp n=" + std::to_string(N);
    ONE(P, realnvp, N, (A.data(), DA.data(), B.data(), DB.data(), N, H),
        (A.data(), B.data(), N, H), (, CA.data(), CB.data()));
    Vec Z0 = randomVec(N, Rng);
    checkInverse(P, Z0);
    double SumS = 0; // log|det J| = sum_i s_i, by hand
    for (int I = H; I < N; ++I)
      for (int K = 0; K < H; ++K)
        SumS += 0.5 * A[(I - H) * H + K] * std::tanh(Z0[K]);
    Vec Z = Z0;
    expectClose(P.Name + ": logdet = sum s", P.LogDet(Z), SumS, 1e-13);
  }
  for (int N : {4, 7}) {
    const double H = 0.1, K = 1.3, DH = 0, DK = 0;
    InvProgram P;
    P.Name = "kuramoto n=" + std::to_string(N);
    P.N = 2 * N;
    P.F = [&](Vec &Z) { kuramoto(Z.data(), Z.data() + N, N, H, K); };
    P.Jvp = [&](Vec &Z, Vec &T) {
      kuramoto_jvp(Z.data(), T.data(), Z.data() + N, T.data() + N, N, H, DH, K,
                   DK);
    };
    P.Ijvp = [&](Vec &Z, Vec &T) {
      kuramoto_ijvp(Z.data(), T.data(), Z.data() + N, T.data() + N, N, H, K);
    };
    P.Ivjp = [&](Vec &Z, Vec &T) {
      kuramoto_ivjp(Z.data(), T.data(), Z.data() + N, T.data() + N, N, H, K);
    };
    P.LogDet = [&](Vec &Z) {
      return kuramoto_logdet(Z.data(), Z.data() + N, N, H, K);
    };
    P.Inverse = [&](Vec &Z) {
      kuramoto_inverse(Z.data(), Z.data() + N, N, H, K);
    };
    P.Vjp = [&](Vec &Z, Vec &C) {
      double CH = 0, CK = 0;
      kuramoto_vjp(Z.data(), Z.data() + N, N, H, K, C.data(), C.data() + N, &CH,
                   &CK);
    };
    checkInverse(P, randomVec(2 * N, Rng, -3, 3));
    Vec Z = randomVec(2 * N, Rng);
    expectClose(P.Name + ": logdet = 0 (symplectic)", P.LogDet(Z), 0.0, 1e-15);
  }
  for (int N : {5, 8}) {
    Vec L = randomVec(N * N, Rng), DL(N * N, 0.0), CL(N * N);
    InvProgram P;
    P.Name = "recurrence n=" + std::to_string(N);
    ONE(P, recurrence, N, (L.data(), DL.data(), N), (L.data(), N),
        (, CL.data()));
    checkInverse(P, randomVec(N, Rng));
  }
  for (int N : {3, 6}) {
    const double Pull = 0.4;
    double CPull = 0;
    InvProgram P;
    P.Name = "pull n=" + std::to_string(N);
    ONE(P, pull, N, (N, Pull, 0.0), (N, Pull), (, &CPull));
    checkInverse(P, randomVec(N, Rng));
  }
  for (int N : {5, 8}) {
    const int Pairs[] = {0, 2, 2, 1, 0, 2}, M = 6, H = 3;
    InvProgram P;
    P.Name = "weighted n=" + std::to_string(N);
    ONE(P, weighted, N, (Pairs, M, N, H), (Pairs, M, N, H), ());
    checkInverse(P, randomVec(N, Rng));
  }
  return report();
}
#endif
