//===- Transforms/Inverse/Function.cpp - f_inverse ------------------------===//
//
// f^-1 step by step (THEORY.md 1.3): the primal's statements reversed
// (loops backwards, the inactive locals of a block re-declared at its
// front), each step solved for the old value of the slot it overwrites:
// `x[i] += g` becomes `x[i] -= g`, `x[i] *= c` becomes `x[i] /= c`, and
// `x[i] = E` with x[i] once in E is unwound along the path from E's root to
// x[i] with the operators' inverses and the inverse column of the rule
// table. Any other step (`x = x*x*x + x`) is solved at run time by
// tad::MonotoneSolve once Analysis/Monotone.h proves it strictly monotone
// in x[i]; a lump, by Newton's method once proved affine or a contraction.
// Anything else is IA8.
//
//===----------------------------------------------------------------------===//
#include "Analysis/Loops.h"
#include "IR/Names.h"
#include "IR/Spelling.h"
#include "Rules/ExprBuilder.h"
#include "Rules/Rules.h"
#include "Transforms/Generator.h"
#include "Transforms/Inverse/Inverse.h"
#include "Transforms/Reverse/Transpose.h"

#include <deque>
#include <functional>

namespace tad {

namespace {

unsigned occurrences(const ExprP &E, const ExprP &Self, const FixedInts &F,
                     const std::vector<const Stmt *> &Loops) {
  if (!E)
    return 0;
  bool Loc = E->is(Expr::Kind::VarRef) || E->is(Expr::Kind::Index) ||
             (E->is(Expr::Kind::Unary) && E->UOp == UnOp::Deref);
  if (Loc && rootVar(E) == rootVar(Self))
    return overlap(E, Self, F, Loops) != Overlap::Distinct ? 1 : 0;
  unsigned N = 0;
  for (const ExprP &O : E->Ops)
    N += occurrences(O, Self, F, Loops);
  return N;
}

class Inverter {
  const InversePlan &P;
  DiagSink &Diags;
  const std::string &FName;
  Generator &Gen;
  NameTable &Names;
  const std::string &File;
  std::deque<LumpInfo> StepLumps; // steps solved by Newton's method
  std::set<const Var *> State;
  /// The for statements around each assignment (recorded by prepare()).
  std::map<const Stmt *, std::vector<const Stmt *>> LoopsOf;
  std::vector<const Stmt *> Loops; // enclosing for and if statements
  std::deque<StmtP> Guards;        // negated conditions of else arms
public:
  FixedInts Fixed; // P.Fixed and the locals rebindIntLocals makes
  const std::set<const Var *> &stateVars() const { return State; }

private:
  bool InLump = false; // prepare() inside a lump

  const std::vector<const Stmt *> *Cur = nullptr;

  unsigned occurs(const ExprP &E, const ExprP &Self) {
    return occurrences(E, Self, Fixed, *Cur);
  }

  bool readsState(const ExprP &E) {
    bool R = false;
    forEachVar(E, [&](const VarP &V) { R |= State.count(V.get()) != 0; });
    return R;
  }

  void fail(const Stmt &S, const std::string &Why) {
    Diags.error(S.Loc, "cannot generate " + FName + "_inverse: '" +
                           stmtText(S) + "' (line " +
                           std::to_string(S.Loc.Line) + ") " + Why);
  }

