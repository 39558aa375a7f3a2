// Lumps (THEORY.md 1.2, 1.4.2): statements that couple k state values
// through temporaries are found automatically and inverted as a k x k block
// (A, B by k + |R| seeded JVPs of the lump, then tad/lu.h); f_inverse
// solves a lump by Newton's method. Checked like the stepwise programs:
// round trips through f_jvp and f_vjp, dense solves, dense log-determinant,
// f(f_inverse(y)) = y.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

#define ALL TAD_JVP TAD_VJP TAD_IJVP TAD_IVJP TAD_LOGDET TAD_INVERSE

// A Givens rotation written directly: a 2-lump (THEORY 1.6).
// CHECK-LABEL: void rot_ivjp(double *x, double *ct_x, double c, double s) {
// CHECK: a lump of width 2 (lines [[@LINE+4]]-[[@LINE+6]])
// CHECK: tad::lu_solve_transposed(2,
ALL void rot(double *x, double c, double s) {
  x[2] += 0.5 * x[0];
  double t = x[0];
  x[0] = c * x[0] - s * x[1];
  x[1] = s * t + c * x[1];
  x[2] *= 1.5;
}

// Midpoint RK2 for the pendulum q'' = -sin q: the stage values keep the
// state live, so the step is one lump of width 2.
ALL void midpoint(double *x, double h, int steps) {
  for (int k = 0; k < steps; ++k) {
    double k0 = x[1];
    double k1 = -std::sin(x[0]);
    double m0 = x[0] + 0.5 * h * k0;
    double m1 = x[1] + 0.5 * h * k1;
    x[0] += h * m1;
    x[1] -= h * std::sin(m0);
  }
}

// A rotation per pair in a loop (one 2-lump per iteration), then a shear.
ALL void rotations(double *__restrict__ a, double *__restrict__ b,
                   const double *th, int n) {
  for (int i = 0; i < n; ++i) {
    double c = std::cos(th[i]), s = std::sin(th[i]);
    double t = a[i];
    a[i] = c * a[i] - s * b[i];
    b[i] = s * t + c * b[i];
  }
  for (int i = 1; i < n; ++i)
    b[i] += 0.3 * std::tanh(a[i - 1]);
}

// A nonlinear 2-lump: f_inverse needs several Newton iterations. It is
// injective because it is the identity plus a perturbation whose slope is
// bounded by L = 0.43 < 1 (Analysis/Monotone.h); with 0.1 * x[0] * x[0] in
// place of the last product it would not be provably so (IA8, in
// diagnostics/inverse-checks.cpp).
ALL void nonlinear(double *x) {
  double u = x[0];
  x[0] = x[0] + 0.3 * std::tanh(x[1]);
  x[1] = x[1] + 0.2 * std::sin(u) + 0.1 * std::sin(x[0]) * std::cos(x[1]);
}

// Steps whose slot occurs more than once: f_inverse solves each with
// tad::MonotoneSolve (bracketed Newton's method, tad/monotone.h), as they
// are strictly monotone in it.
// CHECK-LABEL: void newton_inverse(double *x, int n) {
// CHECK: tad::MonotoneSolve<double>
ALL void newton(double *x, int n) {
  for (int i = 0; i < n - 1; ++i)
    x[i] = x[i] + 0.5 * std::sin(x[i]) + 0.1 * x[i + 1];
  x[3] += 0.3 * std::tanh(x[3] + x[0]);
}

// A lump under a branch on a constant, with an inactive local inside it.
ALL void branch(double *x, double c, int flag) {
  if (flag > 0) {
    double t = x[0];
    double k = c * 2;
    x[0] = k * x[0] - x[1];
    x[1] = t + x[1];
  }
}

// Scalar state through pointers.
ALL void scalars(double *__restrict__ p, double *__restrict__ q) {
  double t = *p;
  *p = *p + *q;
  *q = *q - 0.5 * t;
}

