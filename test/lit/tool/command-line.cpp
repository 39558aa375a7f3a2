// Usage errors: no input file, -o with more than one input, an input that
// does not exist. Each is an error on stderr with a non-zero exit status,
// and nothing is written.
//
// RUN: rm -rf %t.dir && mkdir %t.dir && cp %s %t.dir/a.cpp && cp %s %t.dir/b.cpp
// RUN: not %tad-gen -- %tad-flags 2>&1 | FileCheck %s --check-prefix=NOINPUT
// NOINPUT: tad-gen: error: no input file
// RUN: not %tad-gen %t.dir/a.cpp %t.dir/b.cpp -o %t.dir/out.inc -- %tad-flags 2>&1 | FileCheck %s --check-prefix=TWO
// TWO: tad-gen: error: -o names one output; give one input file
// RUN: not %tad-gen %t.dir/missing.cpp -- %tad-flags 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: no such file or directory: '{{.*}}missing.cpp'
// RUN: ls -A %t.dir | FileCheck %s --check-prefix=LS --implicit-check-not={{.}}
// LS: a.cpp
// LS-NEXT: b.cpp
#include "tad/tad.h"

TAD_JVP double f(double x) { return x; }
