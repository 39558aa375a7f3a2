// f_inverse of steps without an analytic inverse that are strictly monotone
// in their slot (Analysis/Monotone.h proves it; tad/monotone.h solves them
// with a bracket and Newton's method): x^3 + x and cbrt(x) + x ran into
// "Newton's method did not converge". Each is checked by f(f^-1(y)) = y and
// f^-1(f(u)) = u at magnitudes from 1e-300 to 1e250 and by invcheck.h's
// checks of every mode; a value outside the step's range and a run-time
// condition of the proof that fails go to the inverse handler. The steps
// that are not provably injective are refused (IA8,
// diagnostics/inverse-checks.cpp).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: not --crash %t.clang abort 2>&1 | FileCheck %s --check-prefix=ABORT
#include "tad/inverse.h"
#include "tad/tad.h"
#include <cmath>

#define ALL TAD_JVP TAD_IJVP TAD_IVJP TAD_LOGDET TAD_INVERSE

// The two steps.
ALL void cubic(double *x) { x[0] = x[0] * x[0] * x[0] + x[0]; }
ALL void cbrtx(double *x) { x[0] = std::cbrt(x[0]) + x[0]; }
// u^3 as an update (no linear part), and an odd power through pow.
ALL void cube(double *x) { x[0] *= x[0] * x[0]; }
ALL void fifth(double *x) { x[0] = std::pow(x[0], 5) + std::sinh(x[0]); }
// exp and log (a domain u > 0) with a linear part.
ALL void expx(double *x) { x[0] = std::exp(x[0]) + x[0]; }
ALL void logx(double *x) { x[0] = std::log(x[0]) + 2 * x[0]; }
// Strictly decreasing.
ALL void falling(double *x) {
  x[0] = -x[0] - std::pow(x[0], 3) - 0.5 * std::exp(x[0]);
}
// A bounded perturbation of a linear slope (slope >= 1 - 0.5 - 0.2 > 0).
ALL void wobble(double *x) {
  x[0] = x[0] + 0.5 * std::sin(x[0]) + 0.2 * std::cos(x[0] + 1);
}
// Its coefficient a parameter: the proof's condition |w| > 0.5 is checked
// at run time; the direction is the sign of w.
ALL void scaled(double *x, double w) { x[0] = w * x[0] + 0.5 * std::sin(x[0]); }
// A bounded range: (-1 - pi/2, 1 + pi/2).
ALL void bounded(double *x) { x[0] = std::tanh(x[0]) + std::atan(x[0]); }
// One occurrence, ranges (-pi/2, pi/2) + x[1] and [1, inf): f_inverse of
// y outside them was tan(y - x[1]) and (y - 1)^2, values that f maps
// elsewhere; now they are reported.
ALL void ranges(double *x) {
  x[0] = std::atan(x[0]) + x[1];
  x[1] = std::sqrt(x[1]) + 1;
}

