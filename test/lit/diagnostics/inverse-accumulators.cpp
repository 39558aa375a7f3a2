// Accumulators the stepwise inverse modes cannot take (the accepted ones:
// test/lit/inverse/accumulators.cpp), each an error at the statement that
// causes it with a note at the accumulator's declaration, and local arrays.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags -ferror-limit=0 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning: --implicit-check-not=note:
#include "tad/tad.h"
#include <cmath>

// A factor applied to the sum: fold it into the step (x[0] += 0.5 * s).
TAD_IJVP void scaled(double *x, int n) {
  double s = 0;
  for (int k = 1; k < n; ++k)
    s += x[k];
  // CHECK: inverse-accumulators.cpp:[[@LINE+2]]:5: error: 's *= 0.5;' updates the accumulator 's' other than by adding or subtracting a value that does not read it; inverse accumulation takes an accumulator built by += and -= in loops and branches, then read by one step (TAD_DENSE(n) gives f_ijvp, f_ivjp and f_logdet for any square function)
  // CHECK: inverse-accumulators.cpp:[[@LINE-4]]:10: note: 's' is declared here
  s *= 0.5;
  x[0] += s;
}

// One sum read by two steps.
TAD_IJVP void twice(double *x, int n) {
  double s = 0;
  for (int k = 2; k < n; ++k)
    s += std::sin(x[k]);
  // CHECK: inverse-accumulators.cpp:[[@LINE+2]]:8: error: 's' is read here and again at line [[@LINE+3]]; inverse accumulation takes an accumulator
  // CHECK: inverse-accumulators.cpp:[[@LINE-4]]:10: note: 's' is declared here
  x[0] += s;
  x[1] += s;
}

// A sum nothing reads.
TAD_IJVP void unread(double *x, int n) {
  // CHECK: inverse-accumulators.cpp:[[@LINE+2]]:10: error: the accumulator 's' is not read after its updates; inverse accumulation takes an accumulator
  // CHECK: inverse-accumulators.cpp:[[@LINE+1]]:10: note: 's' is declared here
  double s = 0;
  for (int k = 1; k < n; ++k)
    s += x[k];
  x[0] *= 2;
}

// A hidden layer: an accumulator built from another.
TAD_IJVP void hidden(double *x, const double *W, int n, int h) {
  for (int i = h; i < n; ++i) {
    double s = 0;
    for (int j = 0; j < h; ++j) {
      double a = 0;
      for (int k = 0; k < h; ++k)
        a += W[j * h + k] * x[k];
      // CHECK: inverse-accumulators.cpp:[[@LINE+2]]:9: error: the accumulator 'a' is read by 's += std::tanh(a);', which builds another accumulator: an accumulator built from another (a hidden layer) is not supported yet; inverse accumulation takes
      // CHECK: inverse-accumulators.cpp:[[@LINE-4]]:14: note: 'a' is declared here
      s += std::tanh(a);
    }
    x[i] += s;
  }
}

// A sum read by a condition.
TAD_IJVP void branch(double *x, int n) {
  double s = 0;
  for (int k = 1; k < n; ++k)
    s += x[k];
  // CHECK: inverse-accumulators.cpp:[[@LINE+2]]:3: error: the accumulator 's' is read here by a statement that is not an assignment to the state; inverse accumulation takes
  // CHECK: inverse-accumulators.cpp:[[@LINE-4]]:10: note: 's' is declared here
  if (s > 0)
    x[0] += 1;
}

// Updated again after its step.
TAD_IJVP void after(double *x, int n) {
  double s = 0;
  for (int k = 2; k < n; ++k)
    s += x[k];
  x[0] += s;
  // CHECK: inverse-accumulators.cpp:[[@LINE+2]]:5: error: the accumulator 's' is updated after the step that reads it (line [[@LINE-1]]); inverse accumulation takes
  // CHECK: inverse-accumulators.cpp:[[@LINE-5]]:10: note: 's' is declared here
  s += x[1];
}

// The state changes between the sum and its step.
TAD_IJVP void between(double *x, int n) {
  double s = 0;
  for (int k = 1; k < n; ++k)
    s += x[k];
  // CHECK: inverse-accumulators.cpp:[[@LINE+2]]:8: error: 'x[1] *= 2;' writes the state between the declaration of the accumulator 's' and the step that reads it (line [[@LINE+3]]); inverse accumulation takes
  // CHECK: inverse-accumulators.cpp:[[@LINE-4]]:10: note: 's' is declared here
  x[1] *= 2;
  x[0] += s;
}

