// Annotation arguments that are not names, a function tad cannot name from
// the generated file, and the warning for a VJP that carries no derivative (docs/errors.md).
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
#include "tad/tad.h"

// The annotation's arguments are a string of names, or names.
// CHECK: annotations-catalogue.cpp:[[@LINE+1]]:34: error: tad annotation arguments are names: write a parameter or function name
[[clang::annotate("tad::linear", 3)]] double lin_number(double z) { return z; }

// The generated file is included after the source: an anonymous
// namespace's function could not be named from it.
namespace {
// CHECK: annotations-catalogue.cpp:[[@LINE+1]]:16: error: functions in anonymous namespaces are not supported yet; make the function static
TAD_JVP double hidden(double x) { return x * x; }
} // namespace

// Integers only: the VJP has nothing to carry.
// CHECK: annotations-catalogue.cpp:[[@LINE+1]]:1: warning: 'counts' has no floating-point parameter or result: its VJP carries no derivative
TAD_VJP int counts(int n) { return n + 1; }
// CHECK: 1 warning and 2 errors generated.
