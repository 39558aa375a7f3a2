//===- Transforms/Forward/JvpContainers.cpp - std::vector sizes -----------===//
//
// A std::vector's tangent has its size at every point: each change of the
// vector's size (IR.h, ShapeOp) is made to the tangent first, with the
// tangent of a pushed value. The resize of a tangent notes the vector's old
// size (a third operand, not printed) for the transpose, which restores it.
//
//===----------------------------------------------------------------------===//
#include "Analysis/Loops.h"
#include "Rules/ExprBuilder.h"
#include "Transforms/Forward/JvpBuilder.h"

namespace tad {

void JvpBuilder::mirrorShapeOp(const Stmt &S, StmtList &Out) {
  const Expr &E = *S.Value;
  const ExprP &V = E.op(0);
  ExprP TV = tangentLValue(V);
  if (!TV) { // no tangent: the primal's change only
    Out.push_back(cloneStmt(S));
    return;
  }
  StmtList Group;
  Pre = &Group;
  Type Elt = V->Ty.element().unqualified();
  switch (shapeOp(E)) {
  case ShapeOp::PushBack: {
    Dual X = diff(E.op(1));
    Group.push_back(
        mkExprStmt(mkShapeOp(ShapeOp::PushBack,
                             {TV, orZero(convert(X.T, Elt), Elt)}, E.Loc),
                   S.Loc));
    Group.push_back(
        mkExprStmt(mkShapeOp(ShapeOp::PushBack, {V, X.P}, E.Loc), S.Loc));
    break;
  }
  default: // a resize (the lowering writes pop_back as one)
    Group.push_back(mkExprStmt(
        mkShapeOp(ShapeOp::Resize, {TV, E.op(1), sizeOf(V->V, E.Loc)}, E.Loc),
        S.Loc));
    Group.push_back(cloneStmt(S));
    break;
  }
  emitWithComment(Out, std::move(Group), S);
}

namespace {
/// Whether a statement of L changes the size of V.
bool resizes(const StmtList &L, const Var *V) {
  for (const StmtP &S : L) {
    if (S->is(Stmt::Kind::ExprStmt) && shapeOp(*S->Value) != ShapeOp::None &&
        rootVar(S->Value->op(0)).get() == V)
      return true;
    if (resizes(S->Body, V) || resizes(S->Else, V) || resizes(S->ForInit, V))
      return true;
  }
  return false;
}
} // namespace

ExprP JvpBuilder::finalSize(const VarP &V) {
  // The reverse sweep follows the function's outermost block, where the
  // vector is as the forward sweep left it.
  if (ListDepth == 1)
    return sizeOf(V, V->Loc);
  // In a nested block, the cotangent is declared once for every time the
  // block runs: the vector's size must be one value, known before.
  if (resizes(F.Body, V.get()))
    return nullptr;
  if (!V->Size)
    return mkLit(0, Type::integer("int"));
  std::set<const Var *> Assigned;
  collectAssigned(F.Body, Assigned);
  bool Known = true;
  forEachVar(V->Size, [&](const VarP &X) {
    Known &=
        X->IsParam && !Assigned.count(X.get()) && !resizes(F.Body, X.get());
  });
  return Known ? V->Size : nullptr;
}

} // namespace tad
