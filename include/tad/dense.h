//===- tad/dense.h - the dense fallback of inverse accumulation -*- C++ -*-===//
//
// For a function marked TAD_DENSE(n) (square, but not stepwise), tad's
// f_ijvp, f_ivjp and f_logdet take the dense route: the Jacobian column by
// column, one JVP of f per state value on scratch copies of the state, then
// an LU factorization (tad/lu.h). tad::Dense holds the scratch: the saved
// state, the seeded copies, the N x N Jacobian and the right-hand side, for
// `Arrays` state arrays of `PerArray` values each (N = Arrays * PerArray).
//
//===----------------------------------------------------------------------===//
#ifndef TAD_DENSE_H
#define TAD_DENSE_H

#include "tad/lu.h"

#include <vector>

namespace tad {

template <typename T> class Dense {
  int PerArray, N;
  std::vector<T> X0, S, D, J, B;

public:
  Dense(int PerArray, int Arrays)
      : PerArray(PerArray), N(PerArray * Arrays), X0(N), S(N), D(N),
        J(static_cast<size_t>(N) * N), B(N) {}
  int size() const { return N; }
  /// Saves state array A (the point where J is taken).
  void save(int A, const T *X) {
    for (int I = 0; I < PerArray; ++I)
      X0[A * PerArray + I] = X[I];
  }
  /// Before column C: the scratch state is the saved one, the tangent e_C.
  void begin(int C) {
    S = X0;
    for (T &V : D)
      V = T(0);
    D[C] = T(1);
  }
  T *state(int A) { return S.data() + A * PerArray; }
  T *tangent(int A) { return D.data() + A * PerArray; }
  /// After column C: the tangents are J e_C.
  void end(int C) {
    for (int R = 0; R < N; ++R)
      J[static_cast<size_t>(R) * N + C] = D[R];
  }
  void rhs(int A, const T *V) {
    for (int I = 0; I < PerArray; ++I)
      B[A * PerArray + I] = V[I];
  }
  void result(int A, T *V) const {
    for (int I = 0; I < PerArray; ++I)
      V[I] = B[A * PerArray + I];
  }
  void solve(const char *Where) { lu_solve(N, J.data(), B.data(), Where); }
  void solve_transposed(const char *Where) {
    lu_solve_transposed(N, J.data(), B.data(), Where);
  }
  double logabsdet(const char *Where) {
    return lu_logabsdet(N, J.data(), Where);
  }
};

} // namespace tad

#endif // TAD_DENSE_H
