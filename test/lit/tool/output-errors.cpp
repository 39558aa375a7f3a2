// Where the generated file cannot be written: tad-gen's -o names a
// directory; the plugin's emit-dir cannot be created (a file is in the
// way) (docs/errors.md, "tad-gen and the plugin").
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir/out.inc && touch %t.dir/file
// RUN: not %tad-gen %s -o %t.dir/out.inc -- %tad-flags 2>&1 | FileCheck %s --check-prefix=DIR
// DIR: tad-gen: error: cannot write '{{.*}}out.inc': it is a directory
// RUN: not %cxx %plugin -fplugin-arg-tad-emit-dir=%t.dir/file/sub -fsyntax-only %s 2>&1 | FileCheck %s --check-prefix=EMIT
// EMIT: error: tad: cannot create '{{.*}}file/sub': {{.*}}
#include "tad/tad.h"

TAD_JVP double f(double x) { return x * x; }
