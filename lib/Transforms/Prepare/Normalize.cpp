//===- Transforms/Prepare/Normalize.cpp - structured exits to flags -------===//
//
// Reverse mode needs each loop body to run to its end and the function to
// end at its last statement: `break`, `continue` and early `return` become
// flags that guard the statements after them and end the loops.
//
//   for (init; c; inc) { A; if (p) break; B; }
// becomes
//   { init; bool _brk0 = false; bool _cont0 = false;
//     while (!_brk0 && c) { _cont0 = false; A; if (p) _brk0 = true;
//                           if (!_brk0) { B; } if (!_brk0) { inc; } } }
//
//===----------------------------------------------------------------------===//
#include "Transforms/Prepare/Normalize.h"
#include "Rules/ExprBuilder.h"
#include "Transforms/Prepare/Inline.h"
#include "Transforms/Prepare/LoopConditions.h"

namespace tad {

namespace {

const Type Bool = Type::scalar(ScalarKind::Bool);

enum Exit : unsigned { None = 0, Ret = 1, Brk = 2, Cont = 4 };

bool needsNormalizing(const StmtList &L, bool Top) {
  for (size_t I = 0; I < L.size(); ++I) {
    const Stmt &S = *L[I];
    if (S.is(Stmt::Kind::Break) || S.is(Stmt::Kind::Continue))
      return true;
    if (S.is(Stmt::Kind::Return) && !(Top && I + 1 == L.size()))
      return true;
    if (needsNormalizing(S.Body, false) || needsNormalizing(S.Else, false))
      return true;
  }
  return false;
}

bool callsUser(const ExprP &E) {
  if (!E)
    return false;
  if (E->isUserCall())
    return true;
  for (const ExprP &O : E->Ops)
    if (callsUser(O))
      return true;
  return false;
}

/// `Result = E` for a returned E: a struct place field by field (the
/// passes after this one follow scalar fields only).
void setResult(const VarP &Result, const ExprP &E, StmtList &Out, SrcLoc Loc) {
  if (Result->Ty.isRecord() && !E->isUserCall())
    copyFields(mkVar(Result), E, Out, Loc);
  else
    Out.push_back(mkAssign(mkVar(Result), AssignOp::Set, E, Loc));
}

/// Drops the exits of kind K that end L's run (L's last statement, or the
/// last of a branch or block that is last): a `continue` at the end of a
/// loop body, a `return` at the end of the function, which go where the
/// run goes anyway. A flag for them would be set and never read. A
/// `return` with a value becomes `Value = ...`. A branch left empty goes
/// too (unless its condition calls a function).
void dropTrailing(StmtList &L, Stmt::Kind K, const VarP &Value) {
  while (!L.empty()) {
    Stmt &S = *L.back();
    if (S.is(K)) {
      StmtP Exit = std::move(L.back());
      L.pop_back();
      if (Exit->Value)
        setResult(Value, Exit->Value, L, Exit->Loc);
      return;
    }
    if (!S.is(Stmt::Kind::If) && !S.is(Stmt::Kind::Block))
      return;
    dropTrailing(S.Body, K, Value);
    dropTrailing(S.Else, K, Value);
    if (S.is(Stmt::Kind::If) && S.Body.empty() && !S.Else.empty()) {
      S.Cond = mkUnary(UnOp::Not, S.Cond, Bool); // if (!p) { else }
      S.Body = std::move(S.Else);
      S.Else.clear();
      S.HasElse = false;
    }
    if (!S.Body.empty() || !S.Else.empty() ||
        (S.is(Stmt::Kind::If) && callsUser(S.Cond)))
      return;
    L.pop_back(); // nothing left: what was before it may end L now
  }
}

class Normalizer {
  const Function &F;
  NameTable &Names;
  VarP Done, RetVal;
  /// Flags of the innermost loop.
  VarP BrkFlag, ContFlag;
  unsigned Counter = 0;

