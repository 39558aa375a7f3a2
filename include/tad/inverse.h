//===- tad/inverse.h - runtime support of inverse accumulation --*- C++ -*-===//
//
// Generated f_ijvp and f_ivjp divide by the pivot of each step (THEORY.md
// 1.2). Where tad cannot prove a pivot non-zero at compile time (it is a
// run-time value such as a parameter: `x[i] *= w`), the generated code
// passes it through tad::pivot(a, where), which returns a unchanged when it
// is non-zero and finite; a pivot computed as a sum of n terms (`1 + w *
// cos(x[0])`) goes through tad::pivot(a, scale, where), scale = n times the
// sum of the terms' magnitudes, and counts as zero when
//
//   |a| <= 4 eps scale
//
// (eps the machine epsilon of a's type): a is then rounding noise of its
// terms, the step is singular to working precision. The LU of tad/lu.h
// judges its pivots the same way, scale = k times the largest magnitude
// in the pivot's row of the k x k block. A pivot that is merely small is
// fine (x[0] *= 1e-20, a well-conditioned lump at the scale 1e-8).
//
// Failure mode: a zero or non-finite pivot means the Jacobian is singular
// (or the step overflowed) at this point. tad::pivot then calls the
// current pivot handler with the value and "file:line (function)". The
// default handler prints
//
//   tad: zero pivot 0 at f.cpp:14 (f_ijvp): the Jacobian is singular here
//
// (for a pivot that is zero to working precision: "tad: pivot 1.1e-16 at
// ... is zero to working precision: the Jacobian is numerically singular
// here") to stderr and calls std::abort(). Install another with
// tad::set_pivot_handler (for instance one that throws, or records the
// failure and returns); when the handler returns, the division goes ahead
// with the pivot as it is (giving inf or nan in the result).
//
// f_inverse solves each step that it cannot undo analytically (THEORY.md
// 1.3) with tad::MonotoneSolve: the step is strictly monotone in its slot
// (tad proved it at compile time), so a bracket [lo, hi] around the
// solution is found by expanding from the start, and then Newton steps
// that leave the bracket or do not halve the previous step are replaced by
// bisection (rtsafe). A value outside the step's range, or a run-time
// condition of tad's injectivity proof that does not hold, goes to the
// inverse handler (tad::set_inverse_handler; default: message and abort).
// A piecewise step (x = x > t ? phi_hi : phi_lo) is undone by testing the
// new value against the image of t; tad::pieces_apart checks at run time
// that the pieces' ranges do not overlap, tad::piece_holds that the old
// value solved for lies on its piece's side of t (a value in a gap
// between the ranges has no preimage): both failures go to the inverse
// handler too.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_INVERSE_H
#define TAD_INVERSE_H

#include <cmath>
#include <cstdio>
#include <cstdlib>

// Under nvcc the checks are host and device functions; in device code a
// failure prints the same message and traps (no handlers there).
#if defined(__CUDACC__)
#define TAD_HOST_DEVICE __host__ __device__
#else
#define TAD_HOST_DEVICE
#endif

