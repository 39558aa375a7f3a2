// THEORY.md 1.6: realistic stepwise-equasive programs. Each is generated
// with f_jvp, f_ijvp, f_ivjp, f_logdet and (where its steps have analytic
// inverses and its branches do not read the state) f_inverse, and checked
// by invcheck.h: round trips J f_ijvp(v) = v and J^T f_ivjp(w) = w with the
// Jacobian built from the generated f_jvp, dense LU solves, the dense
// log-determinant, f^-1(f(z)) = z and f(f^-1(y)) = y.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --check-prefix=NOTE --allow-empty
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

#define ALL TAD_JVP TAD_VJP TAD_IJVP TAD_IVJP TAD_LOGDET TAD_INVERSE

// Leapfrog (velocity Verlet) for a chain of n oscillators with nonlinear
// springs, U = sum_i (1 - cos(q[i] - q[i-1])) + k/2 q^2: every update is
// a shear, det J = 1.
ALL void leapfrog(double *__restrict__ q, double *__restrict__ p, int n,
                  int steps, double h, double k) {
  for (int s = 0; s < steps; ++s) {
    for (int i = 0; i < n; ++i)
      p[i] -= 0.5 * h * k * q[i];
    for (int i = 1; i < n; ++i)
      p[i] -= 0.5 * h * std::sin(q[i] - q[i - 1]);
    for (int i = 0; i < n - 1; ++i)
      p[i] += 0.5 * h * std::sin(q[i + 1] - q[i]);
    for (int i = 0; i < n; ++i)
      q[i] += h * p[i];
    for (int i = 0; i < n; ++i)
      p[i] -= 0.5 * h * k * q[i];
    for (int i = 1; i < n; ++i)
      p[i] -= 0.5 * h * std::sin(q[i] - q[i - 1]);
    for (int i = 0; i < n - 1; ++i)
      p[i] += 0.5 * h * std::sin(q[i + 1] - q[i]);
  }
}

// Additive coupling (NICE): x_B += m(x_A), then x_A += m'(x_B).
ALL void nice(double *__restrict__ a, double *__restrict__ b, const double *w,
              int m) {
  for (int i = 0; i < m; ++i)
    b[i] += std::tanh(w[i] * a[i] + 0.3 * a[(i + 1) % m]);
  for (int i = 0; i < m; ++i)
    a[i] -= 0.5 * std::sin(b[i]) * b[(i + m - 1) % m];
}

// Affine coupling (RealNVP): x_B <- x_B * exp(s(x_A)) + t(x_A), the scale
// and shift as temporaries: log|det J| = sum s.
ALL void realnvp(double *__restrict__ a, double *__restrict__ b,
                 const double *w, int m) {
  for (int i = 0; i < m; ++i) {
    double s = std::tanh(w[i] * a[i]);
    double t = a[i] * a[i] - 0.5;
    b[i] = b[i] * std::exp(s) + t;
  }
}

// RevNet block: y1 = x1 + F(x2), y2 = x2 + G(y1).
ALL void revnet(double *__restrict__ x1, double *__restrict__ x2, int m) {
  for (int i = 0; i < m; ++i)
    x1[i] += std::tanh(x2[i] + 0.5 * x2[(i + 1) % m]);
  for (int i = 0; i < m; ++i)
    x2[i] += std::atan(x1[i]) * 0.7;
}

// Triangular (autoregressive, IAF-style) recurrence: one step per
// component, affine indices i and i - 1 in one array.
ALL void triangular(double *x, int n, double alpha, double mu) {
  for (int i = 1; i < n; ++i)
    x[i] = x[i] * std::exp(alpha * std::sin(x[i - 1])) + mu * x[i - 1];
  x[0] = 2 * x[0] - 1;
}

// A rotation by theta as three shears (Paeth); equal to R(theta).
ALL void shears(double *x, double theta) {
  x[0] -= std::tan(theta / 2) * x[1];
  x[1] += std::sin(theta) * x[0];
  x[0] -= std::tan(theta / 2) * x[1];
}

// Across calls: a helper that updates the state is inlined, and so is a
// scalar helper whose body is one return statement; a scaling by a
// parameter gets a run-time pivot check.
void shear(double *x, int i, int j, double c) { x[i] += c * std::sinh(x[j]); }
double pull(double a, double b) { return 0.5 * std::sin(a - b); }
// NOTE: programs.cpp:[[@LINE+4]]:8: warning: pivot of 'x[1] *= w;' is 'w'; a run-time check w != 0 is inserted in the inverse modes
ALL void calls(double *x, double w) {
  shear(x, 0, 1, 0.5);
  shear(x, 1, 0, -0.25);
  x[1] *= w;
  x[0] = std::cbrt(x[0]) + pull(x[1], 0.3);
  x[1] -= pull(x[0], 0.1) * w;
}