  VarP flag(const char *Base) {
    return makeVar(Names.fresh(Base + std::to_string(Counter++)), Bool, {});
  }

  ExprP notAny(unsigned Exits) {
    ExprP C;
    auto And = [&](const VarP &V) {
      ExprP N = mkUnary(UnOp::Not, mkVar(V), Bool);
      C = C ? mkBinary(BinOp::LAnd, C, N, Bool) : N;
    };
    if (Exits & Ret)
      And(Done);
    if (Exits & Brk)
      And(BrkFlag);
    if (Exits & Cont)
      And(ContFlag);
    return C;
  }

  StmtP set(const VarP &V) {
    return mkAssign(mkVar(V), AssignOp::Set, mkLit(1, Bool));
  }

  /// Normalizes L in place; returns the exits its statements may take.
  unsigned list(StmtList &L) {
    StmtList Out;
    unsigned Exits = None;
    for (size_t I = 0; I < L.size(); ++I) {
      StmtP S = std::move(L[I]);
      unsigned E = stmt(S, Out);
      Exits |= E;
      if (E & (Ret | Brk | Cont)) {
        if (I + 1 < L.size()) {
          // The rest runs only if no exit was taken.
          StmtP Guard = mkStmt(Stmt::Kind::If, L[I + 1]->Loc);
          Guard->Cond = notAny(E);
          for (size_t J = I + 1; J < L.size(); ++J)
            Guard->Body.push_back(std::move(L[J]));
          Exits |= list(Guard->Body);
          if (!Guard->Body.empty())
            Out.push_back(std::move(Guard));
        }
        break;
      }
    }
    L = std::move(Out);
    return Exits;
  }

  /// Appends the normalized S to Out; a null S after an unconditional
  /// exit. Returns the exits S may take.
  unsigned stmt(StmtP &S, StmtList &Out) {
    switch (S->K) {
    case Stmt::Kind::Return: {
      if (S->Value)
        setResult(RetVal, S->Value, Out, S->Loc);
      Out.push_back(set(Done));
      Out.back()->Loc = S->Loc;
      return Ret;
    }
    case Stmt::Kind::Break:
      Out.push_back(set(BrkFlag));
      Out.back()->Loc = S->Loc;
      return Brk;
    case Stmt::Kind::Continue:
      Out.push_back(set(ContFlag));
      Out.back()->Loc = S->Loc;
      return Cont;
    case Stmt::Kind::If:
    case Stmt::Kind::Block: {
      unsigned E = list(S->Body) | list(S->Else);
      Out.push_back(std::move(S));
      return E;
    }
    case Stmt::Kind::For:
    case Stmt::Kind::While:
    case Stmt::Kind::DoWhile:
      return loop(S, Out);
    default:
      Out.push_back(std::move(S));
      return None;
    }
  }

