// f_inverse of piecewise bijections (Transforms/Inverse/Piecewise.cpp): a
// step that branches on the slot it updates is undone by reading the piece
// off the new value, once both pieces are proved strictly monotone in one
// direction with their ranges apart at the breakpoint (the sign of y for a
// leaky ReLU); a branch on other state values is taken again. Before, each
// of these was refused (the branch condition reads the state, or "not
// monotone"). Checked by f(f^-1(y)) = y and f^-1(f(u)) = u at both signs,
// near the breakpoints and at magnitudes 1e-300 to 1e200, and by
// invcheck.h's checks of every mode; a value without a preimage, and a
// parameter that makes the step non-injective, go to the inverse handler.
// The refusals are in diagnostics/inverse-piecewise.cpp.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang | FileCheck %s --check-prefix=OUT
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc | FileCheck %s --check-prefix=OUT
// RUN: not --crash %t.clang gap 2>&1 | FileCheck %s --check-prefix=GAP
// RUN: not --crash %t.clang sign 2>&1 | FileCheck %s --check-prefix=SIGN
// RUN: FileCheck %s --check-prefix=GEN < %t.inc
#include "tad/inverse.h"
#include "tad/tad.h"
#include <cmath>

#define ALL TAD_JVP TAD_IJVP TAD_IVJP TAD_LOGDET TAD_INVERSE

