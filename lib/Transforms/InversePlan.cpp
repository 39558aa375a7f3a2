//===- Transforms/InversePlan.cpp - preparing and checking a stepwise program
//=//
//
// Brings a function into the form the inverse modes read (THEORY.md 1.4):
// calls that pass arrays inlined, exits normalized, active temporaries
// (`double t = g(x[0]);`) forwarded into their uses so that every active
// statement is an in-place step on the state; then builds its JVP, drops
// the tangents of the parameters (constants for inverse accumulation) and
// checks every step: IA1, IA2, IA4, IA6, IA7 (and lumps through
// temporaries, reported as unsupported).
//
//===----------------------------------------------------------------------===//
#include "Emit/Emitter.h"
#include "Transforms/ExprBuilder.h"
#include "Transforms/Generator.h"
#include "Transforms/Inline.h"
#include "Transforms/Inverse.h"
#include "Transforms/JVP.h"
#include "Transforms/Names.h"
#include "Transforms/Normalize.h"

namespace tad {

bool isStateParam(const Var &P) {
  return P.Ty.IsPointer && P.Ty.isFloating() && !P.Ty.PointeeConst;
}

namespace {

using VarMap = std::map<const Var *, ExprP>;

bool isLocation(const ExprP &E) {
  return E->is(Expr::Kind::VarRef) || E->is(Expr::Kind::Index) ||
         (E->is(Expr::Kind::Unary) && E->UOp == UnOp::Deref);
}

/// The locations rooted at a variable of Vars that E reads.
void readLocations(const ExprP &E, const std::set<const Var *> &Vars,
                   std::vector<ExprP> &Out) {
  if (!E)
    return;
  if (isLocation(E)) {
    VarP R = rootVar(E);
    if (R && Vars.count(R.get()))
      Out.push_back(E);
  }
  for (const ExprP &O : E->Ops)
    readLocations(O, Vars, Out);
}

void writtenLocations(const Stmt &S, std::vector<const Stmt *> &Out) {
  if (S.is(Stmt::Kind::Assign))
    Out.push_back(&S);
  for (const StmtList *Sub : {&S.Body, &S.Else, &S.ForInit, &S.ForInc})
    for (const StmtP &C : *Sub)
      writtenLocations(*C, Out);
}

bool stmtReads(const Stmt &S, const Var *V) {
  for (const ExprP *E : {&S.Init, &S.LHS, &S.RHS, &S.Value, &S.Cond})
    if (readsVar(*E, V))
      return true;
  for (const ExprP &E : S.InitList)
    if (readsVar(E, V))
      return true;
  for (const StmtList *Sub : {&S.Body, &S.Else, &S.ForInit, &S.ForInc})
    for (const StmtP &C : *Sub)
      if (stmtReads(*C, V))
        return true;
  return false;
}

void countAssigned(const StmtList &L, std::map<const Var *, int> &N) {
  for (const StmtP &S : L) {
    if (S->is(Stmt::Kind::Assign))
      if (VarP R = rootVar(S->LHS))
        ++N[R.get()];
    for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      countAssigned(*Sub, N);
  }
}

/// Variables whose values depend on the state.
void collectActive(const StmtList &L, std::set<const Var *> &Active,
                   bool &Changed) {
  auto ReadsActive = [&](const ExprP &E) {
    bool R = false;
    forEachVar(E, [&](const VarP &V) { R |= Active.count(V.get()) != 0; });
    return R;
  };
  for (const StmtP &S : L) {
    const Var *Target = nullptr;
    if (S->is(Stmt::Kind::Decl) && S->V->Ty.isFloating() &&
        (ReadsActive(S->Init) ||
         std::any_of(S->InitList.begin(), S->InitList.end(), ReadsActive)))
      Target = S->V.get();
    if (S->is(Stmt::Kind::Assign) && S->LHS->Ty.isFloating() &&
        ReadsActive(S->RHS))
      if (VarP R = rootVar(S->LHS))
        Target = R.get();
    if (Target && Active.insert(Target).second)
      Changed = true;
    for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      collectActive(*Sub, Active, Changed);
  }
}

class Preparer {
  Function &F;
  DiagSink &Diags;
  std::set<const Var *> Active, StateVars;
  std::map<const Var *, int> Assigned;
  FixedInts Fixed;
  std::vector<const Stmt *> Loops; // enclosing for statements

