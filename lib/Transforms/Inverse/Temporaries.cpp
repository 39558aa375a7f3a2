//===- Transforms/Inverse/Temporaries.cpp - steps from temporaries --------===//
//
// Active temporaries (`double t = g(x[0]);`) forwarded into their uses, so
// that every active statement is an in-place step on the state; the
// statements that cannot be (a temporary keeps an overwritten value live)
// grouped into lumps (IA3 counts the live active values).
//
//===----------------------------------------------------------------------===//
#include "IR/Names.h"
#include "IR/Spelling.h"
#include "Rules/ExprBuilder.h"
#include "Transforms/Inverse/Inverse.h"

namespace tad {

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
    if (R && Vars.count(R.get())) {
      Out.push_back(E);
      return; // not its base again (indices are not state)
    }
  }
  for (const ExprP &O : E->Ops)
    readLocations(O, Vars, Out);
}

/// Replaces the state locations of E that are Locs[j] by Repl[j].
ExprP replaceLocations(const ExprP &E, const std::vector<ExprP> &Locs,
                       const std::vector<ExprP> &Repl, const FixedInts &Fixed,
                       const std::vector<const Stmt *> &Loops,
                       const std::set<const Var *> &State) {
  if (!E)
    return E;
  if (isLocation(E)) {
    VarP R = rootVar(E);
    if (R && State.count(R.get()))
      for (size_t J = 0; J < Locs.size(); ++J)
        if (overlap(E, Locs[J], Fixed, Loops) == Overlap::Same)
          return Repl[J];
  }
  bool Changed = false;
  std::vector<ExprP> Ops;
  for (const ExprP &O : E->Ops) {
    Ops.push_back(replaceLocations(O, Locs, Repl, Fixed, Loops, State));
    Changed |= Ops.back() != O;
  }
  if (!Changed)
    return E;
  auto C = std::make_shared<Expr>(*E);
  C->Ops = std::move(Ops);
  return C;
}

bool stmtReads(const Stmt &S, const Var *V, bool BesidesUpdates) {
  if (BesidesUpdates && S.is(Stmt::Kind::Assign) && rootVar(S.LHS).get() == V)
    return readsVar(S.RHS, V);
  for (const ExprP *E : {&S.Init, &S.LHS, &S.RHS, &S.Value, &S.Cond})
    if (readsVar(*E, V))
      return true;
  for (const ExprP &E : S.InitList)
    if (readsVar(E, V))
      return true;
  for (const StmtList *Sub : {&S.Body, &S.Else, &S.ForInit, &S.ForInc})
    for (const StmtP &C : *Sub)
      if (stmtReads(*C, V, BesidesUpdates))
        return true;
  return false;
}