// In loops, at offsets, with other slots read.
ALL void chain(double *x, int n) {
  for (int i = 0; i < n - 1; ++i)
    x[i] = x[i] * x[i] * x[i] + 0.5 * x[i] + std::tanh(x[i]) + 0.3 * x[i + 1];
  for (int i = 0; i < n / 2; ++i)
    x[2 * i + 1] += std::cbrt(x[2 * i + 1]) + 0.2 * std::sin(x[2 * i]);
  for (int i = 0; i < n; ++i)
    x[n - 1 - i] = std::pow(x[n - 1 - i], 3) + 0.1 * i;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "invcheck.h"
#include <cstring>
using namespace tad_test;

static int Failed = 0;
static double Value = 0;
static void record(const char *, double V, const char *) {
  ++Failed;
  Value = V;
}

using Scalar = std::function<void(double *)>;

/// f(f^-1(y)) = y and f^-1(f(u)) = u for a step on one value.
void roundTrips(const std::string &Name, Scalar F, Scalar Inv, bool Positive) {
  const double Mags[] = {0, 1e-300, 1e-100, 1e-12, 1e-6, 0.3,   1,
                         7, 1e3,    1e8,    1e15,  1e50, 1e100, 1e250};
  for (double M : Mags)
    for (double S : {1.0, -1.0}) {
      double Y = S * M, U = Y;
      Inv(&U);
      double Back = U;
      F(&Back);
      double Tol = 1e-13 * std::fmax(std::fabs(Y), std::fabs(U));
      // Or y is between f at the neighbours of u: u is the solution to
      // within a unit in the last place (e^-1000 is below the smallest
      // double; cbrt(u) + u = 1e-300 has u = 1e-900).
      double Lo = std::nextafter(U, -INFINITY),
             Hi = std::nextafter(U, INFINITY);
      F(&Lo);
      F(&Hi);
      bool Ulp = (Lo - Y) * (Hi - Y) <= 0;
      ++checks();
      if (!(std::fabs(Back - Y) <= Tol || Ulp)) {
        ++failures();
        std::printf("FAIL %s: f(f^-1(%g)) = %.17g (f^-1: %.17g)\n",
                    Name.c_str(), Y, Back, U);
      }
      double X = Positive ? M : S * M;
      if (Positive && X == 0)
        continue;
      double FX = X;
      F(&FX);
      if (!std::isfinite(FX))
        continue;
      double X2 = FX;
      Inv(&X2);
      ++checks();
      // f^-1 is accurate up to the conditioning: 1e-13 relative in u, or
      // what a change of f(u) by 1e-15 |f(u)| makes.
      double Du = 1e-4 * std::fabs(FX) + 1e-300;
      double A = X + Du, B = X - Du;
      F(&A);
      F(&B);
      double Cond =
          std::fabs(FX) / std::fmax(std::fabs(A - B) / (2 * Du), 1e-300);
      if (!(std::fabs(X2 - X) <=
            1e-13 * std::fabs(X) + 1e-15 * Cond + 1e-300)) {
        ++failures();
        std::printf("FAIL %s: f^-1(f(%.17g)) = %.17g\n", Name.c_str(), X, X2);
      }
    }
}

#define SCALAR(f)                                                              \
  {                                                                            \
    InvProgram P;                                                              \
    P.Name = #f;                                                               \
    P.N = 1;                                                                   \
    P.F = [](Vec &Z) { f(Z.data()); };                                         \
    P.Jvp = [](Vec &Z, Vec &T) { f##_jvp(Z.data(), T.data()); };               \
    P.Ijvp = [](Vec &Z, Vec &T) { f##_ijvp(Z.data(), T.data()); };             \
    P.Ivjp = [](Vec &Z, Vec &T) { f##_ivjp(Z.data(), T.data()); };             \
    P.LogDet = [](Vec &Z) { return f##_logdet(Z.data()); };                    \
    P.Inverse = [](Vec &Z) { f##_inverse(Z.data()); };                         \
    for (double Z0 : {0.3, -1.7, 2.5})                                         \
      checkInverse(P, Vec{POSITIVE ? std::fabs(Z0) : Z0});                     \
    roundTrips(                                                                \
        #f, [](double *X) { f(X); }, [](double *X) { f##_inverse(X); },        \
        POSITIVE);                                                             \
  }

int main(int Argc, char **Argv) {
  if (Argc > 1 && std::strcmp(Argv[1], "abort") == 0) {
    // ABORT: tad: f_inverse: no solution: the value is outside the range of the step (5) at monotone.cpp:{{[0-9]+}} (bounded_inverse)
    double X = 5;
    bounded_inverse(&X);
    return 0;
  }
#define POSITIVE false
  SCALAR(cubic)
  SCALAR(cbrtx)
  SCALAR(cube)
  SCALAR(fifth)
  SCALAR(expx)
  SCALAR(falling)
  SCALAR(wobble)
#undef POSITIVE
#define POSITIVE true
  SCALAR(logx)
  for (double W : {0.7, -0.9, 3.0}) {
    InvProgram P;
    P.Name = "scaled w = " + std::to_string(W);
    P.N = 1;
    P.F = [W](Vec &Z) { scaled(Z.data(), W); };
    P.Jvp = [W](Vec &Z, Vec &T) { scaled_jvp(Z.data(), T.data(), W, 0); };
    P.Ijvp = [W](Vec &Z, Vec &T) { scaled_ijvp(Z.data(), T.data(), W); };
    P.Ivjp = [W](Vec &Z, Vec &T) { scaled_ivjp(Z.data(), T.data(), W); };
    P.LogDet = [W](Vec &Z) { return scaled_logdet(Z.data(), W); };
    P.Inverse = [W](Vec &Z) { scaled_inverse(Z.data(), W); };
    checkInverse(P, Vec{0.4});
    roundTrips(
        P.Name, [W](double *X) { scaled(X, W); },
        [W](double *X) { scaled_inverse(X, W); }, false);
  }
  {
    InvProgram P;
    P.Name = "bounded";
    P.N = 1;
    P.F = [](Vec &Z) { bounded(Z.data()); };
    P.Jvp = [](Vec &Z, Vec &T) { bounded_jvp(Z.data(), T.data()); };
    P.Ijvp = [](Vec &Z, Vec &T) { bounded_ijvp(Z.data(), T.data()); };
    P.Ivjp = [](Vec &Z, Vec &T) { bounded_ivjp(Z.data(), T.data()); };
    P.LogDet = [](Vec &Z) { return bounded_logdet(Z.data()); };
    P.Inverse = [](Vec &Z) { bounded_inverse(Z.data()); };
    checkInverse(P, Vec{0.4});
    checkInverse(P, Vec{-8});
  }
  for (int N : {1, 2, 5, 6}) {
    InvProgram P;
    P.Name = "chain n = " + std::to_string(N);
    P.N = N;
    P.F = [N](Vec &Z) { chain(Z.data(), N); };
    P.Jvp = [N](Vec &Z, Vec &T) { chain_jvp(Z.data(), T.data(), N); };
    P.Ijvp = [N](Vec &Z, Vec &T) { chain_ijvp(Z.data(), T.data(), N); };
    P.Ivjp = [N](Vec &Z, Vec &T) { chain_ivjp(Z.data(), T.data(), N); };
    P.LogDet = [N](Vec &Z) { return chain_logdet(Z.data(), N); };
    P.Inverse = [N](Vec &Z) { chain_inverse(Z.data(), N); };
    std::mt19937 Rng(N);
    checkInverse(P, randomVec(N, Rng, 0.2, 1.5));
  }
  // Failures go to the inverse handler.
  tad::set_inverse_handler(record);
  for (double Y : {2.0, 2.57, -2.6, 5.0, -1e10}) {
    Failed = 0;
    double X = Y;
    bounded_inverse(&X);
    expectClose("bounded: handler calls for y = " + std::to_string(Y),
                double(Failed), std::fabs(Y) < 1 + M_PI / 2 ? 0.0 : 1.0, 0);
  }
  for (double Y0 : {0.3, 1.5, 2.0, -4.0})
    for (double Y1 : {1.5, 0.5, 1e6}) {
      Failed = 0;
      double Y[2] = {Y0, Y1}, Z[2] = {Y0, Y1};
      ranges_inverse(Y);
      // x[1] is solved first (the best point, 0, when y1 < 1), then x[0].
      bool In1 = Y1 >= 1, In0 = std::fabs(Y0 - Y[1]) < M_PI / 2,
           In = In0 && In1;
      expectClose("ranges: handler calls for y = (" + std::to_string(Y0) +
                      ", " + std::to_string(Y1) + ")",
                  double(Failed), double(!In0 + !In1), 0);
      if (!In)
        continue;
      ranges(Y);
      expectClose("ranges: f(f^-1(y)) = y", Vec{Y[0], Y[1]}, Vec{Z[0], Z[1]},
                  1e-12);
    }
  Failed = 0;
  double X = 1;
  scaled_inverse(&X, 0.3); // |w| = 0.3 < 0.5: not provably injective
  expectClose("scaled w = 0.3: one report", double(Failed), 1.0, 0);
  expectClose("scaled w = 0.3: the margin |w| - 0.5", Value, -0.2, 1e-15);
  return report();
}
#endif
