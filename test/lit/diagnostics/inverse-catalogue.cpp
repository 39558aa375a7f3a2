// f_inverse and the inverse modes: loops that cannot run backwards, a
// dense fallback named by a non-integer, indices a lump cannot tell apart,
// steps not provably injective, each with the reason tad gives
// (docs/errors.md, "Inverse accumulation").
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags -ferror-limit=0 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
#include "tad/tad.h"
#include <cmath>

// A loop with a stride downwards (upwards: inverse/indices.cpp), and a
// while loop.
TAD_INVERSE void strided(double *x, int n) {
  // CHECK: inverse-catalogue.cpp:[[@LINE+1]]:3: error: cannot generate strided_inverse: only counted for loops (for (int i = a; i < b; ++i), or upwards by a stride: i += s) can be run backwards
  for (int i = n; i > 0; i -= 2)
    x[0] *= 2;
}
TAD_INVERSE void until(double *x, int n) {
  int k = 0;
  // CHECK: inverse-catalogue.cpp:[[@LINE+1]]:3: error: cannot generate until_inverse: this statement cannot be run backwards (use counted for loops)
  while (k < n) {
    x[0] *= 2;
    ++k;
  }
}

// TAD_DENSE names the state's length: an integer expression of the
// integer parameters and literals (inverse/dense.cpp), reported once for
// the function, not once per mode.
// CHECK: inverse-catalogue.cpp:[[@LINE+1]]:1: error: 'tad::dense' names the length of each state array of 'dense_double': an integer expression of its integer parameters and literals, not 'm' ('m' is not an integer parameter)
TAD_DENSE(m) TAD_IJVP TAD_IVJP void dense_double(double *x, double m) {
  x[0] = x[0] * x[1];
}
// CHECK: inverse-catalogue.cpp:[[@LINE+1]]:1: error: 'tad::dense' names the length of each state array of 'dense_unknown': an integer expression of its integer parameters and literals, not '2 * k' ('k' is not a parameter of 'dense_unknown')
TAD_DENSE(2 * k) TAD_IJVP void dense_unknown(double *x, int n) {
  x[0] = x[0] * x[n];
}
// CHECK: inverse-catalogue.cpp:[[@LINE+1]]:1: error: 'tad::dense' names the length of each state array of 'dense_real': an integer expression of its integer parameters and literals, not 'n / 2.5' ('.' cannot appear in one)
TAD_DENSE(n / 2.5) TAD_IJVP void dense_real(double *x, int n) {
  x[0] = x[0] * x[n];
}
// CHECK: inverse-catalogue.cpp:[[@LINE+1]]:3: error: 'tad::dense' names the length of each state array of 'dense_open': an integer expression of its integer parameters and literals, not '2 * (n + 1' (a ')' is missing)
[[clang::annotate("tad::dense", "2 * (n + 1")]] TAD_IJVP void
dense_open(double *x, int n) {
  x[0] = x[0] * x[n];
}
// CHECK: inverse-catalogue.cpp:[[@LINE+1]]:1: error: 'tad::dense' names the length of each state array of 'dense_short': an integer expression of its integer parameters and literals, not 'n *' (it ends where a value is expected)
TAD_DENSE(n *) TAD_IJVP void dense_short(double *x, int n) {
  x[0] = x[0] * x[n];
}

// A swap through a temporary with indices that may be equal.
TAD_IJVP void swap_add(double *x, int i, int j) {
  double t = x[i];
  // CHECK: inverse-catalogue.cpp:[[@LINE+1]]:10: error: cannot prove 'x[i]' and 'x[j]' are distinct in the statements at lines {{[0-9]+}}-{{[0-9]+}}, which couple state values (a lump)
  x[i] = x[j] + t;
  x[j] = t;
}

// Steps in one value that tad cannot prove injective: its linear part
// opposes a monotone term; a slope that does not dominate.
// CHECK: inverse-catalogue.cpp:[[@LINE+1]]:42: error: cannot generate cubic_inverse: 'x[0] = x[0] * x[0] * x[0] - x[0];' (line [[@LINE+1]]) is not provably injective in x[0] (its linear part in x[0] opposes 'x[0] * x[0] * x[0]')
TAD_INVERSE void cubic(double *x) { x[0] = x[0] * x[0] * x[0] - x[0]; }
// CHECK: inverse-catalogue.cpp:[[@LINE+1]]:43: error: cannot generate growth_inverse: 'x[0] = std::exp(x[0]) - x[0] * 5;' (line [[@LINE+1]]) is not provably injective in x[0] (its linear part in x[0] opposes 'std::exp(x[0])')
TAD_INVERSE void growth(double *x) { x[0] = std::exp(x[0]) - x[0] * 5; }
// CHECK: inverse-catalogue.cpp:[[@LINE+1]]:43: error: cannot generate wobble_inverse: 'x[0] = x[0] - std::sin(x[0]) * 3;' (line [[@LINE+1]]) is not provably injective in x[0] (the slope of its linear part in x[0] (1) does not exceed the bound 3 on the slope of 'std::sin(x[0])', and 'std::sin(x[0])' is not monotone)
TAD_INVERSE void wobble(double *x) { x[0] = x[0] - std::sin(x[0]) * 3; }

// Two monotone terms that pull in opposite directions.
// CHECK: inverse-catalogue.cpp:[[@LINE+1]]:40: error: cannot generate tug_inverse: 'x[0] = std::exp(x[0]) - std::atan(x[0]);' (line [[@LINE+1]]) is not provably injective in x[0] ('std::exp(x[0])' and 'std::atan(x[0])' change in opposite directions)
TAD_INVERSE void tug(double *x) { x[0] = std::exp(x[0]) - std::atan(x[0]); }

// A rotation-like lump whose first value does not keep its old value.
TAD_INVERSE void shuffle(double *x) {
  // CHECK: inverse-catalogue.cpp:[[@LINE+1]]:10: error: cannot generate shuffle_inverse: the statements at lines {{[0-9]+}}-{{[0-9]+}} (a lump of width 2) are not provably injective (its new value 0 is not the old one plus a perturbation of bounded slope)
  double t = x[0];
  x[0] = std::sin(t) + x[1];
  x[1] = t;
}

// An index computed from state that changes after it in its block: the
// inverse sweep would recompute it from the state the block leaves (the
// generated f_inverse undid x[p] at the wrong p). f_ijvp tapes it.
TAD_IJVP TAD_INVERSE void indexed(double *x, double *y, int n) {
  for (int k = 0; k < n; ++k) {
    // CHECK: inverse-catalogue.cpp:[[@LINE+1]]:9: error: cannot generate indexed_inverse: 'p' is computed from state that the statements after it in its block change, and the inverse sweep recomputes it where the block ends
    int p = int(std::fabs(y[0])) % n;
    y[0] += 1.0;
    x[p] *= 2;
  }
}

// CHECK: 14 errors generated.