// A leaky-ReLU bijector as a physicist or an ML engineer writes it: `?:`,
// an `if` on the state, a multiplication, with the slope a literal or a
// parameter (a > 0 checked at run time).
// GEN-LABEL: void leaky_inverse(double *x, int n) {
// GEN: if (x[i] <= 0.0) {
// GEN-NEXT: x[i] = x[i] / 0.1;
ALL void leaky(double *x, int n) {
  for (int i = 0; i < n; ++i)
    x[i] = x[i] > 0 ? x[i] : 0.1 * x[i];
}
ALL void leaky_if(double *x, int n, double a) {
  for (int i = 0; i < n; ++i) {
    if (x[i] > 0)
      x[i] = x[i];
    else
      x[i] = a * x[i];
  }
}
ALL void leaky_mul(double *x, int n, double a) {
  for (int i = 0; i < n; ++i)
    if (x[i] < 0)
      x[i] *= a;
}
ALL void leaky_scale(double *x, int n, double a) {
  for (int i = 0; i < n; ++i)
    x[i] *= x[i] >= 0 ? 1.0 : a;
}
// ELU, onto (-1, inf): expm1(x) below 0 (the images at 0 are compared at
// run time); decreasing pieces; a monotone piece solved by Newton's method;
// a breakpoint that is another state value.
ALL void elu(double *x) { x[0] = x[0] > 0 ? x[0] : std::expm1(x[0]); }
ALL void falling(double *x) { x[0] = x[0] < 0 ? -2 * x[0] : -x[0]; }
ALL void cubic(double *x) {
  x[0] = x[0] > 0 ? x[0] * x[0] * x[0] + x[0] : 0.5 * x[0];
}
ALL void moving(double *x) {
  x[1] = x[1] > x[0] ? 2 * x[1] - x[0] : x[1];
  x[0] += 0.5 * x[1];
}
// Ranges with a gap: [3, inf) above 1 and (-inf, 1) below; y in [1, 3) has
// no preimage.
ALL void gap(double *x) { x[0] = x[0] >= 1 ? 2 * x[0] + 1 : x[0]; }
// A gap of width c >= 0; c < 0 makes the ranges overlap (checked at run
// time).
ALL void shifted(double *x, double c) { x[0] = x[0] > 0 ? x[0] + c : x[0]; }
// Branches on state values the step does not change: taken again.
ALL void flip(double *x, int n) {
  for (int i = 1; i < n; ++i) {
    if (x[i - 1] > 0)
      x[i] *= 2;
    x[i] += x[i - 1] > 0.5 ? std::sin(x[i - 1]) : -1.0;
  }
}
// A branch of several steps that do not change what it reads.
ALL void guarded(double *x, int n) {
  for (int i = 1; i < n; ++i)
    if (x[0] > 0) {
      x[i] += x[0];
      x[i] *= 2;
    }
}
// A leaky-ReLU flow layer between two couplings, in a loop.
ALL void flow(double *x, int m, double a) {
  for (int i = 0; i < m; ++i)
    x[m + i] += 0.3 * std::tanh(x[i]);
  for (int i = 0; i < 2 * m; ++i)
    x[i] = x[i] > 0 ? x[i] : a * x[i];
  for (int i = 0; i < m; ++i)
    x[i] *= std::exp(0.2 * std::sin(x[m + i]));
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "invcheck.h"
#include <cstring>
#include <string>
using namespace tad_test;

static int Failed = 0;
static double Value = 0;
static void record(const char *, double V, const char *) {
  ++Failed;
  Value = V;
}

using Scalar = std::function<void(double *)>;

/// f(f^-1(y)) = y and f^-1(f(u)) = u for a step on one value, at both
/// signs, near 0 and around Bp; Lo: the lower end of the range.
void roundTrips(const std::string &Name, Scalar F, Scalar Inv, double Bp,
                double Lo = -INFINITY) {
  const double Mags[] = {0, 1e-300, 1e-100, 1e-12, 1e-6, 0.3,
                         1, 7,      1e3,    1e15,  1e50, 1e200};
  for (double M : Mags)
    for (double S : {1.0, -1.0})
      for (double Base : {0.0, Bp}) {
        double U = Base + S * M;
        double Y = U;
        F(&Y);
        if (!std::isfinite(Y) || !(Y > Lo))
          continue;
        double Back = Y;
        Inv(&Back);
        // Up to the conditioning: what a change of y by 1e-15 |y| makes.
        double Du = 1e-4 * std::fabs(U) + 1e-300, A = U + Du, B = U - Du;
        F(&A);
        F(&B);
        double Cond =
            std::fabs(Y) / std::fmax(std::fabs(A - B) / (2 * Du), 1e-300);
        ++checks();
        if (!(std::fabs(Back - U) <=
              1e-13 * std::fabs(U) + 1e-15 * Cond + 1e-300)) {
          ++failures();
          std::printf("FAIL %s: f^-1(f(%.17g)) = %.17g\n", Name.c_str(), U,
                      Back);
        }
        double Y2 = Y, X = Y;
        Inv(&X);
        F(&X);
        ++checks();
        if (!(std::fabs(X - Y2) <= 1e-13 * std::fabs(Y2) + 1e-300)) {
          ++failures();
          std::printf("FAIL %s: f(f^-1(%.17g)) = %.17g\n", Name.c_str(), Y2, X);
        }
      }
}

// f(x, n), f(x, n, a) (its JVP takes d_a) and f(x) on N values.
#define BODY(f, PRE, JPRE, ARGS, JARGS)                                        \
  P.F = [=](Vec &Z) { f(Z.data() ARGS); };                                     \
  P.Jvp = [=](Vec &Z, Vec &T) { f##_jvp(Z.data(), T.data() JARGS); };          \
  P.Ijvp = [=](Vec &Z, Vec &T) { f##_ijvp(Z.data(), T.data() ARGS); };         \
  P.Ivjp = [=](Vec &Z, Vec &T) { f##_ivjp(Z.data(), T.data() ARGS); };         \
  P.LogDet = [=](Vec &Z) { return f##_logdet(Z.data() ARGS); };                \
  P.Inverse = [=](Vec &Z) { f##_inverse(Z.data() ARGS); };
#define COMMA ,
InvProgram programN(const std::string &Name, size_t N) {
  InvProgram P;
  P.Name = Name + " n = " + std::to_string(N);
  P.N = N;
  return P;
}
#define PROG_N(f, NS, N)                                                       \
  [&] {                                                                        \
    InvProgram P = programN(#f, NS);                                           \
    int Arg = N;                                                               \
    BODY(f, , , COMMA Arg, COMMA Arg)                                          \
    return P;                                                                  \
  }()
#define PROG_NA(f, NS, N, A)                                                   \
  [&] {                                                                        \
    InvProgram P = programN(#f, NS);                                           \
    P.Name += " a = " + std::to_string(A);                                     \
    int Arg = N;                                                               \
    double AV = A;                                                             \
    BODY(f, , , COMMA Arg COMMA AV, COMMA Arg COMMA AV COMMA 0.0)              \
    return P;                                                                  \
  }()
#define PROG_1(f, NS)                                                          \
  [&] {                                                                        \
    InvProgram P = programN(#f, NS);                                           \
    BODY(f, , , , )                                                            \
    return P;                                                                  \
  }()

int main(int Argc, char **Argv) {
  if (Argc > 1 && std::strcmp(Argv[1], "gap") == 0) {
    // GAP: tad: f_inverse: no solution: the value is in neither piece's range (2) at piecewise.cpp:{{[0-9]+}} (gap_inverse)
    double X = 2;
    gap_inverse(&X);
    return 0;
  }
  if (Argc > 1 && std::strcmp(Argv[1], "sign") == 0) {
    // SIGN: tad: f_inverse: the pieces of the step change in opposite directions for these values (-0.5) at piecewise.cpp:{{[0-9]+}} (leaky_if_inverse)
    double X[2] = {1, -1};
    leaky_if_inverse(X, 2, -0.5);
    return 0;
  }
  std::mt19937 Rng(7);
  for (int N : {1, 2, 5, 8}) {
    for (double A : {0.1, 0.5, 3.0}) {
      for (const InvProgram &P :
           {PROG_NA(leaky_if, N, N, A), PROG_NA(leaky_mul, N, N, A),
            PROG_NA(leaky_scale, N, N, A), PROG_NA(flow, 2 * N, N, A)}) {
        checkInverse(P, randomVec(P.N, Rng, -2, 2));
        checkInverse(P, randomVec(P.N, Rng, -1e-3, 1e-3));
      }
    }
    checkInverse(PROG_N(leaky, N, N), randomVec(N, Rng, -2, 2));
    checkInverse(PROG_N(flip, N, N), randomVec(N, Rng, -2, 2));
    for (double X0 : {0.5, -0.5}) {
      Vec Z = randomVec(N, Rng, -2, 2);
      Z[0] = X0;
      checkInverse(PROG_N(guarded, N, N), Z);
    }
  }
  for (double Z0 : {0.7, -0.4, 1e-5, -1e-5, 3.0, -6.0}) {
    checkInverse(PROG_1(elu, 1), Vec{Z0});
    checkInverse(PROG_1(falling, 1), Vec{Z0});
    checkInverse(PROG_1(cubic, 1), Vec{Z0});
    checkInverse(PROG_1(gap, 1), Vec{Z0 + (Z0 > 0 ? 1 : 0)});
    checkInverse(PROG_1(moving, 2), Vec{Z0, -Z0});
    checkInverse(PROG_1(moving, 2), Vec{Z0, Z0 + 1e-3});
  }
  roundTrips(
      "leaky", [](double *X) { leaky(X, 1); },
      [](double *X) { leaky_inverse(X, 1); }, 0);
  for (double A : {0.01, 0.5, 2.0}) {
    roundTrips(
        "leaky_if", [A](double *X) { leaky_if(X, 1, A); },
        [A](double *X) { leaky_if_inverse(X, 1, A); }, 0);
    roundTrips(
        "leaky_mul", [A](double *X) { leaky_mul(X, 1, A); },
        [A](double *X) { leaky_mul_inverse(X, 1, A); }, 0);
    roundTrips(
        "leaky_scale", [A](double *X) { leaky_scale(X, 1, A); },
        [A](double *X) { leaky_scale_inverse(X, 1, A); }, 0);
  }
  roundTrips("elu", elu, elu_inverse, 0, -1);
  roundTrips("falling", falling, falling_inverse, 0);
  roundTrips("cubic", cubic, cubic_inverse, 0);
  roundTrips("gap", gap, gap_inverse, 1);
  // Values without a preimage, and a slope that makes the step
  // non-injective, go to the inverse handler.
  tad::set_inverse_handler(record);
  for (double Y : {0.5, 1.0, 2.0, 2.999, 3.0, 4.0, -7.0}) {
    Failed = 0;
    double X = Y;
    gap_inverse(&X);
    expectClose("gap: handler calls for y = " + std::to_string(Y),
                double(Failed), Y >= 1 && Y < 3 ? 1.0 : 0.0, 0);
  }
  for (double Y : {-1.0, -2.0}) {
    Failed = 0;
    double X = Y;
    elu_inverse(&X);
    expectClose("elu: handler calls for y = " + std::to_string(Y),
                double(Failed), Y < -1 ? 1.0 : 0.0, 0);
  }
  for (double C : {-1.0, 0.0, 0.5}) {
    for (double Y : {-3.0, 0.25, 0.75}) {
      Failed = 0;
      double X = Y;
      shifted_inverse(&X, C);
      bool Image = Y <= 0 || Y > C;
      expectClose("shifted c = " + std::to_string(C) + ": handler calls for " +
                      std::to_string(Y),
                  double(Failed > 0), C < 0 || !Image ? 1.0 : 0.0, 0);
      if (!Failed) {
        shifted(&X, C);
        expectClose("shifted: f(f^-1(y)) = y", X, Y, 1e-15);
      }
    }
  }
  for (double A : {-0.5, 0.0}) {
    Failed = 0;
    double X[1] = {-1};
    leaky_if_inverse(X, 1, A);
    expectClose("leaky_if a = " + std::to_string(A) + ": reported",
                double(Failed > 0), 1.0, 0);
  }
  // OUT: {{[0-9]+}} checks, 0 failed
  return report();
}
#endif