  /// Forwards the active temporaries declared in L into their uses.
  void forward(StmtList &L) {
    for (size_t K = 0; K < L.size();) {
      Stmt &S = *L[K];
      bool Temp = S.is(Stmt::Kind::Decl) && S.Init && S.V->Dims.empty() &&
                  !S.V->Ty.IsPointer && Active.count(S.V.get()) &&
                  !Assigned.count(S.V.get());
      if (!Temp) {
        bool Loop = S.is(Stmt::Kind::For);
        if (Loop)
          Loops.push_back(&S);
        for (StmtList *Sub : {&S.Body, &S.Else})
          forward(*Sub);
        if (Loop)
          Loops.pop_back();
        ++K;
        continue;
      }
      size_t Last = K;
      for (size_t J = K + 1; J < L.size(); ++J)
        if (stmtReads(*L[J], S.V.get()))
          Last = J;
      std::vector<ExprP> Reads;
      readLocations(S.Init, Active, Reads);
      for (size_t J = K + 1; J <= Last; ++J) {
        std::vector<const Stmt *> Writes;
        writtenLocations(*L[J], Writes);
        bool Final = J == Last && L[J]->is(Stmt::Kind::Assign);
        if (Final)
          continue; // the step reads t before it writes
        for (const Stmt *W : Writes)
          for (const ExprP &R : Reads)
            if (overlap(W->LHS, R, Fixed, Loops) != Overlap::Distinct) {
              Diags.error(S.Loc, "the temporary '" + S.V->Name +
                                     "' keeps the old value of '" +
                                     emitExpr(R) + "' live across '" +
                                     stmtText(*W) + "' (line " +
                                     std::to_string(W->Loc.Line) +
                                     "): the statements at lines " +
                                     std::to_string(S.Loc.Line) + "-" +
                                     std::to_string(L[Last]->Loc.Line) +
                                     " couple state variables (a lump), which "
                                     "this version of tad does not invert; "
                                     "write them as in-place steps");
              Diags.note(W->Loc, "'" + emitExpr(R) + "' is overwritten here");
              return;
            }
      }
      VarMap M{{S.V.get(), S.Init}};
      for (size_t J = K + 1; J <= Last; ++J) {
        StmtList One;
        One.push_back(std::move(L[J]));
        substituteInStmts(One, M);
        L[J] = std::move(One[0]);
      }
      L.erase(L.begin() + K);
    }
  }

  /// Active locals left after forwarding: accumulators (reported at an
  /// update), arrays (at the declaration).
  bool rejectActiveLocals(const StmtList &L, bool Decls) {
    for (const StmtP &S : L) {
      const Var *V = nullptr;
      if (Decls && S->is(Stmt::Kind::Decl) && Active.count(S->V.get()))
        V = S->V.get();
      if (!Decls && S->is(Stmt::Kind::Assign))
        if (VarP R = rootVar(S->LHS))
          if (Active.count(R.get()) && !StateVars.count(R.get()))
            V = R.get();
      if (V) {
        Diags.error(S->Loc,
                    "'" + V->Name +
                        "' is a local that holds active values and is "
                        "updated after its declaration (or is an array): "
                        "inverse accumulation supports in-place steps on "
                        "the state (the non-const array parameters) and "
                        "temporaries assigned once");
        return true;
      }
      for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
        if (rejectActiveLocals(*Sub, Decls))
          return true;
    }
    return false;
  }

public:
  Preparer(Function &F, DiagSink &Diags) : F(F), Diags(Diags) {}

