// An annotated function template is differentiated per instantiation
// (cxx/templates.cpp); one the file never instantiates is rejected once, at
// its name: an 'extern template' declaration instantiates nothing here. A
// function defined inside a class template depends on its parameters and is
// rejected at its name.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %cxx %plugin -fsyntax-only %s 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

// Instantiated by the call below: differentiated, no error.
template <class T> TAD_JVP T square(T x) { return x * x; }
double use_square(double x) { return square(x) + square(1.0f); }

template <class T>
// CHECK: function-template.cpp:[[@LINE+1]]:11: error: 'cube' is an annotated function template that this file never instantiates: tad differentiates each instantiation; name the ones wanted with an explicit instantiation ('template double cube<double>(...);') or call them
TAD_JVP T cube(T x) {
  return x * x * x;
}

// CHECK: function-template.cpp:[[@LINE+1]]:30: error: 'twice' is an annotated function template that this file never instantiates
template <class T> TAD_JVP T twice(T x) { return x + x; }
extern template float twice<float>(float);

// A result that does not depend on T is suggested as written.
template <class T>
// CHECK: function-template.cpp:[[@LINE+1]]:14: error: 'scale' is an annotated function template that this file never instantiates: tad differentiates each instantiation; name the ones wanted with an explicit instantiation ('template void scale<double>(...);') or call them
TAD_JVP void scale(T *x, int n) {
  for (int i = 0; i < n; ++i)
    x[i] *= 2;
}

template <class T> struct Box {
  // CHECK: function-template.cpp:[[@LINE+1]]:17: error: 'boxed' is defined inside a template and depends on its parameters: tad differentiates functions and the instantiations of function templates; define it outside the template
  friend double boxed [[tad::jvp]] (double x) { return x * 3; }
};
Box<int> b;
// CHECK: 4 errors generated.