  unsigned loop(StmtP &S, StmtList &Out) {
    VarP SavedBrk = BrkFlag, SavedCont = ContFlag;
    BrkFlag = flag("_brk");
    ContFlag = flag("_cont");
    dropTrailing(S->Body, Stmt::Kind::Continue, nullptr);
    unsigned E = list(S->Body);
    bool UsesBrk = E & Brk, UsesCont = E & Cont, UsesRet = E & Ret;
    if (!(UsesBrk || UsesCont || UsesRet)) {
      BrkFlag = SavedBrk;
      ContFlag = SavedCont;
      Out.push_back(std::move(S));
      return None;
    }
    // The loop runs while no break or return was taken.
    unsigned Stop =
        (UsesBrk ? unsigned(Brk) : 0u) | (UsesRet ? unsigned(Ret) : 0u);
    auto Cond = [&](ExprP C) {
      ExprP G = notAny(Stop);
      if (G && C && C->is(Expr::Kind::Lit) && C->Value != 0)
        C = nullptr; // while (!_brk0), not while (!_brk0 && true)
      return !G ? C : C ? mkBinary(BinOp::LAnd, G, C, Bool) : G;
    };
    StmtP Block = mkStmt(Stmt::Kind::Block, S->Loc);
    StmtList &B = Block->Body;
    for (StmtP &I : S->ForInit)
      B.push_back(std::move(I));
    if (UsesBrk)
      B.push_back(mkDecl(BrkFlag, mkLit(0, Bool)));
    if (UsesCont) {
      B.push_back(mkDecl(ContFlag, mkLit(0, Bool)));
      S->Body.insert(S->Body.begin(),
                     mkAssign(mkVar(ContFlag), AssignOp::Set, mkLit(0, Bool)));
    }
    StmtP W = mkStmt(S->is(Stmt::Kind::DoWhile) ? Stmt::Kind::DoWhile
                                                : Stmt::Kind::While,
                     S->Loc);
    W->Cond = Cond(S->Cond);
    W->Body = std::move(S->Body);
    if (!S->ForInc.empty()) { // the increment runs unless the loop ends
      StmtP Inc = mkStmt(Stmt::Kind::If, S->Loc);
      Inc->Cond = notAny(Stop);
      Inc->Body = std::move(S->ForInc);
      if (Inc->Cond)
        W->Body.push_back(std::move(Inc));
      else
        for (StmtP &X : Inc->Body)
          W->Body.push_back(std::move(X));
    }
    B.push_back(std::move(W));
    Out.push_back(std::move(Block));
    BrkFlag = SavedBrk;
    ContFlag = SavedCont;
    return UsesRet ? Ret : None;
  }

public:
  Normalizer(const Function &F, NameTable &Names) : F(F), Names(Names) {}

  FunctionP run() {
    FunctionP N = cloneFunction(F);
    Done = makeVar(Names.fresh("_done"), Bool, {});
    if (!F.RetTy.isVoid()) {
      RetVal = makeVar(Names.fresh("_retval"), F.RetTy.unqualified(), {});
      makeFields(RetVal); // a struct's
    }
    // The returns that end the function only set the value.
    dropTrailing(N->Body, Stmt::Kind::Return, RetVal);
    unsigned E = list(N->Body);
    StmtList Head;
    if (E & Ret)
      Head.push_back(mkDecl(Done, mkLit(0, Bool)));
    if (RetVal && RetVal->Ty.isRecord()) {
      Head.push_back(mkDecl(RetVal, nullptr));
      Head.back()->HasInitList = true;
    } else if (RetVal) {
      Head.push_back(mkDecl(RetVal, lit(0, RetVal->Ty)));
    }
    for (StmtP &S : N->Body)
      Head.push_back(std::move(S));
    if (RetVal)
      Head.push_back(mkReturn(mkVar(RetVal)));
    N->Body = std::move(Head);
    return N;
  }
};

} // namespace

FunctionP normalizeExits(const Function &F, NameTable &Names) {
  if (!needsNormalizing(F.Body, true))
    return nullptr;
  return Normalizer(F, Names).run();
}

FunctionP prepareForReverse(const Function &F, FunctionSource &Src,
                            NameTable &Names, DiagSink &Diags,
                            bool KeepJvpRules) {
  unsigned Errors = Diags.errorCount();
  FunctionP Inlined = inlineArrayCalls(F, Src, Names, Diags, KeepJvpRules);
  if (Diags.errorCount() > Errors)
    return nullptr;
  const Function &F1 = Inlined ? *Inlined : F;
  FunctionP Normalized = normalizeExits(F1, Names);
  const Function &F2 = Normalized ? *Normalized : F1;
  // A tree reduction's halving loop in device code, counted: a tape of
  // its strides would be host memory.
  FunctionP Counted = F2.Qualifiers & (QGlobal | QDevice)
                          ? countShiftLoops(F2, Names)
                          : nullptr;
  const Function &F3 = Counted ? *Counted : F2;
  FunctionP Isolated = isolateLoopCounters(F3);
  return Isolated ? std::move(Isolated) : cloneFunction(F3);
}

} // namespace tad
