//===- Frontend/Lower/Positions.cpp - positions in arrays -----------------===//
//
// A position is an array (or container) and an offset into it: `v.begin()`,
// `v.end()`, `a`, `a + n`, a local pointer or iterator, moved by `+ k` or
// `- k`. The algorithms' ranges are pairs of positions (Algorithms.cpp);
// iterator locals of a std::vector are followed as local pointers are, an
// offset into one container (`*it` is v[it_off], `++it` is ++it_off); and
// two pointers or iterators into one array compare and subtract as their
// offsets.
//
//===----------------------------------------------------------------------===//
#include "Frontend/Lower/Lowerer.h"
#include "IR/Names.h"
#include "Rules/ExprBuilder.h"

#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace tad {

Type sizeType() {
  Type T = Type::integer("std::size_t");
  T.Unsigned = true;
  return T;
}

/// X as a std::size_t.
ExprP asSize(ExprP X) {
  if (X->is(Expr::Kind::Lit))
    return mkLit(X->Value, sizeType(), X->Loc);
  if (X->Ty.sameScalar(sizeType()))
    return X;
  SrcLoc L = X->Loc;
  return mkCast(sizeType(), std::move(X), L);
}

/// A + B of sizes, folded where both are literals and where one is 0.
ExprP addSize(ExprP A, ExprP B, SrcLoc L) {
  if (A->is(Expr::Kind::Lit) && B->is(Expr::Kind::Lit))
    return mkLit(A->Value + B->Value, sizeType(), L);
  if (A->is(Expr::Kind::Lit) && A->Value == 0)
    return B;
  if (B->is(Expr::Kind::Lit) && B->Value == 0)
    return A;
  return mkBinary(BinOp::Add, std::move(A), std::move(B), sizeType(), L);
}

ExprP subSize(ExprP A, ExprP B, SrcLoc L) {
  if (A->is(Expr::Kind::Lit) && B->is(Expr::Kind::Lit) && A->Value >= B->Value)
    return mkLit(A->Value - B->Value, sizeType(), L);
  if (B->is(Expr::Kind::Lit) && B->Value == 0)
    return A;
  return mkBinary(BinOp::Sub, std::move(A), std::move(B), sizeType(), L);
}

/// E without the conversions, temporaries and iterator copies around it.
const clang::Expr *withoutCopies(const clang::Expr *E) {
  for (;;) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *CCE = dyn_cast<CXXConstructExpr>(E);
        CCE && CCE->getNumArgs() == 1 && CCE->getConstructor() &&
        CCE->getConstructor()->isCopyOrMoveConstructor()) {
      E = CCE->getArg(0);
      continue;
    }
    if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E);
        FC && FC->getCastKind() == CK_NoOp) {
      E = FC->getSubExpr();
      continue;
    }
    return E;
  }
}

