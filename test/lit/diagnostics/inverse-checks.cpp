// THEORY.md 1.4.6: the compile-time checks of inverse accumulation, each an
// error (or warning) at the statement that causes it, with the fix where
// there is one.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags -ferror-limit=0 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
#include "tad/tad.h"
#include <cmath>

// IA1: an active result besides the state: not square.
// CHECK: inverse-checks.cpp:[[@LINE+1]]:17: error: 'ia1' is marked for inverse accumulation but returns an active value besides its in-place state; its Jacobian is not square (return void and update the state in place)
TAD_IJVP double ia1(double *x) {
  x[0] *= 2;
  return x[0] + x[1];
}

// IA2: a state array the function never reads.
// CHECK: inverse-checks.cpp:[[@LINE+1]]:64: error: active input 'y' of 'ia2' never influences an output: the Jacobian has a zero column and is singular
TAD_IVJP void ia2(double *__restrict__ x, double *__restrict__ y) {
  x[0] += 1;
  // CHECK: inverse-checks.cpp:[[@LINE+1]]:8: error: 'y[0] = std::sin(x[0]);' overwrites active 'y[0]' without using its old value (pivot d y[0]'/d y[0] = 0); the step is singular. Did you mean 'y[0] += std::sin(x[0]);'?
  y[0] = std::sin(x[0]);
}

// IA4: an overwrite that does not read the old value.
TAD_IJVP TAD_LOGDET void ia4(double *x) {
  x[0] += x[1];
  // CHECK: inverse-checks.cpp:[[@LINE+1]]:8: error: 'x[1] = std::sin(x[0]);' overwrites active 'x[1]' without using its old value (pivot d x[1]'/d x[1] = 0); the step is singular. Did you mean 'x[1] += std::sin(x[0]);'?
  x[1] = std::sin(x[0]);
}

// IA4: a scaling by zero.
TAD_IVJP void ia4_zero(double *x) {
  // CHECK: inverse-checks.cpp:[[@LINE+1]]:8: error: 'x[0] *= 0;' overwrites active 'x[0]' without using its old value (pivot d x[0]'/d x[0] = 0); the step is singular
  x[0] *= 0;
}

// IA6: indices that may be equal.
TAD_IJVP void ia6(double *x, int i, int j) {
  // CHECK: inverse-checks.cpp:[[@LINE+2]]:8: error: cannot prove 'x[i]' and 'x[j]' are distinct in 'x[i] += std::sin(x[j]);' (line [[@LINE+2]]); pivot would be 1 + g'(x[i]) when they are the same element
  // CHECK: inverse-checks.cpp:[[@LINE+1]]:8: note: use constant or affine indices that differ by a constant, or distinct arrays
  x[i] += std::sin(x[j]);
}

// IA6: a branch's condition holds in its arm only (inverse/indices.cpp has
// the arms), and not where the arm changes what it reads.
TAD_IJVP TAD_INVERSE void ia6_guard(double *x, int n) {
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      if (j != i)
        x[i] += 0.1 * x[j];
      // CHECK: inverse-checks.cpp:[[@LINE+2]]:12: error: cannot prove 'x[i]' and 'x[j]' are distinct in 'x[i] += 0.2 * x[j];' (line [[@LINE+2]]); pivot would be 1 + g'(x[i]) when they are the same element
      // CHECK: note: use constant or affine
      x[i] += 0.2 * x[j];
    }
  for (int i = 0; i < n; ++i) {
    int k = 0;
    if (k != i) {
      k = i;
      // CHECK: inverse-checks.cpp:[[@LINE+2]]:12: error: cannot prove 'x[i]' and 'x[k]' are distinct in 'x[i] += 0.3 * x[k];' (line [[@LINE+2]]); pivot would be 1 + g'(x[i]) when they are the same element
      // CHECK: note: use constant or affine
      x[i] += 0.3 * x[k];
    }
  }
}

// IA6: affine indices in a loop that can coincide (i and n - i).
TAD_IJVP void ia6_affine(double *x, int n) {
  for (int i = 1; i < n; ++i)
    // CHECK: inverse-checks.cpp:[[@LINE+2]]:10: error: cannot prove 'x[i]' and 'x[n - i]' are distinct in 'x[i] += 0.5 * x[n - i];' (line [[@LINE+2]]); pivot would be 1 + g'(x[i]) when they are the same element
    // CHECK: note: use constant or affine
    x[i] += 0.5 * x[n - i];
}

// IA7: a pivot known only at run time gets a run-time check.
TAD_IJVP void ia7(double *x, double w) {
  // CHECK: inverse-checks.cpp:[[@LINE+1]]:8: warning: pivot of 'x[0] *= w;' is 'w'; a run-time check w != 0 is inserted in the inverse modes
  x[0] *= w;
  // CHECK: inverse-checks.cpp:[[@LINE+1]]:8: warning: pivot of 'x[1] = x[1] * x[0] + 1;' is 'x[0]'; a run-time check x[0] != 0 is inserted in the inverse modes
  x[1] = x[1] * x[0] + 1;
}