// A weight that changes while the sum is built cannot be recomputed.
TAD_IJVP void moving(double *x, int n) {
  double c = 1;
  double s = 0;
  for (int k = 1; k < n; ++k) {
    c *= 2;
    // CHECK: inverse-accumulators.cpp:[[@LINE+2]]:7: error: 's += c * x[k];' reads 'c', which changes while the accumulator 's' is built: tad recomputes an accumulator at its step and needs what it reads unchanged until then; inverse accumulation takes
    // CHECK: inverse-accumulators.cpp:[[@LINE-4]]:10: note: 's' is declared here
    s += c * x[k];
  }
  x[0] += s;
}

// The sum reads the slot its step writes.
TAD_IJVP void self(double *x, int n) {
  for (int i = 0; i < n; ++i) {
    double s = 0;
    for (int k = 0; k < n; ++k)
      // CHECK: inverse-accumulators.cpp:[[@LINE+2]]:9: error: cannot prove 'x[i]', which the step (line [[@LINE+3]]) writes, and 'x[k]', which the accumulator 's' reads, are distinct (the step's pivot would be 1 + ds/dx[i] when they are the same element); inverse accumulation takes
      // CHECK: inverse-accumulators.cpp:[[@LINE-3]]:12: note: 's' is declared here
      s += std::sin(x[k]);
    x[i] += s;
  }
}

// A condition of the sum reads the slot its step writes (f_inverse would
// recompute the sum with the slot's new value).
TAD_IJVP TAD_INVERSE void gate(double *x, int n, int h) {
  for (int i = h; i < n; ++i) {
    double s = 0;
    for (int k = 0; k < h; ++k)
      // CHECK: inverse-accumulators.cpp:[[@LINE+2]]:7: error: cannot prove 'x[i]', which the step (line [[@LINE+4]]) writes, and 'x[i]', which the accumulator 's' reads, are distinct
      // CHECK: inverse-accumulators.cpp:[[@LINE-3]]:12: note: 's' is declared here
      if (x[i] > 0)
        s += std::sin(x[k]);
    x[i] += s;
  }
}

// A while loop builds the sum.
TAD_IJVP void loop(double *x, int n) {
  double s = 0;
  int k = 1;
  // CHECK: inverse-accumulators.cpp:[[@LINE+2]]:3: error: the accumulator 's' is updated in a loop other than a counted for loop (one without break, continue or return); inverse accumulation takes
  // CHECK: inverse-accumulators.cpp:[[@LINE-3]]:10: note: 's' is declared here
  while (k < n) {
    s += x[k];
    ++k;
  }
  x[0] += s;
}

// A break in the loop that builds the sum.
TAD_IJVP void early(double *x, int n) {
  double s = 0;
  // CHECK: inverse-accumulators.cpp:[[@LINE+2]]:3: error: the accumulator 's' is updated in a loop other than a counted for loop (one without break, continue or return); inverse accumulation takes
  // CHECK: inverse-accumulators.cpp:[[@LINE-2]]:10: note: 's' is declared here
  for (int k = 1; k < n; ++k) {
    if (x[k] > 2)
      break;
    s += x[k];
  }
  x[0] += s;
}

// A condition on a count that changes while the sum is built.
TAD_IJVP void counted(double *x, int n) {
  double s = 0;
  int m = 0;
  for (int k = 1; k < n; ++k) {
    m += 1;
    // CHECK: inverse-accumulators.cpp:[[@LINE+2]]:5: error: the condition of this loop or branch reads 'm', which changes while the accumulator 's' is built: tad recomputes an accumulator at its step and needs what it reads unchanged until then; inverse accumulation takes
    // CHECK: inverse-accumulators.cpp:[[@LINE-5]]:10: note: 's' is declared here
    if (m > 2)
      s += x[k];
  }
  x[0] += s;
}

// Local arrays of active values.
TAD_IJVP void array(double *x) {
  // CHECK: inverse-accumulators.cpp:[[@LINE+3]]:10: error: 'y' is a local array (or a local of a type other than a floating-point scalar) that holds active values: inverse accumulation supports in-place steps on the state (the non-const array parameters), temporaries assigned once and scalar accumulators (TAD_DENSE(n) gives f_ijvp, f_ivjp and f_logdet for any square function)
  double y[4];
  for (int k = 0; k < 4; ++k)
    y[k] = x[k + 1];
  x[0] += y[0] * y[1];
}
// CHECK: errors generated.
