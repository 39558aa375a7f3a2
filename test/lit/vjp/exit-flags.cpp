// Exits that end a run (`continue` at the end of a loop body, directly or
// in branches that end it, `return` at the end of the function in both
// arms of an if) go where the run goes anyway: Normalize drops them
// instead of making flags that are set and never read (g++ and clang
// reject those with -Wall -Werror: -Wunused-but-set-variable), and a loop
// whose only exit was such a `continue` stays a counted for loop (no tape
// of trip counts). Exits followed by statements keep their flags, which
// are read. Gradients against central differences; built by clang++ and
// g++ with -Wall -Wextra -Werror.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang | FileCheck %s --check-prefix=NUM
// RUN: %gxx -fsanitize=address,undefined -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc | FileCheck %s --check-prefix=NUM
#include "tad/tad.h"
#include <cmath>

// `continue` as the last statement.
TAD_VJP double last(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    s += std::sin(x[i]) * s + x[i];
    continue;
  }
  return s;
}
// CHECK-LABEL: // VJP of 'last'
// CHECK-NOT: _cont
// CHECK: for (int i = 0; i < n; ++i) {

// `continue` at the end of a branch that ends the body, with an else, and
// in an if that is left empty.
TAD_VJP double branch(const double *x, int n) {
  double s = 1;
  for (int i = 0; i < n; ++i) {
    s *= 0.5 + x[i] * x[i];
    if (x[i] > 0) {
      s += std::cos(x[i]);
      continue;
    } else {
      s -= x[i];
    }
    if (x[i] < -0.5) {
      if (s > 1)
        continue;
    }
  }
  return s;
}
// CHECK-LABEL: // VJP of 'branch'
// CHECK-NOT: _cont
// CHECK: for (int i = 0; i < n; ++i) {

// `continue` followed by statements: the flag stays, and is read.
TAD_VJP double skip(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    if (x[i] < 0)
      continue;
    s += x[i] * std::exp(0.5 * x[i]);
  }
  return s;
}
// CHECK-LABEL: // VJP of 'skip'
// CHECK: bool [[C:_cont[0-9]+]] = false;
// CHECK: = ![[C]];

// `break` as the last statement (the loop runs once), and at the end of a
// branch that ends the body: the loop's condition reads the flag.
TAD_VJP double brk(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    s += x[i] * x[i];
    break;
  }
  for (int i = 0; i < n; ++i) {
    s = s * std::sin(x[i]) + x[i];
    if (s > 2)
      break;
  }
  return s;
}
// CHECK-LABEL: // VJP of 'brk'
// CHECK: while (![[B:_brk[0-9]+]] && i < n) {
// CHECK: [[B]] = true;

// `return` at the end of the function in both arms, in a nested branch,
// and at the end of a loop body.
TAD_VJP double ret(const double *x, int n) {
  double s = x[0];
  if (s > 0) {
    s = s * s;
    if (n > 1)
      return s + x[1];
    else
      return s;
  } else {
    return std::sin(s);
  }
}
// CHECK-LABEL: // VJP of 'ret'
// CHECK-NOT: _done
TAD_VJP double retloop(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    s += x[i] * x[i];
    if (s > 1)
      return s;
  }
  if (n > 2) {
    s += x[2];
    return s * x[0];
  }
  return s;
}
// CHECK-LABEL: // VJP of 'retloop'
// CHECK: while (!_done && i < n) {

// A void function whose last statement returns in a branch.
TAD_VJP void out(const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i) {
    y[i] = x[i] * x[i];
    if (y[i] > 0.5) {
      y[i] = std::sqrt(y[i]);
      continue;
    }
  }
  if (n > 0) {
    y[0] += x[n - 1];
    return;
  }
}
// CHECK-LABEL: // VJP of 'out'
// CHECK-NOT: _cont
// CHECK-NOT: _done
// CHECK: reverse sweep

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"

using tad_test::Vec;
using Scalar = double (*)(const double *, int);
using Grad = double (*)(const double *, int, double *);

static void check(const char *Name, Scalar F, Grad G, int N) {
  std::vector<Vec> P;
  for (unsigned Seed = 1; Seed <= 4; ++Seed)
    P.push_back(tad_test::randomVec(N, Seed * 10 + N));
  tad_test::checkGradient(
      Name, [&](const Vec &X) { return Vec{F(X.data(), N)}; },
      [&](const Vec &X) {
        Vec Ct(N, 0.0);
        G(X.data(), N, Ct.data());
        return Ct;
      },
      P);
}

int main() {
  for (int N = 0; N <= 6; ++N) {
    check("last", last, last_grad, N);
    check("branch", branch, branch_grad, N);
    check("skip", skip, skip_grad, N);
    check("brk", brk, brk_grad, N);
    if (N >= 2) {
      check("ret", ret, ret_grad, N);
      check("retloop", retloop, retloop_grad, N);
    }
    // out: x -> y, its VJP against central differences row by row.
    Vec X = tad_test::randomVec(N, 5 + N);
    for (int R = 0; R < N; ++R)
      tad_test::checkGradient(
          "out",
          [&](const Vec &V) {
            Vec Y(N, 0.0);
            out(V.data(), Y.data(), N);
            return Vec{Y[R]};
          },
          [&](const Vec &V) {
            Vec Y(N, 0.0), CtX(N, 0.0), CtY(N, 0.0);
            CtY[R] = 1;
            out_vjp(V.data(), Y.data(), N, CtX.data(), CtY.data());
            return CtX;
          },
          {X});
  }
  return tad_test::report();
}
// NUM: {{[0-9]+}} checks, 0 failed
#endif
