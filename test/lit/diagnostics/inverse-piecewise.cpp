// f_inverse of steps that branch on the state (Transforms/Inverse/
// Piecewise.cpp): refused at the statement where tad cannot prove that the
// new value tells which piece made it (IA8). The accepted cases are in
// inverse/piecewise.cpp.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags -ferror-limit=0 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
#include "tad/tad.h"
#include <cmath>

// |x|: both pieces cover [0, inf).
TAD_INVERSE void absolute(double *x) {
  // CHECK: inverse-piecewise.cpp:[[@LINE+1]]:8: error: cannot generate absolute_inverse: 'x[0] = x[0] > 0 ? x[0] : -x[0];' (line [[@LINE+1]]) is not provably injective in x[0] (its pieces 'x[0]' and '-x[0]' change in opposite directions)
  x[0] = x[0] > 0 ? x[0] : -x[0];
}

// Increasing pieces whose ranges overlap: (0, inf) and (-inf, 1].
TAD_INVERSE void overlap(double *x) {
  // CHECK: inverse-piecewise.cpp:[[@LINE+1]]:8: error: cannot generate overlap_inverse: 'x[0] = x[0] > 0 ? x[0] : x[0] + 1;' (line [[@LINE+1]]) is not injective in x[0] (the ranges of its pieces overlap: at the breakpoint 0, 'x[0]' is 0 and 'x[0] + 1' is 1)
  x[0] = x[0] > 0 ? x[0] : x[0] + 1;
}

// The condition is not the slot against a breakpoint.
TAD_INVERSE void squared(double *x) {
  // CHECK: inverse-piecewise.cpp:[[@LINE+1]]:8: error: cannot generate squared_inverse: 'x[0] = x[0] * x[0] > 1 ? 2 * x[0] : x[0];' (line [[@LINE+1]]) is not provably injective in x[0] (it branches on 'x[0] * x[0] > 1', which is not a comparison of x[0] with a value that does not depend on it)
  x[0] = x[0] * x[0] > 1 ? 2 * x[0] : x[0];
}

// A piece that is not monotone, and one that is constant (a ReLU).
TAD_INVERSE void wave(double *x) {
  // CHECK: inverse-piecewise.cpp:[[@LINE+1]]:8: error: cannot generate wave_inverse: 'x[0] = x[0] > 0 ? x[0] : std::cos(x[0]);' (line [[@LINE+1]]) is not provably injective in x[0] (its piece 'std::cos(x[0])' below the breakpoint 0 is not provably monotone: 'std::cos(x[0])' is not monotone)
  x[0] = x[0] > 0 ? x[0] : std::cos(x[0]);
}
TAD_INVERSE void relu(double *x) {
  // CHECK: inverse-piecewise.cpp:[[@LINE+1]]:8: error: cannot generate relu_inverse: 'x[0] = x[0] > 0 ? x[0] : 0.0;' (line [[@LINE+1]]) is not injective in x[0] (its piece '0.0' below the breakpoint 0 does not depend on x[0])
  x[0] = x[0] > 0 ? x[0] : 0.0;
}

// An `if` on the state whose arms change what it reads (and are more than
// one assignment to one slot).
TAD_INVERSE void both(double *x) {
  // CHECK: inverse-piecewise.cpp:[[@LINE+1]]:3: error: cannot generate both_inverse: the branch condition reads the state, which the inverse sweep does not know at this point
  if (x[0] > 0) {
    x[0] *= 2;
    x[1] += x[0];
  }
}
