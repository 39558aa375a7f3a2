//===- IR/Records.cpp - structs in the IR ---------------------------------===//
//
// A struct variable's fields are variables of their own (Var::Fields),
// spelled through the struct: making them, copying structs field by
// field, and the places of fields (p.x, b[i].x, p->x).
//
//===----------------------------------------------------------------------===//
#include "IR/IR.h"

namespace tad {

bool Type::holdsFloats() const {
  return isFloating() || (Rec && Rec->HasFloats);
}

void makeFields(const VarP &V) {
  V->Fields.clear();
  if (!V->Ty.Rec)
    return;
  for (const Record::Field &F : V->Ty.Rec->Fields) {
    auto C = std::make_shared<Var>();
    C->Name = F.Name;
    C->Ty = F.Ty;
    C->Loc = V->Loc;
    C->IsParam = V->IsParam;
    C->IsTangent = V->IsTangent;
    C->Parent = V;
    C->Ty.ConstRef = false;
    if (F.Ty.IsPointer) {
      // A pointer member (a view of an array): indexed on its own, under
      // a struct value, a reference or a pointer to one struct alike.
      C->Ty.PointeeConst = F.Ty.PointeeConst || V->Ty.PointeeConst;
      C->Ty.Reference = false;
      C->Ty.Const = false;
    } else if (!F.Dims.empty() && !V->Ty.Reference &&
               (V->Ty.IsPointer || !V->Dims.empty())) {
      // An array member of an array of structs: one flat array of the
      // members, element k of b[i] at i * S + k.
      std::uint64_t S = 1;
      for (std::uint64_t D : F.Dims)
        S *= D;
      if (!V->Dims.empty()) {
        std::uint64_t N = S;
        for (std::uint64_t D : V->Dims)
          N *= D;
        C->Dims = {N};
      }
      C->MemberExtent = S;
      C->ElementOfParent = true;
      C->Ty.IsPointer = V->Ty.IsPointer;
      C->Ty.PointeeConst = V->Ty.PointeeConst || F.Ty.Const;
      C->Ty.Const = V->Dims.empty() ? false : F.Ty.Const;
    } else if (!F.Dims.empty()) {
      // An array member: a local array in a struct value or behind a
      // pointer to one struct (p->v), an in-out array behind a reference.
      C->Dims = F.Dims;
      C->Ty.Const = V->Ty.Const || V->Ty.PointeeConst || F.Ty.Const;
      if (V->Ty.Reference) {
        C->Dims.clear();
        C->Ty.IsPointer = true;
        C->Ty.PointeeConst = C->Ty.Const;
        C->Ty.Const = false;
      }
    } else if (V->Ty.IsPointer || !V->Dims.empty()) {
      // A field of an array of structs (or of a reference) is an array
      // (or a reference) like its parent.
      C->Dims = V->Dims;
      C->ElementOfParent = !V->Ty.Reference;
      C->Ty.IsPointer = V->Ty.IsPointer;
      C->Ty.PointeeConst = V->Ty.PointeeConst || F.Ty.Const;
      C->Ty.Reference = V->Ty.Reference;
      C->Ty.Const = V->Dims.empty() ? false : F.Ty.Const;
    } else {
      C->Ty.Const = V->Ty.Const || F.Ty.Const;
    }
    V->Fields.push_back(C);
    makeFields(C);
  }
}

VarP cloneVar(const Var &V, const std::string &Name) {
  auto C = std::make_shared<Var>(V);
  C->Name = Name;
  C->Parent.reset();
  makeFields(C);
  return C;
}

void forEachFieldPair(
    const Var &A, const Var &B,
    const std::function<void(const VarP &, const VarP &)> &F) {
  for (size_t I = 0; I < A.Fields.size() && I < B.Fields.size(); ++I) {
    F(A.Fields[I], B.Fields[I]);
    forEachFieldPair(*A.Fields[I], *B.Fields[I], F);
  }
}

void forEachLeafField(const Var &V,
                      const std::function<void(const VarP &)> &F) {
  for (const VarP &C : V.Fields) {
    if (C->Ty.isRecord())
      forEachLeafField(*C, F);
    else
      F(C);
  }
}

VarP rootOfFields(const VarP &V) {
  VarP R = V;
  while (VarP P = R->Parent.lock())
    R = P;
  return R;
}

ExprP fieldOfPlace(const ExprP &Place, size_t K) {
  switch (Place->K) {
  case Expr::Kind::VarRef:
    return mkVar(Place->V->Fields[K], Place->Loc);
  case Expr::Kind::Index: {
    ExprP F = fieldOfPlace(Place->op(0), K);
    // b[i].v of an array member: the flat members from i * S on.
    if (F->is(Expr::Kind::VarRef) && F->V->MemberExtent) {
      const ExprP &I = Place->op(1);
      Type T = I->Ty.unqualified();
      return mkOffset(F,
                      mkBinary(BinOp::Mul, I,
                               mkLit(double(F->V->MemberExtent), T), T,
                               Place->Loc),
                      Place->Loc);
    }
    // An array member of the one struct a pointer or reference names
    // (p->v, r.v) is an array of its own.
    if (F->is(Expr::Kind::VarRef) && F->V->isField() &&
        !F->V->ElementOfParent && !F->V->Ty.Reference)
      return F;
    return mkIndex(F, Place->op(1), Place->Loc);
  }
  default: // b + k
    return mkOffset(fieldOfPlace(Place->op(0), K), Place->op(1), Place->Loc);
  }
}

ExprP scalarPlace(const ExprP &E) {
  if (E->is(Expr::Kind::VarRef) && E->V->Ty.Reference && E->V->Ty.IsPointer)
    return mkIndex(E, mkLit(0, Type::integer("int")), E->Loc);
  return E;
}

void copyFields(const ExprP &Dst, const ExprP &Src, StmtList &Out, SrcLoc Loc) {
  const Record &R = *Dst->Ty.Rec;
  for (size_t K = 0; K < R.Fields.size(); ++K) {
    ExprP D = fieldOfPlace(Dst, K), S = fieldOfPlace(Src, K);
    if (D->Ty.isRecord()) {
      copyFields(D, S, Out, Loc);
      continue;
    }
    // A pointer member (a view) is not copied: tad binds it (Inline).
    if (D->is(Expr::Kind::VarRef) && D->V->Ty.IsPointer &&
        !D->V->Ty.Reference && D->V->Dims.empty() && !D->V->MemberExtent)
      continue;
    if (R.Fields[K].Dims.empty()) {
      Out.push_back(
          mkAssign(scalarPlace(D), AssignOp::Set, scalarPlace(S), Loc));
      continue;
    }
    for (std::uint64_t J = 0; J < R.Fields[K].Dims[0]; ++J) {
      ExprP I = mkLit(double(J), Type::integer("int"));
      Out.push_back(
          mkAssign(mkIndex(D, I, Loc), AssignOp::Set, mkIndex(S, I, Loc), Loc));
    }
  }
}

static void zeroDefaults(const Var &V, StmtList &Out, SrcLoc Loc,
                         bool All = false) {
  All |= V.Ty.Rec->HasConstructors; // every field: the constructor's values
  for (size_t I = 0; I < V.Fields.size(); ++I) {
    const VarP &F = V.Fields[I];
    if (F->Ty.isRecord()) {
      zeroDefaults(*F, Out, Loc, All);
      continue;
    }
    if (!All && !V.Ty.Rec->Fields[I].HasDefault)
      continue;
    if (F->Ty.IsPointer) // a view: not a value of the struct's
      continue;
    Type Ty = F->Ty.unqualified();
    if (F->Dims.empty()) {
      Out.push_back(mkAssign(mkVar(F), AssignOp::Set, mkLit(0, Ty), Loc));
      continue;
    }
    for (std::uint64_t J = 0; J < F->Dims[0]; ++J)
      Out.push_back(
          mkAssign(mkIndex(mkVar(F), mkLit(double(J), Type::integer("int"))),
                   AssignOp::Set, mkLit(0, Ty), Loc));
  }
}

void declareZeroRecord(const VarP &V, StmtList &Out, SrcLoc Loc) {
  StmtP D = mkDecl(V, nullptr, Loc);
  D->HasInitList = true;
  Out.push_back(std::move(D));
  if (V->Dims.empty())
    zeroDefaults(*V, Out, Loc);
}

} // namespace tad
