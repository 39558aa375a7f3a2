//===- IR/IR.cpp - IR node construction -----------------------------------===//
#include "IR/IR.h"

#include <algorithm>
#include <unordered_set>

namespace tad {

const char *spelling(UnOp Op) {
  switch (Op) {
  case UnOp::Neg:
    return "-";
  case UnOp::Not:
    return "!";
  case UnOp::BitNot:
    return "~";
  case UnOp::AddrOf:
    return "&";
  case UnOp::Deref:
    return "*";
  }
  return "?";
}

const char *spelling(BinOp Op) {
  switch (Op) {
  case BinOp::Add:
    return "+";
  case BinOp::Sub:
    return "-";
  case BinOp::Mul:
    return "*";
  case BinOp::Div:
    return "/";
  case BinOp::Rem:
    return "%";
  case BinOp::Lt:
    return "<";
  case BinOp::Le:
    return "<=";
  case BinOp::Gt:
    return ">";
  case BinOp::Ge:
    return ">=";
  case BinOp::Eq:
    return "==";
  case BinOp::Ne:
    return "!=";
  case BinOp::LAnd:
    return "&&";
  case BinOp::LOr:
    return "||";
  case BinOp::BitAnd:
    return "&";
  case BinOp::BitOr:
    return "|";
  case BinOp::BitXor:
    return "^";
  case BinOp::Shl:
    return "<<";
  case BinOp::Shr:
    return ">>";
  }
  return "?";
}

const char *spelling(AssignOp Op) {
  switch (Op) {
  case AssignOp::Set:
    return "=";
  case AssignOp::Add:
    return "+=";
  case AssignOp::Sub:
    return "-=";
  case AssignOp::Mul:
    return "*=";
  case AssignOp::Div:
    return "/=";
  case AssignOp::Rem:
    return "%=";
  case AssignOp::Other:
    return "?=";
  }
  return "?";
}

bool isComparison(BinOp Op) {
  return Op == BinOp::Lt || Op == BinOp::Le || Op == BinOp::Gt ||
         Op == BinOp::Ge || Op == BinOp::Eq || Op == BinOp::Ne;
}
bool isLogical(BinOp Op) { return Op == BinOp::LAnd || Op == BinOp::LOr; }

static std::shared_ptr<Expr> node(Expr::Kind K, Type Ty, SrcLoc Loc) {
  return std::make_shared<Expr>(K, std::move(Ty), Loc);
}

ExprP mkLit(double Value, Type Ty, SrcLoc Loc, std::string Spelling) {
  auto E = node(Expr::Kind::Lit, std::move(Ty), Loc);
  E->Value = Value;
  E->Spelling = std::move(Spelling);
  return E;
}

ExprP mkVar(VarP V, SrcLoc Loc) {
  Type Ty = V->Ty;
  if (!V->Dims.empty()) { // a local array decays to a pointer
    Ty.IsPointer = true;
    Ty.PointeeConst = V->Ty.Const;
    Ty.Const = false;
  }
  auto E = node(Expr::Kind::VarRef, Ty, Loc.valid() ? Loc : V->Loc);
  E->V = std::move(V);
  return E;
}

bool isOffset(const ExprP &E) {
  return E && E->is(Expr::Kind::Binary) && E->BOp == BinOp::Add &&
         E->Ty.IsPointer;
}

/// Off1 + Off2, with a zero left out.
static ExprP addOffsets(const ExprP &A, const ExprP &B, SrcLoc Loc) {
  if (A->is(Expr::Kind::Lit) && A->Value == 0)
    return B;
  if (B->is(Expr::Kind::Lit) && B->Value == 0)
    return A;
  return mkBinary(BinOp::Add, A, B, A->Ty.unqualified(), Loc);
}

ExprP mkOffset(ExprP Base, ExprP Off, SrcLoc Loc) {
  if (isOffset(Base)) {
    ExprP Sum = addOffsets(Base->op(1), Off, Loc);
    return mkOffset(Base->op(0), Sum, Loc);
  }
  // A container's elements at offset 0 stay an offset: `v.data()`, the
  // pointer, where `v` would be the container.
  bool Container = Base->is(Expr::Kind::VarRef) && isContainer(*Base->V);
  if (Off->is(Expr::Kind::Lit) && Off->Value == 0 && !Container)
    return Base;
  Type T = Base->Ty;
  T.Const = false;
  T.Cont = tad::Container::None;
  T.ContN = 0;
  return mkBinary(BinOp::Add, std::move(Base), std::move(Off), T, Loc);
}

ExprP mkIndex(ExprP Base, ExprP Index, SrcLoc Loc) {
  if (isOffset(Base)) // (a + k)[i] is a[k + i]
    return mkIndex(Base->op(0), addOffsets(Base->op(1), Index, Loc), Loc);
  auto E = node(Expr::Kind::Index, Base->Ty.element(), Loc);
  E->Ops = {std::move(Base), std::move(Index)};
  return E;
}

ExprP mkUnary(UnOp Op, ExprP X, Type Ty, SrcLoc Loc) {
  auto E = node(Expr::Kind::Unary, std::move(Ty), Loc);
  E->UOp = Op;
  E->Ops = {std::move(X)};
  return E;
}

ExprP mkBinary(BinOp Op, ExprP L, ExprP R, Type Ty, SrcLoc Loc) {
  auto E = node(Expr::Kind::Binary, std::move(Ty), Loc);
  E->BOp = Op;
  E->Ops = {std::move(L), std::move(R)};
  return E;
}

ExprP mkSelect(ExprP C, ExprP T, ExprP F, Type Ty, SrcLoc Loc) {
  auto E = node(Expr::Kind::Select, std::move(Ty), Loc);
  E->Ops = {std::move(C), std::move(T), std::move(F)};
  return E;
}

ExprP mkBuiltinCall(BuiltinId Id, std::string Name, std::vector<ExprP> Args,
                    Type Ty, SrcLoc Loc) {
  auto E = node(Expr::Kind::Call, std::move(Ty), Loc);
  E->Builtin = Id;
  E->Callee = std::move(Name);
  E->Ops = std::move(Args);
  return E;
}

ExprP mkUserCall(std::string Name, const void *Key, std::vector<ExprP> Args,
                 Type Ty, SrcLoc Loc) {
  auto E = node(Expr::Kind::Call, std::move(Ty), Loc);
  E->Callee = std::move(Name);
  E->CalleeKey = Key;
  E->Ops = std::move(Args);
  return E;
}

ExprP mkCast(Type To, ExprP X, SrcLoc Loc, bool Implicit) {
  auto E = node(Expr::Kind::Cast, To.unqualified(), Loc);
  E->Implicit = Implicit;
  E->Ops = {std::move(X)};
  return E;
}

VarP rootVar(const ExprP &E) {
  if (!E)
    return nullptr;
  if (E->is(Expr::Kind::VarRef))
    return E->V;
  if (E->is(Expr::Kind::Index) || isOffset(E))
    return rootVar(E->op(0));
  return nullptr;
}

StmtP mkStmt(Stmt::Kind K, SrcLoc Loc) {
  return std::make_unique<Stmt>(K, Loc);
}

StmtP mkDecl(VarP V, ExprP Init, SrcLoc Loc) {
  StmtP S = mkStmt(Stmt::Kind::Decl, Loc);
  S->V = std::move(V);
  S->Init = std::move(Init);
  return S;
}

StmtP mkAssign(ExprP LHS, AssignOp Op, ExprP RHS, SrcLoc Loc) {
  StmtP S = mkStmt(Stmt::Kind::Assign, Loc);
  S->LHS = std::move(LHS);
  S->AOp = Op;
  S->RHS = std::move(RHS);
  return S;
}

StmtP mkExprStmt(ExprP E, SrcLoc Loc) {
  StmtP S = mkStmt(Stmt::Kind::ExprStmt, Loc);
  S->Value = std::move(E);
  return S;
}

StmtP mkReturn(ExprP Value, SrcLoc Loc) {
  StmtP S = mkStmt(Stmt::Kind::Return, Loc);
  S->Value = std::move(Value);
  return S;
}

StmtList cloneList(const StmtList &L) {
  StmtList Out;
  for (const StmtP &S : L)
    Out.push_back(cloneStmt(*S));
  return Out;
}

StmtP cloneStmt(const Stmt &S) {
  StmtP C = mkStmt(S.K, S.Loc);
  C->Comment = S.Comment;
  C->V = S.V;
  C->Init = S.Init;
  C->InitList = S.InitList;
  C->HasInitList = S.HasInitList;
  C->LHS = S.LHS;
  C->RHS = S.RHS;
  C->AOp = S.AOp;
  C->OtherOpSpelling = S.OtherOpSpelling;
  C->Value = S.Value;
  C->Cond = S.Cond;
  C->Body = cloneList(S.Body);
  C->Else = cloneList(S.Else);
  C->HasElse = S.HasElse;
  C->ForInit = cloneList(S.ForInit);
  C->ForInc = cloneList(S.ForInc);
  C->TripCount = S.TripCount;
  C->Pops = S.Pops;
  C->Recompute = S.Recompute;
  C->Parallel = S.Parallel;
  C->Reduction = S.Reduction;
  C->Atomic = S.Atomic;
  return C;
}

FunctionP cloneFunction(const Function &F) {
  auto N = std::make_unique<Function>();
  N->Name = F.Name;
  N->Namespace = F.Namespace;
  N->RetTy = F.RetTy;
  N->Params = F.Params;
  N->Body = cloneList(F.Body);
  N->Qualifiers = F.Qualifiers;
  N->Loc = F.Loc;
  N->File = F.File;
  N->Annotations = F.Annotations;
  N->Key = F.Key;
  N->UnnamedParams = F.UnnamedParams;
  N->Mode = F.Mode;
  N->UsesTape = F.UsesTape;
  N->HasBody = F.HasBody;
  return N;
}

/// `p = <literal>;` for a by-value parameter p: a store no caller sees.
static bool isParamReset(const Stmt &S) {
  return S.is(Stmt::Kind::Assign) && S.AOp == AssignOp::Set &&
         S.LHS->is(Expr::Kind::VarRef) && S.LHS->V->IsParam &&
         !S.LHS->V->Ty.IsPointer && S.RHS->is(Expr::Kind::Lit);
}

/// The variables L mentions (SkipResets: not counting parameter resets).
static void collectReads(const StmtList &L, std::vector<const Var *> &Out,
                         bool SkipResets = false) {
  auto E = [&](const ExprP &X) {
    forEachVar(X, [&](const VarP &V) { Out.push_back(V.get()); });
  };
  for (const StmtP &S : L) {
    if (SkipResets && isParamReset(*S))
      continue;
    E(S->Init);
    for (const ExprP &X : S->InitList)
      E(X);
    E(S->LHS);
    E(S->RHS);
    E(S->Value);
    E(S->Cond);
    if (S->TripCount)
      Out.push_back(S->TripCount.get());
    for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      collectReads(*Sub, Out, SkipResets);
  }
}

static void dropResets(StmtList &L, const std::vector<const Var *> &Read) {
  StmtList Out;
  for (StmtP &S : L) {
    if (isParamReset(*S) &&
        std::find(Read.begin(), Read.end(), S->LHS->V.get()) == Read.end())
      continue;
    dropResets(S->Body, Read);
    dropResets(S->Else, Read);
    dropResets(S->ForInit, Read);
    dropResets(S->ForInc, Read);
    Out.push_back(std::move(S));
  }
  L = std::move(Out);
}

/// Whether E calls a user function (a call may write through its
/// arguments; built-in maths functions do not).
static bool callsUser(const ExprP &E) {
  if (!E)
    return false;
  if (E->is(Expr::Kind::Call) && E->Builtin < 0)
    return true;
  for (const ExprP &O : E->Ops)
    if (callsUser(O))
      return true;
  return false;
}

/// The outermost calls of user functions in E, left to right.
static void outerUserCalls(const ExprP &E, std::vector<ExprP> &Out) {
  if (!E)
    return;
  if (E->is(Expr::Kind::Call) && E->Builtin < 0) {
    Out.push_back(E);
    return;
  }
  for (const ExprP &O : E->Ops)
    outerUserCalls(O, Out);
}

/// In each statement list, from its end: a declaration of a scalar that no
/// later statement of its list mentions (its scope) is dead. It is dropped
/// when its value calls no user function (a tangent whose every use the
/// rules multiplied by a structural zero, as in `0.0 * s`; a primal local
/// only an `if (...) continue;` at the end of a loop read, a statement that
/// needs no flag and is dropped); otherwise the user calls of its value stay
/// as statements (a value popped from the tape for a reversed branch that
/// is empty, `if (x[1] > 0) x[0] *= 1.0;` in f_ijvp: the pop keeps the tape
/// in step; a helper's call in a local only such an `if` read).
/// -Wunused-variable rejects the declarations. Returns whether L changed.
static bool dropDeadDecls(StmtList &L) {
  bool Changed = false;
  std::unordered_set<const Var *> After;
  std::vector<const Var *> Reads;
  for (size_t K = L.size(); K-- > 0;) {
    Stmt &S = *L[K];
    size_t Count = 1; // the statements at K whose reads go into After
    // (Not ForInit: its declarations' scope is the loop.)
    for (StmtList *Sub : {&S.Body, &S.Else})
      Changed |= dropDeadDecls(*Sub);
    // Floating and bool values, and integers popped from the tape (an index
    // residual): an object such as the tape is typed as an integer with its
    // own spelling, and used through calls by name.
    bool Pop = S.is(Stmt::Kind::Decl) && S.Init &&
               S.Init->is(Expr::Kind::Call) && S.Init->Builtin < 0 &&
               S.Init->Callee.find(".pop<") != std::string::npos;
    if (S.is(Stmt::Kind::Decl) && S.V && !S.V->IsParam && !S.V->isArray() &&
        (S.V->Ty.isFloating() || S.V->Ty.Kind == ScalarKind::Bool || Pop) &&
        S.InitList.empty() && !After.count(S.V.get())) {
      if (!callsUser(S.Init)) {
        L.erase(L.begin() + K);
        Changed = true;
        continue;
      }
      // The user calls its value makes stay, as statements, outermost
      // first (the rest of the value is built-in arithmetic).
      std::vector<ExprP> Calls;
      outerUserCalls(S.Init, Calls);
      SrcLoc Loc = S.Loc;
      L.erase(L.begin() + K);
      for (size_t C = Calls.size(); C-- > 0;)
        L.insert(L.begin() + K, mkExprStmt(Calls[C], Loc));
      Changed = true;
      Count = Calls.size();
    }
    for (size_t J = K; J < K + Count; ++J) {
      Reads.clear();
      StmtList One;
      One.push_back(std::move(L[J]));
      collectReads(One, Reads);
      L[J] = std::move(One.front());
      After.insert(Reads.begin(), Reads.end());
    }
  }
  return Changed;
}

void unnameUnreadParams(Function &F) {
  while (dropDeadDecls(F.Body)) {
  }
  // Resetting a by-value parameter nothing reads again (a cotangent
  // zeroed after its last use) is dead, and -Wunused-but-set-parameter
  // says so: drop it.
  std::vector<const Var *> Read;
  collectReads(F.Body, Read, /*SkipResets=*/true);
  dropResets(F.Body, Read);
  Read.clear();
  collectReads(F.Body, Read);
  F.UnnamedParams.assign(F.Params.size(), false);
  for (size_t I = 0; I < F.Params.size(); ++I)
    F.UnnamedParams[I] =
        std::find(Read.begin(), Read.end(), F.Params[I].get()) == Read.end();
}

ExprP rewriteExpr(const ExprP &E,
                  const std::function<ExprP(const ExprP &)> &Replace) {
  if (!E)
    return E;
  if (ExprP R = Replace(E))
    return R;
  bool Changed = false;
  std::vector<ExprP> Ops;
  for (const ExprP &O : E->Ops) {
    Ops.push_back(rewriteExpr(O, Replace));
    Changed |= Ops.back() != O;
  }
  if (!Changed)
    return E;
  if (E->is(Expr::Kind::Index) && isOffset(Ops[0])) // a base became a + k
    return mkIndex(Ops[0], Ops[1], E->Loc);
  // An offset whose base became a + k (or a container): one offset, which
  // the emitter prints as `v.data() + k + i` for a container.
  if (isOffset(E) && (isOffset(Ops[0]) || (Ops[0]->is(Expr::Kind::VarRef) &&
                                           isContainer(*Ops[0]->V))))
    return mkOffset(Ops[0], Ops[1], E->Loc);
  auto C = std::make_shared<Expr>(*E);
  C->Ops = std::move(Ops);
  return C;
}

ExprP substituteVars(const ExprP &E, const std::map<const Var *, ExprP> &M) {
  return rewriteExpr(E, [&](const ExprP &X) -> ExprP {
    if (!X->is(Expr::Kind::VarRef))
      return nullptr;
    auto It = M.find(X->V.get());
    return It == M.end() ? nullptr : It->second;
  });
}

bool callsUserFunction(const ExprP &E) {
  if (!E)
    return false;
  if (E->isUserCall())
    return true;
  for (const ExprP &O : E->Ops)
    if (callsUserFunction(O))
      return true;
  return false;
}

bool sameExpr(const ExprP &A, const ExprP &B) {
  if (A == B)
    return true;
  if (!A || !B || A->K != B->K || A->Ops.size() != B->Ops.size())
    return false;
  switch (A->K) {
  case Expr::Kind::Lit:
    return A->Value == B->Value;
  case Expr::Kind::VarRef:
    return A->V == B->V;
  case Expr::Kind::Unary:
    if (A->UOp != B->UOp)
      return false;
    break;
  case Expr::Kind::Binary:
    if (A->BOp != B->BOp)
      return false;
    break;
  case Expr::Kind::Call:
    if (A->Builtin != B->Builtin || A->Callee != B->Callee)
      return false;
    break;
  case Expr::Kind::Cast:
    if (!A->Ty.sameScalar(B->Ty))
      return false;
    break;
  default:
    break;
  }
  for (size_t I = 0; I < A->Ops.size(); ++I)
    if (!sameExpr(A->Ops[I], B->Ops[I]))
      return false;
  return true;
}

void forEachValueVar(const ExprP &E,
                     const std::function<void(const VarP &)> &F) {
  if (!E || isSizeQuery(*E))
    return;
  if (E->is(Expr::Kind::VarRef)) {
    forEachVar(E, F);
    return;
  }
  for (const ExprP &O : E->Ops)
    forEachValueVar(O, F);
}

ShapeOp shapeOp(const Expr &E) {
  if (!E.is(Expr::Kind::Call) || E.Builtin >= 0 || E.CalleeKey)
    return ShapeOp::None;
  if (E.Callee == ".resize")
    return ShapeOp::Resize;
  if (E.Callee == ".push_back")
    return ShapeOp::PushBack;
  if (E.Callee == ".pop_back")
    return ShapeOp::PopBack;
  return ShapeOp::None;
}

ExprP mkShapeOp(ShapeOp Op, std::vector<ExprP> Args, SrcLoc Loc) {
  const char *Name = Op == ShapeOp::Resize     ? ".resize"
                     : Op == ShapeOp::PushBack ? ".push_back"
                                               : ".pop_back";
  return mkUserCall(Name, nullptr, std::move(Args),
                    Type::scalar(ScalarKind::Void), Loc);
}

} // namespace tad
