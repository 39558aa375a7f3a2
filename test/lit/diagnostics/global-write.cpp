// Reading a global is allowed (it is a constant of the derivative); writing
// one is rejected at the written global.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

double g_scale = 2.0;
double g_last;
int g_calls;

TAD_JVP double record(double x) {
  double y = g_scale * x;
// CHECK: global-write.cpp:[[@LINE+1]]:3: error: writes to global variables are not supported
  g_last = y;
  return y;
}

TAD_JVP double count_calls(double x) {
// CHECK: global-write.cpp:[[@LINE+1]]:5: error: writes to global variables are not supported
  ++g_calls;
  return x;
}

TAD_JVP double accumulate(double x) {
// CHECK: global-write.cpp:[[@LINE+1]]:3: error: writes to global variables are not supported
  g_scale += x;
  return x;
}
// CHECK: 3 errors generated.