// Lumps on overlapping pairs (x[i], x[i + 1]) in a loop.
ALL void chain(double *x, int n) {
  for (int i = 0; i < n - 1; ++i) {
    double t = x[i];
    x[i] = x[i] + x[i + 1];
    x[i + 1] = x[i + 1] - 0.5 * t;
  }
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "invcheck.h"
using namespace tad_test;

int main() {
  std::mt19937 Rng(11);
  {
    const double C = std::cos(0.7), S = std::sin(0.7);
    InvProgram P;
    P.Name = "rot";
    P.N = 3;
    P.F = [&](Vec &Z) { rot(Z.data(), C, S); };
    P.Jvp = [&](Vec &Z, Vec &T) { rot_jvp(Z.data(), T.data(), C, 0, S, 0); };
    P.Ijvp = [&](Vec &Z, Vec &T) { rot_ijvp(Z.data(), T.data(), C, S); };
    P.Ivjp = [&](Vec &Z, Vec &T) { rot_ivjp(Z.data(), T.data(), C, S); };
    P.LogDet = [&](Vec &Z) { return rot_logdet(Z.data(), C, S); };
    P.Inverse = [&](Vec &Z) { rot_inverse(Z.data(), C, S); };
    P.Vjp = [&](Vec &Z, Vec &T) {
      double CC = 0, CS = 0;
      rot_vjp(Z.data(), C, S, T.data(), &CC, &CS);
    };
    checkInverse(P, Vec{0.3, -1.2, 0.5});
    Vec Z{0.3, -1.2, 0.5};
    expectClose("rot: logdet = log 1.5", P.LogDet(Z), std::log(1.5), 1e-14);
  }
  {
    InvProgram P;
    P.Name = "midpoint";
    P.N = 2;
    P.F = [&](Vec &Z) { midpoint(Z.data(), 0.1, 4); };
    P.Jvp = [&](Vec &Z, Vec &T) {
      midpoint_jvp(Z.data(), T.data(), 0.1, 0, 4);
    };
    P.Ijvp = [&](Vec &Z, Vec &T) { midpoint_ijvp(Z.data(), T.data(), 0.1, 4); };
    P.Ivjp = [&](Vec &Z, Vec &T) { midpoint_ivjp(Z.data(), T.data(), 0.1, 4); };
    P.LogDet = [&](Vec &Z) { return midpoint_logdet(Z.data(), 0.1, 4); };
    P.Inverse = [&](Vec &Z) { midpoint_inverse(Z.data(), 0.1, 4); };
    checkInverse(P, Vec{0.8, -0.3});
  }
  {
    const int N = 4;
    Vec Th = randomVec(N, Rng), DTh(N, 0.0);
    InvProgram P;
    P.Name = "rotations";
    P.N = 2 * N;
    P.F = [&](Vec &Z) { rotations(Z.data(), Z.data() + N, Th.data(), N); };
    P.Jvp = [&](Vec &Z, Vec &T) {
      rotations_jvp(Z.data(), T.data(), Z.data() + N, T.data() + N, Th.data(),
                    DTh.data(), N);
    };
    P.Ijvp = [&](Vec &Z, Vec &T) {
      rotations_ijvp(Z.data(), T.data(), Z.data() + N, T.data() + N, Th.data(),
                     N);
    };
    P.Ivjp = [&](Vec &Z, Vec &T) {
      rotations_ivjp(Z.data(), T.data(), Z.data() + N, T.data() + N, Th.data(),
                     N);
    };
    P.LogDet = [&](Vec &Z) {
      return rotations_logdet(Z.data(), Z.data() + N, Th.data(), N);
    };
    P.Inverse = [&](Vec &Z) {
      rotations_inverse(Z.data(), Z.data() + N, Th.data(), N);
    };
    checkInverse(P, randomVec(2 * N, Rng));
  }
  {
    InvProgram P;
    P.Name = "nonlinear";
    P.N = 2;
    P.F = [&](Vec &Z) { nonlinear(Z.data()); };
    P.Jvp = [&](Vec &Z, Vec &T) { nonlinear_jvp(Z.data(), T.data()); };
    P.Ijvp = [&](Vec &Z, Vec &T) { nonlinear_ijvp(Z.data(), T.data()); };
    P.Ivjp = [&](Vec &Z, Vec &T) { nonlinear_ivjp(Z.data(), T.data()); };
    P.LogDet = [&](Vec &Z) { return nonlinear_logdet(Z.data()); };
    P.Inverse = [&](Vec &Z) { nonlinear_inverse(Z.data()); };
    P.Vjp = [&](Vec &Z, Vec &T) { nonlinear_vjp(Z.data(), T.data()); };
    checkInverse(P, Vec{0.4, -0.9});
  }
  {
    InvProgram P;
    P.Name = "newton";
    P.N = 4;
    P.F = [](Vec &Z) { newton(Z.data(), 4); };
    P.Jvp = [](Vec &Z, Vec &T) { newton_jvp(Z.data(), T.data(), 4); };
    P.Ijvp = [](Vec &Z, Vec &T) { newton_ijvp(Z.data(), T.data(), 4); };
    P.Ivjp = [](Vec &Z, Vec &T) { newton_ivjp(Z.data(), T.data(), 4); };
    P.LogDet = [](Vec &Z) { return newton_logdet(Z.data(), 4); };
    P.Inverse = [](Vec &Z) { newton_inverse(Z.data(), 4); };
    checkInverse(P, Vec{0.3, 0.9, -0.2, 0.5});
  }
  {
    InvProgram P;
    P.Name = "branch";
    P.N = 2;
    P.F = [](Vec &Z) { branch(Z.data(), 0.7, 1); };
    P.Jvp = [](Vec &Z, Vec &T) { branch_jvp(Z.data(), T.data(), 0.7, 0, 1); };
    P.Ijvp = [](Vec &Z, Vec &T) { branch_ijvp(Z.data(), T.data(), 0.7, 1); };
    P.Ivjp = [](Vec &Z, Vec &T) { branch_ivjp(Z.data(), T.data(), 0.7, 1); };
    P.LogDet = [](Vec &Z) { return branch_logdet(Z.data(), 0.7, 1); };
    P.Inverse = [](Vec &Z) { branch_inverse(Z.data(), 0.7, 1); };
    checkInverse(P, Vec{0.3, 0.9});
  }
  {
    InvProgram P;
    P.Name = "scalars";
    P.N = 2;
    P.F = [](Vec &Z) { scalars(&Z[0], &Z[1]); };
    P.Jvp = [](Vec &Z, Vec &T) { scalars_jvp(&Z[0], &T[0], &Z[1], &T[1]); };
    P.Ijvp = [](Vec &Z, Vec &T) { scalars_ijvp(&Z[0], &T[0], &Z[1], &T[1]); };
    P.Ivjp = [](Vec &Z, Vec &T) { scalars_ivjp(&Z[0], &T[0], &Z[1], &T[1]); };
    P.LogDet = [](Vec &Z) { return scalars_logdet(&Z[0], &Z[1]); };
    P.Inverse = [](Vec &Z) { scalars_inverse(&Z[0], &Z[1]); };
    checkInverse(P, Vec{0.3, 0.9});
  }
  {
    InvProgram P;
    P.Name = "chain";
    P.N = 5;
    P.F = [](Vec &Z) { chain(Z.data(), 5); };
    P.Jvp = [](Vec &Z, Vec &T) { chain_jvp(Z.data(), T.data(), 5); };
    P.Ijvp = [](Vec &Z, Vec &T) { chain_ijvp(Z.data(), T.data(), 5); };
    P.Ivjp = [](Vec &Z, Vec &T) { chain_ivjp(Z.data(), T.data(), 5); };
    P.LogDet = [](Vec &Z) { return chain_logdet(Z.data(), 5); };
    P.Inverse = [](Vec &Z) { chain_inverse(Z.data(), 5); };
    checkInverse(P, Vec{0.3, 0.9, -0.2, 0.5, 1.1});
  }
  return report();
}
#endif

// With the plugin (at the end, so that the line numbers checked above stay;
// tad's warnings, which -Werror would make errors, are checked above):
// RUN: %cxx %plugin -Wno-error %s -o %t.plugin && %t.plugin
