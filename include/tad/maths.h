//===- tad/maths.h - special functions generated code calls -----*- C++ -*-===//
//
// The functions tad's derivative rules call that <cmath> does not have.
// tad's output includes this header when it calls one of them:
//
//   tad::digamma(x)  psi(x) = d/dx lgamma(x) = Gamma'(x) / Gamma(x), in the
//                    derivatives of lgamma (psi(x)) and tgamma
//                    (tgamma(x) psi(x)).
//
// digamma is defined for every x but the poles 0, -1, -2, ..., where it
// returns nan (as do the derivatives of lgamma and tgamma there). For
// x > 0 it uses the recurrence psi(x) = psi(x + 1) - 1/x up to x >= 10 and
// then the asymptotic series ln x - 1/(2x) - sum B_2k / (2k x^2k) to the
// x^-14 term (truncation error below 5e-17); for x < 0 the reflection
// psi(x) = psi(1 - x) - pi cot(pi x). For 0 < x < 10 the error is about
// 1e-15 absolute (the recurrence's sum cancels against ln x), a few ulps
// relative beyond; for x < 0 add the error of cot(pi x), which grows near
// the poles.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_MATHS_H
#define TAD_MATHS_H

#include <cmath>

// Under nvcc, host and device functions (derivatives in kernels).
#if defined(__CUDACC__)
#define TAD_MATHS_HOST_DEVICE __host__ __device__
#else
#define TAD_MATHS_HOST_DEVICE
#endif

namespace tad {

/// The digamma function psi(x) = d/dx ln |Gamma(x)|; nan at the poles
/// x = 0, -1, -2, ... and for nan.
TAD_MATHS_HOST_DEVICE inline double digamma(double x) {
  constexpr double Pi = 3.14159265358979323846;
  if (x != x)
    return x;
  double Reflect = 0;
  if (x <= 0) {
    double Floor = std::floor(x);
    if (Floor == x) // a pole (or -inf)
      return static_cast<double>(NAN);
    // cot(pi x) from the fractional part, in (0, 1): pi x itself loses
    // the fraction for large |x|.
    Reflect = -Pi / std::tan(Pi * (x - Floor));
    x = 1 - x;
  }
  double Sum = 0;
  while (x < 10) {
    Sum -= 1 / x;
    x += 1;
  }
  double Inv = 1 / x, Inv2 = Inv * Inv;
  double Series =
      Inv2 *
      (1.0 / 12 -
       Inv2 * (1.0 / 120 -
               Inv2 * (1.0 / 252 -
                       Inv2 * (1.0 / 240 -
                               Inv2 * (1.0 / 132 -
                                       Inv2 * (691.0 / 32760 - Inv2 / 12))))));
  return Reflect + Sum + (std::log(x) - 0.5 * Inv - Series);
}

/// digamma for float arguments (computed in double).
TAD_MATHS_HOST_DEVICE inline float digamma(float x) {
  return static_cast<float>(digamma(static_cast<double>(x)));
}

} // namespace tad

#undef TAD_MATHS_HOST_DEVICE

#endif // TAD_MATHS_H
