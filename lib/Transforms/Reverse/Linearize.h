//===- Transforms/Reverse/Linearize.h - split a JVP -------------*- C++ -*-===//
//
// Partial evaluation of a JVP: the statements that write tangents form the
// linear program; every non-linear value they read (a partial derivative,
// an index, a branch decision, a trip count) becomes a residual, computed by
// the primal program at that point and read back by the linear program. The
// linear program reads only residuals, values that provably do not change
// (unassigned parameters, literals, the counter of a canonical loop) and
// tangents, so it is structurally linear in the tangents.
//
// Residuals outside loops are plain locals; residuals inside loops are
// pushed on the runtime tape (tad/tape.h) after they are computed and
// popped, last first, by the transposed program.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_TRANSFORMS_REVERSE_LINEARIZE_H
#define TAD_TRANSFORMS_REVERSE_LINEARIZE_H

#include "IR/IR.h"
#include "IR/Names.h"

namespace tad {

struct LinearizedProgram {
  /// Residual locals (outside loops), declared before the primal program.
  StmtList TopDecls;
  /// The primal program, computing the residuals.
  StmtList Primal;
  /// The linear program over tangents and residuals.
  StmtList Linear;
  /// The primal return value, if any.
  VarP Ret;
  /// The tape, when some residual lives in a loop.
  VarP Tape;
};

/// Linearizes the JVP J (as built by buildJvpBody). Reports constructs it
/// cannot handle yet to Diags.
LinearizedProgram linearize(const Function &J, NameTable &Names,
                            DiagSink &Diags);

/// Declares P's tape, if it has one, at the start of F's body.
void declareTape(const LinearizedProgram &P, Function &F);

/// `Tape.pop<T>()` and `Tape.push(V)`, as IR calls.
ExprP tapePop(const VarP &Tape, const Type &T);
StmtP tapePush(const VarP &Tape, ExprP V);

} // namespace tad

#endif
