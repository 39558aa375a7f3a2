// The checks of tad's differential tests (gen.py writes the programs and a
// main() calling these; run.py drives tad-gen, the compiler and the runs).
//
// Each program is run at n = 1, 3, 6 (general, linear, structs: gen.py
// writes the structs check into the unit) or n = 1, 2, 5
// (in place), at points uniform in [-1, 1), and checked against independent
// computations:
//  * f_jvp against central differences: D(h) = (f(z + h v) - f(z - h v)) / 2h
//    at h = 1e-5 and 2h, extrapolated (4 D(h) - D(2h)) / 3, whose error is
//    O(h^4 f^(5)) + O(eps |f| / h) ~ 1e-11 |f| for the magnitudes the
//    generator keeps (|f| < ~1e3): a relative tolerance of 1e-6 of
//    1 + |D| leaves four orders of margin for the steep compositions the
//    generator makes (tan, pow, cbrt near a small argument). Where D(h) and
//    D(2h) differ by more than 1e-3 (1 + |D|), a kink (fabs, fmin, a
//    branch on data, a loop on data) lies within 2h of z along v: the
//    direction is skipped and counted, not checked.
//  * f_vjp against f_jvp by <w, J v> = <J^T w, v>, relative to the sum of
//    the magnitudes of the products, at least 1e-6 |w|_1 |v|_inf (1e-9:
//    both sides are sums of the same partial products in different orders,
//    each with a relative error of a few eps times the depth of the
//    expression).
//  * f_transpose against the dense transpose of the linear map (columns
//    from f on unit vectors; f is linear, so they are exact up to
//    rounding): relative to the sum of the magnitudes (1e-10).
//  * the inverse modes by invcheck.h (round trips through f_jvp and f_vjp,
//    dense LU solves, log|det J| from the LU factors, f(f_inverse(y)) = y),
//    at 1e-9 relative, times cond(J) / 1e4 where that is larger.
// Failures print `FAIL <program>: ...`; `BEGIN <program>` before each
// program lets run.py attribute a crash (a sanitizer report, an abort) to
// the program that was running.
#ifndef TAD_DIFFTEST_H
#define TAD_DIFFTEST_H

#include "invcheck.h"
#include "tad/inverse.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace difftest {

using tad_test::Vec;

inline const char *&current() {
  static const char *Name = "";
  return Name;
}
inline int &skipped() {
  static int N = 0;
  return N;
}
inline int &programs() {
  static int N = 0;
  return N;
}

inline void fail(const std::string &Msg) {
  ++tad_test::checks();
  ++tad_test::failures();
  std::printf("FAIL %s: %s\n", current(), Msg.c_str());
}

// tad's run-time checks report as failures of the current program and let
// it go on (a program the generator makes never has a singular Jacobian).
inline void onPivot(double Pivot, const char *Where) {
  fail("tad: pivot " + std::to_string(Pivot) + " at " + Where);
}
inline void onNewton(const char *Where) {
  fail(std::string("tad: Newton's method did not converge at ") + Where);
}
inline void onInverse(const char *What, double Value, const char *Where) {
  fail(std::string("tad: ") + What + " (" + std::to_string(Value) + ") at " +
       Where);
}

inline void begin(const char *Name) {
  current() = Name;
  ++programs();
  tad::set_pivot_handler(onPivot);
  tad::set_newton_handler(onNewton);
  tad::set_inverse_handler(onInverse);
  std::printf("BEGIN %s\n", Name);
  std::fflush(stdout);
}

/// A primal that is not finite is the generator's fault (it keeps every
/// value in its domain); one beyond 1e8 (a cubic step iterated through a
/// loop) is out of the range where differences are accurate: skipped.
inline void outOfRange(const Vec &V) {
  for (double X : V)
    if (!std::isfinite(X)) {
      fail("the primal is not finite at the test point (a generator bug)");
      return;
    }
  ++skipped();
}

inline bool finite(const Vec &V) {
  for (double X : V)
    if (!std::isfinite(X) || std::fabs(X) > 1e8)
      return false;
  return true;
}

using Map = std::function<Vec(const Vec &)>;
using Lin = std::function<Vec(const Vec &, const Vec &)>;

