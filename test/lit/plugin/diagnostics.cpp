// With the plugin, tad's errors are ordinary clang errors at the user's
// file, line and column, and the compile fails; so are errors in user code
// after an annotated function (the user's line numbers are kept: nothing
// is inserted between the user's lines).
//
// RUN: not %cxx %plugin -c %s -o %t.o 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %cxx %plugin -c -DUSER_ERROR %s -o %t.o 2>&1 | FileCheck %s --check-prefix=USER --implicit-check-not=error:
// RUN: not test -e %t.o
#include "tad/tad.h"

#ifndef USER_ERROR
TAD_JVP double first(const double *values, const double *other, int n) {
  // CHECK: diagnostics.cpp:[[@LINE+1]]:21: error: a pointer that may point into either of two arrays is not supported: tad cannot tell which array it reads or writes; branch on the condition and index each array directly
  const double *p = n > 2 ? values : other;
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += p[i];
  return s;
}
// CHECK: 1 error generated.
#endif

TAD_JVP double square(double x) { return x * x; }

double use(double x) {
  double d;
  square_jvp(x, 1.0, &d);
#ifdef USER_ERROR
  // USER: diagnostics.cpp:[[@LINE+1]]:10: error: use of undeclared identifier 'undeclared_thing'
  return undeclared_thing + d;
#else
  return d;
#endif
}
// USER: 1 error generated.
