// Numerical checks for the inverse-accumulation modes, used by the lit
// tests in test/lit/inverse (on top of fdcheck.h's counters and report()).
//
// A program is a map of a state vector z of size N onto itself, given as
// closures over the generated functions (packing z into the function's
// arrays). At a point z0, checkInverse
//  * builds the Jacobian J column by column from f_jvp (N JVPs),
//  * checks f_ijvp(v) against J (round trip J u = v) and against a dense
//    LU solve of J u = v,
//  * checks f_ivjp(w) against J^T (round trip, also through f_vjp when the
//    program has one) and a dense solve of J^T c = w,
//  * checks f_logdet against log|det J| from the LU factors,
//  * checks f_inverse: f^-1(f(z0)) = z0 and f(f^-1(y)) = y,
//  * checks that f_ijvp, f_ivjp and f_logdet leave the state at f(z0).
#ifndef TAD_TEST_INVCHECK_H
#define TAD_TEST_INVCHECK_H

#include "fdcheck.h"

#include <cmath>
#include <cstdio>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace tad_test {

using Mat = std::vector<Vec>; // row-major, Mat[i][j]

struct InvProgram {
  std::string Name;
  size_t N = 0;
  std::function<void(Vec &)> F;           // z := f(z)
  std::function<void(Vec &, Vec &)> Jvp;  // z := f(z), t := J t
  std::function<void(Vec &, Vec &)> Ijvp; // z := f(z), t := J^-1 t
  std::function<void(Vec &, Vec &)> Ivjp; // z := f(z), c := J^-T c
  std::function<double(Vec &)> LogDet;    // z := f(z)
  std::function<void(Vec &)> Inverse;     // z := f^-1(z) (optional)
  std::function<void(Vec &, Vec &)> Vjp;  // c := J^T c (optional)
};

/// LU with partial pivoting of A (in place); false when singular.
inline bool luFactor(Mat &A, std::vector<size_t> &Perm, int &Sign) {
  size_t N = A.size();
  Perm.resize(N);
  Sign = 1;
  for (size_t I = 0; I < N; ++I)
    Perm[I] = I;
  for (size_t K = 0; K < N; ++K) {
    size_t P = K;
    for (size_t I = K + 1; I < N; ++I)
      if (std::fabs(A[I][K]) > std::fabs(A[P][K]))
        P = I;
    if (A[P][K] == 0)
      return false;
    if (P != K) {
      std::swap(A[P], A[K]);
      std::swap(Perm[P], Perm[K]);
      Sign = -Sign;
    }
    for (size_t I = K + 1; I < N; ++I) {
      double L = A[I][K] / A[K][K];
      A[I][K] = L;
      for (size_t J = K + 1; J < N; ++J)
        A[I][J] -= L * A[K][J];
    }
  }
  return true;
}

inline Vec luSolve(const Mat &LU, const std::vector<size_t> &Perm,
                   const Vec &B) {
  size_t N = LU.size();
  Vec X(N);
  for (size_t I = 0; I < N; ++I) {
    double S = B[Perm[I]];
    for (size_t J = 0; J < I; ++J)
      S -= LU[I][J] * X[J];
    X[I] = S;
  }
  for (size_t I = N; I-- > 0;) {
    double S = X[I];
    for (size_t J = I + 1; J < N; ++J)
      S -= LU[I][J] * X[J];
    X[I] = S / LU[I][I];
  }
  return X;
}

inline Mat transpose(const Mat &A) {
  Mat T(A[0].size(), Vec(A.size()));
  for (size_t I = 0; I < A.size(); ++I)
    for (size_t J = 0; J < A[I].size(); ++J)
      T[J][I] = A[I][J];
  return T;
}

inline Vec matVec(const Mat &A, const Vec &X) {
  Vec Y(A.size(), 0.0);
  for (size_t I = 0; I < A.size(); ++I)
    for (size_t J = 0; J < X.size(); ++J)
      Y[I] += A[I][J] * X[J];
  return Y;
}

/// The Jacobian at Z, one JVP per column.
inline Mat jacobian(const InvProgram &P, const Vec &Z) {
  Mat J(P.N, Vec(P.N));
  for (size_t C = 0; C < P.N; ++C) {
    Vec X = Z, T(P.N, 0.0);
    T[C] = 1;
    P.Jvp(X, T);
    for (size_t R = 0; R < P.N; ++R)
      J[R][C] = T[R];
  }
  return J;
}

