//===- Transforms/Inverse/Plan.cpp - preparing a stepwise program ---------===//
//
// Brings a function into the form the inverse modes read (THEORY.md 1.4):
// calls that pass arrays inlined, exits normalized, scalar callees of one
// return statement inlined as expressions, active temporaries forwarded and
// lumps found (Temporaries.cpp); then builds its JVP, drops the tangents of the
// parameters (constants for inverse accumulation), puts one placeholder per
// lump and has the steps checked (Checks.cpp). IA1 is checked here.
//
//===----------------------------------------------------------------------===//
#include "IR/Names.h"
#include "IR/Spelling.h"
#include "Rules/ExprBuilder.h"
#include "Transforms/Forward/JVP.h"
#include "Transforms/Generator.h"
#include "Transforms/Inverse/Inverse.h"
#include "Transforms/Prepare/Normalize.h"

namespace tad {

bool isStateParam(const Var &P) {
  return P.Ty.IsPointer && P.Ty.isFloating() && !P.Ty.PointeeConst;
}

namespace {

using VarMap = std::map<const Var *, ExprP>;

/// Calls of scalar functions whose body is one `return E;` replaced by E
/// (parameters bound to the arguments), so that a step's derivative stays
/// a combination of state tangents: `x[i] += force(x[j], x[k])`.
class ExprInliner {
  FunctionSource &Src;
  unsigned Depth = 0;

public:
  explicit ExprInliner(FunctionSource &Src) : Src(Src) {}

  ExprP expr(const ExprP &E) {
    if (!E)
      return E;
    bool Changed = false;
    std::vector<ExprP> Ops;
    for (const ExprP &O : E->Ops) {
      Ops.push_back(expr(O));
      Changed |= Ops.back() != O;
    }
    ExprP Cur = E;
    if (Changed) {
      auto C = std::make_shared<Expr>(*E);
      C->Ops = std::move(Ops);
      Cur = C;
    }
    if (!Cur->isUserCall() || !Cur->CalleeKey || Depth > 16)
      return Cur;
    const Function *G = Src.lower(Cur->CalleeKey);
    if (!G || !G->HasBody || G->Body.size() != 1 ||
        !G->Body[0]->is(Stmt::Kind::Return) || !G->Body[0]->Value ||
        G->Params.size() != Cur->Ops.size())
      return Cur;
    VarMap M;
    for (size_t I = 0; I < G->Params.size(); ++I) {
      if (G->Params[I]->Ty.IsPointer)
        return Cur;
      M[G->Params[I].get()] = convert(Cur->Ops[I], G->Params[I]->Ty);
    }
    ++Depth;
    ExprP R = expr(convert(substituteVars(G->Body[0]->Value, M), Cur->Ty));
    --Depth;
    return R;
  }

