//===- Transforms/DeadLocals.h - locals nothing reads ---------*- C++ -*-===//
//
// A generated function can be left with locals that are written but never
// read: a tangent whose only use folded away (d_a in `a[1] * 0.0`), a
// primal local whose only use was `(void)t;`, the copy of an argument that
// only a dropped cotangent read, an alias's offset or a loop the
// forward sweep of a transpose no longer needs. Compilers warn about them
// (-Wunused-variable, -Wunused-but-set-variable), and the generated code
// must compile under -Wall -Wextra -Werror.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_TRANSFORMS_DEADLOCALS_H
#define TAD_TRANSFORMS_DEADLOCALS_H

#include "IR/IR.h"

namespace tad {

/// Removes from F's body the locals nothing reads (not the runtime's
/// objects, Type::Object), with their declarations and every assignment to
/// them, and the statements left doing nothing: empty blocks, `if`s and
/// counted loops. A write whose value is
/// one call (`double r = g(x, out);`) becomes the call's statement; a local
/// written by other expressions that call a user function or the tape
/// stays (the effects must too).
/// Repeats until no more go (removing a write can leave another unread).
/// Returns whether it removed any.
bool dropDeadLocals(Function &F);

} // namespace tad

#endif // TAD_TRANSFORMS_DEADLOCALS_H
