// Iterators and pointer comparisons (test/lit/cxx/iterators.cpp) outside
// what tad follows, each refused at its location: an iterator declared
// without a position, a static one, one set from a call, iterators over
// structs, iterators (and pointers) of two containers compared, an
// iterator incremented inside an expression or moved without a statement
// of its own, set into another container, passed to a function, a reverse
// iterator, and a local pointer or iterator used as a value.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"
#include <algorithm>
#include <vector>
struct Body { double m; };
template <class It> static double first(It i) { return *i; }
TAD_JVP double a1(const std::vector<double> &x) {
// CHECK: iterators.cpp:[[@LINE+1]]:39: error: local iterator 'it' must be initialized: tad follows an iterator into one container, set where it is declared
  std::vector<double>::const_iterator it;
  it = x.begin();
  return *it;
}
TAD_JVP double a2(const std::vector<double> &x) {
// CHECK: iterators.cpp:[[@LINE+1]]:15: error: static local iterators are not supported
  static auto it = x.begin();
  return *it;
}
TAD_JVP double a3(const std::vector<double> &x) {
// CHECK: iterators.cpp:[[@LINE+1]]:13: error: this iterator is not supported: tad follows iterators set from 'v.begin()' or 'v.end()' (or cbegin, cend) of a std::vector variable or from another iterator, moved by '+ k' or '- k'
  auto it = std::max_element(x.begin(), x.end());
  return *it;
}
TAD_JVP double a4(const std::vector<Body> &b) {
// CHECK: iterators.cpp:[[@LINE+1]]:8: error: iterators over structs are not supported yet: index the vector (v[i].x) or loop over it with a range-based for
  auto it = b.begin();
  return it->m;
}
TAD_JVP double a5(const std::vector<double> &x, const std::vector<double> &y) {
  double s = 0;
// CHECK: iterators.cpp:[[@LINE+1]]:32: error: these iterators are of two containers: tad compares and subtracts iterators of one container only
  for (auto it = x.begin(); it != y.end(); ++it)
    s += *it;
  return s;
}
TAD_JVP double a6(const std::vector<double> &x) {
  auto it = x.begin();
// CHECK: iterators.cpp:[[@LINE+1]]:15: error: this iterator is not supported: tad follows an iterator as an offset into its container: dereference it (*it), index it (it[k]), compare it or subtract it from another iterator of the same container, and move it in a statement of its own (++it, it += k, it = v.begin())
  double s = *it++;
  return s;
}
TAD_JVP double a7(const std::vector<double> &x) {
  auto it = x.begin();
// CHECK: iterators.cpp:[[@LINE+1]]:6: error: this use of an iterator is not supported: tad follows an iterator as an offset into its container: dereference it (*it), index it (it[k]), compare it or subtract it from another iterator of the same container, and move it in a statement of its own (++it, it += k, it = v.begin())
  it + 1;
  return *it;
}
TAD_JVP double a8(const std::vector<double> &x, const std::vector<double> &y) {
  auto it = x.begin();
// CHECK: iterators.cpp:[[@LINE+1]]:8: error: iterator 'it' is followed as an offset into 'x': it may be set to a position in that container only (v.begin(), v.end(), another of its iterators, moved by '+ k' or '- k')
  it = y.begin();
  return *it;
}
TAD_JVP double a9(const double *a, const double *b, int n) {
  double s = 0;
// CHECK: iterators.cpp:[[@LINE+1]]:31: error: these pointers point into two arrays ('a' and 'b'): tad compares and subtracts pointers into one array only
  for (const double *p = a; p < b + n; ++p)
    s += *p;
  return s;
}
TAD_JVP double a10(const std::vector<double> &x) {
// CHECK: iterators.cpp:[[@LINE+1]]:18: error: an iterator ('begin') is supported as a local (auto it = v.begin()), compared with another, and as a range of the algorithms tad models; index the container (v[i]) or loop over it with a range-based for
  return first(x.begin());
}
TAD_JVP double a11(const std::vector<double> &x) {
// CHECK: iterators.cpp:[[@LINE+1]]:15: error: reverse iterators ('rbegin') are not supported yet: index the container (v[i]) in a loop that counts down
  auto it = x.rbegin();
  return *it;
}
TAD_JVP double a12(const double *x) {
  const double *p = x;
// CHECK: iterators.cpp:[[@LINE+1]]:12: error: local pointer 'p' is followed as an offset into 'x': using it as a value is not supported; read or write through it, move it, compare it or subtract it
  bool b = p;
  return b ? *p : 0;
}
TAD_JVP double a13(const std::vector<double> &x) {
  auto it = x.begin();
// CHECK: iterators.cpp:[[@LINE+1]]:16: error: local iterator 'it' is followed as an offset into 'x': using it as a value is not supported; read or write through it, move it, compare it or subtract it
  return first(it);
}
// CHECK: 13 errors generated.