inline void expectClose(const std::string &What, const Vec &Got,
                        const Vec &Want, double Tol) {
  ++checks();
  double Scale = 1, Err = 0;
  for (double W : Want)
    Scale = std::fmax(Scale, std::fabs(W));
  bool Ok = Got.size() == Want.size();
  for (size_t I = 0; Ok && I < Got.size(); ++I) {
    double E = std::fabs(Got[I] - Want[I]) / Scale;
    Ok = std::isfinite(Got[I]) && E <= Tol;
    Err = std::fmax(Err, E);
  }
  if (!Ok) {
    ++failures();
    std::printf("FAIL %s (relative error %.3g > %.3g):", What.c_str(), Err,
                Tol);
    for (size_t I = 0; I < Got.size() && I < 8; ++I)
      std::printf(" %.12g/%.12g", Got[I], I < Want.size() ? Want[I] : 0.0);
    std::printf("\n");
  }
}

inline void expectClose(const std::string &What, double Got, double Want,
                        double Tol) {
  expectClose(What, Vec{Got}, Vec{Want}, Tol);
}

inline Vec randomVec(size_t N, std::mt19937 &Rng, double Lo = -1,
                     double Hi = 1) {
  std::uniform_real_distribution<double> U(Lo, Hi);
  Vec V(N);
  for (double &X : V)
    X = U(Rng);
  return V;
}

/// All the checks of the header comment at Z0.
inline void checkInverse(const InvProgram &P, const Vec &Z0,
                         double Tol = 1e-9) {
  std::mt19937 Rng(1234);
  Mat J = jacobian(P, Z0);
  Mat LU = J, LUT = transpose(J);
  std::vector<size_t> Perm, PermT;
  int Sign = 1, SignT = 1;
  if (!luFactor(LU, Perm, Sign) || !luFactor(LUT, PermT, SignT)) {
    ++checks();
    ++failures();
    std::printf("FAIL %s: the Jacobian is singular\n", P.Name.c_str());
    return;
  }
  Vec FZ = Z0;
  P.F(FZ);
  for (int Trial = 0; Trial < 2; ++Trial) {
    Vec V = randomVec(P.N, Rng), Z = Z0, U = V;
    P.Ijvp(Z, U);
    expectClose(P.Name + ": f_ijvp leaves f(z) in the state", Z, FZ, 1e-12);
    expectClose(P.Name + ": J f_ijvp(v) = v", matVec(J, U), V, Tol);
    expectClose(P.Name + ": f_ijvp(v) = dense solve", U, luSolve(LU, Perm, V),
                Tol);
    Vec W = randomVec(P.N, Rng), C = W;
    Z = Z0;
    P.Ivjp(Z, C);
    expectClose(P.Name + ": f_ivjp leaves f(z) in the state", Z, FZ, 1e-12);
    expectClose(P.Name + ": J^T f_ivjp(w) = w", matVec(transpose(J), C), W,
                Tol);
    expectClose(P.Name + ": f_ivjp(w) = dense solve", C, luSolve(LUT, PermT, W),
                Tol);
    if (P.Vjp) {
      Vec X = Z0, CB = C;
      P.Vjp(X, CB);
      expectClose(P.Name + ": f_vjp(f_ivjp(w)) = w", CB, W, Tol);
    }
  }
  double Dense = 0;
  for (size_t I = 0; I < P.N; ++I)
    Dense += std::log(std::fabs(LU[I][I]));
  Vec Z = Z0;
  double LD = P.LogDet(Z);
  expectClose(P.Name + ": f_logdet = log|det J|", LD, Dense, Tol);
  expectClose(P.Name + ": f_logdet leaves f(z) in the state", Z, FZ, 1e-12);
  if (P.Inverse) {
    Vec Y = FZ;
    P.Inverse(Y);
    expectClose(P.Name + ": f_inverse(f(z)) = z", Y, Z0, Tol);
    Vec Y2 = FZ;
    for (double &X : Y2)
      X += 0.01 * std::uniform_real_distribution<double>(-1, 1)(Rng);
    Vec Back = Y2;
    P.Inverse(Back);
    P.F(Back);
    expectClose(P.Name + ": f(f_inverse(y)) = y", Back, Y2, Tol);
  }
}

} // namespace tad_test

#endif
