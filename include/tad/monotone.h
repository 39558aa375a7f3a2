//===- tad/monotone.h - f_inverse of a strictly monotone step ---*- C++ -*-===//
//
// f_inverse undoes a step x_i <- phi(x_i, x_R) that has no analytic inverse
// (`x = x*x*x + x`, `x = cbrt(x) + x`, `x = x + 0.5 sin(x)`) by solving
// phi(u) = y for u. tad has proved phi strictly monotone in u at compile
// time, in direction Dir (+1 increasing, -1 decreasing), so the solution is
// unique when it exists, and this solver finds it for any such phi:
//
//  1. from the start u = y, expand: the first step is Newton's (or 1e-3
//     max(|u|, 1) where phi' is zero or not finite), each later one at
//     least twice the previous and the square of it beyond 1, towards the
//     solution, until phi - y changes sign: a bracket [lo, hi] (within
//     about 12 steps from 1 to the largest double);
//  2. then Newton steps from the last point, replaced by bisection when
//     they leave the bracket or do not halve the previous step (rtsafe).
//     Bisection halves the bracket in the ordering of the doubles (their
//     bit patterns), so it takes at most 64 steps from any bracket;
//  3. it stops when the Newton step is below 2 eps |u| or the bracket is
//     two adjacent doubles (then the end with the smaller residual).
//
// Where phi is nan (outside its domain: sqrt, log), the expansion steps
// back towards the last point where it was defined. When phi - y keeps its
// sign up to the largest double, y is outside the step's range: the
// solver reports through tad::inverse_failed (tad/inverse.h) and returns
// the last point. A target y that is nan or infinite is returned as it is.
//
// It runs by reverse communication, so that generated code (which has no
// lambdas) evaluates phi and phi' itself, and works in device code:
//
//   tad::MonotoneSolve<double> S(y, 1, "f.cpp:4 (f_inverse)");
//   while (S.more()) { u = S.at(); ... S.put(phi(u), phi'(u)); }
//   x = S.root();
//
//===----------------------------------------------------------------------===//
#ifndef TAD_MONOTONE_H
#define TAD_MONOTONE_H

#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace tad {

