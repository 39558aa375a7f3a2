// Numerically singular steps and lumps are reported, relative to the scale
// of their data (tad/inverse.h, tad/lu.h: a pivot is zero when |a| <= 4 n
// eps scale): a mean-centering lump (rank 2 of 3) returned J^-1 v of 3e15
// and a log-determinant of -36.7. At the scales 1e-8, 1 and 1e8 the
// singular lump is reported by f_ijvp, f_ivjp and f_logdet, while a
// well-conditioned lump at the same scales, and a nearly singular one
// (det 1e-9 relative), are not and agree with dense solves; likewise a
// step whose pivot 1 - c cancels to rounding noise, and the dense fallback.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --check-prefix=GEN
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: not --crash %t.clang abort 2>&1 | FileCheck %s --check-prefix=ABORT
#include "tad/inverse.h"
#include "tad/tad.h"
#include <cmath>

#define MODES TAD_JVP TAD_IJVP TAD_IVJP TAD_LOGDET

// x_i <- s (x_i - (1 - d) mean(x)): det = s^3 d, singular for d = 0.
MODES void center(double *x, double s, double d) {
  double m = (1 - d) * (x[0] + x[1] + x[2]) / 3;
  x[0] = s * (x[0] - m);
  x[1] = s * (x[1] - m);
  x[2] = s * (x[2] - m);
}

// The form: x_i -= mean(x).
MODES void center1(double *x) {
  double m = (x[0] + x[1] + x[2]) / 3;
  x[0] -= m;
  x[1] -= m;
  x[2] -= m;
}

// A rotation scaled by s: well-conditioned at every scale.
MODES void rot(double *x, double s) {
  double t = x[0];
  x[0] = s * (0.6 * x[0] - 0.8 * x[1]);
  x[1] = s * (0.8 * t + 0.6 * x[1]);
}

// A step whose pivot 1 - c is computed from terms of size 1.
// GEN: singular.cpp:[[@LINE+2]]:8: warning: pivot of 'x[0] = x[0] * (1 - c) + x[1];' is '1 - c'
MODES void cancel(double *x, double c) {
  x[0] = x[0] * (1 - c) + x[1];
  x[1] *= 2;
}

