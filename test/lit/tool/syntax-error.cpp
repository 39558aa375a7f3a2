// An error in the user's code, found by Clang: Clang's diagnostic at the
// error, a non-zero exit status, nothing on stdout and no output file (the
// default one or -o's).
//
// RUN: rm -rf %t.dir && mkdir %t.dir && cp %s %t.dir/broken.cpp
// RUN: not %tad-gen %t.dir/broken.cpp -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not %tad-gen %t.dir/broken.cpp -o %t.dir/out.inc -- %tad-flags 2>%t.err | count 0
// RUN: FileCheck %s --input-file %t.err --implicit-check-not=error:
// RUN: not %tad-gen %t.dir/broken.cpp -o - -- %tad-flags 2>%t.err | count 0
// RUN: ls -A %t.dir | FileCheck %s --check-prefix=LS --implicit-check-not={{.}}
// LS: broken.cpp
//
// An error in a function that is not annotated fails the run as well:
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags -DELSEWHERE 2>&1 | FileCheck %s --check-prefix=ELSEWHERE --implicit-check-not=error:
// RUN: not ls %t.inc
#include "tad/tad.h"

#ifndef ELSEWHERE
TAD_JVP double half(double x) {
// CHECK: broken.cpp:[[@LINE+1]]:17: error: expected ';' after return statement
  return x * 0.5
}
#else
TAD_JVP double half(double x) { return x * 0.5; }

int helper(int k) {
// ELSEWHERE: syntax-error.cpp:[[@LINE+1]]:10: error: cannot initialize return object of type 'int' with an lvalue of type 'const char[4]'
  return "abc";
}
#endif
// CHECK: 1 error generated.
// ELSEWHERE: 1 error generated.
