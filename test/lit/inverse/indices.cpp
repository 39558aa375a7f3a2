// Index distinctness (Analysis/Equasive.cpp overlap) through local ints,
// branch conditions on counters and strided loops, in every mode: steps
// whose slots tad proves distinct from the locations they read only with
// the facts of an enclosing `if (j != i)` / `if (j < i)` (refused before
// as "cannot prove 'x[i]' and 'x[j]' are distinct"), an int local assigned
// in the loop (f_inverse refused `p = 2 * k;` as a statement it cannot
// undo) and a stride-2 loop in f_inverse (refused: "only counted for
// loops"). Checked by invcheck.h (round trips through f_jvp, dense solves
// and log-determinants, f(f^-1(y)) = y) at several sizes, under sanitizers.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error: --implicit-check-not=warning:
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang | FileCheck %s --check-prefix=OUT
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc | FileCheck %s --check-prefix=OUT
#include "tad/tad.h"
#include <cmath>

#define ALL TAD_JVP TAD_IJVP TAD_IVJP TAD_LOGDET TAD_INVERSE

// A staggered grid: positions at even slots from off, momenta after them,
// through local ints assigned once.
ALL void stagger(double *x, int m, int off) {
  for (int k = 0; k < m; ++k) {
    int p = 2 * k + off;
    int q = p + 1;
    x[q] -= 0.3 * std::sin(x[p]);
    x[p] += 0.5 * std::tanh(x[q]);
  }
}
// The same with the index local declared outside the loop and assigned in
// it.
ALL void restagger(double *x, int m) {
  int p;
  for (int k = 0; k < m; ++k) {
    p = 2 * k;
    x[p + 1] -= 0.3 * std::sin(x[p]);
    x[p] *= std::exp(0.2 * std::cos(x[p + 1]));
  }
}
// Pairwise interactions, j != i.
ALL void pairs(double *x, int n) {
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (j != i)
        x[i] += 0.05 * std::sin(x[j] - 0.3 * j);
}
// A lower-triangular recurrence written as a rectangular nest with a
// guard; the else arm of `i == j` knows j != i.
ALL void lower(double *x, int n) {
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (j < i)
        x[i] += 0.2 * std::tanh(x[j]);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      if (i == j)
        x[i] *= 1.5;
      else
        x[i] += 0.01 * x[j] * x[j];
    }
}
// Conjunctions, and the last slot against those before it.
ALL void band(double *x, int n) {
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (j > i && j < i + 3)
        x[i] += 0.1 * std::sin(x[j]);
  for (int j = 0; j < n; ++j)
    if (!(j >= n - 1))
      x[n - 1] += 0.1 * x[j];
}
// A stride-2 loop, and a stride-2 counter against the second half.
ALL void stride(double *x, int n) {
  for (int i = 0; i + 1 < n; i += 2)
    x[i + 1] += std::sin(x[i]);
  for (int i = 0; i < n; i += 2)
    x[n + i] += 0.5 * std::sin(x[i]);
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "invcheck.h"
using namespace tad_test;

#define BODY(f, ARGS, JARGS)                                                   \
  P.F = [=](Vec &Z) { f(Z.data() ARGS); };                                     \
  P.Jvp = [=](Vec &Z, Vec &T) { f##_jvp(Z.data(), T.data() JARGS); };          \
  P.Ijvp = [=](Vec &Z, Vec &T) { f##_ijvp(Z.data(), T.data() ARGS); };         \
  P.Ivjp = [=](Vec &Z, Vec &T) { f##_ivjp(Z.data(), T.data() ARGS); };         \
  P.LogDet = [=](Vec &Z) { return f##_logdet(Z.data() ARGS); };                \
  P.Inverse = [=](Vec &Z) { f##_inverse(Z.data() ARGS); };
#define COMMA ,

InvProgram named(const std::string &Name, size_t N) {
  InvProgram P;
  P.Name = Name + " (" + std::to_string(N) + " values)";
  P.N = N;
  return P;
}

int main() {
  std::mt19937 Rng(11);
  for (int M : {1, 2, 5}) {
    for (int Off : {0, 1, 3}) {
      InvProgram P = named("stagger off = " + std::to_string(Off), 2 * M + Off);
      BODY(stagger, COMMA M COMMA Off, COMMA M COMMA Off)
      checkInverse(P, randomVec(P.N, Rng));
    }
    InvProgram P = named("restagger", 2 * M);
    BODY(restagger, COMMA M, COMMA M)
    checkInverse(P, randomVec(P.N, Rng));
  }
  for (int N : {1, 2, 4, 7}) {
    {
      InvProgram P = named("pairs", N);
      BODY(pairs, COMMA N, COMMA N)
      checkInverse(P, randomVec(N, Rng));
    }
    {
      InvProgram P = named("lower", N);
      BODY(lower, COMMA N, COMMA N)
      checkInverse(P, randomVec(N, Rng));
    }
    {
      InvProgram P = named("band", N);
      BODY(band, COMMA N, COMMA N)
      checkInverse(P, randomVec(N, Rng));
    }
    {
      InvProgram P = named("stride", 2 * N);
      BODY(stride, COMMA N, COMMA N)
      checkInverse(P, randomVec(2 * N, Rng));
    }
  }
  // OUT: {{[0-9]+}} checks, 0 failed
  return report();
}
#endif