/// f_jvp against extrapolated central differences (header comment), and
/// f_vjp against f_jvp by the dot-product identity, at Points.
inline void checkJvpVjp(const Map &F, const Lin &J, const Lin &VJ,
                        const std::vector<Vec> &Points, size_t Outputs) {
  std::mt19937 Rng(42);
  for (const Vec &Z : Points) {
    Vec FZ = F(Z);
    if (!finite(FZ)) {
      outOfRange(FZ);
      continue;
    }
    for (int Dir = 0; Dir < 3; ++Dir) {
      Vec V = tad_test::randomVec(Z.size(), Rng);
      const double H = 1e-5;
      Vec D1 = tad_test::centralDifference(F, Z, V, H);
      Vec D2 = tad_test::centralDifference(F, Z, V, 2 * H);
      Vec Got = J(Z, V);
      bool Smooth = true;
      double Worst = 0;
      size_t At = 0;
      for (size_t I = 0; I < D1.size(); ++I) {
        double R = (4 * D1[I] - D2[I]) / 3;
        if (!(std::fabs(D1[I] - D2[I]) <= 1e-3 * (1 + std::fabs(R))))
          Smooth = false;
        double E = std::fabs(Got[I] - R) / (1 + std::fabs(R));
        if (!(E <= Worst))
          Worst = E, At = I;
      }
      if (!Smooth) {
        ++skipped();
        continue;
      }
      ++tad_test::checks();
      if (!(Worst <= 1e-6)) {
        ++tad_test::failures();
        std::printf("FAIL %s: f_jvp differs from central differences "
                    "(relative error %.3g, output %zu: %.12g, differences "
                    "%.12g; n = %zu inputs)\n",
                    current(), Worst, At, Got[At], (4 * D1[At] - D2[At]) / 3,
                    Z.size());
      }
    }
    for (int Trial = 0; Trial < 2; ++Trial) {
      Vec V = tad_test::randomVec(Z.size(), Rng);
      Vec W = tad_test::randomVec(Outputs, Rng);
      Vec JV = J(Z, V), JTW = VJ(Z, W);
      // Scale: the products' magnitudes, at least 1e-6 |w|_1 |v|_inf (the
      // size of <w, J v> for the O(1) Jacobians of the generator's
      // programs): a map that is zero in exact arithmetic but computed by
      // f_jvp with cancellations (c x - 1.5 c x + 0.5 c x) leaves rounding
      // noise of 1e-17 where f_vjp, associating otherwise, gets 0.
      double WN = 0, VN = 0;
      for (double X : W)
        WN += std::fabs(X);
      for (double X : V)
        VN = std::fmax(VN, std::fabs(X));
      double L = 0, R = 0, Scale = 1e-6 * WN * VN;
      for (size_t I = 0; I < Outputs; ++I) {
        L += W[I] * JV[I];
        Scale += std::fabs(W[I] * JV[I]);
      }
      for (size_t I = 0; I < Z.size(); ++I) {
        R += JTW[I] * V[I];
        Scale += std::fabs(JTW[I] * V[I]);
      }
      ++tad_test::checks();
      double E = std::fabs(L - R) / Scale;
      if (!(E <= 1e-9)) {
        ++tad_test::failures();
        std::printf("FAIL %s: <w, f_jvp(v)> = %.17g but <f_vjp(w), v> = "
                    "%.17g (relative error %.3g)\n",
                    current(), L, R, E);
      }
    }
  }
}

// general: double f(const double *x, double a, double *y, int n), as a map
// of z = (x, a, y) (2n + 1 values) to (f, y) (n + 1 values).
using GenF = double (*)(const double *, double, double *, int);
using GenJ = double (*)(const double *, const double *, double, double,
                        double *, double *, int, double *);
using GenV = double (*)(const double *, double, double *, int, double, double *,
                        double *, double *);

inline void general(const char *Name, GenF F, GenJ J, GenV V) {
  begin(Name);
  for (int N : {1, 3, 6}) {
    size_t n = N;
    auto Primal = [&](const Vec &Z) {
      Vec Y(Z.begin() + n + 1, Z.end()), R(n + 1);
      R[0] = F(Z.data(), Z[n], Y.data(), N);
      std::copy(Y.begin(), Y.end(), R.begin() + 1);
      return R;
    };
    auto Jvp = [&](const Vec &Z, const Vec &D) {
      Vec Y(Z.begin() + n + 1, Z.end()), DY(D.begin() + n + 1, D.end());
      Vec R(n + 1);
      J(Z.data(), D.data(), Z[n], D[n], Y.data(), DY.data(), N, &R[0]);
      std::copy(DY.begin(), DY.end(), R.begin() + 1);
      return R;
    };
    auto Vjp = [&](const Vec &Z, const Vec &W) {
      Vec Y(Z.begin() + n + 1, Z.end()), Ct(2 * n + 1, 0.0);
      std::copy(W.begin() + 1, W.end(), Ct.begin() + n + 1);
      V(Z.data(), Z[n], Y.data(), N, W[0], Ct.data(), &Ct[n],
        Ct.data() + n + 1);
      return Ct;
    };
    std::vector<Vec> Points;
    for (unsigned S = 0; S < 3; ++S)
      Points.push_back(tad_test::randomVec(2 * n + 1, 100 * N + S));
    checkJvpVjp(Primal, Jvp, Vjp, Points, n + 1);
  }
}