std::optional<Lowerer::Position> Lowerer::position(const clang::Expr *E) {
  E = withoutCopies(E);
  SrcLoc SL = loc(E->getExprLoc());
  // `first + k`, `last - k` (an iterator's operator or a pointer's).
  const clang::Expr *Inner = nullptr, *K = nullptr;
  bool Minus = false;
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E);
      OC && OC->getNumArgs() == 2 &&
      (OC->getOperator() == OO_Plus || OC->getOperator() == OO_Minus) &&
      OC->getArg(1)->getType()->isIntegerType()) {
    Inner = OC->getArg(0);
    K = OC->getArg(1);
    Minus = OC->getOperator() == OO_Minus;
  } else if (const auto *BO = dyn_cast<BinaryOperator>(E);
             BO && BO->getType()->isPointerType() &&
             (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub) &&
             BO->getRHS()->getType()->isIntegerType()) {
    Inner = BO->getLHS();
    K = BO->getRHS();
    Minus = BO->getOpcode() == BO_Sub;
  }
  if (Inner) {
    std::optional<Position> P = position(Inner);
    if (!P)
      return std::nullopt;
    ExprP Off = asSize(expr(K));
    P->Off = Minus ? subSize(P->Off, Off, SL) : addSize(P->Off, Off, SL);
    return P;
  }
  // v.begin(), v.end() of a container variable.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const clang::Expr *Obj = MC->getImplicitObjectArgument();
    if (!Obj || !MC->getMethodDecl() || MC->getNumArgs() ||
        !containerOf(Obj->getType(), E->getExprLoc()))
      return std::nullopt;
    std::string M = MC->getMethodDecl()->getNameAsString();
    if (M != "begin" && M != "end" && M != "cbegin" && M != "cend")
      return std::nullopt;
    ExprP V = containerVar(Obj);
    if (!V)
      return std::nullopt;
    Position P;
    P.Base = V;
    P.Root = V->V.get();
    P.Off = M == "begin" || M == "cbegin" ? mkLit(0, sizeType(), SL)
                                          : asSize(sizeOf(V->V, SL));
    return P;
  }
  // A local pointer or iterator: its array at its offset.
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (auto It = PointerLocals.find(DRE->getDecl());
        It != PointerLocals.end()) {
      Position P;
      P.Base = mkVar(It->second.Base, SL);
      P.Root = It->second.Base.get();
      P.Off = asSize(mkVar(It->second.Off, SL));
      return P;
    }
  // a, an array variable (a pointer parameter, a local array).
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E);
      DRE &&
      (DRE->getType()->isPointerType() || DRE->getType()->isArrayType())) {
    if (Aliases.count(DRE->getDecl()))
      return std::nullopt;
    VarP V = varFor(DRE->getDecl(), DRE->getLocation());
    if (!V->isArray() || V->Ty.isRecord())
      return std::nullopt;
    Position P;
    P.Base = mkVar(V, SL);
    P.Root = V.get();
    P.Off = mkLit(0, sizeType(), SL);
    return P;
  }
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Iterators and pointer comparisons
//===----------------------------------------------------------------------===//

namespace {
/// A std::vector iterator (libstdc++'s and libc++'s); std::array's are
/// pointers.
bool isIterator(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && (RD->getName() == "__normal_iterator" ||
                RD->getName() == "__wrap_iter");
}

const char *const IteratorUses =
    "tad follows an iterator as an offset into its container: dereference "
    "it (*it), index it (it[k]), compare it or subtract it from another "
    "iterator of the same container, and move it in a statement of its own "
    "(++it, it += k, it = v.begin())";

std::optional<BinOp> comparison(OverloadedOperatorKind Op) {
  switch (Op) {
  case OO_EqualEqual:
    return BinOp::Eq;
  case OO_ExclaimEqual:
    return BinOp::Ne;
  case OO_Less:
    return BinOp::Lt;
  case OO_Greater:
    return BinOp::Gt;
  case OO_LessEqual:
    return BinOp::Le;
  case OO_GreaterEqual:
    return BinOp::Ge;
  default:
    return std::nullopt;
  }
}
} // namespace

bool Lowerer::iteratorLocal(const VarDecl *VD, StmtList &Out) {
  if (!isIterator(VD->getType()))
    return false;
  std::string Name = VD->getNameAsString();
  SourceLocation L = VD->getLocation();
  const auto *Made =
      VD->getInit() ? dyn_cast<CXXConstructExpr>(withoutCopies(VD->getInit()))
                    : nullptr;
  if (!VD->getInit() || (Made && Made->getNumArgs() == 0))
    fail(L, "local iterator '" + Name +
                "' must be initialized: tad follows an iterator into one "
                "container, set where it is declared");
  if (VD->isStaticLocal())
    fail(L, "static local iterators are not supported");
  std::optional<Position> P = position(VD->getInit());
  if (!P)
    fail(VD->getInit()->getExprLoc(),
         "this iterator is not supported: tad follows iterators set from "
         "'v.begin()' or 'v.end()' (or cbegin, cend) of a std::vector "
         "variable or from another iterator, moved by '+ k' or '- k'");
  if (P->Base->Ty.isRecord() || !P->Base->is(Expr::Kind::VarRef))
    fail(L, "iterators over structs are not supported yet: index the "
            "vector (v[i].x) or loop over it with a range-based for");
  VarP O = makeVar(freshName(Name + "_off"), sizeType(), loc(L));
  Out.push_back(mkDecl(O, P->Off, loc(L)));
  PointerLocals[VD] = {P->Base->V, O};
  return true;
}