namespace {

using VarMap = std::map<const Var *, ExprP>;

/// The state locations straight-line statement S reads: in its initializer
/// or right-hand side, and its target when it updates it (`+=`, `*=`, ...).
std::vector<ExprP> statementReads(const Stmt &S,
                                  const std::set<const Var *> &Vars) {
  std::vector<ExprP> Reads;
  for (const ExprP *E : {&S.Init, &S.RHS})
    readLocations(*E, Vars, Reads);
  if (S.is(Stmt::Kind::Assign) && S.AOp != AssignOp::Set)
    Reads.push_back(S.LHS);
  return Reads;
}

void writtenLocations(const Stmt &S, std::vector<const Stmt *> &Out) {
  if (S.is(Stmt::Kind::Assign))
    Out.push_back(&S);
  for (const StmtList *Sub : {&S.Body, &S.Else, &S.ForInit, &S.ForInc})
    for (const StmtP &C : *Sub)
      writtenLocations(*C, Out);
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
  InversePlan &Plan;
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
      // Everything the initializer reads must keep its value until the
      // last use: the state (else a lump), and inactive variables too.
      std::set<const Var *> InitVars;
      forEachVar(S.Init, [&](const VarP &V) { InitVars.insert(V.get()); });
      readLocations(S.Init, InitVars, Reads);
      bool Lump = false;
      for (size_t J = K + 1; J <= Last && !Lump; ++J) {
        std::vector<const Stmt *> Writes;
        writtenLocations(*L[J], Writes);
        if (J == Last && L[J]->is(Stmt::Kind::Assign))
          continue; // the step reads t before it writes
        for (const Stmt *W : Writes)
          for (const ExprP &R : Reads) {
            if (overlap(W->LHS, R, Fixed, Loops) == Overlap::Distinct)
              continue;
            VarP Root = rootVar(R);
            if (!Root || !StateVars.count(Root.get())) {
              Diags.error(W->Loc, "'" + emitExpr(W->LHS) +
                                      "' is assigned while the temporary '" +
                                      S.V->Name +
                                      "', which reads it, is still to be "
                                      "used: tad forwards temporaries into "
                                      "their uses and needs what they read "
                                      "unchanged until then");
              Diags.note(S.Loc, "'" + S.V->Name + "' is declared here");
              return;
            }
            Lump = true;
          }
      }
      if (Lump) {
        if (!makeLump(L, K, Last))
          return;
        ++K;
        continue;
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

  /// IA3 (THEORY.md 1.4.2): the number of live active values must not drop
  /// below the lump's width W at any statement, else its Jacobian has rank
  /// below W. Values: each location's versions and the active temporaries.
  bool liveCount(const StmtList &L, size_t K, size_t Last,
                 const std::vector<ExprP> &Locs) {
    struct Val {
      size_t Def, Use;
      std::string Name;
    };
    const size_t Never = ~size_t(0);
    std::vector<Val> Vals;
    std::vector<size_t> Cur;
    for (const ExprP &Loc : Locs) {
      Cur.push_back(Vals.size());
      Vals.push_back({0, 0, emitExpr(Loc)});
    }
    std::map<const Var *, size_t> Temp;
    auto LocOf = [&](const ExprP &E) -> int {
      for (size_t J = 0; J < Locs.size(); ++J)
        if (overlap(E, Locs[J], Fixed, Loops) == Overlap::Same)
          return int(J);
      return -1;
    };
    for (size_t J = K; J <= Last; ++J) {
      const Stmt &S = *L[J];
      size_t Step = J - K + 1;
      std::vector<ExprP> Reads = statementReads(S, StateVars);
      for (const ExprP &R : Reads)
        if (int I = LocOf(R); I >= 0)
          Vals[Cur[I]].Use = Step;
      for (const ExprP *E : {&S.Init, &S.RHS})
        forEachVar(*E, [&](const VarP &V) {
          if (auto It = Temp.find(V.get()); It != Temp.end())
            Vals[It->second].Use = Step;
        });
      if (S.is(Stmt::Kind::Decl) && Active.count(S.V.get())) {
        Temp[S.V.get()] = Vals.size();
        Vals.push_back({Step, Step, S.V->Name});
      } else if (S.is(Stmt::Kind::Assign)) {
        if (int I = LocOf(S.LHS); I >= 0) {
          Cur[I] = Vals.size();
          Vals.push_back({Step, Step, emitExpr(S.LHS)});
        }
      }
    }
    for (size_t C : Cur)
      Vals[C].Use = Never;
    for (size_t J = K; J <= Last; ++J) {
      size_t Step = J - K + 1, Live = 0;
      std::vector<std::string> Dying;
      for (const Val &V : Vals) {
        if (V.Def <= Step && V.Use > Step)
          ++Live;
        if (V.Use == Step && V.Def < Step)
          Dying.push_back("'" + V.Name + "'");
      }
      if (Live >= Locs.size())
        continue;
      std::string Who;
      for (size_t I = 0; I < Dying.size(); ++I)
        Who += (I ? (I + 1 == Dying.size() ? " and " : ", ") : "") + Dying[I];
      Diags.error(
          L[J]->Loc,
          "after '" + stmtText(*L[J]) + "' (line " +
              std::to_string(L[J]->Loc.Line) + ") only " +
              std::to_string(Live) + " of " + std::to_string(Locs.size()) +
              " active values remain live" +
              (Who.empty() ? "" : " (" + Who + " die here)") + ": '" + F.Name +
              "' is not invertible (Jacobian rank <= " + std::to_string(Live) +
              ")");
      return false;
    }
    return true;
  }

  /// Statements K..Last of L (extended to the last use of every temporary
  /// declared in them) as a lump: wrapped in a Block and recorded.
  bool makeLump(StmtList &L, size_t K, size_t Last) {
    for (bool Grew = true; Grew;) {
      Grew = false;
      for (size_t J = K; J <= Last; ++J)
        if (L[J]->is(Stmt::Kind::Decl))
          for (size_t U = Last + 1; U < L.size(); ++U)
            if (stmtReads(*L[U], L[J]->V.get())) {
              Last = U;
              Grew = true;
            }
    }
    unsigned First = L[K]->Loc.Line, End = L[Last]->Loc.Line;
    std::string Lines =
        "lines " + std::to_string(First) + "-" + std::to_string(End);
    std::vector<ExprP> Written, Read;
    auto Add = [&](std::vector<ExprP> &To, const ExprP &E) {
      for (const ExprP &X : To)
        if (overlap(X, E, Fixed, Loops) == Overlap::Same)
          return true;
      for (const std::vector<ExprP> *Other : {&Written, &Read})
        for (const ExprP &X : *Other)
          if (overlap(X, E, Fixed, Loops) == Overlap::Unknown) {
            Diags.error(E->Loc, "cannot prove '" + emitExpr(X) + "' and '" +
                                    emitExpr(E) +
                                    "' are distinct in the statements at " +
                                    Lines +
                                    ", which couple state values (a "
                                    "lump)");
            return false;
          }
      To.push_back(E);
      return true;
    };
    for (size_t J = K; J <= Last; ++J) {
      Stmt &S = *L[J];
      bool Ok =
          S.is(Stmt::Kind::Decl)
              ? S.V->Dims.empty() && !S.V->Ty.IsPointer &&
                    (!Active.count(S.V.get()) || !Assigned.count(S.V.get()))
              : S.is(Stmt::Kind::Assign) && rootVar(S.LHS) &&
                    StateVars.count(rootVar(S.LHS).get());
      if (!Ok) {
        Diags.error(S.Loc, "the statements at " + Lines +
                               " couple state values through temporaries "
                               "(a lump); tad inverts lumps made of "
                               "temporaries assigned once and assignments "
                               "to the state, without control flow, and "
                               "this statement is neither");
        return false;
      }
    }
    for (size_t J = K; J <= Last; ++J) {
      Stmt &S = *L[J];
      std::vector<ExprP> Reads = statementReads(S, StateVars);
      for (const ExprP &R : Reads)
        if (!Add(Read, R))
          return false;
      if (S.is(Stmt::Kind::Assign) && !Add(Written, S.LHS))
        return false;
    }
    LumpInfo Info;
    Info.Handle = L[K]->Loc.Handle;
    Info.FirstLine = First;
    Info.LastLine = End;
    Info.K = Written.size();
    Info.Locs = Written;
    for (const ExprP &R : Read) {
      bool InM = false;
      for (const ExprP &W : Written)
        InM |= overlap(W, R, Fixed, Loops) == Overlap::Same;
      if (!InM)
        Info.Locs.push_back(R);
    }
    Info.Elem = Written.empty() ? Type::scalar(ScalarKind::Double)
                                : Written[0]->Ty.unqualified();
    if (!liveCount(L, K, Last, Info.Locs))
      return false;
    if (Info.K > 8)
      Diags.warning(
          L[K]->Loc,
          "statements at " + Lines + " couple " + std::to_string(Info.K) +
              " state variables (lump width " + std::to_string(Info.K) +
              " > 8); inverse modes will factor a " + std::to_string(Info.K) +
              "x" + std::to_string(Info.K) + " matrix per evaluation");
    // Phi as a function of _s[0..width): void lump(T *_s).
    auto Fn = std::make_unique<Function>();
    Fn->Name = F.Name + "_lump";
    Fn->RetTy = Type::scalar(ScalarKind::Void);
    Fn->Loc = L[K]->Loc;
    Fn->File = F.File;
    Fn->Key = &F;
    Type PT = Info.Elem;
    PT.IsPointer = true;
    VarP SV = makeVar("_s", PT, L[K]->Loc);
    SV->IsParam = true;
    Fn->Params.push_back(SV);
    std::vector<ExprP> Repl;
    for (size_t J = 0; J < Info.Locs.size(); ++J)
      Repl.push_back(
          mkIndex(mkVar(SV), lit(double(J), Type::integer("int")), {}));
    StmtP Block = mkStmt(Stmt::Kind::Block, L[K]->Loc);
    Block->Comment =
        "a lump of width " + std::to_string(Info.K) + " (" + Lines + ")";
    // All of Phi's statements first: replaceLocations reads the enclosing
    // loops' bodies (overlap's loop facts), which hold L, so L's statements
    // move into the Block only afterwards.
    for (size_t J = K; J <= Last; ++J) {
      StmtP C = cloneStmt(*L[J]);
      C->Init =
          replaceLocations(C->Init, Info.Locs, Repl, Fixed, Loops, StateVars);
      C->LHS =
          replaceLocations(C->LHS, Info.Locs, Repl, Fixed, Loops, StateVars);
      C->RHS =
          replaceLocations(C->RHS, Info.Locs, Repl, Fixed, Loops, StateVars);
      Fn->Body.push_back(std::move(C));
    }
    for (size_t J = K; J <= Last; ++J)
      Block->Body.push_back(std::move(L[J]));
    std::set<const Var *> Own, Seen;
    for (const StmtP &X : Block->Body)
      if (X->is(Stmt::Kind::Decl))
        Own.insert(X->V.get());
    for (const StmtP &X : Block->Body)
      for (const ExprP *E : {&X->Init, &X->LHS, &X->RHS})
        forEachVar(*E, [&](const VarP &V) {
          if (!Own.count(V.get()) && !StateVars.count(V.get()) &&
              Seen.insert(V.get()).second)
            Info.Free.push_back(V);
        });
    Info.Fn = std::move(Fn);
    L.erase(L.begin() + K + 1, L.begin() + Last + 1);
    L[K] = std::move(Block);
    Plan.Lumps.push_back(std::move(Info));
    return true;
  }

  /// Active locals left after forwarding, other than scalar accumulators
  /// (checkAccumulators): arrays (at the declaration) and locals of other
  /// types updated after their declaration (at an update).
  bool rejectActiveLocals(const StmtList &L, bool Decls) {
    for (const StmtP &S : L) {
      if (S->is(Stmt::Kind::Block) && Plan.lumpAt(S->Loc.Handle))
        continue;
      const Var *V = nullptr;
      if (Decls && S->is(Stmt::Kind::Decl) && Active.count(S->V.get()) &&
          !isAccumulatorDecl(*S, Active, StateVars))
        V = S->V.get();
      if (!Decls && S->is(Stmt::Kind::Assign))
        if (VarP R = rootVar(S->LHS))
          if (Active.count(R.get()) && !StateVars.count(R.get()) &&
              !Scalars.count(R.get()))
            V = R.get();
      if (V) {
        Diags.error(S->Loc,
                    "'" + V->Name +
                        "' is a local array (or a local of a type other "
                        "than a floating-point scalar) that holds active "
                        "values: inverse accumulation supports in-place "
                        "steps on the state (the non-const array "
                        "parameters), temporaries assigned once and scalar "
                        "accumulators (TAD_DENSE(n) gives f_ijvp, f_ivjp "
                        "and f_logdet for any square function)");
        return true;
      }
      for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
        if (rejectActiveLocals(*Sub, Decls))
          return true;
    }
    return false;
  }

  /// The scalar accumulators' variables (isAccumulatorDecl).
  void collectScalars(const StmtList &L) {
    for (const StmtP &S : L) {
      if (isAccumulatorDecl(*S, Active, StateVars))
        Scalars.insert(S->V.get());
      for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
        collectScalars(*Sub);
    }
  }
  std::set<const Var *> Scalars;

public:
  Preparer(Function &F, DiagSink &Diags, InversePlan &Plan)
      : F(F), Diags(Diags), Plan(Plan) {}

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
    if (Diags.errorCount() != Before)
      return;
    collectScalars(F.Body);
    if (!rejectActiveLocals(F.Body, false) && !rejectActiveLocals(F.Body, true))
      checkAccumulators(F.Body, Active, StateVars, Fixed, Diags, Plan);
  }
};

} // namespace

void forwardTemporaries(Function &F, DiagSink &Diags, InversePlan &Plan) {
  Preparer(F, Diags, Plan).run();
}

} // namespace tad