// linear: void f(const double *c, const double *x, double *y, int n),
// linear in (x, y): f_jvp, f_vjp over z = (c, x, y), f_transpose over
// (x, y) at fixed c.
using LinF = void (*)(const double *, const double *, double *, int);
using LinJ = void (*)(const double *, const double *, const double *,
                      const double *, double *, double *, int);
using LinV = void (*)(const double *, const double *, double *, int, double *,
                      double *, double *);
using LinT = void (*)(const double *, double *, double *, int);

inline void linear(const char *Name, LinF F, LinJ J, LinV V, LinT T) {
  begin(Name);
  for (int N : {1, 3, 6}) {
    size_t n = N, nc = n * n + n + 1;
    auto Primal = [&](const Vec &Z) {
      Vec Y(Z.begin() + nc + n, Z.end());
      F(Z.data(), Z.data() + nc, Y.data(), N);
      return Y;
    };
    auto Jvp = [&](const Vec &Z, const Vec &D) {
      Vec Y(Z.begin() + nc + n, Z.end()), DY(D.begin() + nc + n, D.end());
      J(Z.data(), D.data(), Z.data() + nc, D.data() + nc, Y.data(), DY.data(),
        N);
      return DY;
    };
    auto Vjp = [&](const Vec &Z, const Vec &W) {
      Vec Y(Z.begin() + nc + n, Z.end()), Ct(nc + 2 * n, 0.0);
      std::copy(W.begin(), W.end(), Ct.begin() + nc + n);
      V(Z.data(), Z.data() + nc, Y.data(), N, Ct.data(), Ct.data() + nc,
        Ct.data() + nc + n);
      return Ct;
    };
    std::vector<Vec> Points;
    for (unsigned S = 0; S < 3; ++S)
      Points.push_back(tad_test::randomVec(nc + 2 * n, 200 * N + S));
    checkJvpVjp(Primal, Jvp, Vjp, Points, n);
    // The dense matrix M of (x, y) -> y at c, column by column; then
    // f_transpose(w) against M^T w.
    for (unsigned S = 0; S < 2; ++S) {
      Vec C = tad_test::randomVec(nc, 300 * N + S);
      std::vector<Vec> Cols;
      for (size_t K = 0; K < 2 * n; ++K) {
        Vec X(n, 0.0), Y(n, 0.0);
        (K < n ? X[K] : Y[K - n]) = 1;
        F(C.data(), X.data(), Y.data(), N);
        Cols.push_back(Y);
      }
      Vec W = tad_test::randomVec(n, 400 * N + S);
      Vec X(n, 0.0), Y = W;
      T(C.data(), X.data(), Y.data(), N);
      double Worst = 0;
      for (size_t K = 0; K < 2 * n; ++K) {
        double Want = 0, Scale = 1e-300;
        for (size_t I = 0; I < n; ++I) {
          Want += Cols[K][I] * W[I];
          Scale += std::fabs(Cols[K][I] * W[I]);
        }
        double Got = K < n ? X[K] : Y[K - n];
        Worst = std::fmax(Worst, std::fabs(Got - Want) / std::fmax(Scale, 1));
        if (!std::isfinite(Got))
          Worst = INFINITY;
      }
      ++tad_test::checks();
      if (!(Worst <= 1e-10)) {
        ++tad_test::failures();
        std::printf("FAIL %s: f_transpose differs from the dense transpose "
                    "(relative error %.3g, n = %zu)\n",
                    current(), Worst, n);
      }
    }
  }
}

// inplace: void f(double *x, double *y, const double *c, T n) on the state
// z = (x, y) (2n values), c fixed.
template <typename T>
using InF = void (*)(double *, double *, const double *, T);
template <typename T>
using InJ = void (*)(double *, double *, double *, double *, const double *,
                     const double *, T);
template <typename T>
using InV = void (*)(double *, double *, const double *, T, double *, double *,
                     double *);
template <typename T>
using InI = void (*)(double *, double *, double *, double *, const double *, T);
template <typename T>
using InL = double (*)(double *, double *, const double *, T);

