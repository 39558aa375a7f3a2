// A failed run leaves an existing output file byte for byte as it was and
// leaves no temporary file beside it, whether the error is tad's, Clang's
// or in writing the output. A successful run replaces the file, again
// leaving no temporary.
//
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: echo "// earlier output: must survive a failed run" > %t.dir/out.inc
// RUN: cp %t.dir/out.inc %t.saved
//
// tad's error (an unsupported construct):
// RUN: not %tad-gen %s -o %t.dir/out.inc -- %tad-flags -DTAD_ERROR 2>&1 | FileCheck %s --check-prefix=TADERR
// RUN: diff %t.saved %t.dir/out.inc
// RUN: ls -A %t.dir | FileCheck %s --check-prefix=LS --implicit-check-not={{.}}
//
// Clang's error (the user's code does not compile):
// RUN: not %tad-gen %s -o %t.dir/out.inc -- %tad-flags -DCLANG_ERROR 2>&1 | FileCheck %s --check-prefix=CLANGERR
// RUN: diff %t.saved %t.dir/out.inc
// RUN: ls -A %t.dir | FileCheck %s --check-prefix=LS --implicit-check-not={{.}}
//
// LS: out.inc
//
// The output cannot be written (it names a folder, or a missing folder):
// RUN: mkdir %t.dir/folder
// RUN: not %tad-gen %s -o %t.dir/folder -- %tad-flags 2>&1 | FileCheck %s --check-prefix=WRITE -DPATH=%t.dir/folder
// RUN: not %tad-gen %s -o %t.dir/missing/out.inc -- %tad-flags 2>&1 | FileCheck %s --check-prefix=WRITE -DPATH=%t.dir/missing/out.inc
// RUN: ls -A %t.dir | FileCheck %s --check-prefix=LS2 --implicit-check-not={{.}}
// RUN: ls -A %t.dir/folder | count 0
// WRITE: tad-gen: error: cannot write '[[PATH]]':
// LS2: folder
// LS2: out.inc
//
// Success replaces the file; nothing else is left in the folder:
// RUN: %tad-gen %s -o %t.dir/out.inc -- %tad-flags
// RUN: FileCheck %s --check-prefix=GEN --input-file %t.dir/out.inc
// RUN: ls -A %t.dir | FileCheck %s --check-prefix=LS2 --implicit-check-not={{.}}
// GEN-NOT: earlier output
// GEN: double twice_jvp(double x, double d_x, double *d_return)
#include "tad/tad.h"

TAD_JVP double twice(double x) {
#ifdef TAD_ERROR
  if (x > 0)
// TADERR: failed-run-keeps-output.cpp:[[@LINE+1]]:5: error: 'goto' is not supported
    goto done;
  x = -x;
done:
#endif
#ifdef CLANG_ERROR
// CLANGERR: failed-run-keeps-output.cpp:[[@LINE+1]]:11: error: use of undeclared identifier 'undeclared'
  x = x + undeclared;
#endif
  return 2.0 * x;
}
