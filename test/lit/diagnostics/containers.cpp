// The uses of std::vector and std::array tad does not model yet are
// refused at the construct.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags -ferror-limit=0 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"
#include <algorithm>
#include <array>
#include <vector>

// CHECK: :[[@LINE+1]]:44: error: parameter 'x' is a std::vector passed by value, which tad does not support yet: pass it by reference (`const std::vector<double> &` for an input)
TAD_JVP double byValue(std::vector<double> x) { return x[0]; }

// CHECK: :[[@LINE+1]]:63: error: std::vector of 'std::vector<double>' is not supported yet: tad models std::vector and std::array of float, double, integer and bool elements, and std::vector of structs
TAD_JVP double nested(const std::vector<std::vector<double>> &m) {
  return m[0][0];
}

struct Body {
  double q[3];
  double m;
};
TAD_JVP double structArray(const std::array<Body, 2> &b) {
  // CHECK: :[[@LINE-1]]:55: error: std::array of 'Body' is not supported yet: tad models std::vector and std::array of float, double, integer and bool elements, and std::vector of structs
  return b[0].m;
}
TAD_JVP double structLocal(const std::vector<Body> &b) {
  // CHECK: :[[@LINE+1]]:21: error: a local std::vector of 'Body', which has array members, is not supported yet
  std::vector<Body> c(2);
  return b[0].m;
}
struct Point {
  double x, y;
};
struct Weighted {
  double x, w = 1;
};
TAD_JVP double structLocalCopy(const std::vector<Point> &p) {
  // CHECK: :[[@LINE+1]]:22: error: a local std::vector of structs is supported with a size only (std::vector<Point> v(n)): set its elements after it
  std::vector<Point> c = p;
  return c[0].x;
}
TAD_JVP double structLocalDefaults(double x) {
  // CHECK: :[[@LINE+1]]:25: error: a local std::vector of 'Weighted', which has default member initializers or constructors, is not supported yet
  std::vector<Weighted> c(2);
  c[0].x = x;
  return c[0].x * c[0].w;
}
TAD_JVP void structGrow(std::vector<Body> &b, double s) {
  Body n = b[0];
  n.m *= s;
  // CHECK: :[[@LINE+1]]:5: error: 'push_back' on a std::vector of structs is not supported yet: tad reads and writes the elements of a std::vector of structs, without changing its size
  b.push_back(n);
}
TAD_JVP double structCopy(std::vector<Body> &a, const std::vector<Body> &b) {
  // CHECK: :[[@LINE+1]]:5: error: assigning a whole std::vector of structs is not supported yet: tad reads and writes the elements of a std::vector of structs, without changing its size
  a = b;
  return a[0].m;
}
TAD_JVP void structAlgorithm(const std::vector<Body> &a, std::vector<Body> &b) {
  // CHECK: :[[@LINE+1]]:15: error: 'std::copy' over structs is not supported yet: tad models the algorithms on ranges of scalars; loop over the elements
  std::copy(a.begin(), a.end(), b.begin());
}

TAD_JVP double insert(const std::vector<double> &x) {
  std::vector<double> t(x.size());
  // CHECK: :[[@LINE+1]]:5: error: member function 'insert' of a standard container is not supported: tad models operator[], at, size, data, front, back, empty, push_back, emplace_back, pop_back, resize, assign, clear, reserve and fill
  t.insert(t.begin(), x[0]);
  return t[0];
}

TAD_JVP double range(const std::vector<double> &x) {
  // CHECK: :[[@LINE+1]]:23: error: this initialisation of a container is not supported: tad models a size, a size and a value, a braced list and a copy of another container variable
  std::vector<double> t(x.begin(), x.end());
  return t[0];
}

TAD_JVP double braced(const std::vector<double> &x) {
  std::vector<double> t(2);
  // CHECK: :[[@LINE+1]]:5: error: assigning this to a container is not supported: tad copies one container variable into another (v = w) only
  t = {x[0], x[1]};
  return t[0];
}

TAD_JVP double assignRange(const std::vector<double> &x) {
  std::vector<double> t;
  // CHECK: :[[@LINE+1]]:5: error: 'assign' with these arguments is not supported: tad models push_back(x), emplace_back(x), resize(n), resize(n, x), assign(n, x), clear() and pop_back()
  t.assign(x.begin(), x.end());
  return t[0];
}

TAD_JVP double staticLocal(const std::vector<double> &x) {
  // CHECK: :[[@LINE+1]]:30: error: static local containers are not supported: their state would be shared between the primal and derivative functions
  static std::vector<double> t(4);
  t[0] = x[0];
  return t[0];
}

static std::vector<double> make(const std::vector<double> &x) { return x; }
TAD_JVP double temporary(const std::vector<double> &x) {
  // CHECK: :[[@LINE+1]]:10: error: tad follows std::vector and std::array variables (parameters and locals) only; this container is not one
  return make(x)[0];
}

// Reverse mode sizes a local vector's cotangent once, before the reverse
// sweep: a vector in a loop that grows there cannot be.
TAD_VJP double perRow(const std::vector<double> &x, int n) {
  double s = 0;
  for (int r = 0; r < n; ++r) {
    // CHECK: :[[@LINE+1]]:25: error: reverse mode cannot size the cotangent of this std::vector: declared in a loop or a block, its size changes or depends on values computed in the function; declare it in the function's outermost block, or give it a size made of parameters
    std::vector<double> row;
    for (int c = 0; c <= r; ++c)
      row.push_back(x[c] * x[r]);
    for (double v : row)
      s += v;
  }
  return s;
}