  /// The value of Self that makes E equal R, or null (Why says why).
  ExprP solve(const ExprP &E, const ExprP &Self, ExprP R, std::string &Why) {
    if (sameExpr(E, Self))
      return R;
    auto Side = [&](unsigned I) { return occurs(E->op(I), Self) != 0; };
    switch (E->K) {
    case Expr::Kind::Cast:
      return solve(E->op(0), Self, convert(R, E->op(0)->Ty), Why);
    case Expr::Kind::Unary:
      if (E->UOp == UnOp::Neg)
        return solve(E->op(0), Self, neg(R), Why);
      break;
    case Expr::Kind::Binary: {
      bool L = Side(0);
      const ExprP &U = E->op(L ? 0 : 1), &C = E->op(L ? 1 : 0);
      switch (E->BOp) {
      case BinOp::Add:
        return solve(U, Self, sub(R, C), Why);
      case BinOp::Sub:
        return solve(U, Self, L ? add(R, C) : sub(C, R), Why);
      case BinOp::Mul:
        return solve(U, Self, div(R, C), Why);
      case BinOp::Div:
        return solve(U, Self, L ? mul(R, C) : div(C, R), Why);
      default:
        break;
      }
      break;
    }
    case Expr::Kind::Call:
      if (E->Builtin >= 0 && E->Ops.size() == 1) {
        const Primitive &Row = primitive(E->Builtin);
        if (Row.Inverse)
          return solve(E->op(0), Self, Row.Inverse(R), Why);
        Why = "is not injective in " + emitExpr(Self) + " ('" +
              std::string(Row.Name) + "' has no inverse)";
        return nullptr;
      }
      break;
    default:
      break;
    }
    Why = "has no analytic inverse in " + emitExpr(Self) + " ('" + emitExpr(E) +
          "' cannot be unwound)";
    return nullptr;
  }

public:
  Inverter(const InversePlan &P, DiagSink &Diags, const std::string &FName,
           Generator &Gen, NameTable &Names, const std::string &File)
      : P(P), Diags(Diags), FName(FName), Gen(Gen), Names(Names), File(File),
        Fixed(P.Fixed) {
    for (const VarP &V : P.State)
      State.insert(V.get());
  }

  /// A step without an analytic inverse (the slot occurs more than once,
  /// or through a function without an inverse), as a lump of width 1:
  /// solved by tad::MonotoneSolve once proved strictly monotone in its
  /// slot, else IA8 (Analysis/Monotone.h). False when its locations cannot
  /// be told apart.
  bool solveStep(const Stmt &S, StmtList &Out) {
    StepLumps.emplace_back();
    LumpInfo &L = StepLumps.back();
    if (!stepLump(S, P.State, Fixed, *Cur, FName, Gen, L))
      return false;
    StepProof Proof;
    std::string Why;
    if (!proveStep(L, Proof, Why)) {
      fail(S, "is not provably injective in " + emitExpr(S.LHS) + " (" + Why +
                  ")");
      return true;
    }
    UsesRuntime = true;
    StmtP B = stepInverse(L, Proof,
                          File + ":" + std::to_string(S.Loc.Line) + " (" +
                              FName + "_inverse)",
                          Names);
    B->Comment = "line " + std::to_string(S.Loc.Line) +
                 ": the step solved for its old value (it is strictly "
                 "monotone in it)";
    Out.push_back(std::move(B));
    return true;
  }

public:
  bool UsesRuntime = false;

  /// The undo of one primal assignment.
  bool step(const Stmt &S, StmtList &Out) {
    Cur = &LoopsOf[&S];
    VarP Root = rootVar(S.LHS);
    if (!Root || !State.count(Root.get())) {
      fail(S, "updates '" + emitExpr(S.LHS) +
                  "', which the inverse sweep cannot recompute backwards");
      return true;
    }
    if (piecewise(S, Out))
      return true;
    if (S.AOp != AssignOp::Set) {
      if (occurs(S.RHS, S.LHS)) {
        if (!solveStep(S, Out))
          fail(S, "reads " + emitExpr(S.LHS) +
                      " on its right-hand side through an index tad cannot "
                      "tell apart from the others");
        return true;
      }
      AssignOp Undo = S.AOp == AssignOp::Add   ? AssignOp::Sub
                      : S.AOp == AssignOp::Sub ? AssignOp::Add
                      : S.AOp == AssignOp::Mul ? AssignOp::Div
                      : S.AOp == AssignOp::Div ? AssignOp::Mul
                                               : AssignOp::Other;
      if (Undo == AssignOp::Other) {
        fail(S, "has no inverse");
        return true;
      }
      Out.push_back(mkAssign(S.LHS, Undo, S.RHS, S.Loc));
      return true;
    }
    unsigned N = occurs(S.RHS, S.LHS);
    if (N > 1 && solveStep(S, Out))
      return true;
    if (N != 1) {
      fail(S, N ? "uses " + emitExpr(S.LHS) +
                      " more than once, through indices tad cannot tell "
                      "apart"
                : "does not read " + emitExpr(S.LHS));
      return true;
    }
    std::string Why;
    ExprP Old = solve(S.RHS, S.LHS, S.LHS, Why);
    if (!Old) // no analytic inverse: solved if it is strictly monotone
      return solveStep(S, Out) || (fail(S, Why), true);
    if (!sameExpr(Old, S.LHS)) // `x = x`: an arm that keeps the value
      Out.push_back(mkAssign(S.LHS, AssignOp::Set, Old, S.Loc));
    return true;
  }

