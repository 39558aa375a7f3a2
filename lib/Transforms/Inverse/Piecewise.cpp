//===- Transforms/Inverse/Piecewise.cpp - branches in f_inverse -----------===//
//
// f_inverse of a step whose new value branches on the state (THEORY.md
// 1.4.5): x = c ? phi_1 : phi_2 (written so, or as an `if` whose arms
// assign x, or as `x op= c ? ... : ...`).
//
// When c does not read the slot x, it reads only values the step leaves
// as they are: the inverse sweep evaluates c as the forward pass did and
// undoes the arm it took.
//
// When c compares the slot with a breakpoint t (x > t, x >= t, x < t,
// x <= t; t does not read x), the inverse must tell from the new value y
// which piece made it. Let phi_hi be the piece for x above t and phi_lo
// the one below. When both are strictly monotone in x (Analysis/Monotone.h)
// in one direction s and their ranges are apart at the breakpoint,
// s (phi_hi(t) - phi_lo(t)) >= 0, the pieces' ranges do not overlap and
// the piece is read off the output: with v the image of t under the piece
// that contains t, that piece made y exactly when s (y - v) >= 0 (the piece
// above t) or s (y - v) <= 0 (below). A leaky ReLU, x > 0 ? x : a x with
// a > 0, has s = 1 and v = 0: the sign of y decides.
//
// What tad cannot decide at compile time is checked at run time, going to
// the inverse handler (tad/inverse.h) like Monotone's conditions: the
// pieces' own conditions, a direction that is the sign of a parameter (a
// above), the order of the breakpoint's images; where those images differ
// (a gap between the ranges), a value in the gap has no preimage, which
// the solved old value shows by falling on the wrong side of t. Pieces in
// opposite directions, or images that fold to constants in the wrong
// order, are IA8 at the statement.
//
//===----------------------------------------------------------------------===//
#include "IR/Spelling.h"
#include "Rules/ExprBuilder.h"
#include "Transforms/Inverse/Inverse.h"

#include <cstdio>
#include <tuple>

