// Range-based for loops tad does not lower, each at its location: an
// initializer in the loop, a range that is not a fixed-size array (an
// initializer list), an array that is not a variable (a struct's array
// member), and an array of pointers, whose loop variable would be a local
// pointer tad cannot follow (range-for over a local array, a `T (&)[N]`
// parameter, by value or by reference, is supported: test/lit/cxx/
// range-for.cpp; over the rows of a 2-D array: other-unsupported.cpp).
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags -std=c++20 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"
#include <initializer_list>

TAD_JVP double with_init(double x) {
  double a[3] = {1, 2, 3};
  double s = 0;
// CHECK: range-for.cpp:[[@LINE+1]]:8: error: range-based for loops with an initializer are not supported
  for (int k = 0; double v : a)
    s += v * x * k++;
  return s;
}

TAD_JVP double over_list(double x) {
  double s = 0;
// CHECK: range-for.cpp:[[@LINE+1]]:19: error: range-based for over '{1.0, 2.0}' (type 'std::initializer_list<double>') is not supported: tad iterates over fixed-size arrays only; use an indexed loop
  for (double v : {1.0, 2.0})
    s += v * x;
  return s;
}

struct Box {
  double v[3];
};
TAD_JVP double over_member(double x, Box b) {
  double s = 0;
// CHECK: range-for.cpp:[[@LINE+1]]:21: error: range-based for over this expression is not supported: tad iterates over array variables only
  for (double v : b.v)
    s += v * x;
  return s;
}

TAD_JVP double over_pointers(double *a, double *b) {
  double *ps[2] = {a, b};
  double s = 0;
// CHECK: range-for.cpp:[[@LINE+1]]:16: error: local pointer variable 'p' is not supported: tad cannot follow reads and writes through it; index the array parameter directly
  for (double *p : ps)
    s += p[0];
  return s;
}
// CHECK: 4 errors generated.