  /// A step whose new value branches on the state (Piecewise.cpp): true
  /// when S is one (and was undone or reported).
  bool piecewise(const Stmt &S, StmtList &Out) {
    ExprP Phi = S.RHS;
    BinOp Op = S.AOp == AssignOp::Add   ? BinOp::Add
               : S.AOp == AssignOp::Sub ? BinOp::Sub
               : S.AOp == AssignOp::Mul ? BinOp::Mul
                                        : BinOp::Div;
    if (S.AOp != AssignOp::Set)
      Phi = mkBinary(Op, S.LHS, S.RHS, S.LHS->Ty.unqualified());
    ExprP Sel = stateSelect(Phi, [&](const ExprP &E) { return readsState(E); });
    if (!Sel || (S.AOp != AssignOp::Set && S.AOp != AssignOp::Add &&
                 S.AOp != AssignOp::Sub && S.AOp != AssignOp::Mul &&
                 S.AOp != AssignOp::Div))
      return false;
    const std::vector<const Stmt *> *Here = Cur;
    const ExprP &Self = S.LHS;
    PieceHooks H;
    H.SlotName = emitExpr(Self);
    // Any location that may be the slot counts, in another array too.
    H.ReadsSlot = [&](const ExprP &E) {
      std::vector<ExprP> Reads;
      readLocations(E, State, Reads);
      for (const ExprP &R : Reads)
        if (overlap(R, Self, Fixed, *Here) != Overlap::Distinct)
          return true;
      return false;
    };
    H.IsSlot = [&](const ExprP &E) {
      return isLocation(E) && rootVar(E) == rootVar(Self) &&
             overlap(E, Self, Fixed, *Here) == Overlap::Same;
    };
    H.AtBreakpoint = [&](const ExprP &E, const ExprP &V) {
      return replaceLocations(E, {Self}, {V}, Fixed, *Here, State);
    };
    H.Invert = [&](const Stmt &Piece, StmtList &To) {
      unsigned Before = Diags.errorCount();
      LoopsOf[&Piece] = *Here;
      step(Piece, To);
      Cur = Here;
      return Diags.errorCount() == Before;
    };
    H.Prove = [&](const Stmt &Piece, PieceProof &Proof) {
      StepLumps.emplace_back();
      LumpInfo &L = StepLumps.back();
      if (!stepLump(Piece, P.State, Fixed, *Here, FName, Gen, L)) {
        Proof.Why =
            "it reads locations tad cannot tell apart from " + emitExpr(Self);
        return false;
      }
      StepProof SP;
      if (!proveStep(L, SP, Proof.Why))
        return false;
      Proof.Dir = lumpToState(L, SP.Dir);
      Proof.Cond = SP.Cond ? lumpToState(L, SP.Cond) : nullptr;
      Proof.Margin = SP.Margin ? lumpToState(L, SP.Margin) : nullptr;
      return true;
    };
    H.fail = [&](const Stmt &At, const std::string &Why) { fail(At, Why); };
    UsesRuntime = true;
    piecewiseInverse(S, Phi, Sel, H,
                     File + ":" + std::to_string(S.Loc.Line) + " (" + FName +
                         "_inverse)",
                     Names, Out);
    return true;
  }

  /// An `if` on the state whose arms are each one assignment to the same
  /// slot x (or nothing), as `x = c ? phi_1 : phi_2`; null otherwise.
  StmtP branchAsStep(const Stmt &If) {
    const Stmt *Arm[2] = {nullptr, nullptr};
    const StmtList *Lists[2] = {&If.Body, &If.Else};
    for (int K : {0, 1}) {
      if (Lists[K]->size() > 1)
        return nullptr;
      if (Lists[K]->size() == 1) {
        Arm[K] = Lists[K]->front().get();
        if (!Arm[K]->is(Stmt::Kind::Assign))
          return nullptr;
      }
    }
    const Stmt *A = Arm[0] ? Arm[0] : Arm[1];
    if (!A || (Arm[0] && Arm[1] && !sameExpr(Arm[0]->LHS, Arm[1]->LHS)))
      return nullptr;
    ExprP Self = A->LHS;
    VarP Root = rootVar(Self);
    if (!Root || !State.count(Root.get()))
      return nullptr;
    auto NewValue = [&](const Stmt *X) -> ExprP {
      if (!X)
        return Self;
      Type T = Self->Ty.unqualified();
      switch (X->AOp) {
      case AssignOp::Set:
        return X->RHS;
      case AssignOp::Add:
        return mkBinary(BinOp::Add, Self, X->RHS, T);
      case AssignOp::Sub:
        return mkBinary(BinOp::Sub, Self, X->RHS, T);
      case AssignOp::Mul:
        return mkBinary(BinOp::Mul, Self, X->RHS, T);
      case AssignOp::Div:
        return mkBinary(BinOp::Div, Self, X->RHS, T);
      default:
        return nullptr;
      }
    };
    ExprP V1 = NewValue(Arm[0]), V2 = NewValue(Arm[1]);
    if (!V1 || !V2)
      return nullptr;
    return mkAssign(Self, AssignOp::Set,
                    mkSelect(If.Cond, V1, V2, Self->Ty.unqualified()), If.Loc);
  }