namespace tad {

/// Called with the offending pivot and where it is.
using PivotHandler = void (*)(double Pivot, const char *Where);

inline void defaultPivotHandler(double Pivot, const char *Where) {
  if (Pivot == 0)
    std::fprintf(stderr,
                 "tad: zero pivot %g at %s: the Jacobian is singular here\n",
                 Pivot, Where);
  else if (!(Pivot - Pivot == 0))
    std::fprintf(stderr,
                 "tad: pivot %g at %s is not finite: the step overflowed\n",
                 Pivot, Where);
  else
    std::fprintf(stderr,
                 "tad: pivot %g at %s is zero to working precision: the "
                 "Jacobian is numerically singular here\n",
                 Pivot, Where);
  std::abort();
}

inline PivotHandler &pivotHandler() {
  static PivotHandler H = defaultPivotHandler;
  return H;
}

/// Installs H (null restores the default); returns the previous handler.
inline PivotHandler set_pivot_handler(PivotHandler H) {
  PivotHandler Old = pivotHandler();
  pivotHandler() = H ? H : defaultPivotHandler;
  return Old;
}

/// f_inverse of a nonlinear lump runs Newton's method (at most 100
/// iterations); when it has not converged it calls this handler with where
/// the lump is. The default prints
///
///   tad: Newton's method did not converge at f.cpp:5-7 (f_inverse)
///
/// and aborts; tad::set_newton_handler installs another (the result is then
/// the last iterate).
using NewtonHandler = void (*)(const char *Where);

inline void defaultNewtonHandler(const char *Where) {
  std::fprintf(stderr, "tad: Newton's method did not converge at %s\n", Where);
  std::abort();
}

inline NewtonHandler &newtonHandler() {
  static NewtonHandler H = defaultNewtonHandler;
  return H;
}

inline NewtonHandler set_newton_handler(NewtonHandler H) {
  NewtonHandler Old = newtonHandler();
  newtonHandler() = H ? H : defaultNewtonHandler;
  return Old;
}

TAD_HOST_DEVICE inline void newton_failed(const char *Where) {
#ifdef __CUDA_ARCH__
  printf("tad: Newton's method did not converge at %s\n", Where);
  __trap();
#else
  newtonHandler()(Where);
#endif
}

namespace detail {
TAD_HOST_DEVICE inline void pivotFailed(double A, const char *Where) {
#ifdef __CUDA_ARCH__
  printf("tad: pivot %g at %s is zero: the Jacobian is singular here\n", A,
         Where);
  __trap();
#else
  pivotHandler()(A, Where);
#endif
}
template <typename T> TAD_HOST_DEVICE constexpr T epsilon() {
  return sizeof(T) >= 8 ? T(2.220446049250313e-16) : T(1.1920929e-7);
}
} // namespace detail

/// A checked with the handler when it is zero or not finite.
template <typename T> TAD_HOST_DEVICE inline T pivot(T A, const char *Where) {
  // A - A is 0 for finite A and nan for inf or nan.
  if (A == T(0) || !(A - A == T(0)))
    detail::pivotFailed(static_cast<double>(A), Where);
  return A;
}

/// A checked with the handler when it is not finite or zero relative to
/// Scale: |A| <= 4 eps Scale (Scale: n times the magnitude of what A is
/// computed from, see the header comment).
template <typename T>
TAD_HOST_DEVICE inline T pivot(T A, T Scale, const char *Where) {
  if (A == T(0) || !(A - A == T(0)) ||
      std::fabs(A) <= 4 * detail::epsilon<T>() * Scale)
    detail::pivotFailed(static_cast<double>(A), Where);
  return A;
}

/// Called when f_inverse cannot invert a step: What says why, Value is the
/// value concerned (the target, or the bound of a failed condition).
using InverseHandler = void (*)(const char *What, double Value,
                                const char *Where);

inline void defaultInverseHandler(const char *What, double Value,
                                  const char *Where) {
  std::fprintf(stderr, "tad: %s (%g) at %s\n", What, Value, Where);
  std::abort();
}

inline InverseHandler &inverseHandler() {
  static InverseHandler H = defaultInverseHandler;
  return H;
}

/// Installs H (null restores the default); returns the previous handler.
/// When H returns, f_inverse goes on with its best value so far.
inline InverseHandler set_inverse_handler(InverseHandler H) {
  InverseHandler Old = inverseHandler();
  inverseHandler() = H ? H : defaultInverseHandler;
  return Old;
}

TAD_HOST_DEVICE inline void inverse_failed(const char *What, double Value,
                                           const char *Where) {
#ifdef __CUDA_ARCH__
  printf("tad: %s (%g) at %s\n", What, Value, Where);
  __trap();
#else
  inverseHandler()(What, Value, Where);
#endif
}

/// f_inverse of a piecewise step (x = x > t ? phi_hi : phi_lo, both
/// pieces strictly monotone in the direction Dir): whether the images Hi,
/// Lo of the breakpoint t leave the pieces' ranges apart, Dir (Hi - Lo) >=
/// 0, up to rounding (4 eps (|Hi| + |Lo|)): then the new value tells which
/// piece made it.
template <typename T>
TAD_HOST_DEVICE inline bool pieces_apart(T Hi, T Lo, double Dir) {
  T D = Dir > 0 ? Hi - Lo : Lo - Hi;
  return D - D == T(0) &&
         D >= -4 * detail::epsilon<T>() * (std::fabs(Hi) + std::fabs(Lo));
}

/// Whether U, the old value solved from the piece for Side of the
/// breakpoint B (+1 above, -1 below; Closed: B belongs to it), lies there.
/// Where the pieces meet at B (images Hi, Lo equal up to rounding), a U
/// on the other side by rounding counts; where their ranges have a gap, a
/// value in it has no preimage and its U falls on the wrong side.
template <typename T, typename TB>
TAD_HOST_DEVICE inline bool piece_holds(T U, TB Bp, int Side, int Closed, T Hi,
                                        T Lo) {
  T B = static_cast<T>(Bp);
  T D = Side > 0 ? U - B : B - U;
  if (D > 0 || (D == 0 && Closed))
    return true;
  T Tol = 4 * detail::epsilon<T>();
  return std::fabs(Hi - Lo) <= Tol * (std::fabs(Hi) + std::fabs(Lo)) &&
         std::fabs(D) <= Tol * (std::fabs(U) + std::fabs(B));
}

} // namespace tad

#include "tad/monotone.h"

#endif // TAD_INVERSE_H
