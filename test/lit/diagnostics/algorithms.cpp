// The uses of <algorithm> and <numeric> tad does not model are refused at
// the call, naming the algorithm and the forms it models.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags -ferror-limit=0 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"
#include <algorithm>
#include <functional>
#include <numeric>
#include <vector>

TAD_JVP double twoVectors(const std::vector<double> &x,
                          const std::vector<double> &y) {
  // CHECK: :[[@LINE+1]]:39: error: this range of 'std::accumulate' is not supported: tad models the ranges 'v.begin(), v.end()' of a std::vector or std::array variable and 'a, a + n' of an array variable (either end moved by '+ k' or '- k')
  return std::accumulate(x.begin(), y.end(), 0.0);
}

TAD_JVP double reversed(const std::vector<double> &x) {
  // CHECK: :[[@LINE+1]]:28: error: this range of 'std::accumulate' is not supported: tad models the ranges 'v.begin(), v.end()' of a std::vector or std::array variable and 'a, a + n' of an array variable (either end moved by '+ k' or '- k')
  return std::accumulate(x.rbegin(), x.rend(), 0.0);
}

TAD_JVP double inCondition(const std::vector<double> &x) {
  double s = 0;
  // CHECK: :[[@LINE+1]]:31: error: 'std::accumulate' is supported in a declaration, an assignment, a call, a return or an 'if' or loop condition only, not in a 'for' loop's initializer or increment: assign its result to a local first
  for (int k = 0; k < 3; s += std::accumulate(x.begin(), x.end(), 0.0))
    s += x[0];
  return s;
}

TAD_JVP void swapVectors(std::vector<double> &x, std::vector<double> &y) {
  // CHECK: :[[@LINE+1]]:3: error: 'std::swap' is supported on two scalars (variables, elements, members) only
  std::swap(x, y);
}

TAD_JVP double withComparison(const std::vector<double> &x) {
  // CHECK: :[[@LINE+1]]:11: error: 'std::max_element' with these arguments is not supported: tad models std::max_element(first, last)
  return *std::max_element(x.begin(), x.end(), std::greater<double>());
}

TAD_JVP double compared(const double *a) {
  // CHECK: :[[@LINE+1]]:10: error: the result of 'std::max_element' is supported dereferenced ('*std::max_element(first, last)') or as an index ('std::max_element(first, last) - first') only
  return std::max_element(a, a + 3) == a ? a[0] : a[1];
}

TAD_JVP double copyResult(const double *a, double *b) {
  // CHECK: :[[@LINE+1]]:10: error: 'std::copy' is supported as a statement of its own only, not inside an expression
  return std::copy(a, a + 2, b) == b + 2 ? b[0] : a[0];
}

TAD_JVP double intInit(const std::vector<double> &x) {
  // CHECK: :[[@LINE+1]]:46: error: the initial value of 'std::accumulate' has type 'int', not the type of the elements: every partial sum would be converted to it; write the initial value in the element type (0.0 for double)
  return std::accumulate(x.begin(), x.end(), 0);
}

TAD_JVP double mixed(const double *a, const float *b) {
  // CHECK: :[[@LINE+1]]:39: error: the second range of 'std::inner_product' must hold elements of the type of the first
  return std::inner_product(a, a + 3, b, 0.0);
}

TAD_JVP double listComparison(double a, double b) {
  // CHECK: :[[@LINE+1]]:10: error: 'std::max' with these arguments is not supported: tad models std::max(a, b) and std::max({a, b, ...})
  return std::max({a, b}, std::less<double>());
}

TAD_JVP double functionOp(const std::vector<double> &x) {
  // CHECK: :[[@LINE+1]]:10: error: 'std::accumulate' with these arguments is not supported: tad models std::accumulate(first, last, init) and std::accumulate(first, last, init, op) with op a lambda of this function
  return std::accumulate(x.begin(), x.end(), 1.0, std::multiplies<double>());
}

TAD_JVP double continued(const std::vector<double> &x, double s) {
  do {
    s *= 0.5;
    if (s > 4)
      // CHECK: :[[@LINE+1]]:7: error: 'continue' in a 'do' loop whose condition needs statements before it is tested is not supported; use a 'while' loop
      continue;
    s += x[0];
  } while (std::accumulate(x.begin(), x.end(), 0.0) > s);
  return s;
}

// CHECK: 12 errors generated.
