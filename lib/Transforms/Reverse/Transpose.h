//===- Transforms/Reverse/Transpose.h - transposition -----------*- C++ -*-===//
//
// The transpose of a linear program (DESIGN.md 2.2, THEORY.md 2.6):
// statements in reverse order; `y = L` becomes read-zero-accumulate
// (t = ct_y; ct_y = 0; then the cotangent of each linear operand of L
// accumulates its share of t, by the transpose rules of the rule table);
// `y += L` accumulates without zeroing; `y *= c` scales; loops run
// backwards (canonical counted loops by their bounds, others by their
// recorded trip count); branches are taken as recorded. Residuals kept on
// the tape are popped before the statement that reads them.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_TRANSFORMS_REVERSE_TRANSPOSE_H
#define TAD_TRANSFORMS_REVERSE_TRANSPOSE_H

#include "IR/IR.h"
#include "IR/Names.h"

#include <functional>
#include <map>

namespace tad {

/// Maps a linear (tangent) variable to the expression that holds its
/// cotangent: a local, a parameter, or `*p` for an out-parameter.
using CotangentOf = std::function<ExprP(const VarP &Linear)>;

/// Where the cotangents of a linear program's variables live: bound
/// expressions (parameters) and zero-initialised locals, made on demand.
class Cotangents {
public:
  explicit Cotangents(NameTable &Names) : Names(Names) {}
  void bind(const Var *Linear, ExprP Ct) { Map[Linear] = std::move(Ct); }
  /// A new zero local for Linear's cotangent, named after Base.
  ExprP local(const VarP &Linear, const std::string &Base);
  /// The cotangent of Linear: its binding, or a new local `ct_<name>`.
  ExprP operator()(const VarP &Linear);
  /// The declarations of the locals made so far.
  StmtList Decls;

private:
  NameTable &Names;
  std::map<const Var *, ExprP> Map;
};

/// The VJP of a function whose linear map a linear program applies.
using VjpOf = std::function<const Function *(const Function &)>;

/// The transpose of a call of G linear in its parameter I (a rule, or a
/// generated transpose, with G's signature).
using CallTransposeOf =
    std::function<const Function *(const Function &G, size_t I, SrcLoc)>;

/// A replacement for the per-statement rule: given a statement of the
/// program (after its residuals are popped), appends what the reversed
/// program runs for it and returns true; false leaves it to the transpose
/// rule. Inverse accumulation reverses programs with its own step rule.
using StepRuleOf = std::function<bool(const Stmt &S, StmtList &Out)>;

/// The transpose of Linear. Tape residuals are popped from Tape. With Step,
/// the statements are reversed (loops backwards, branches as recorded,
/// residuals popped) but each statement Step accepts is rewritten by it.
StmtList transposeProgram(const StmtList &Linear, const CotangentOf &Ct,
                          const VjpOf &Vjp, const CallTransposeOf &CallT,
                          const VarP &Tape, NameTable &Names, DiagSink &Diags,
                          const StepRuleOf &Step = nullptr);

} // namespace tad

#endif