  /// Whether L writes a location that Cond reads (or may read).
  bool writesWhatItReads(const StmtList &L, const ExprP &Cond,
                         std::vector<const Stmt *> &Around) {
    std::vector<ExprP> Reads;
    readLocations(Cond, State, Reads);
    for (const StmtP &S : L) {
      if (S->is(Stmt::Kind::Assign))
        for (const ExprP &R : Reads)
          if (overlap(S->LHS, R, Fixed, Around) != Overlap::Distinct)
            return true;
      bool Loop = S->is(Stmt::Kind::For);
      if (Loop)
        Around.push_back(S.get());
      bool W = writesWhatItReads(S->Body, Cond, Around) ||
               writesWhatItReads(S->Else, Cond, Around);
      if (Loop)
        Around.pop_back();
      if (W)
        return true;
    }
    return false;
  }

  /// Marks the block's locals for re-declaration and checks control flow.
  bool prepare(StmtList &L) {
    for (size_t K = 0; K < L.size(); ++K) {
      StmtP &S = L[K];
      switch (S->K) {
      case Stmt::Kind::Decl:
        S->Recompute = true;
        // The sweep recomputes it at the front of the reversed block, where
        // the state is what the block left: the state it reads must not
        // change after it in the block (`int p = int(y[0]); y[0] += 1;`).
        if (!InLump && S->Init && readsState(S->Init)) {
          StmtList After;
          for (size_t J = K + 1; J < L.size(); ++J)
            After.push_back(cloneStmt(*L[J]));
          if (writesWhatItReads(After, S->Init, Loops)) {
            Diags.error(S->Loc,
                        "cannot generate " + FName + "_inverse: '" +
                            S->V->Name +
                            "' is computed from state that the statements "
                            "after it in its block change, and the inverse "
                            "sweep recomputes it where the block ends");
            return false;
          }
        }
        break;
      case Stmt::Kind::If:
        if (!readsState(S->Cond))
          break;
        if (StmtP A = branchAsStep(*S)) { // undone as a piecewise step
          S = std::move(A);
          LoopsOf[S.get()] = Loops;
          continue;
        }
        // A branch whose arms do not change what its condition reads is
        // taken again by the inverse sweep (the later steps are undone by
        // then, so the condition reads what the forward pass read).
        if (writesWhatItReads(S->Body, S->Cond, Loops) ||
            writesWhatItReads(S->Else, S->Cond, Loops)) {
          Diags.error(S->Loc, "cannot generate " + FName +
                                  "_inverse: the branch condition reads the "
                                  "state, which the inverse sweep does not "
                                  "know at this point");
          return false;
        }
        break;
      case Stmt::Kind::For:
        if (!isCanonicalFor(*S) && !isStridedFor(*S)) {
          Diags.error(S->Loc, "cannot generate " + FName +
                                  "_inverse: only counted for loops "
                                  "(for (int i = a; i < b; ++i), or upwards "
                                  "by a stride: i += s) can be run "
                                  "backwards");
          return false;
        }
        break;
      case Stmt::Kind::Assign:
        LoopsOf[S.get()] = Loops;
        break;
      case Stmt::Kind::Block:
        if (P.lumpAt(S->Loc.Handle)) { // solved as a whole (Lump.cpp)
          InLump = true;
          bool Ok = prepare(S->Body);
          InLump = false;
          if (!Ok)
            return false;
          continue;
        }
        break;
      default:
        Diags.error(S->Loc, "cannot generate " + FName +
                                "_inverse: this statement cannot be run "
                                "backwards (use counted for loops)");
        return false;
      }
      if (S->is(Stmt::Kind::If)) { // its condition holds in its body
        for (bool Else : {false, true}) {
          const Stmt *G = branchGuard(*S, Else, Guards);
          if (G)
            Loops.push_back(G);
          bool Ok = prepare(Else ? S->Else : S->Body);
          if (G)
            Loops.pop_back();
          if (!Ok)
            return false;
        }
        continue;
      }
      bool Loop = S->is(Stmt::Kind::For);
      if (Loop)
        Loops.push_back(S.get());
      for (StmtList *Sub : {&S->Body, &S->Else})
        if (!prepare(*Sub))
          return false;
      if (Loop)
        Loops.pop_back();
    }
    return true;
  }
};

} // namespace

static void clearRecompute(Stmt &S) {
  S.Recompute = false;
  for (StmtList *Sub : {&S.Body, &S.Else, &S.ForInit, &S.ForInc})
    for (StmtP &C : *Sub)
      clearRecompute(*C);
}

void buildInverseFunction(const Function &F, const InversePlan &P, Function &G,
                          Generator &Gen) {
  DiagSink &Diags = Gen.diags();
  unsigned Before = Diags.errorCount();
  NameTable Names(*P.Prepared);
  Inverter Inv(P, Diags, F.Name, Gen, Names, F.File);
  StmtList Body = cloneList(P.Prepared->Body);
  std::set<std::uint64_t> Bundles;
  AccumulatorTest Checked = [&](const StmtList &L, size_t K) {
    return P.Accumulators.count(L[K]->V.get()) != 0;
  };
  if (const Stmt *Bad = bundleAccumulators(Body, Checked, Bundles)) {
    Diags.error(Bad->Loc, "internal error: the tangent of an accumulator "
                          "is not in the shape its primal was checked in");
    return;
  }
  rebindIntLocals(Body, Inv.stateVars(), Names, Inv.Fixed);
  if (!Inv.prepare(Body))
    return;
  CotangentOf Same = [](const VarP &V) { return mkVar(V); };
  VjpOf NoVjp = [](const Function &) { return nullptr; };
  CallTransposeOf NoT = [](const Function &, size_t, SrcLoc) {
    return nullptr;
  };
  std::deque<LumpProof> Proofs;
  StepRuleOf Step;
  Step = [&](const Stmt &S, StmtList &Out) {
    // An accumulator's bundle: the accumulation recomputed as the primal
    // ran it (the state it reads is what it was then), then its step (or
    // the bundle of the next accumulator it reads) undone with it.
    if (isBundle(S, Bundles)) {
      for (size_t J = 0; J < S.Body.size(); ++J) {
        if (J == 1)
          continue;
        Out.push_back(cloneStmt(*S.Body[J]));
        clearRecompute(*Out.back());
      }
      return Step(*S.Body[1], Out);
    }
    if (S.is(Stmt::Kind::Block))
      if (const LumpInfo *L = P.lumpAt(S.Loc.Handle)) {
        Proofs.emplace_back();
        std::string Why;
        if (!proveLump(*L, Proofs.back(), Why)) {
          Diags.error(S.Body.empty() ? S.Loc : S.Body.front()->Loc,
                      "cannot generate " + F.Name +
                          "_inverse: the statements at lines " +
                          std::to_string(L->FirstLine) + "-" +
                          std::to_string(L->LastLine) + " (a lump of width " +
                          std::to_string(L->K) +
                          ") are not provably injective (" + Why + ")");
          return true;
        }
        G.UsesInverseRuntime = true;
        Out.push_back(lumpInverse(*L,
                                  F.File + ":" + std::to_string(L->FirstLine) +
                                      "-" + std::to_string(L->LastLine) + " (" +
                                      G.Name + ")",
                                  Names, &Proofs.back()));
        return true;
      }
    if (!S.is(Stmt::Kind::Assign))
      return false;
    return Inv.step(S, Out);
  };
  StmtList Reverse =
      transposeProgram(Body, Same, NoVjp, NoT, nullptr, Names, Diags, Step);
  if (Inv.UsesRuntime)
    G.UsesInverseRuntime = true;
  if (Diags.errorCount() > Before)
    return;
  if (!Reverse.empty())
    Reverse.front()->Comment = "the steps undone, last first";
  for (StmtP &S : Reverse)
    G.Body.push_back(std::move(S));
}

} // namespace tad
