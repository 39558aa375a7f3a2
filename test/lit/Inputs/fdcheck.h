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
        double Err = std::fabs(Got[I] - Want[I]) /
                     std::fmax(1.0, std::fabs(Want[I]));
        Worst = std::fmax(Worst, Err);
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

/// Prints the summary line and returns the process status.
inline int report() {
  std::printf("%d checks, %d failed\n", checks(), failures());
  return failures() == 0 && checks() > 0 ? 0 : 1;
}

} // namespace tad_test

#endif