ExprP Lowerer::iteratorExpr(const CallExpr *CE) {
  const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE);
  if (!OC || OC->getNumArgs() == 0 || !isIterator(OC->getArg(0)->getType()))
    return nullptr;
  SourceLocation L = OC->getOperatorLoc();
  SrcLoc SL = loc(L);
  auto At = [&](const clang::Expr *E) {
    std::optional<Position> P = position(E);
    if (!P)
      fail(E->getExprLoc(),
           std::string("this iterator is not supported: ") + IteratorUses);
    if (P->Base->Ty.isRecord())
      fail(E->getExprLoc(), "iterators over structs are not supported yet: "
                            "index the vector (v[i].x) or loop over it "
                            "with a range-based for");
    return *P;
  };
  OverloadedOperatorKind Op = OC->getOperator();
  if (Op == OO_Star && OC->getNumArgs() == 1) {
    Position P = At(OC->getArg(0));
    return mkIndex(P.Base, P.Off, SL);
  }
  if (Op == OO_Subscript) {
    Position P = At(OC->getArg(0));
    return mkIndex(P.Base, addSize(P.Off, asSize(expr(OC->getArg(1))), SL), SL);
  }
  std::optional<BinOp> Cmp = comparison(Op);
  bool Difference = Op == OO_Minus && OC->getNumArgs() == 2 &&
                    isIterator(OC->getArg(1)->getType());
  if (Cmp || Difference) {
    Position A = At(OC->getArg(0)), B = At(OC->getArg(1));
    if (A.Root != B.Root)
      fail(L, "these iterators are of two containers: tad compares and "
              "subtracts iterators of one container only");
    if (Cmp)
      return mkBinary(*Cmp, A.Off, B.Off, Type::scalar(ScalarKind::Bool), SL);
    return mkCast(lowerType(CE->getType(), L, "this difference"),
                  mkBinary(BinOp::Sub, A.Off, B.Off, sizeType(), SL), SL);
  }
  if (Op == OO_Arrow)
    fail(L, "iterators over structs are not supported yet: index the "
            "vector (v[i].x) or loop over it with a range-based for");
  fail(L, std::string("this use of an iterator is not supported: ") +
              IteratorUses);
}

bool Lowerer::iteratorUpdate(const clang::Expr *E, StmtList &Out) {
  const auto *OC = dyn_cast<CXXOperatorCallExpr>(E->IgnoreParens());
  if (!OC || OC->getNumArgs() == 0)
    return false;
  const auto *DRE = dyn_cast<DeclRefExpr>(OC->getArg(0)->IgnoreParens());
  auto It = DRE ? PointerLocals.find(DRE->getDecl()) : PointerLocals.end();
  if (It == PointerLocals.end() || !isIterator(DRE->getType()))
    return false;
  const PointerLocal &PL = It->second;
  SrcLoc SL = loc(OC->getOperatorLoc());
  ExprP Off = mkVar(PL.Off, SL);
  switch (OC->getOperator()) {
  case OO_PlusPlus:
  case OO_MinusMinus:
    Out.push_back(mkAssign(
        Off, OC->getOperator() == OO_PlusPlus ? AssignOp::Add : AssignOp::Sub,
        mkLit(1, sizeType()), SL));
    return true;
  case OO_PlusEqual:
  case OO_MinusEqual:
    Out.push_back(mkAssign(
        Off, OC->getOperator() == OO_PlusEqual ? AssignOp::Add : AssignOp::Sub,
        asSize(expr(OC->getArg(1))), SL));
    return true;
  case OO_Equal: {
    std::optional<Position> P = position(OC->getArg(1));
    if (!P || P->Root != PL.Base.get())
      fail(OC->getArg(1)->getExprLoc(),
           "iterator '" + DRE->getDecl()->getNameAsString() +
               "' is followed as an offset into '" + PL.Base->Name +
               "': it may be set to a position in that container only "
               "(v.begin(), v.end(), another of its iterators, moved by "
               "'+ k' or '- k')");
    Out.push_back(mkAssign(Off, AssignOp::Set, P->Off, SL));
    return true;
  }
  default:
    fail(OC->getOperatorLoc(),
         std::string("this use of an iterator is not supported: ") +
             IteratorUses);
  }
}

