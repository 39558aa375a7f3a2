// Lumps (and steps) over elements at loop offsets of one array: x[i] and
// x[m + i], x[2 * i] and x[2 * i + 1], x[i] and x[2 * m - 1 - i], x[n - 1 -
// i] and x[n - 2 - i]; swaps through a temporary (tad-gen crashed on
// these), rotations of the pair, a nonlinear (contraction) lump, and
// temporaries that read a const array of weights (a valid lump was
// rejected, as if the weights could alias the state). Every mode checked
// by invcheck.h against f_jvp, f_vjp, dense solves and f(f_inverse(y)) = y,
// also under AddressSanitizer and UBSan.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

#define ALL TAD_JVP TAD_VJP TAD_IJVP TAD_IVJP TAD_LOGDET TAD_INVERSE

// A swap of the two halves through a temporary: a permutation (|det| 1).
ALL void swap_halves(double *x, int m) {
  for (int i = 0; i < m; ++i) {
    double t = x[i];
    x[i] = x[m + i];
    x[m + i] = t;
  }
}

// The same, the other half first, with a scaling and a shear.
ALL void swap_scaled(double *x, int m) {
  for (int i = 0; i < m; ++i) {
    double t = x[m + i];
    x[m + i] = 0.5 * x[i];
    x[i] = 2 * t + x[i];
  }
}

// A rotation of each pair (x[i], x[m + i]) by angles from a const array.
ALL void rotate_pairs(double *x, const double *th, int m) {
  for (int i = 0; i < m; ++i) {
    double c = std::cos(th[i]), s = std::sin(th[i]);
    double t = x[i];
    x[i] = c * x[i] - s * x[m + i];
    x[m + i] = s * t + c * x[m + i];
  }
}

// Interleaved pairs (x[2i], x[2i + 1]); after the lump a temporary reads
// the weights and is used twice.
ALL void interleaved(double *x, const double *w, int m) {
  for (int i = 0; i < m; ++i) {
    double t = x[2 * i];
    x[2 * i] = x[2 * i] + w[i] * x[2 * i + 1];
    x[2 * i + 1] = x[2 * i + 1] - 0.5 * t;
    double s = w[m + i] * std::tanh(x[2 * i]);
    x[2 * i + 1] += s;
    x[2 * m] += 0.25 * s;
  }
}

// Mirrored pairs (x[i], x[2m - 1 - i]) for i < m: distinct, as the loop's
// range proves (2m - 1 - 2i >= 1).
ALL void mirror(double *x, int m) {
  for (int i = 0; i < m; ++i) {
    double t = x[i];
    x[i] = 0.6 * x[i] - 0.8 * x[2 * m - 1 - i];
    x[2 * m - 1 - i] = 0.8 * t + 0.6 * x[2 * m - 1 - i];
  }
}

// A nonlinear lump on (x[i], x[m + i]) (a symplectic Euler step of a
// pendulum written with the old position): a contraction for |h| < 1,
// checked at run time.
ALL void coupled(double *x, int m, double h) {
  for (int i = 0; i < m; ++i) {
    double q = x[i];
    x[i] += h * std::tanh(x[m + i]);
    x[m + i] -= h * std::sin(q);
  }
}

// Overlapping pairs from the end: (x[n - 1 - i], x[n - 2 - i]).
ALL void rchain(double *x, int n) {
  for (int i = 0; i < n - 1; ++i) {
    double t = x[n - 1 - i];
    x[n - 1 - i] = x[n - 1 - i] + x[n - 2 - i];
    x[n - 2 - i] = x[n - 2 - i] - 0.5 * t;
  }
}

// Steps at the same offsets, and a weight read through a temporary.
ALL void steps(double *x, const double *w, int m) {
  for (int i = 0; i < m; ++i) {
    double g = w[i] * std::sin(x[i]);
    x[m + i] += g;
    x[2 * m - 1 - i] -= 0.5 * g;
  }
  for (int i = 0; i < m; ++i)
    x[2 * i + 1] = x[2 * i + 1] * std::exp(0.3 * x[2 * i]) + w[i];
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "invcheck.h"
using namespace tad_test;

/// A program on one array of N values with extra arguments: F's are
/// (x, ARGS...), f_jvp's (x, d_x, JARGS...), f_vjp's (x, VARGS...).
#define ONE(P, f, JARGS, ARGS, VARGS)                                          \
  P.Name = #f;                                                                 \
  P.F = [&](Vec &Z) { f(Z.data(), EXPAND ARGS); };                             \
  P.Jvp = [&](Vec &Z, Vec &T) { f##_jvp(Z.data(), T.data(), EXPAND JARGS); };  \
  P.Ijvp = [&](Vec &Z, Vec &T) { f##_ijvp(Z.data(), T.data(), EXPAND ARGS); }; \
  P.Ivjp = [&](Vec &Z, Vec &T) { f##_ivjp(Z.data(), T.data(), EXPAND ARGS); }; \
  P.LogDet = [&](Vec &Z) { return f##_logdet(Z.data(), EXPAND ARGS); };        \
  P.Inverse = [&](Vec &Z) { f##_inverse(Z.data(), EXPAND ARGS); };             \
  P.Vjp = [&](Vec &Z, Vec &C) { f##_vjp(Z.data(), EXPAND VARGS); }
#define EXPAND(...) __VA_ARGS__

int main() {
  std::mt19937 Rng(17);
  for (int M : {1, 2, 3, 5}) {
    Vec Th = randomVec(M, Rng), DTh(M, 0.0), W = randomVec(2 * M, Rng),
        DW(2 * M, 0.0), CT(2 * M, 0.0);
    double H = 0.4, DH = 0, CH = 0;
    {
      InvProgram P;
      P.N = 2 * M;
      ONE(P, swap_halves, (M), (M), (M, C.data()));
      checkInverse(P, randomVec(P.N, Rng));
    }
    {
      InvProgram P;
      P.N = 2 * M;
      ONE(P, swap_scaled, (M), (M), (M, C.data()));
      checkInverse(P, randomVec(P.N, Rng));
    }
    {
      InvProgram P;
      P.N = 2 * M;
      ONE(P, rotate_pairs, (Th.data(), DTh.data(), M), (Th.data(), M),
          (Th.data(), M, C.data(), CT.data()));
      checkInverse(P, randomVec(P.N, Rng));
    }
    {
      InvProgram P;
      P.N = 2 * M + 1;
      ONE(P, interleaved, (W.data(), DW.data(), M), (W.data(), M),
          (W.data(), M, C.data(), CT.data()));
      checkInverse(P, randomVec(P.N, Rng));
    }
    {
      InvProgram P;
      P.N = 2 * M;
      ONE(P, mirror, (M), (M), (M, C.data()));
      checkInverse(P, randomVec(P.N, Rng));
    }
    {
      InvProgram P;
      P.N = 2 * M;
      ONE(P, coupled, (M, H, DH), (M, H), (M, H, C.data(), &CH));
      checkInverse(P, randomVec(P.N, Rng));
    }
    {
      InvProgram P;
      P.N = 2 * M;
      ONE(P, rchain, (2 * M), (2 * M), (2 * M, C.data()));
      checkInverse(P, randomVec(P.N, Rng));
    }
    {
      InvProgram P;
      P.N = 2 * M;
      ONE(P, steps, (W.data(), DW.data(), M), (W.data(), M),
          (W.data(), M, C.data(), CT.data()));
      checkInverse(P, randomVec(P.N, Rng));
    }
  }
  return report();
}
#endif
