//===- tad/lu.h - small dense solves for inverse accumulation ---*- C++ -*-===//
//
// A lump of width k (THEORY.md 1.2: statements that couple k state values
// through temporaries) has a k x k block A in its Jacobian; the inverse
// modes factor it per evaluation. These routines do LU with partial
// pivoting in place on a row-major k x k array, without heap allocation for
// k <= tad::LuStackMax (a std::vector beyond). A pivot that is zero to
// working precision goes to the pivot handler of tad/inverse.h (default:
// message and abort), with where the lump is: the pivot of column c is
// taken as zero when
//
//   |u_cc| <= 4 k eps max_j |A_rj|      (r: the row of A it comes from)
//
// i.e. relative to the scale of its own row, so that a well-conditioned
// matrix at any scale (1e-8 or 1e8) passes and a rank-deficient one, whose
// last pivot is rounding noise of the size of eps times its row, does not.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_LU_H
#define TAD_LU_H

#include "tad/inverse.h"

#include <cmath>
#include <vector>

namespace tad {

constexpr int LuStackMax = 32;

namespace detail {
/// LU of A (k x k, row-major) in place; Perm receives the row order, Scale
/// (k values of scratch) the rows' largest magnitudes. Returns log|det A|.
template <typename T>
TAD_HOST_DEVICE inline double luFactor(int K, T *A, int *Perm, T *Scale,
                                       const char *Where) {
  double LogDet = 0;
  for (int I = 0; I < K; ++I) {
    Perm[I] = I;
    Scale[I] = T(0);
    for (int J = 0; J < K; ++J)
      if (std::fabs(A[I * K + J]) > Scale[I])
        Scale[I] = std::fabs(A[I * K + J]);
  }
  for (int C = 0; C < K; ++C) {
    int P = C;
    for (int I = C + 1; I < K; ++I)
      if (std::fabs(A[I * K + C]) > std::fabs(A[P * K + C]))
        P = I;
    if (P != C) {
      for (int J = 0; J < K; ++J) {
        T X = A[P * K + J];
        A[P * K + J] = A[C * K + J];
        A[C * K + J] = X;
      }
      int X = Perm[P];
      Perm[P] = Perm[C];
      Perm[C] = X;
    }
    T D = pivot(A[C * K + C], T(K) * Scale[Perm[C]], Where);
    LogDet += std::log(std::fabs(static_cast<double>(D)));
    for (int I = C + 1; I < K; ++I) {
      T L = A[I * K + C] / D;
      A[I * K + C] = L;
      for (int J = C + 1; J < K; ++J)
        A[I * K + J] -= L * A[C * K + J];
    }
  }
  return LogDet;
}

template <typename T>
TAD_HOST_DEVICE inline void luSolve(int K, const T *LU, const int *Perm, T *B,
                                    T *Work) {
  for (int I = 0; I < K; ++I) {
    T S = B[Perm[I]];
    for (int J = 0; J < I; ++J)
      S -= LU[I * K + J] * Work[J];
    Work[I] = S;
  }
  for (int I = K - 1; I >= 0; --I) {
    T S = Work[I];
    for (int J = I + 1; J < K; ++J)
      S -= LU[I * K + J] * Work[J];
    Work[I] = S / LU[I * K + I];
  }
  for (int I = 0; I < K; ++I)
    B[I] = Work[I];
}

/// Solves A^T x = b with P A = L U: U^T L^T P x = b.
template <typename T>
TAD_HOST_DEVICE inline void luSolveTransposed(int K, const T *LU,
                                              const int *Perm, T *B, T *Work) {
  for (int I = 0; I < K; ++I) { // U^T z = b
    T S = B[I];
    for (int J = 0; J < I; ++J)
      S -= LU[J * K + I] * Work[J];
    Work[I] = S / LU[I * K + I];
  }
  for (int I = K - 1; I >= 0; --I) { // L^T w = z
    T S = Work[I];
    for (int J = I + 1; J < K; ++J)
      S -= LU[J * K + I] * Work[J];
    Work[I] = S;
  }
  for (int I = 0; I < K; ++I) // x = P^T w
    B[Perm[I]] = Work[I];
}

/// Scratch for k values and k pivots: on the stack for small k.
template <typename T> struct LuScratch {
  T Small[2 * LuStackMax];
  int SmallPerm[LuStackMax];
  std::vector<T> Big;
  std::vector<int> BigPerm;
  T *Work, *Scale;
  int *Perm;
  explicit LuScratch(int K) {
    if (K <= LuStackMax) {
      Work = Small;
      Perm = SmallPerm;
    } else {
      Big.resize(2 * static_cast<size_t>(K));
      BigPerm.resize(K);
      Work = Big.data();
      Perm = BigPerm.data();
    }
    Scale = Work + (K <= LuStackMax ? LuStackMax : K);
  }
};
} // namespace detail

// The scratch of the public routines: LuScratch on the host; in device
// code a stack buffer, so k is limited to LuStackMax there.
#ifdef __CUDA_ARCH__
#define TAD_LU_SCRATCH(T, K)                                                   \
  T Work_[LuStackMax];                                                         \
  T Scale_[LuStackMax];                                                        \
  int Perm_[LuStackMax];                                                       \
  if ((K) > LuStackMax) {                                                      \
    printf("tad: a lump of width %d is too wide for device code\n", (K));      \
    __trap();                                                                  \
  }
#else
#define TAD_LU_SCRATCH(T, K)                                                   \
  detail::LuScratch<T> S_(K);                                                  \
  T *Work_ = S_.Work;                                                          \
  T *Scale_ = S_.Scale;                                                        \
  int *Perm_ = S_.Perm;
#endif

/// B := A^-1 B; A (k x k, row-major) is overwritten by its LU factors.
template <typename T>
TAD_HOST_DEVICE inline void lu_solve(int K, T *A, T *B, const char *W) {
  TAD_LU_SCRATCH(T, K)
  detail::luFactor(K, A, Perm_, Scale_, W);
  detail::luSolve(K, A, Perm_, B, Work_);
}

/// B := A^-T B; A is overwritten by its LU factors.
template <typename T>
TAD_HOST_DEVICE inline void lu_solve_transposed(int K, T *A, T *B,
                                                const char *W) {
  TAD_LU_SCRATCH(T, K)
  detail::luFactor(K, A, Perm_, Scale_, W);
  detail::luSolveTransposed(K, A, Perm_, B, Work_);
}

/// log|det A|; A is overwritten by its LU factors.
template <typename T>
TAD_HOST_DEVICE inline double lu_logabsdet(int K, T *A, const char *W) {
  TAD_LU_SCRATCH(T, K)
  (void)Work_;
  return detail::luFactor(K, A, Perm_, Scale_, W);
}

#undef TAD_LU_SCRATCH

} // namespace tad

#endif // TAD_LU_H