// The dense fallback of a singular map.
// GEN: singular.cpp:[[@LINE+1]]:29: warning: the inverse modes of 'dense_center'
TAD_JVP TAD_IJVP TAD_LOGDET TAD_DENSE(n) void dense_center(double *x, int n) {
  double m = 0;
  for (int i = 0; i < n; ++i)
    m += x[i] / n;
  for (int i = 0; i < n; ++i)
    x[i] -= m;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "invcheck.h"
#include <cstring>
using namespace tad_test;

static int Calls = 0;
static double Pivot = 0;
static void record(double P, const char *) {
  ++Calls;
  Pivot = P;
}

/// Calls of the handler while F runs.
template <typename Fn> int reported(Fn F) {
  Calls = 0;
  F();
  return Calls;
}

void expectCalls(const std::string &What, int Got, int Want) {
  ++checks();
  if (Got != Want) {
    ++failures();
    std::printf("FAIL %s: %d handler calls, expected %d\n", What.c_str(), Got,
                Want);
  }
}

int main(int Argc, char **Argv) {
  if (Argc > 1 && std::strcmp(Argv[1], "abort") == 0) {
    // ABORT: tad: pivot {{.*}} at singular.cpp:30-33 (center1_ijvp) is zero to working precision: the Jacobian is numerically singular here
    double X[3] = {1, 2, 4}, T[3] = {1, 1, 1};
    center1_ijvp(X, T);
    return 0;
  }
  tad::set_pivot_handler(record);
  std::mt19937 Rng(7);
  for (double S : {1e-8, 1.0, 1e8}) {
    std::string At = " at scale " + std::to_string(S);
    Vec X = randomVec(3, Rng), T = randomVec(3, Rng);
    // Singular: each mode reports it.
    expectCalls("center ijvp" + At, reported([&] {
                  Vec Z = X, U = T;
                  center_ijvp(Z.data(), U.data(), S, 0);
                }),
                1);
    expectCalls("center ivjp" + At, reported([&] {
                  Vec Z = X, U = T;
                  center_ivjp(Z.data(), U.data(), S, 0);
                }),
                1);
    expectCalls("center logdet" + At, reported([&] {
                  Vec Z = X;
                  center_logdet(Z.data(), S, 0);
                }),
                1);
    // Nearly singular (det s^3 1e-9) and well-conditioned: no report, and
    // the dense checks.
    for (double D : {1e-9, 0.5, 1.0}) {
      InvProgram P;
      P.Name = "center d = " + std::to_string(D) + At;
      P.N = 3;
      P.F = [&](Vec &Z) { center(Z.data(), S, D); };
      P.Jvp = [&](Vec &Z, Vec &U) {
        center_jvp(Z.data(), U.data(), S, 0, D, 0);
      };
      P.Ijvp = [&](Vec &Z, Vec &U) { center_ijvp(Z.data(), U.data(), S, D); };
      P.Ivjp = [&](Vec &Z, Vec &U) { center_ivjp(Z.data(), U.data(), S, D); };
      P.LogDet = [&](Vec &Z) { return center_logdet(Z.data(), S, D); };
      expectCalls(P.Name,
                  reported([&] { checkInverse(P, X, D < 1e-3 ? 1e-6 : 1e-9); }),
                  0);
      Vec Z = X;
      expectClose(P.Name + ": logdet = log(s^3 d)", P.LogDet(Z),
                  3 * std::log(S) + std::log(D), 1e-6);
    }
    {
      InvProgram P;
      P.Name = "rot" + At;
      P.N = 2;
      P.F = [&](Vec &Z) { rot(Z.data(), S); };
      P.Jvp = [&](Vec &Z, Vec &U) { rot_jvp(Z.data(), U.data(), S, 0); };
      P.Ijvp = [&](Vec &Z, Vec &U) { rot_ijvp(Z.data(), U.data(), S); };
      P.Ivjp = [&](Vec &Z, Vec &U) { rot_ivjp(Z.data(), U.data(), S); };
      P.LogDet = [&](Vec &Z) { return rot_logdet(Z.data(), S); };
      expectCalls(P.Name, reported([&] { checkInverse(P, randomVec(2, Rng)); }),
                  0);
    }
  }
  // The reproducer.
  expectCalls("center1 ijvp", reported([] {
                double X[3] = {1, 2, 4}, T[3] = {1, 1, 1};
                center1_ijvp(X, T);
              }),
              1);
  expectCalls("center1 logdet", reported([] {
                double X[3] = {1, 2, 4};
                center1_logdet(X);
              }),
              1);
  ++checks();
  if (!(std::fabs(Pivot) < 1e-15)) {
    ++failures();
    std::printf("FAIL center1: reported pivot %g\n", Pivot);
  }
  // 1 - c cancels to rounding noise for c = 1 + 2^-52; for c = 1 - 1e-12
  // the pivot 1e-12 is small but exact enough.
  for (double C : {1 + std::ldexp(1.0, -52), 1 - std::ldexp(1.0, -52)})
    expectCalls(C > 1 ? "cancel c = 1 + 2^-52" : "cancel c = 1 - 2^-52",
                reported([&] {
                  double X[2] = {0.3, 0.4}, T[2] = {1, 1};
                  cancel_ijvp(X, T, C);
                }),
                1);
  {
    const double C = 1 - 1e-12;
    InvProgram P;
    P.Name = "cancel c = 1 - 1e-12";
    P.N = 2;
    P.F = [&](Vec &Z) { cancel(Z.data(), C); };
    P.Jvp = [&](Vec &Z, Vec &U) { cancel_jvp(Z.data(), U.data(), C, 0); };
    P.Ijvp = [&](Vec &Z, Vec &U) { cancel_ijvp(Z.data(), U.data(), C); };
    P.Ivjp = [&](Vec &Z, Vec &U) { cancel_ivjp(Z.data(), U.data(), C); };
    P.LogDet = [&](Vec &Z) { return cancel_logdet(Z.data(), C); };
    expectCalls(P.Name, reported([&] {
                  checkInverse(P, Vec{0.3, 0.4}, 1e-3);
                }),
                0);
  }
  for (int N : {2, 5})
    expectCalls("dense_center ijvp n = " + std::to_string(N), reported([&] {
                  Vec X = randomVec(N, Rng), T = randomVec(N, Rng);
                  dense_center_ijvp(X.data(), T.data(), N);
                }),
                1);
  return report();
}
#endif