// IA8: f_inverse of a step that is not injective in its slot.
TAD_INVERSE void ia8_sin(double *x) {
  // CHECK: inverse-checks.cpp:[[@LINE+1]]:8: error: cannot generate ia8_sin_inverse: 'x[0] = std::sin(x[0]);' (line [[@LINE+1]]) is not provably injective in x[0] ('std::sin(x[0])' is not monotone)
  x[0] = std::sin(x[0]);
}

// IA8: whatever tad cannot prove strictly monotone in the slot (even
// powers, products with the slot, functions that are not monotone, terms
// of opposite directions; x + sin(x) is injective, but its slope 1 + cos(x)
// is not bounded away from 0) is refused, each at its statement (the
// inverse sweep meets them last first).
TAD_INVERSE void ia8_forms(double *x) {
  // CHECK-DAG: inverse-checks.cpp:[[@LINE+1]]:8: error: cannot generate ia8_forms_inverse: 'x[0] = x[0] * x[0];' (line [[@LINE+1]]) is not provably injective in x[0] ('x[0] * x[0]' is an even power of 'x[0]')
  x[0] = x[0] * x[0];
  // CHECK-DAG: [[@LINE+1]]:8: error: {{.*}} is not provably injective in x[1] ('std::pow(x[1], 2)' is an even power of 'x[1]')
  x[1] = std::pow(x[1], 2) + 1;
  // CHECK-DAG: [[@LINE+1]]:8: error: {{.*}} is not provably injective in x[2] ('x[2] * x[2] * x[2] * x[2]' is an even power of 'x[2]')
  x[2] = x[2] * x[2] * x[2] * x[2];
  // CHECK-DAG: [[@LINE+1]]:8: error: {{.*}} is not provably injective in x[3] ('std::fabs(x[3])' is not monotone)
  x[3] = std::fabs(x[3]) + 0.1 * x[4];
  // CHECK-DAG: [[@LINE+1]]:8: error: {{.*}} is not provably injective in x[4] ('std::cosh(x[4])' is not monotone)
  x[4] = std::cosh(x[4]);
  // CHECK-DAG: [[@LINE+1]]:8: error: {{.*}} is not provably injective in x[5] ('x[5] * x[5]' is an even power of 'x[5]')
  x[5] = x[5] * x[5] + 3;
  // CHECK-DAG: [[@LINE+1]]:8: error: {{.*}} is not provably injective in x[6] (the slope of its linear part in x[6] (1) does not exceed the bound 1 on the slope of 'std::sin(x[6])', and 'std::sin(x[6])' is not monotone)
  x[6] = x[6] + std::sin(x[6]);
  // CHECK-DAG: [[@LINE+1]]:8: error: cannot generate ia8_forms_inverse: 'x[7] *= x[7];' (line [[@LINE+1]]) is not provably injective in x[7] ('x[7] * x[7]' is an even power of 'x[7]')
  x[7] *= x[7];
  // CHECK-DAG: [[@LINE+1]]:8: error: {{.*}} is not provably injective in x[8] ('x[8] * x[8]' is an even power of 'x[8]')
  x[8] += x[8] * x[8];
  // CHECK-DAG: [[@LINE+1]]:8: error: {{.*}} is not provably injective in x[9] ('x[9] * std::exp(x[9])' is a product of factors that depend on x[9])
  x[9] = x[9] * std::exp(x[9]);
  // CHECK-DAG: [[@LINE+1]]:9: error: {{.*}} is not provably injective in x[10] (its linear part in x[10] opposes 'x[10] * x[10] * x[10]')
  x[10] = x[10] * x[10] * x[10] - x[10];
  // CHECK-DAG: [[@LINE+1]]:9: error: {{.*}} is not provably injective in x[11] ('std::pow(x[11], -1)' has a pole)
  x[11] = std::pow(x[11], -1) + 2 * x[11];
  // CHECK-DAG: [[@LINE+1]]:9: error: {{.*}} is not provably injective in x[12] ('std::sin(x[12])' is not monotone)
  x[12] = std::sin(x[12]) + std::cos(x[12]);
}

// IA8: a monotone term whose coefficient's sign is known at run time only.
TAD_INVERSE void ia8_sign(double *x, double w) {
  // CHECK: inverse-checks.cpp:[[@LINE+1]]:8: error: cannot generate ia8_sign_inverse: 'x[0] = w * x[0] * x[0] * x[0] + x[0];' (line [[@LINE+1]]) is not provably injective in x[0] (the sign of 'w' in 'w * x[0] * x[0] * x[0]' is not known at compile time)
  x[0] = w * x[0] * x[0] * x[0] + x[0];
}

