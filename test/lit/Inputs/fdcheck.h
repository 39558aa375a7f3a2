// Numerical checks for generated derivatives, used by the lit tests.
//
// A function under test is wrapped as a map R^n -> R^m on std::vector
// (Primal), and its JVP as (x, dx) -> J dx (Jvp). checkJvp compares J dx
// with central finite differences (f(x + h dx) - f(x - h dx)) / 2h along
// random directions at the given points, to the stated tolerance relative
// to max(1, |J dx|). Failures print and are counted; main returns
// tad_test::report(), which is non-zero if any check failed.
#ifndef TAD_TEST_FDCHECK_H
#define TAD_TEST_FDCHECK_H

#include <cmath>
#include <cstdio>
#include <functional>
#include <random>
#include <vector>

namespace tad_test {

using Vec = std::vector<double>;
using Primal = std::function<Vec(const Vec &)>;
using Jvp = std::function<Vec(const Vec &, const Vec &)>;

inline int &failures() {
  static int N = 0;
  return N;
}
inline int &checks() {
  static int N = 0;
  return N;
}

/// N values uniform in [-1, 1), the same for the same Seed.
inline Vec randomVec(size_t N, unsigned Seed) {
  std::mt19937 Rng(Seed);
  std::uniform_real_distribution<double> U(-1, 1);
  Vec V(N);
  for (double &X : V)
    X = U(Rng);
  return V;
}

/// Central differences of F at X along D with step H.
inline Vec centralDifference(const Primal &F, const Vec &X, const Vec &D,
                             double H) {
  Vec XP = X, XM = X;
  for (size_t I = 0; I < X.size(); ++I) {
    XP[I] += H * D[I];
    XM[I] -= H * D[I];
  }
  Vec FP = F(XP), FM = F(XM), R(FP.size());
  for (size_t I = 0; I < FP.size(); ++I)
    R[I] = (FP[I] - FM[I]) / (2 * H);
  return R;
}

/// Checks Jvp against central differences at each point, along 3 random
/// directions per point.
inline void checkJvp(const char *Name, const Primal &F, const Jvp &J,
                     const std::vector<Vec> &Points, double Tol = 1e-6,
                     double H = 1e-6) {
  std::mt19937 Rng(42);
  std::uniform_real_distribution<double> U(-1, 1);
  for (const Vec &X : Points) {
    for (int Dir = 0; Dir < 3; ++Dir) {
      Vec D(X.size());
      for (double &V : D)
        V = U(Rng);
      Vec Got = J(X, D), Want = centralDifference(F, X, D, H);
      ++checks();
      bool Ok = Got.size() == Want.size();
      double Worst = 0;
      for (size_t I = 0; Ok && I < Got.size(); ++I) {
        double Err =
            std::fabs(Got[I] - Want[I]) / std::fmax(1.0, std::fabs(Want[I]));
        Worst = std::isfinite(Err) ? std::fmax(Worst, Err) : Err;
        Ok = std::isfinite(Got[I]) && Err <= Tol;
      }
      if (!Ok) {
        ++failures();
        std::printf("FAIL %s: JVP differs from finite differences "
                    "(relative error %.3g > %.3g) at x =",
                    Name, Worst, Tol);
        for (double V : X)
          std::printf(" %g", V);
        std::printf("\n");
      }
    }
  }
}

using Vjp = std::function<Vec(const Vec &, const Vec &)>;

/// Checks a VJP against the JVP by the dot-product identity
/// <ybar, J xdot> = <J^T ybar, xdot>, with random xdot and ybar, at each
/// point. Vjp(x, ybar) returns J^T ybar (cotangents starting from zero).
inline void checkVjp(const char *Name, const Jvp &J, const Vjp &VJ,
                     const std::vector<Vec> &Points, size_t Outputs,
                     double Tol = 1e-10) {
  std::mt19937 Rng(7);
  std::uniform_real_distribution<double> U(-1, 1);
  for (const Vec &X : Points) {
    for (int Trial = 0; Trial < 3; ++Trial) {
      Vec XDot(X.size()), YBar(Outputs);
      for (double &V : XDot)
        V = U(Rng);
      for (double &V : YBar)
        V = U(Rng);
      Vec JX = J(X, XDot), JTY = VJ(X, YBar);
      double L = 0, R = 0, Scale = 1;
      for (size_t I = 0; I < Outputs && I < JX.size(); ++I) {
        L += YBar[I] * JX[I];
        Scale += std::fabs(YBar[I] * JX[I]);
      }
      for (size_t I = 0; I < X.size() && I < JTY.size(); ++I) {
        R += JTY[I] * XDot[I];
        Scale += std::fabs(JTY[I] * XDot[I]);
      }
      ++checks();
      double Err = std::fabs(L - R) / Scale;
      if (!(Err <= Tol) || JX.size() != Outputs || JTY.size() != X.size()) {
        ++failures();
        std::printf("FAIL %s: <ybar, J xdot> = %.17g but <J^T ybar, xdot> = "
                    "%.17g (relative error %.3g)\n",
                    Name, L, R, Err);
      }
    }
  }
}

/// Checks a gradient (R^n -> R) against central finite differences, one
/// component at a time.
inline void checkGradient(const char *Name, const Primal &F,
                          const std::function<Vec(const Vec &)> &Grad,
                          const std::vector<Vec> &Points, double Tol = 1e-6,
                          double H = 1e-6) {
  for (const Vec &X : Points) {
    Vec G = Grad(X);
    for (size_t I = 0; I < X.size(); ++I) {
      Vec E(X.size(), 0.0);
      E[I] = 1;
      double Want = centralDifference(F, X, E, H)[0];
      ++checks();
      double Err = std::fabs(G[I] - Want) / std::fmax(1.0, std::fabs(Want));
      if (!(Err <= Tol)) {
        ++failures();
        std::printf("FAIL %s: gradient component %zu is %.12g, finite "
                    "differences give %.12g\n",
                    Name, I, G[I], Want);
      }
    }
  }
}

/// Checks one value against the expected one, to Tol.
inline void expectNear(const char *Name, double Got, double Want, double Tol) {
  ++checks();
  if (!(std::fabs(Got - Want) <= Tol)) {
    ++failures();
    std::printf("FAIL %s: got %.17g, want %.17g\n", Name, Got, Want);
  }
}

/// Prints the summary line and returns the process status.
inline int report() {
  std::printf("%d checks, %d failed\n", checks(), failures());
  return failures() == 0 && checks() > 0 ? 0 : 1;
}

} // namespace tad_test

#endif