/// E names a position in an array: an array or pointer variable, a local
/// pointer, `p + k`, `&a[k]`, `v.begin()` of a std::array.
bool Lowerer::arrayPointer(const clang::Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (isa<CXXMemberCallExpr>(withoutCopies(E)))
    return position(E).has_value();
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return BO->getType()->isPointerType() &&
           (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub) &&
           arrayPointer(BO->getLHS()->getType()->isPointerType()
                            ? BO->getLHS()
                            : BO->getRHS());
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (const auto *A =
            dyn_cast<ArraySubscriptExpr>(UO->getSubExpr()->IgnoreParens()))
      return UO->getOpcode() == UO_AddrOf && arrayPointer(A->getBase());
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return VD && !Aliases.count(VD) &&
         (PointerLocals.count(VD) || VD->getType()->isPointerType() ||
          VD->getType()->isArrayType());
}

ExprP Lowerer::pointerCompare(const BinaryOperator *BO) {
  const clang::Expr *A = BO->getLHS(), *B = BO->getRHS();
  if (!A->getType()->isPointerType() || !B->getType()->isPointerType() ||
      !(BO->isComparisonOp() || BO->getOpcode() == BO_Sub) ||
      !arrayPointer(A) || !arrayPointer(B))
    return nullptr;
  SrcLoc SL = loc(BO->getOperatorLoc());
  // A pointer's array and offset: `a.end()` of a std::array (a pointer) as
  // a position, anything else as the base of a pointer argument is (a local
  // pointer's offset stays signed: `p >= a` after `--p` is false).
  Type Int = Type::integer("int");
  auto Place = [&](const clang::Expr *E) -> std::pair<const Var *, ExprP> {
    if (isa<CXXMemberCallExpr>(withoutCopies(E)))
      if (std::optional<Position> P = position(E))
        return {P->Root, P->Off};
    ExprP X = arrayBase(E, "in this comparison");
    return {rootVar(X).get(), isOffset(X) ? X->op(1) : mkLit(0, Int, SL)};
  };
  auto [RA, OA] = Place(A);
  auto [RB, OB] = Place(B);
  if (!RA || RA != RB)
    fail(BO->getOperatorLoc(),
         "these pointers point into two arrays ('" +
             (RA ? RA->Name : std::string("?")) + "' and '" +
             (RB ? RB->Name : std::string("?")) +
             "'): tad compares and subtracts pointers into one array only");
  // One type for both sides (a local pointer's int offset against a
  // container's size).
  if (!OA->Ty.sameScalar(OB->Ty))
    OB = mkCast(OA->Ty.unqualified(), OB, SL);
  static const std::map<BinaryOperatorKind, BinOp> Ops = {
      {BO_LT, BinOp::Lt}, {BO_LE, BinOp::Le}, {BO_GT, BinOp::Gt},
      {BO_GE, BinOp::Ge}, {BO_EQ, BinOp::Eq}, {BO_NE, BinOp::Ne}};
  if (BO->getOpcode() == BO_Sub)
    return mkCast(
        lowerType(BO->getType(), BO->getOperatorLoc(), "this difference"),
        mkBinary(BinOp::Sub, OA, OB, OA->Ty.unqualified(), SL), SL);
  return mkBinary(Ops.at(BO->getOpcode()), OA, OB,
                  Type::scalar(ScalarKind::Bool), SL);
}

} // namespace tad
