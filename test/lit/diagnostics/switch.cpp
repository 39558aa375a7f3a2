// What stays refused in a switch, each at its location: a break nested
// inside a case (not at its end), a case label inside a nested statement
// (Duff's device), a GNU case range, a declaration at the top level of a
// case that other cases follow, and an initializer in the switch.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

TAD_JVP double nested_break(double x, int mode) {
  double y = x;
  switch (mode) {
  case 0:
    if (x > 0)
// CHECK: switch.cpp:[[@LINE+1]]:7: error: a 'break' nested inside a case is not supported: end the case with the break, or write the case as if/else
      break;
    y = x * x;
    break;
  default:
    y = -x;
  }
  return y;
}

TAD_JVP double duff(double x, int n) {
  double y = 0;
  switch (n % 2) {
  case 0:
    do {
      y += x;
// CHECK: switch.cpp:[[@LINE+1]]:5: error: a case label inside a nested statement of a switch is not supported: tad lowers switch cases written at the top of its body
    case 1:
      y *= x;
    } while (--n > 0);
  }
  return y;
}

TAD_JVP double range(double x, int k) {
  switch (k) {
// CHECK: switch.cpp:[[@LINE+1]]:3: error: case ranges are not supported; write one case label per value
  case 1 ... 3:
    return x;
  }
  return 0;
}

TAD_JVP double decl(double x, int k) {
  switch (k) {
  case 0:
// CHECK: switch.cpp:[[@LINE+1]]:5: error: a declaration at the top level of a case that other cases follow is not supported; put the case in braces
    double t;
    t = x;
    return t;
  case 1:
    return -x;
  }
  return 0;
}

TAD_JVP double with_init(double x, int k) {
// CHECK: switch.cpp:[[@LINE+1]]:11: error: switch statements with an initializer are not supported
  switch (int j = k + 1; j) {
  case 1:
    return x;
  }
  return 0;
}
// CHECK: 5 errors generated.