// A branch on the state (taken as recorded by the inverse JVP; f_inverse
// is not available for it) and a bijection applied to one slot.
TAD_JVP TAD_VJP TAD_IJVP TAD_IVJP TAD_LOGDET void branchy(double *x, int n) {
  for (int i = 0; i < n; ++i) {
    if (x[i] > 0)
      x[i] = std::sinh(x[i]) + 1;
    else
      x[i] = 2 * x[i] + 1;
    if (i > 0)
      x[i - 1] += std::exp(-x[i] * x[i]);
  }
}

// A while loop, and continue/break in a for loop (f_ijvp records the trip
// counts and flags; f_inverse needs counted loops, so it is not asked for).
TAD_JVP TAD_IJVP TAD_IVJP TAD_LOGDET void loops(double *x, int n) {
  int i = 0;
  while (i < n) {
    x[i] = x[i] * std::exp(0.1 * i) + (i > 0 ? std::sin(x[i - 1]) : 0.0);
    ++i;
  }
  for (int j = 0; j < n; ++j) {
    if (j == 2)
      continue;
    if (x[j] > 5)
      break;
    x[j] = std::tanh(x[j]) + 0.5 * x[j];
  }
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "invcheck.h"
using namespace tad_test;

/// A program over two arrays of m values each, packed as [a..., b...]; JA
/// and A are the remaining arguments of f_jvp and of the others.
#define EXPAND(...) __VA_ARGS__
#define TWO(P, f, M, JA, A)                                                    \
  P.N = 2 * (M);                                                               \
  P.F = [&](Vec &Z) { f(Z.data(), Z.data() + (M), EXPAND A); };                \
  P.Jvp = [&](Vec &Z, Vec &T) {                                                \
    f##_jvp(Z.data(), T.data(), Z.data() + (M), T.data() + (M), EXPAND JA);    \
  };                                                                           \
  P.Ijvp = [&](Vec &Z, Vec &T) {                                               \
    f##_ijvp(Z.data(), T.data(), Z.data() + (M), T.data() + (M), EXPAND A);    \
  };                                                                           \
  P.Ivjp = [&](Vec &Z, Vec &T) {                                               \
    f##_ivjp(Z.data(), T.data(), Z.data() + (M), T.data() + (M), EXPAND A);    \
  };                                                                           \
  P.LogDet = [&](Vec &Z) {                                                     \
    return f##_logdet(Z.data(), Z.data() + (M), EXPAND A);                     \
  };                                                                           \
  P.Inverse = [&](Vec &Z) { f##_inverse(Z.data(), Z.data() + (M), EXPAND A); }

int main() {
  std::mt19937 Rng(5);
  {
    const int N = 6, Steps = 3;
    const double H = 0.1, K = 0.8, DH = 0;
    InvProgram P;
    P.Name = "leapfrog";
    P.N = 2 * N;
    P.F = [&](Vec &Z) { leapfrog(Z.data(), Z.data() + N, N, Steps, H, K); };
    P.Jvp = [&](Vec &Z, Vec &T) {
      leapfrog_jvp(Z.data(), T.data(), Z.data() + N, T.data() + N, N, Steps, H,
                   DH, K, DH);
    };
    P.Ijvp = [&](Vec &Z, Vec &T) {
      leapfrog_ijvp(Z.data(), T.data(), Z.data() + N, T.data() + N, N, Steps, H,
                    K);
    };
    P.Ivjp = [&](Vec &Z, Vec &T) {
      leapfrog_ivjp(Z.data(), T.data(), Z.data() + N, T.data() + N, N, Steps, H,
                    K);
    };
    P.LogDet = [&](Vec &Z) {
      return leapfrog_logdet(Z.data(), Z.data() + N, N, Steps, H, K);
    };
    P.Inverse = [&](Vec &Z) {
      leapfrog_inverse(Z.data(), Z.data() + N, N, Steps, H, K);
    };
    P.Vjp = [&](Vec &Z, Vec &C) {
      double CH = 0, CK = 0;
      leapfrog_vjp(Z.data(), Z.data() + N, N, Steps, H, K, C.data(),
                   C.data() + N, &CH, &CK);
    };
    checkInverse(P, randomVec(2 * N, Rng));
    Vec Z = randomVec(2 * N, Rng);
    expectClose("leapfrog: logdet = 0", P.LogDet(Z), 0.0, 1e-15);
  }
  {
    const int M = 5;
    Vec W = randomVec(M, Rng);
    InvProgram P;
    P.Name = "nice";
    Vec DW(M, 0.0);
    TWO(P, nice, M, (W.data(), DW.data(), M), (W.data(), M));
    checkInverse(P, randomVec(2 * M, Rng));
  }
  {
    const int M = 4;
    Vec W = randomVec(M, Rng);
    InvProgram P;
    P.Name = "realnvp";
    Vec DW(M, 0.0);
    TWO(P, realnvp, M, (W.data(), DW.data(), M), (W.data(), M));
    Vec Z0 = randomVec(2 * M, Rng);
    checkInverse(P, Z0);
    double SumS = 0;
    for (int I = 0; I < M; ++I)
      SumS += std::tanh(W[I] * Z0[I]);
    Vec Z = Z0;
    expectClose("realnvp: logdet = sum s", P.LogDet(Z), SumS, 1e-14);
  }
  {
    const int M = 4;
    InvProgram P;
    P.Name = "revnet";
    TWO(P, revnet, M, (M), (M));
    checkInverse(P, randomVec(2 * M, Rng));
  }
  {
    const int N = 7;
    InvProgram P;
    P.Name = "triangular";
    P.N = N;
    P.F = [&](Vec &Z) { triangular(Z.data(), N, 0.4, 0.3); };
    P.Jvp = [&](Vec &Z, Vec &T) {
      triangular_jvp(Z.data(), T.data(), N, 0.4, 0, 0.3, 0);
    };
    P.Ijvp = [&](Vec &Z, Vec &T) {
      triangular_ijvp(Z.data(), T.data(), N, 0.4, 0.3);
    };
    P.Ivjp = [&](Vec &Z, Vec &T) {
      triangular_ivjp(Z.data(), T.data(), N, 0.4, 0.3);
    };
    P.LogDet = [&](Vec &Z) { return triangular_logdet(Z.data(), N, 0.4, 0.3); };
    P.Inverse = [&](Vec &Z) { triangular_inverse(Z.data(), N, 0.4, 0.3); };
    checkInverse(P, randomVec(N, Rng));
  }
  {
    const double Th = 0.7;
    InvProgram P;
    P.Name = "shears";
    P.N = 2;
    P.F = [&](Vec &Z) { shears(Z.data(), Th); };
    P.Jvp = [&](Vec &Z, Vec &T) { shears_jvp(Z.data(), T.data(), Th, 0); };
    P.Ijvp = [&](Vec &Z, Vec &T) { shears_ijvp(Z.data(), T.data(), Th); };
    P.Ivjp = [&](Vec &Z, Vec &T) { shears_ivjp(Z.data(), T.data(), Th); };
    P.LogDet = [&](Vec &Z) { return shears_logdet(Z.data(), Th); };
    P.Inverse = [&](Vec &Z) { shears_inverse(Z.data(), Th); };
    checkInverse(P, Vec{0.3, -1.2});
    Vec Z{0.3, -1.2};
    shears(Z.data(), Th);
    expectClose("shears = R(theta)", Z,
                Vec{std::cos(Th) * 0.3 - std::sin(Th) * -1.2,
                    std::sin(Th) * 0.3 + std::cos(Th) * -1.2},
                1e-14);
  }
  {
    const double W = -1.7;
    InvProgram P;
    P.Name = "calls";
    P.N = 2;
    P.F = [&](Vec &Z) { calls(Z.data(), W); };
    P.Jvp = [&](Vec &Z, Vec &T) { calls_jvp(Z.data(), T.data(), W, 0); };
    P.Ijvp = [&](Vec &Z, Vec &T) { calls_ijvp(Z.data(), T.data(), W); };
    P.Ivjp = [&](Vec &Z, Vec &T) { calls_ivjp(Z.data(), T.data(), W); };
    P.LogDet = [&](Vec &Z) { return calls_logdet(Z.data(), W); };
    P.Inverse = [&](Vec &Z) { calls_inverse(Z.data(), W); };
    checkInverse(P, Vec{0.8, 0.4});
  }
  {
    const int N = 5;
    InvProgram P;
    P.Name = "branchy";
    P.N = N;
    P.F = [&](Vec &Z) { branchy(Z.data(), N); };
    P.Jvp = [&](Vec &Z, Vec &T) { branchy_jvp(Z.data(), T.data(), N); };
    P.Ijvp = [&](Vec &Z, Vec &T) { branchy_ijvp(Z.data(), T.data(), N); };
    P.Ivjp = [&](Vec &Z, Vec &T) { branchy_ivjp(Z.data(), T.data(), N); };
    P.LogDet = [&](Vec &Z) { return branchy_logdet(Z.data(), N); };
    P.Vjp = [&](Vec &Z, Vec &C) { branchy_vjp(Z.data(), N, C.data()); };
    checkInverse(P, Vec{0.5, -0.4, 0.9, -1.1, 0.2});
  }
  {
    const int N = 4;
    InvProgram P;
    P.Name = "loops";
    P.N = N;
    P.F = [&](Vec &Z) { loops(Z.data(), N); };
    P.Jvp = [&](Vec &Z, Vec &T) { loops_jvp(Z.data(), T.data(), N); };
    P.Ijvp = [&](Vec &Z, Vec &T) { loops_ijvp(Z.data(), T.data(), N); };
    P.Ivjp = [&](Vec &Z, Vec &T) { loops_ivjp(Z.data(), T.data(), N); };
    P.LogDet = [&](Vec &Z) { return loops_logdet(Z.data(), N); };
    checkInverse(P, Vec{0.3, 0.9, -0.2, 0.5});
    checkInverse(P, Vec{0.3, 6.0, -0.2, 0.5}); // the break taken
  }
  return report();
}
#endif

// With the plugin (at the end, so that the line numbers checked above stay;
// tad's warnings, which -Werror would make errors, are checked above):
// RUN: %cxx %plugin -Wno-error %s -o %t.plugin && %t.plugin