namespace tad {

namespace {

Type boolTy() { return Type::scalar(ScalarKind::Bool); }

ExprP cString(const std::string &S) {
  return mkLit(0, Type::integer("const char *"), {}, "\"" + S + "\"");
}

StmtP failUnless(const ExprP &Cond, const char *What, const ExprP &Value,
                 const std::string &Where) {
  StmtP If = mkStmt(Stmt::Kind::If);
  If->Cond = mkUnary(UnOp::Not, Cond, boolTy());
  If->Body.push_back(mkExprStmt(mkUserCall(
      "tad::inverse_failed", nullptr,
      {cString(What), convert(Value, Type::scalar(ScalarKind::Double)),
       cString(Where)},
      Type::scalar(ScalarKind::Void))));
  return If;
}

/// E with the node Node (by identity) replaced by By.
ExprP replaceNode(const ExprP &E, const ExprP &Node, const ExprP &By) {
  return rewriteExpr(
      E, [&](const ExprP &X) -> ExprP { return X == Node ? By : nullptr; });
}

ExprP stripCasts(ExprP E) {
  while (E->is(Expr::Kind::Cast))
    E = E->op(0);
  return E;
}

/// The value of E when it folds to a constant, with c * 0 = 0 for any c
/// (the forward map's values are finite).
bool foldImage(const ExprP &E, double &Out) {
  return foldConstant(E, Out, /*ZeroAbsorbs=*/true);
}

/// The condition c as the slot against a breakpoint.
struct Breakpoint {
  ExprP T;
  bool ThenHi = false;   ///< c holds above t
  bool ClosedHi = false; ///< t itself takes the piece above
};

bool breakpointOf(const ExprP &C, const PieceHooks &H, Breakpoint &B,
                  std::string &Why) {
  ExprP E = stripCasts(C);
  BinOp Op = E->is(Expr::Kind::Binary) ? E->BOp : BinOp::Eq;
  bool Order =
      Op == BinOp::Lt || Op == BinOp::Le || Op == BinOp::Gt || Op == BinOp::Ge;
  int Side = -1;
  if (Order)
    for (int K : {0, 1}) {
      ExprP X = stripCasts(E->op(K));
      if (H.IsSlot(X) && !H.ReadsSlot(E->op(1 - K)))
        Side = K;
    }
  if (Side < 0) {
    Why = "branches on '" + emitExpr(C) + "', which is not a comparison of " +
          H.SlotName + " with a value that does not depend on it";
    return false;
  }
  B.T = E->op(1 - Side);
  if (Side == 1) // t < x is x > t
    Op = Op == BinOp::Lt   ? BinOp::Gt
         : Op == BinOp::Le ? BinOp::Ge
         : Op == BinOp::Gt ? BinOp::Lt
                           : BinOp::Le;
  B.ThenHi = Op == BinOp::Gt || Op == BinOp::Ge;
  B.ClosedHi = Op == BinOp::Ge || Op == BinOp::Lt;
  return true;
}

/// Dir (+1, -1, or `c ? 1 : -1` for a run-time sign) > 0, as a condition.
ExprP dirPositive(const ExprP &Dir) {
  if (Dir->is(Expr::Kind::Select) && isLitValue(Dir->op(1), 1) &&
      isLitValue(Dir->op(2), -1))
    return Dir->op(0);
  return cmp(BinOp::Gt, Dir, lit(0, Dir->Ty));
}

/// The coefficient whose sign Dir is, for the handler's message.
ExprP dirValue(const ExprP &Dir) {
  ExprP C = dirPositive(Dir);
  if (C->is(Expr::Kind::Binary) && C->BOp == BinOp::Gt)
    return C->op(0);
  return Dir;
}

std::string number(double V) {
  char Buf[64];
  std::snprintf(Buf, sizeof Buf, "%g", V);
  return Buf;
}

} // namespace

ExprP stateSelect(const ExprP &E,
                  const std::function<bool(const ExprP &)> &ReadsState) {
  if (!E)
    return nullptr;
  if (E->is(Expr::Kind::Select) && ReadsState(E->op(0)))
    return E;
  for (const ExprP &O : E->Ops)
    if (ExprP S = stateSelect(O, ReadsState))
      return S;
  return nullptr;
}

void piecewiseInverse(const Stmt &S, const ExprP &Phi, const ExprP &Sel,
                      const PieceHooks &H, const std::string &Where,
                      NameTable &Names, StmtList &Out) {
  auto Piece = [&](unsigned Arm) {
    return mkAssign(S.LHS, AssignOp::Set, replaceNode(Phi, Sel, Sel->op(Arm)),
                    S.Loc);
  };
  StmtP Then = Piece(1), Else = Piece(2);
  const ExprP &C = Sel->op(0);
  const std::string Line = "line " + std::to_string(S.Loc.Line);
  if (!H.ReadsSlot(C)) {
    // A branch on values the step leaves as they are: both arms undone
    // under the condition the forward pass evaluated.
    StmtP If = mkStmt(Stmt::Kind::If, S.Loc);
    If->Comment = Line + ": the arm the forward pass took undone (its "
                         "condition reads values the step does not change)";
    If->Cond = C;
    if (!H.Invert(*Then, If->Body) || !H.Invert(*Else, If->Else))
      return;
    if (If->Body.empty() && If->Else.empty())
      return;
    if (If->Body.empty()) {
      If->Cond = mkUnary(UnOp::Not, C, boolTy());
      If->Body = std::move(If->Else);
      If->Else.clear();
    }
    If->HasElse = !If->Else.empty();
    Out.push_back(std::move(If));
    return;
  }
  Breakpoint B;
  std::string Why;
  if (!breakpointOf(C, H, B, Why)) {
    H.fail(S,
           "is not provably injective in " + H.SlotName + " (it " + Why + ")");
    return;
  }
  StmtP &Hi = B.ThenHi ? Then : Else, &Lo = B.ThenHi ? Else : Then;
  PieceProof PH, PL;
  for (auto [P, Pr, Name] : {std::make_tuple(&Hi, &PH, "above"),
                             std::make_tuple(&Lo, &PL, "below")}) {
    if (!H.ReadsSlot((*P)->RHS)) {
      H.fail(S, "is not injective in " + H.SlotName + " (its piece '" +
                    emitExpr((*P)->RHS) + "' " + Name + " the breakpoint " +
                    emitExpr(B.T) + " does not depend on " + H.SlotName + ")");
      return;
    }
    if (!H.Prove(**P, *Pr)) {
      H.fail(S, "is not provably injective in " + H.SlotName + " (its piece '" +
                    emitExpr((*P)->RHS) + "' " + Name + " the breakpoint " +
                    emitExpr(B.T) + " is not provably monotone: " + Pr->Why +
                    ")");
      return;
    }
  }
  Type T = S.LHS->Ty.unqualified();
  ExprP TV = convert(B.T, T);
  ExprP VHi = H.AtBreakpoint(Hi->RHS, TV), VLo = H.AtBreakpoint(Lo->RHS, TV);
  double DH = 0, DL = 0, FH = 0, FL = 0;
  bool LitH = foldConstant(PH.Dir, DH), LitL = foldConstant(PL.Dir, DL);
  if (LitH && LitL && (DH > 0) != (DL > 0)) {
    H.fail(S, "is not provably injective in " + H.SlotName + " (its pieces '" +
                  emitExpr(Hi->RHS) + "' and '" + emitExpr(Lo->RHS) +
                  "' change in opposite directions)");
    return;
  }
  ExprP Dir = LitH   ? lit(DH > 0 ? 1 : -1, T)
              : LitL ? lit(DL > 0 ? 1 : -1, T)
                     : PH.Dir;
  bool LitDir = LitH || LitL;
  bool Folded = foldImage(VHi, FH) && foldImage(VLo, FL);
  bool Meet = Folded && FH == FL; // no gap between the ranges
  if (Folded && LitDir && (isLitValue(Dir, 1) ? FH < FL : FH > FL)) {
    H.fail(S, "is not injective in " + H.SlotName +
                  " (the ranges of its pieces overlap: at the breakpoint " +
                  emitExpr(B.T) + ", '" + emitExpr(Hi->RHS) + "' is " +
                  number(FH) + " and '" + emitExpr(Lo->RHS) + "' is " +
                  number(FL) + ")");
    return;
  }

  StmtP Block = mkStmt(Stmt::Kind::Block, S.Loc);
  Block->Comment = Line +
                   ": a piecewise step, the piece read off the new "
                   "value of " +
                   H.SlotName;
  StmtList &Body = Block->Body;
  for (const PieceProof *P : {&PH, &PL})
    if (P->Cond)
      Body.push_back(failUnless(P->Cond,
                                "f_inverse: tad cannot prove the step "
                                "injective for these values: its slope "
                                "margin is not positive",
                                P->Margin, Where));
  if (!LitH || !LitL) {
    ExprP Agree =
        LitH   ? (DH > 0 ? dirPositive(PL.Dir)
                         : mkUnary(UnOp::Not, dirPositive(PL.Dir), boolTy()))
        : LitL ? (DL > 0 ? dirPositive(PH.Dir)
                         : mkUnary(UnOp::Not, dirPositive(PH.Dir), boolTy()))
               : cmp(BinOp::Eq, dirPositive(PH.Dir), dirPositive(PL.Dir));
    Body.push_back(failUnless(
        Agree,
        "f_inverse: the pieces of the step change in opposite directions for "
        "these values",
        dirValue(LitH ? PL.Dir : PH.Dir), Where));
  }
  auto Const = [&](const char *Base, const ExprP &Init) {
    Type CT = T;
    CT.Const = true;
    VarP V = makeVar(Names.fresh(Base), CT, {});
    Body.push_back(mkDecl(V, Init));
    return mkVar(V);
  };
  ExprP HiV, LoV, Bp;
  if (Meet) {
    Bp = lit(FH, T);
  } else {
    HiV = Const("_bp_hi", VHi);
    LoV = Const("_bp_lo", VLo);
    Bp = B.ClosedHi ? HiV : LoV;
    if (!(Folded && LitDir))
      Body.push_back(failUnless(
          mkUserCall("tad::pieces_apart", nullptr, {HiV, LoV, Dir}, boolTy()),
          "f_inverse: the ranges of the step's pieces overlap at the "
          "breakpoint for these values",
          sub(HiV, LoV), Where));
  }
  // The piece that contains t made y when s (y - v) >= 0 (above t) or
  // s (y - v) <= 0 (below).
  auto Test = [&](bool Up) {
    return cmp(Up ? BinOp::Ge : BinOp::Le, S.LHS, Bp);
  };
  ExprP Cond = LitDir ? Test(isLitValue(Dir, 1) == B.ClosedHi)
                      : select(dirPositive(Dir), Test(B.ClosedHi),
                               Test(!B.ClosedHi), boolTy());
  StmtP If = mkStmt(Stmt::Kind::If, S.Loc);
  If->Cond = Cond;
  If->HasElse = true;
  StmtP &Closed = B.ClosedHi ? Hi : Lo, &Open = B.ClosedHi ? Lo : Hi;
  if (!H.Invert(*Closed, If->Body) || !H.Invert(*Open, If->Else))
    return;
  if (!Meet) // a value in the gap between the ranges has no preimage
    for (bool InClosed : {true, false}) {
      bool Up = InClosed == B.ClosedHi;
      (InClosed ? If->Body : If->Else)
          .push_back(failUnless(
              mkUserCall("tad::piece_holds", nullptr,
                         {S.LHS, TV, mkLit(Up ? 1 : -1, Type::integer("int")),
                          mkLit(InClosed, Type::integer("int")), HiV, LoV},
                         boolTy()),
              "f_inverse: no solution: the value is in neither piece's "
              "range",
              S.LHS, Where));
    }
  if (If->Body.empty()) {
    If->Cond = mkUnary(UnOp::Not, If->Cond, boolTy());
    std::swap(If->Body, If->Else);
  }
  If->HasElse = !If->Else.empty();
  if (!If->Body.empty())
    Body.push_back(std::move(If));
  if (Body.size() == 1 && Body[0]->is(Stmt::Kind::If)) {
    Body[0]->Comment = Block->Comment;
    Out.push_back(std::move(Body[0]));
    return;
  }
  Out.push_back(std::move(Block));
}

} // namespace tad