template <typename T> class MonotoneSolve {
  using Bits = typename std::conditional<sizeof(T) >= 8, std::int64_t,
                                         std::int32_t>::type;
  using UBits = typename std::make_unsigned<Bits>::type;
  enum State { Seek, Expand, Refine, Done };
  static constexpr int MaxEvals = 400;

  T Y;
  int Dir;
  const char *Where;
  State St = Seek;
  T X; // the point to evaluate next, then the root
  int Evals = 0, Seeks = 0;
  T Lo = 0, Hi = 0, GLo = 0, GHi = 0; // g(Lo) < 0 < g(Hi) once both are set
  T GDLo = 0, GDHi = 0;               // g' there
  bool HaveLo = false, HaveHi = false;
  T Base = 0, Step = 0; // the expansion: from Base by Step towards the root
  UBits Width = 0;      // the bracket's width when the last step was chosen
  bool LastNewton = false;

  TAD_HOST_DEVICE static bool finite(T V) { return V - V == T(0); }
  TAD_HOST_DEVICE static T eps() { return detail::epsilon<T>(); }
  TAD_HOST_DEVICE static T largest() {
    return sizeof(T) >= 8 ? T(1.7976931348623157e308) : T(3.4028234e38);
  }
  TAD_HOST_DEVICE static Bits key(T V) {
    Bits B;
    std::memcpy(&B, &V, sizeof B);
    Bits Mag = B & ~(Bits(1) << (8 * sizeof(Bits) - 1));
    return B < 0 ? -Mag : Mag;
  }
  TAD_HOST_DEVICE static T value(Bits K) {
    Bits B = K < 0 ? (-K | (Bits(1) << (8 * sizeof(Bits) - 1))) : K;
    T V;
    std::memcpy(&V, &B, sizeof V);
    return V;
  }

  /// Reports What; the result is then the best point found.
  TAD_HOST_DEVICE void fail(const char *What) {
    inverse_failed(What, static_cast<double>(Y), Where);
    if (HaveLo || HaveHi)
      X = !HaveHi || (HaveLo && std::fabs(GLo) < std::fabs(GHi)) ? Lo : Hi;
    St = Done;
  }
  TAD_HOST_DEVICE void finish(T Root) {
    X = Root;
    St = Done;
  }
  /// Records X as an end of the bracket by the sign of G.
  TAD_HOST_DEVICE void record(T G, T GD) {
    if (G < 0) {
      Lo = X, GLo = G, GDLo = GD, HaveLo = true;
    } else {
      Hi = X, GHi = G, GDHi = GD, HaveHi = true;
    }
  }
  /// The next point of the expansion from Base (towards +inf when the
  /// bracket lacks its upper end), at least Newton's step N.
  TAD_HOST_DEVICE void expand(T N) {
    T Min = Step == T(0)
                ? T(1e-3) * (std::fabs(Base) > 1 ? std::fabs(Base) : T(1))
            : Step > 1 ? Step * Step
                       : 2 * Step;
    if (Step == T(0) && N > T(0))
      Min = N; // the first step: Newton's where it is usable
    Step = N > Min ? N : Min;
    T S = HaveLo ? T(1) : T(-1);
    if (std::fabs(Base) >= largest())
      return fail("f_inverse: no solution: the value is outside the range "
                  "of the step");
    X = Base + S * Step;
    if (!finite(X))
      X = S * largest();
  }
  /// The bracket's width in the ordering of the doubles.
  TAD_HOST_DEVICE UBits width() const {
    return static_cast<UBits>(key(Hi)) - static_cast<UBits>(key(Lo));
  }
  /// The next point inside the bracket: Newton's from the end with the
  /// smaller residual, or the bisection.
  TAD_HOST_DEVICE void refine() {
    UBits W = width();
    // A Newton step that did not halve the bracket is followed by a
    // bisection (one-sided or linear convergence, as for u^3 near 0).
    bool TryNewton = !LastNewton || W <= Width / 2;
    Width = W;
    LastNewton = false;
    bool FromLo = std::fabs(GLo) < std::fabs(GHi);
    T B = FromLo ? Lo : Hi, G = FromLo ? GLo : GHi, GD = FromLo ? GDLo : GDHi;
    if (TryNewton && finite(G) && finite(GD) && GD > 0) {
      T N = B - G / GD;
      if (N > Lo && N < Hi) {
        if (std::fabs(N - B) <= 2 * eps() * std::fabs(N))
          return finish(N);
        X = N;
        LastNewton = true;
        return;
      }
    }
    if (W <= 1) // adjacent doubles: the closer end
      return finish(B);
    X = value(static_cast<Bits>(static_cast<UBits>(key(Lo)) + W / 2));
  }
  /// The point between the valid Base and the undefined Bad, or false when
  /// they are adjacent (phi is undefined right after Base).
  TAD_HOST_DEVICE bool backOff(T Bad) {
    Bits KB = key(Base), KX = key(Bad);
    UBits W = KX > KB ? static_cast<UBits>(KX) - static_cast<UBits>(KB)
                      : static_cast<UBits>(KB) - static_cast<UBits>(KX);
    if (W <= 1)
      return false;
    X = value(static_cast<Bits>(KX > KB
                                    ? static_cast<UBits>(KB) + W / 2
                                    : static_cast<UBits>(KX) + (W + 1) / 2));
    return true;
  }

public:
  TAD_HOST_DEVICE MonotoneSolve(T Y, int Dir, const char *Where)
      : Y(Y), Dir(Dir < 0 ? -1 : 1), Where(Where), X(Y) {
    if (!finite(Y))
      St = Done;
  }
  TAD_HOST_DEVICE bool more() const { return St != Done; }
  TAD_HOST_DEVICE T at() const { return X; }
  TAD_HOST_DEVICE T root() const { return X; }

  /// phi and phi' at at().
  TAD_HOST_DEVICE void put(T Phi, T DPhi) {
    if (St == Done)
      return;
    if (++Evals > MaxEvals)
      return fail("f_inverse: the solve of the step did not converge");
    T G = Dir * (Phi - Y), GD = Dir * DPhi;
    bool Defined = !(G != G);
    if (Defined && G == T(0))
      return finish(X);
    switch (St) {
    case Seek: // a first point where phi is defined: y, 0, +-1, +-4, ...
      if (!Defined) {
        ++Seeks;
        if (Seeks > 64)
          return fail("f_inverse: the step is not defined (nan) at any point "
                      "tried");
        T M = Seeks == 1 ? T(0) : std::pow(T(4), T((Seeks - 2) / 2));
        X = (Seeks % 2 ? T(1) : T(-1)) * M;
        return;
      }
      record(G, GD);
      St = Expand;
      Base = X;
      Step = 0;
      return expand(finite(G) && finite(GD) && GD > 0 ? std::fabs(G / GD)
                                                      : T(0));
    case Expand:
      if (!Defined) { // past the domain: back towards Base
        if (!backOff(X))
          return fail("f_inverse: no solution: the value is outside the "
                      "range of the step");
        Step = std::fabs(X - Base);
        return;
      }
      record(G, GD);
      if (HaveLo && HaveHi) {
        St = Refine;
        return refine();
      }
      Base = X;
      if (finite(G) && finite(GD) && GD > 0 &&
          std::fabs(G / GD) <= 2 * eps() * std::fabs(X))
        return finish(X - G / GD); // Newton from one side has converged
      return expand(finite(G) && finite(GD) && GD > 0 ? std::fabs(G / GD)
                                                      : T(0));
    case Refine:
      if (!Defined)
        return fail("f_inverse: the step is not defined (nan) inside the "
                    "bracket of its solution");
      record(G, GD);
      return refine();
    case Done:
      return;
    }
  }
};

} // namespace tad

#endif // TAD_MONOTONE_H