  void run() {
    for (const VarP &P : F.Params)
      if (isStateParam(*P)) {
        Active.insert(P.get());
        StateVars.insert(P.get());
      }
    for (bool Changed = true; Changed;) {
      Changed = false;
      collectActive(F.Body, Active, Changed);
    }
    countAssigned(F.Body, Assigned);
    Fixed = collectFixedInts(F.Body);
    unsigned Before = Diags.errorCount();
    forward(F.Body);
    if (Diags.errorCount() == Before && !rejectActiveLocals(F.Body, false))
      rejectActiveLocals(F.Body, true);
  }
};

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

/// Removes the tangents of parameters from the JVP (they are constants).
void dropParamTangents(StmtList &L, std::set<const Var *> &Zero) {
  for (size_t K = 0; K < L.size();) {
    Stmt &S = *L[K];
    bool Remove = false;
    if (S.is(Stmt::Kind::Decl) && S.V->IsTangent) {
      if (S.Init && !(S.Init = dropTangents(S.Init, Zero))) {
        Zero.insert(S.V.get());
        Remove = true;
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

void collectConstDefs(const StmtList &L, VarMap &Out) {
  for (const StmtP &S : L) {
    if (S->is(Stmt::Kind::Decl) && S->V->Ty.Const && S->Init)
      Out[S->V.get()] = S->Init;
    for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      collectConstDefs(*Sub, Out);
  }
}

void indexPrimal(const StmtList &L, std::map<std::uint64_t, const Stmt *> &M) {
  for (const StmtP &S : L) {
    if (S->is(Stmt::Kind::Assign) && S->Loc.valid())
      M.emplace(S->Loc.Handle, S.get());
    for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      indexPrimal(*Sub, M);
  }
}

/// Checks every tangent step of the JVP (IA4, IA6, IA7).
class StepChecker {
  const Function &F;
  InversePlan &P;
  DiagSink &Diags;
  std::map<std::uint64_t, const Stmt *> Primal;
  VarMap ToPrimal; // tangent -> primal names, for messages
  std::set<const Var *> StateTangents;
  bool WantsCheck;
  std::vector<const Stmt *> Loops; // enclosing for statements
  std::set<const Var *> Reported;  // tangent locals already reported

  std::string text(const ExprP &E) {
    return emitExpr(substituteVars(substituteVars(E, P.Defs), ToPrimal));
  }
  std::string stmtOf(const Stmt &S) {
    auto It = Primal.find(S.Loc.Handle);
    return It != Primal.end() ? stmtText(*It->second) : "statement";
  }

  void step(const Stmt &S) {
    VarP Root = rootVar(S.LHS);
    StepForm SF;
    if (!StateTangents.count(Root.get()) || !stepForm(S, SF)) {
      Diags.error(S.Loc, "tad cannot read '" + stmtOf(S) +
                             "' as a step on the state: its derivative is "
                             "not a combination of state tangents");
      return;
    }
    auto PIt = Primal.find(S.Loc.Handle);
    const Stmt *PS = PIt == Primal.end() ? nullptr : PIt->second;
    for (const LinearTerm &T : SF.Others) {
      VarP R = rootVar(T.At);
      if (Reported.count(R.get()))
        return;
      if (!StateTangents.count(R.get())) {
        Diags.error(S.Loc, "'" + stmtOf(S) + "' reads '" + text(T.At) +
                               "', which is neither state nor constant");
        return;
      }
      if (overlap(SF.Self, T.At, P.Fixed, Loops) != Overlap::Distinct) {
        Diags.error(S.Loc, "cannot prove '" + text(SF.Self) + "' and '" +
                               text(T.At) + "' are distinct in '" + stmtOf(S) +
                               "' (line " + std::to_string(S.Loc.Line) +
                               "); pivot would be 1 + g'(" + text(SF.Self) +
                               ") when they are the same element");
        Diags.note(S.Loc, "use constant or affine indices that differ by a "
                          "constant, or distinct __restrict__ arrays");
        return;
      }
    }
    if (!SF.Pivot) {
      std::string Self = text(SF.Self);
      std::string Msg = "'" + stmtOf(S) + "' overwrites active '" + Self +
                        "' without using its old value (pivot d " + Self +
                        "'/d " + Self + " = 0); the step is singular";
      if (PS && PS->AOp == AssignOp::Set) {
        Stmt Fix(Stmt::Kind::Assign, PS->Loc);
        Fix.LHS = PS->LHS;
        Fix.RHS = PS->RHS;
        Fix.AOp = AssignOp::Add;
        Msg += ". Did you mean '" + stmtText(Fix) + "'?";
      }
      Diags.error(S.Loc, Msg);
      return;
    }
    if (!structurallyNonZero(SF.Pivot, P.Defs)) {
      bool New = P.CheckedPivots.insert(S.Loc.Handle).second;
      if (New && WantsCheck)
        Diags.warning(S.Loc, "pivot of '" + stmtOf(S) + "' is '" +
                                 text(SF.Pivot) + "'; a run-time check " +
                                 text(SF.Pivot) +
                                 " != 0 is inserted in the inverse modes");
    }
  }

  void list(const StmtList &L) {
    for (const StmtP &S : L) {
      if (S->is(Stmt::Kind::Decl) && S->V->IsTangent) {
        Reported.insert(S->V.get());
        Diags.error(S->Loc,
                    "tad cannot read this statement as steps on the state: "
                    "it calls a function whose body is not a single "
                    "'return' statement (inverse accumulation inlines "
                    "scalar functions of that form only)");
        continue;
      }
      if (S->is(Stmt::Kind::Assign))
        if (VarP R = rootVar(S->LHS); R && R->IsTangent) {
          step(*S);
          continue;
        }
      bool Loop = S->is(Stmt::Kind::For);
      if (Loop)
        Loops.push_back(S.get());
      for (const StmtList *Sub : {&S->Body, &S->Else})
        list(*Sub);
      if (Loop)
        Loops.pop_back();
    }
  }

public:
  StepChecker(const Function &F, InversePlan &P, DiagSink &Diags)
      : F(F), P(P), Diags(Diags) {
    indexPrimal(P.Prepared->Body, Primal);
    for (auto &[S, T] : P.TangentOf) {
      StateTangents.insert(T.get());
      for (const VarP &V : P.State)
        if (V.get() == S)
          ToPrimal[T.get()] = mkVar(V);
    }
    WantsCheck = F.hasAnnotation("ijvp") || F.hasAnnotation("ivjp");
  }
  void run() { list(P.Jvp->Body); }
};

/// IA2: a state parameter the function never reads.
void checkStateRead(const Function &F, const std::vector<VarP> &State,
                    DiagSink &Diags) {
  for (const VarP &V : State) {
    bool Read = false;
    std::function<void(const StmtList &)> Walk = [&](const StmtList &L) {
      for (const StmtP &S : L) {
        for (const ExprP *E : {&S->Init, &S->RHS, &S->Value, &S->Cond})
          Read |= readsVar(*E, V.get());
        if (S->is(Stmt::Kind::Assign) && S->AOp != AssignOp::Set)
          Read |= rootVar(S->LHS) == V;
        for (const StmtList *Sub :
             {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
          Walk(*Sub);
      }
    };
    Walk(F.Body);
    if (!Read)
      Diags.error(V->Loc, "active input '" + V->Name + "' of '" + F.Name +
                              "' never influences an output: the Jacobian "
                              "has a zero column and is singular");
  }
}

} // namespace

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

std::shared_ptr<InversePlan> planInverse(const Function &F, Generator &Gen) {
  std::shared_ptr<InversePlan> &Slot = Gen.inversePlan(&F);
  if (Slot)
    return Slot;
  Slot = std::make_shared<InversePlan>();
  InversePlan &P = *Slot;
  DiagSink &Diags = Gen.diags();
  unsigned Before = Diags.errorCount();

  // IA1: the map must be square: the state in, the state out.
  if (F.RetTy.isFloating()) {
    Diags.error(F.Loc, "'" + F.Name +
                           "' is marked for inverse accumulation but returns "
                           "an active value besides its in-place state; its "
                           "Jacobian is not square (return void and update "
                           "the state in place)");
    return Slot;
  }
  bool HasState = false;
  for (const VarP &V : F.Params)
    HasState |= isStateParam(*V);
  if (!HasState) {
    Diags.error(F.Loc, "'" + F.Name +
                           "' is marked for inverse accumulation but has no "
                           "state: inverse modes need a non-const "
                           "floating-point array parameter updated in place");
    return Slot;
  }

  NameTable Names(F);
  FunctionP Inlined = inlineArrayCalls(F, Gen.source(), Names, Diags);
  if (Diags.errorCount() > Before)
    return Slot;
  const Function &F1 = Inlined ? *Inlined : F;
  FunctionP Normalized = normalizeExits(F1, Names);
  P.Prepared = cloneFunction(Normalized ? *Normalized : F1);
  for (const VarP &V : P.Prepared->Params)
    if (isStateParam(*V))
      P.State.push_back(V);
  checkStateRead(*P.Prepared, P.State, Diags);
  unsigned BeforePrepare = Diags.errorCount();
  ExprInliner(Gen.source()).list(P.Prepared->Body);
  Preparer(*P.Prepared, Diags).run();
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
  dropParamTangents(P.Jvp->Body, Zero);
  collectConstDefs(P.Jvp->Body, P.Defs);
  P.Fixed = collectFixedInts(P.Jvp->Body);
  StepChecker(F, P, Diags).run();
  P.Ok = Diags.errorCount() == Before;
  return Slot;
}

} // namespace tad