/// cond(J) / 1e4, at least 1: the solves' relative errors grow as cond(J)
/// eps (THEORY.md; README: "Accuracy of the inverse modes scales with
/// cond(J)"), so 1e-9 holds to cond(J) = 1e4 and scales beyond (cubic steps
/// iterated through a loop reach cond(J) ~ 1e7). cond(J) in the infinity
/// norm, J^-1 by dense LU solves.
inline double conditionFactor(const tad_test::InvProgram &P, const Vec &Z) {
  tad_test::Mat J = tad_test::jacobian(P, Z), LU = J;
  std::vector<size_t> Perm;
  int Sign;
  if (!tad_test::luFactor(LU, Perm, Sign))
    return 1;
  size_t N = J.size();
  double NJ = 0, NI = 0;
  tad_test::Mat Inv(N, Vec(N));
  for (size_t C = 0; C < N; ++C) {
    Vec E(N, 0.0);
    E[C] = 1;
    Vec X = tad_test::luSolve(LU, Perm, E);
    for (size_t R = 0; R < N; ++R)
      Inv[R][C] = X[R];
  }
  for (size_t R = 0; R < N; ++R) {
    double SJ = 0, SI = 0;
    for (size_t C = 0; C < N; ++C) {
      SJ += std::fabs(J[R][C]);
      SI += std::fabs(Inv[R][C]);
    }
    NJ = std::fmax(NJ, SJ);
    NI = std::fmax(NI, SI);
  }
  return std::fmax(1.0, NJ * NI / 1e4);
}

template <typename T>
void inplace(const char *Name, InF<T> F, InJ<T> J, InV<T> V, InI<T> IJ,
             InI<T> IV, InL<T> LD, InF<T> Inv) {
  begin(Name);
  for (int N : {1, 2, 5}) {
    size_t n = N;
    T Nt = T(N);
    Vec C = tad_test::randomVec(n * n + n + 1, 500 + N);
    auto Primal = [&](const Vec &Z) {
      Vec W = Z;
      F(W.data(), W.data() + n, C.data(), Nt);
      return W;
    };
    auto Jvp = [&](const Vec &Z, const Vec &D) {
      Vec W = Z, DW = D, DC(C.size(), 0.0);
      J(W.data(), DW.data(), W.data() + n, DW.data() + n, C.data(), DC.data(),
        Nt);
      return DW;
    };
    auto Vjp = [&](const Vec &Z, const Vec &Wb) {
      Vec W = Z, Ct = Wb, CtC(C.size(), 0.0);
      V(W.data(), W.data() + n, C.data(), Nt, Ct.data(), Ct.data() + n,
        CtC.data());
      return Ct;
    };
    std::vector<Vec> Points;
    for (unsigned S = 0; S < 2; ++S)
      Points.push_back(tad_test::randomVec(2 * n, 600 * N + S));
    checkJvpVjp(Primal, Jvp, Vjp, Points, 2 * n);
    tad_test::InvProgram P;
    P.Name = Name;
    P.N = 2 * n;
    P.F = [&](Vec &Z) { F(Z.data(), Z.data() + n, C.data(), Nt); };
    P.Jvp = [&](Vec &Z, Vec &D) {
      Vec DC(C.size(), 0.0);
      J(Z.data(), D.data(), Z.data() + n, D.data() + n, C.data(), DC.data(),
        Nt);
    };
    P.Ijvp = [&](Vec &Z, Vec &D) {
      IJ(Z.data(), D.data(), Z.data() + n, D.data() + n, C.data(), Nt);
    };
    P.Ivjp = [&](Vec &Z, Vec &W) {
      IV(Z.data(), W.data(), Z.data() + n, W.data() + n, C.data(), Nt);
    };
    P.LogDet = [&](Vec &Z) { return LD(Z.data(), Z.data() + n, C.data(), Nt); };
    if (Inv)
      P.Inverse = [&](Vec &Z) { Inv(Z.data(), Z.data() + n, C.data(), Nt); };
    P.Vjp = [&](Vec &Z, Vec &W) {
      Vec CtC(C.size(), 0.0);
      V(Z.data(), Z.data() + n, C.data(), Nt, W.data(), W.data() + n,
        CtC.data());
    };
    for (const Vec &Z : Points) {
      if (!finite(Primal(Z))) {
        outOfRange(Primal(Z));
        continue;
      }
      tad_test::checkInverse(P, Z, 1e-9 * conditionFactor(P, Z));
    }
  }
}

inline int report() {
  std::printf("%d programs, %d checks, %d skipped (next to a kink or out of "
              "range), %d failed\n",
              programs(), tad_test::checks(), skipped(), tad_test::failures());
  return tad_test::failures() == 0 ? 0 : 1;
}

} // namespace difftest

#endif