// IA8: nonlinear lumps that are neither affine nor a contraction of the
// identity: an unbounded slope (the complex square z^2 maps z and -z to
// the same value), a perturbation too steep.
TAD_INVERSE void ia8_lump(double *x) {
  // CHECK: inverse-checks.cpp:[[@LINE+1]]:10: error: cannot generate ia8_lump_inverse: the statements at lines [[@LINE+1]]-[[@LINE+3]] (a lump of width 2) are not provably injective (the slope of '0.1 * (x[0] + 0.3 * std::tanh(x[1])) * (x[0] + 0.3 * std::tanh(x[1]))' is unbounded)
  double u = x[0];
  x[0] = x[0] + 0.3 * std::tanh(x[1]);
  x[1] = x[1] + 0.2 * std::sin(u) + 0.1 * x[0] * x[0];
}
TAD_INVERSE void ia8_square(double *x) {
  // CHECK: inverse-checks.cpp:[[@LINE+1]]:10: error: cannot generate ia8_square_inverse: the statements at lines [[@LINE+1]]-[[@LINE+3]] (a lump of width 2) are not provably injective (the slope of 'x[0] * x[0]' is unbounded)
  double t = x[0];
  x[0] = x[0] * x[0] - x[1] * x[1];
  x[1] = 2 * t * x[1];
}
TAD_INVERSE void ia8_steep(double *x) {
  // CHECK: inverse-checks.cpp:[[@LINE+1]]:10: error: cannot generate ia8_steep_inverse: the statements at lines [[@LINE+1]]-[[@LINE+3]] (a lump of width 2) are not provably injective (the bound 2 on the slope of its nonlinear part, relative to the slope in the value each statement updates, is not below 1)
  double u = x[0];
  x[0] += 2 * std::sin(x[1]);
  x[1] += std::sin(u);
}

// IA8: a branch on the state whose arms change what it reads cannot be
// replayed by f_inverse (one assignment to the slot it reads is a
// piecewise step: inverse/piecewise.cpp).
TAD_INVERSE void ia8_branch(double *x) {
  // CHECK: inverse-checks.cpp:[[@LINE+1]]:3: error: cannot generate ia8_branch_inverse: the branch condition reads the state, which the inverse sweep does not know at this point
  if (x[0] > 0) {
    x[0] += 1;
    x[0] *= 2;
  }
}

// Lumps (statements coupling state values through temporaries) are
// inverted as blocks, but only straight-line ones.
TAD_IJVP void lump_branch(double *x, double c) {
  double t = x[0];
  x[0] = c * x[0] - x[1];
  // CHECK: inverse-checks.cpp:[[@LINE+1]]:3: error: the statements at lines [[@LINE-2]]-[[@LINE+1]] couple state values through temporaries (a lump); tad inverts lumps made of temporaries assigned once and assignments to the state, without control flow, and this statement is neither
  if (c > 0)
    x[1] += t;
}

// IA3: a contractive bottleneck (THEORY.md 1.4.6's example).
TAD_IJVP void ia3(double *x) {
  // CHECK: inverse-checks.cpp:[[@LINE+1]]:10: error: after 's = x[0] + x[1];' (line [[@LINE+1]]) only 1 of 2 active values remain live ('x[0]' and 'x[1]' die here): 'ia3' is not invertible (Jacobian rank <= 1)
  double s = x[0] + x[1];
  x[0] = s;
  x[1] = s;
}

// IA5: a lump wider than 8.
TAD_IVJP void wide(double *x) {
  // CHECK: inverse-checks.cpp:[[@LINE+1]]:10: warning: statements at lines [[@LINE+1]]-[[@LINE+10]] couple 9 state variables (lump width 9 > 8); inverse modes will factor a 9x9 matrix per evaluation
  double t = x[0];
  x[0] += x[1];
  x[1] += x[2];
  x[2] += x[3];
  x[3] += x[4];
  x[4] += x[5];
  x[5] += x[6];
  x[6] += x[7];
  x[7] += x[8];
  x[8] += t;
}

// A temporary is forwarded into its uses: what it reads must not change.
TAD_IJVP void changed(double *x, double c) {
  // CHECK: inverse-checks.cpp:[[@LINE+3]]:5: error: 'c' is assigned while the temporary 't', which reads it, is still to be used: tad forwards temporaries into their uses and needs what they read unchanged until then
  // CHECK: inverse-checks.cpp:[[@LINE+1]]:10: note: 't' is declared here
  double t = x[0] * c;
  c = 2;
  x[1] += t;
}

// A scalar callee with more than a return statement is not inlined.
double twice(double a) {
  double t = 2 * a;
  return t;
}
TAD_IVJP void callee(double *x) {
  // CHECK: inverse-checks.cpp:[[@LINE+1]]:11: error: tad cannot read this statement as steps on the state: it calls a function whose body is not a single 'return' statement (inverse accumulation inlines scalar functions of that form only)
  x[0] += twice(x[1]);
}
// CHECK: errors generated.
