// A call of a function template from differentiated code differentiates
// the instantiation (cxx/templates.cpp). One whose body this file does not
// instantiate (the template is only declared, or an 'extern template'
// declaration says the instantiation is elsewhere) is reported at the
// template, with a note at the call; tad-gen and the plugin (which
// instantiates the file's templates before it generates) say the same.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=definition
// RUN: not %cxx %plugin -fsyntax-only %s 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=definition
#include "tad/tad.h"

// CHECK: template-callee.cpp:[[@LINE+1]]:22: error: cannot differentiate 'square<double>': this file does not instantiate its body (the template is only declared here, or an 'extern template' declaration says it is instantiated elsewhere)
template <class T> T square(T x);
TAD_JVP double jvp(double x) { return square(x) + 1; }
// CHECK: template-callee.cpp:[[@LINE-1]]:39: note: 'square<double>' is called here, in code tad differentiates

// CHECK: template-callee.cpp:[[@LINE+1]]:25: error: cannot differentiate 'power<3>': this file does not instantiate its body
template <int N> double power(double x) {
  double p = 1;
  for (int i = 0; i < N; ++i)
    p *= x;
  return p;
}
extern template double power<3>(double);
TAD_VJP double vjp(double x) { return power<3>(x) * x; }
// CHECK: template-callee.cpp:[[@LINE-1]]:39: note: 'power<3>' is called here, in code tad differentiates

namespace ml {
// CHECK: template-callee.cpp:[[@LINE+1]]:22: error: cannot differentiate 'ml::relu<float>'
template <class T> T relu(T x);
} // namespace ml
TAD_JVP float float_call(float x) { return ml::relu<float>(x * 2); }
// CHECK: template-callee.cpp:[[@LINE-1]]:44: note: 'ml::relu<float>' is called here, in code tad differentiates

template <class T> T twice(T z);
TAD_LINEAR(z) double linear(double z) { return twice(z); }
// The linear function's call is noted, not reported again: tad used to
// follow the real error with "cannot transpose the call to 'twice': tad
// does not know the function", a cascade.
// CHECK: template-callee.cpp:[[@LINE-5]]:22: error: cannot differentiate 'twice<double>'
// CHECK: template-callee.cpp:[[@LINE-5]]:48: note: 'twice<double>' is called here, in code tad differentiates

// The template again, in a second linear function and its transpose's
// transpose: notes only (this used to end in "internal error: expression
// is not linear", the transpose built from a call it could not resolve).
TAD_LINEAR(z) double scaled(double z) { return 2 * twice(z); }
// CHECK: template-callee.cpp:[[@LINE-1]]:52: note: 'twice<double>' is called here, in code tad differentiates
TAD_LINEAR(z) double scaled_transpose(double z);
// CHECK: template-callee.cpp:[[@LINE-1]]:1: error: cannot generate 'scaled_transpose_transpose': it transforms 'scaled_transpose', which tad could not generate
// CHECK: template-callee.cpp:[[@LINE-4]]:1: note: 'scaled_transpose' is asked for here; the errors in generating it are reported above
// CHECK: 5 errors generated.