  void list(StmtList &L) {
    for (StmtP &S : L) {
      for (ExprP *E : {&S->Init, &S->RHS, &S->Value})
        *E = expr(*E);
      for (ExprP &E : S->InitList)
        E = expr(E);
      for (StmtList *Sub : {&S->Body, &S->Else})
        list(*Sub);
    }
  }
};

/// E with the tangents in Zero replaced by zero (null when all of E is).
ExprP dropTangents(const ExprP &E, const std::set<const Var *> &Zero) {
  if (!E)
    return E;
  if (isLocation(E)) {
    VarP R = rootVar(E);
    return R && Zero.count(R.get()) ? nullptr : E;
  }
  bool Changed = false;
  std::vector<ExprP> Ops;
  for (const ExprP &O : E->Ops) {
    Ops.push_back(dropTangents(O, Zero));
    Changed |= Ops.back() != O;
  }
  if (!Changed)
    return E;
  switch (E->K) {
  case Expr::Kind::Binary:
    switch (E->BOp) {
    case BinOp::Add:
      return add(Ops[0], Ops[1]);
    case BinOp::Sub:
      return sub(Ops[0], Ops[1]);
    case BinOp::Mul:
      return mul(Ops[0], Ops[1]);
    case BinOp::Div:
      return div(Ops[0], Ops[1]);
    default:
      break;
    }
    break;
  case Expr::Kind::Unary:
    if (E->UOp == UnOp::Neg)
      return neg(Ops[0]);
    break;
  case Expr::Kind::Cast:
    return Ops[0] ? convert(Ops[0], E->Ty) : nullptr;
  case Expr::Kind::Select:
    return select(Ops[0], Ops[1], Ops[2], E->Ty);
  default:
    break;
  }
  for (ExprP &O : Ops)
    O = orZero(O, E->Ty);
  auto C = std::make_shared<Expr>(*E);
  C->Ops = std::move(Ops);
  return C;
}

bool isTangentStmt(const Stmt &S) {
  if (S.is(Stmt::Kind::Decl))
    return S.V->IsTangent;
  if (!S.is(Stmt::Kind::Assign))
    return false;
  VarP R = rootVar(S.LHS);
  return R && R->IsTangent;
}

/// In the JVP, replaces the tangent statements of each lump's Block by one
/// placeholder at its start (see LumpCallee), and builds the lump's JVP.
void placeLumps(StmtList &L, InversePlan &P, Generator &Gen) {
  for (StmtP &S : L) {
    const LumpInfo *Info =
        S->is(Stmt::Kind::Block) ? P.lumpAt(S->Loc.Handle) : nullptr;
    if (!Info) {
      for (StmtList *Sub : {&S->Body, &S->Else})
        placeLumps(*Sub, P, Gen);
      continue;
    }
    StmtList Kept;
    for (StmtP &X : S->Body)
      if (!isTangentStmt(*X))
        Kept.push_back(std::move(X));
    std::vector<ExprP> Args = Info->Locs;
    for (const ExprP &Loc : Info->Locs)
      Args.push_back(substituteVars(Loc, [&] {
        VarMap M;
        for (auto &[V, T] : P.TangentOf)
          M[V] = mkVar(T);
        return M;
      }()));
    ExprP Target = Args[Info->width()];
    for (const VarP &V : Info->Free)
      Args.push_back(mkVar(V));
    ExprP Call = mkUserCall(LumpCallee, nullptr, Args, Target->Ty, S->Loc);
    StmtList Body;
    Body.push_back(mkAssign(Target, AssignOp::Set, Call, S->Loc));
    for (StmtP &X : Kept)
      Body.push_back(std::move(X));
    S->Body = std::move(Body);
  }
}

} // namespace

/// Whether S (or a statement in it) assigns to V.
static bool assignsVar(const Stmt &S, const Var *V) {
  if (S.is(Stmt::Kind::Assign) && rootVar(S.LHS).get() == V)
    return true;
  for (const StmtList *Sub : {&S.Body, &S.Else, &S.ForInit, &S.ForInc})
    for (const StmtP &C : *Sub)
      if (assignsVar(*C, V))
        return true;
  return false;
}

/// Removes the tangents of parameters from the JVP (they are constants).
void dropParamTangents(StmtList &L, std::set<const Var *> &Zero) {
  for (size_t K = 0; K < L.size();) {
    Stmt &S = *L[K];
    bool Remove = false;
    if (S.is(Stmt::Kind::Decl) && S.V->IsTangent) {
      if (S.Init && !(S.Init = dropTangents(S.Init, Zero))) {
        // A tangent started from a constant's (an accumulator `a = c;
        // a += x[k]`) is zero only until it is updated: it stays, from 0.
        bool Updated = false;
        for (size_t J = K + 1; J < L.size() && !Updated; ++J)
          Updated = assignsVar(*L[J], S.V.get());
        if (Updated) {
          S.Init = lit(0, S.V->Ty);
        } else {
          Zero.insert(S.V.get());
          Remove = true;
        }
      }
    } else if (S.is(Stmt::Kind::Assign) && S.LHS->Ty.isFloating()) {
      VarP R = rootVar(S.LHS);
      if (R && R->IsTangent) {
        bool Scale = S.AOp == AssignOp::Mul || S.AOp == AssignOp::Div;
        if (Zero.count(R.get()))
          Remove = Scale || !dropTangents(S.RHS, Zero);
        else if (!Scale) {
          S.RHS = dropTangents(S.RHS, Zero);
          if (!S.RHS) {
            Remove = S.AOp != AssignOp::Set;
            S.RHS = lit(0, S.LHS->Ty);
          }
        }
      }
    }
    for (StmtList *Sub : {&S.Body, &S.Else})
      dropParamTangents(*Sub, Zero);
    if (Remove)
      L.erase(L.begin() + K);
    else
      ++K;
  }
}

namespace {

void collectConstDefs(const StmtList &L, VarMap &Out) {
  for (const StmtP &S : L) {
    if (S->is(Stmt::Kind::Decl) && S->V->Ty.Const && S->Init)
      Out[S->V.get()] = S->Init;
    for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      collectConstDefs(*Sub, Out);
  }
}

} // namespace

bool stepLump(const Stmt &S, const std::vector<VarP> &StateList,
              const FixedInts &Fixed, const std::vector<const Stmt *> &Loops,
              const std::string &FName, Generator &Gen, LumpInfo &Out) {
  std::set<const Var *> State;
  for (const VarP &V : StateList)
    State.insert(V.get());
  std::vector<ExprP> Reads;
  readLocations(S.RHS, State, Reads);
  Out = LumpInfo();
  Out.Handle = S.Loc.Handle;
  Out.FirstLine = Out.LastLine = S.Loc.Line;
  Out.K = 1;
  Out.Locs.push_back(S.LHS);
  for (const ExprP &R : Reads) {
    bool Known = false;
    for (const ExprP &X : Out.Locs) {
      Overlap O = overlap(X, R, Fixed, Loops);
      if (O == Overlap::Unknown)
        return false;
      Known |= O == Overlap::Same;
    }
    if (!Known)
      Out.Locs.push_back(R);
  }
  Out.Elem = S.LHS->Ty.unqualified();
  auto Fn = std::make_unique<Function>();
  Fn->Name = FName + "_step";
  Fn->RetTy = Type::scalar(ScalarKind::Void);
  Fn->Loc = S.Loc;
  Type PT = Out.Elem;
  PT.IsPointer = true;
  VarP SV = makeVar("_s", PT, S.Loc);
  SV->IsParam = true;
  Fn->Params.push_back(SV);
  std::vector<ExprP> Repl;
  for (size_t J = 0; J < Out.Locs.size(); ++J)
    Repl.push_back(
        mkIndex(mkVar(SV), lit(double(J), Type::integer("int")), {}));
  StmtP C = cloneStmt(S);
  C->LHS = replaceLocations(C->LHS, Out.Locs, Repl, Fixed, Loops, State);
  C->RHS = replaceLocations(C->RHS, Out.Locs, Repl, Fixed, Loops, State);
  std::set<const Var *> Seen;
  for (const ExprP *E : {&S.LHS, &S.RHS})
    forEachVar(*E, [&](const VarP &V) {
      if (!State.count(V.get()) && Seen.insert(V.get()).second)
        Out.Free.push_back(V);
    });
  Fn->Body.push_back(std::move(C));
  Out.Fn = std::move(Fn);
  Out.Jvp = makeJvpSignature(*Out.Fn);
  buildJvpBody(*Out.Fn, *Out.Jvp, Gen);
  std::set<const Var *> None;
  dropParamTangents(Out.Jvp->Body, None);
  return true;
}

void substituteInStmts(StmtList &L, const std::map<const Var *, ExprP> &M) {
  for (StmtP &S : L) {
    for (ExprP *E : {&S->Init, &S->LHS, &S->RHS, &S->Value, &S->Cond})
      *E = substituteVars(*E, M);
    for (ExprP &E : S->InitList)
      E = substituteVars(E, M);
    for (StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      substituteInStmts(*Sub, M);
  }
}

bool checkInverseShape(const Function &F, DiagSink &Diags) {
  // IA1: the map must be square: the state in, the state out.
  if (F.RetTy.isFloating()) {
    Diags.error(F.Loc, "'" + F.Name +
                           "' is marked for inverse accumulation but returns "
                           "an active value besides its in-place state; its "
                           "Jacobian is not square (return void and update "
                           "the state in place)");
    return false;
  }
  bool HasState = false;
  for (const VarP &V : F.Params)
    HasState |= isStateParam(*V);
  if (!HasState)
    Diags.error(F.Loc, "'" + F.Name +
                           "' is marked for inverse accumulation but has no "
                           "state: inverse modes need a non-const "
                           "floating-point array parameter updated in place");
  return HasState;
}

std::shared_ptr<InversePlan> planInverse(const Function &F, Generator &Gen) {
  std::shared_ptr<InversePlan> &Slot = Gen.inversePlan(&F);
  if (Slot)
    return Slot;
  Slot = std::make_shared<InversePlan>();
  InversePlan &P = *Slot;
  DiagSink &Diags = Gen.diags();
  unsigned Before = Diags.errorCount();

  if (!checkInverseShape(F, Diags))
    return Slot;

  NameTable Names(F);
  P.Prepared = prepareForReverse(F, Gen.source(), Names, Diags);
  if (!P.Prepared)
    return Slot;
  for (const VarP &V : P.Prepared->Params)
    if (isStateParam(*V))
      P.State.push_back(V);
  checkStateRead(*P.Prepared, P.State, Diags);
  unsigned BeforePrepare = Diags.errorCount();
  ExprInliner(Gen.source()).list(P.Prepared->Body);
  forwardTemporaries(*P.Prepared, Diags, P);
  if (Diags.errorCount() > BeforePrepare)
    return Slot;

  P.Jvp = makeJvpSignature(*P.Prepared);
  buildJvpBody(*P.Prepared, *P.Jvp, Gen);
  if (Diags.errorCount() > BeforePrepare)
    return Slot;
  std::set<const Var *> Zero;
  size_t JI = 0;
  for (const VarP &V : P.Prepared->Params) {
    ++JI;
    if (!V->carriesFloats())
      continue;
    const VarP &T = P.Jvp->Params[JI++];
    if (isStateParam(*V))
      P.TangentOf[V.get()] = T;
    else
      Zero.insert(T.get());
  }
  placeLumps(P.Jvp->Body, P, Gen);
  for (LumpInfo &L : P.Lumps) {
    L.Jvp = makeJvpSignature(*L.Fn);
    buildJvpBody(*L.Fn, *L.Jvp, Gen);
    // The lump's free variables (parameters of f) are constants here.
    std::set<const Var *> None;
    dropParamTangents(L.Jvp->Body, None);
  }
  dropParamTangents(P.Jvp->Body, Zero);
  if (!P.Accumulators.empty()) {
    AccumulatorTest TangentOfOne = [](const StmtList &L, size_t K) {
      const Var &V = *L[K]->V;
      return V.IsTangent && V.Dims.empty() && !V.Ty.IsPointer &&
             V.Ty.isFloating() && updatedAfter(L, K);
    };
    if (const Stmt *Bad =
            bundleAccumulators(P.Jvp->Body, TangentOfOne, P.Bundles)) {
      Diags.error(Bad->Loc, "internal error: the tangent of an accumulator "
                            "is not in the shape its primal was checked in");
      return Slot;
    }
  }
  collectConstDefs(P.Jvp->Body, P.Defs);
  P.Fixed = collectFixedInts(P.Jvp->Body);
  checkSteps(F, P, Diags);
  P.Ok = Diags.errorCount() == Before;
  return Slot;
}

} // namespace tad
