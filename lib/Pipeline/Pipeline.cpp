//===- Pipeline/Pipeline.cpp - the modes run in order ---------------------===//
//
// Generates what was requested, each function once (callee derivatives on
// demand, so recursion terminates), checks and caches user rules, and
// assembles the output file.
//
//===----------------------------------------------------------------------===//
#include "Pipeline/Pipeline.h"
#include "Emit/Emitter.h"
#include "Emit/Layout.h"
#include "IR/Spelling.h"
#include "Transforms/DeadLocals.h"
#include "Transforms/Forward/CustomRules.h"
#include "Transforms/Forward/JVP.h"
#include "Transforms/Inverse/Inverse.h"
#include "Transforms/Reverse/LinearTranspose.h"
#include "Transforms/Reverse/VJP.h"

#include <functional>
#include <set>

namespace tad {

const Function *Pipeline::requestJvp(const void *Key, const std::string &Name,
                                     SrcLoc CallLoc) {
  auto It = Jvps.find(Key);
  const Function *F = nullptr;
  if (It == Jvps.end()) {
    F = Src.lower(Key);
    if (!F)
      Jvps[Key] = nullptr;
  } else if (It->second) {
    return It->second;
  }
  if (!F) {
    // Every call that needs the function is noted, with how we got there.
    if (CallLoc.valid()) {
      Diags.note(CallLoc,
                 "'" + Name + "' is called here, in code tad differentiates");
      noteCallChain(Current);
      ChainNoted = true;
    }
    return nullptr;
  }
  FunctionP J = makeJvpSignature(*F);
  Function *Raw = J.get();
  Jvps[Key] = Raw;
  Generated.push_back(std::move(J));
  Work.emplace_back(F, Raw);
  Origins[Raw] = {Current, CallLoc};
  return Raw;
}

const Function *Pipeline::requestVjp(const void *Key, const std::string &Name,
                                     SrcLoc CallLoc) {
  auto It = Vjps.find(Key);
  if (It != Vjps.end())
    return It->second;
  const Function *F = Src.lower(Key);
  Vjps[Key] = nullptr;
  if (!F) {
    if (CallLoc.valid())
      Diags.note(CallLoc,
                 "'" + Name + "' is called here, in code tad differentiates");
    return nullptr;
  }
  FunctionP V = makeVjpSignature(*F);
  Function *Raw = V.get();
  Vjps[Key] = Raw;
  Generated.push_back(std::move(V));
  // Annotated functions also get a gradient; callees' VJPs do not.
  if (F->hasAnnotation("vjp"))
    Gradients[Raw] = makeGradient(*F, *Raw);
  Work.emplace_back(F, Raw);
  Origins[Raw] = {Current, CallLoc};
  return Raw;
}

const Function *Pipeline::requestInverse(const void *Key,
                                         const std::string &Kind) {
  auto K = std::make_pair(Key, Kind);
  if (auto It = Inverses.find(K); It != Inverses.end())
    return It->second;
  const Function *F = Src.lower(Key);
  Inverses[K] = nullptr;
  if (!F)
    return nullptr;
  FunctionP G = makeInverseSignature(*F, Kind);
  Function *Raw = G.get();
  Inverses[K] = Raw;
  Generated.push_back(std::move(G));
  Work.emplace_back(F, Raw);
  return Raw;
}

const Function *Pipeline::requestTranspose(const void *Key,
                                           const Annotation &A) {
  const Function *F = Src.lower(Key);
  return F ? requestTranspose(*F, A) : nullptr;
}

const Function *Pipeline::requestTranspose(const Function &F,
                                           const Annotation &A) {
  for (auto &[T, TA] : TransposeOf)
    if (T->Key == &F && TA.Args == A.Args)
      return T;
  FunctionP T = makeTransposeSignature(F, A);
  Function *Raw = T.get();
  Generated.push_back(std::move(T));
  TransposeOf[Raw] = A;
  Work.emplace_back(&F, Raw);
  return Raw;
}

namespace {
bool sameTypes(const Type &A, const Type &B) {
  return cppType(A.unqualified()) == cppType(B.unqualified()) &&
         A.IsPointer == B.IsPointer;
}

/// Whether R's parameter and result types are Want's.
bool sameSignature(const Function &R, const Function &Want) {
  if (R.Params.size() != Want.Params.size() || !sameTypes(R.RetTy, Want.RetTy))
    return false;
  for (size_t I = 0; I < R.Params.size(); ++I)
    if (!sameTypes(R.Params[I]->Ty, Want.Params[I]->Ty))
      return false;
  return true;
}
} // namespace

const Function *Pipeline::customRule(const Function &F,
                                     const std::string &Kind) {
  auto Key =
      std::make_pair(F.Key ? F.Key : static_cast<const void *>(&F), Kind);
  if (auto It = Rules.find(Key); It != Rules.end())
    return It->second;
  Rules[Key] = nullptr;
  const Annotation *A = Generator::findAnnotation(F, Kind);
  if (!A)
    return nullptr;
  std::string Attr = "'tad::" + Kind + "'";
  if (A->Args.size() != 1 || A->Args[0].empty()) {
    Diags.error(A->Loc,
                Attr + " names one function, the rule for '" + F.Name + "'");
    return nullptr;
  }
  const std::string &RuleName = A->Args[0];
  const void *RK = Src.resolve(F.Key, RuleName);
  if (!RK) {
    Diags.error(A->Loc,
                "missing rule for '" + F.Name + "': " + Attr + " names '" +
                    RuleName +
                    "', but no function of that name is visible from it");
    return nullptr;
  }
  const Function *R = Src.lower(RK);
  if (!R)
    return nullptr;
  // The signature the rule must have: f_transpose's, or f_jvp's.
  FunctionP Want;
  std::string Why;
  if (Kind == "custom_transpose" && hasArrayRule(F)) {
    // Linear in arrays (inputs and outputs, named by tad::linear): the
    // rule has f_transpose's signature, reading the outputs' cotangents
    // and accumulating into the inputs'.
    const Annotation *L = Generator::findAnnotation(F, "linear");
    bool Ok = F.RetTy.isVoid() && L;
    if (Ok)
      for (size_t I : customLinearParams(F))
        Ok &= F.Params[I]->Ty.IsPointer && F.Params[I]->Ty.isFloating();
    if (!Ok) {
      Diags.error(A->Loc,
                  "a function with array parameters and a custom transpose "
                  "must return void and name its linear arrays (inputs and "
                  "outputs) with 'tad::linear'");
      return nullptr;
    }
    Want = makeTransposeSignature(F, *L);
    Why = "the parameters of '" + F.Name +
          "' in order, its linear arrays writable: the rule reads the "
          "cotangents of the outputs (and zeroes those it consumes) and "
          "adds to the cotangents of the inputs";
  } else if (Kind == "custom_transpose") {
    size_t I = customLinearParam(F);
    if (!F.RetTy.isFloating() || F.Params.empty() ||
        !F.Params[I]->Ty.isFloating()) {
      Diags.error(A->Loc, "a function with a custom transpose must return a "
                          "floating-point value and be linear in a "
                          "floating-point parameter");
      return nullptr;
    }
    Want = makeTransposeSignature(F, {"linear", {F.Params[I]->Name}, A->Loc});
    Why = "the residuals of '" + F.Name +
          "' in order, the cotangent of its "
          "result in place of '" +
          F.Params[I]->Name + "', returning the cotangent of '" +
          F.Params[I]->Name + "'";
  } else {
    Want = makeJvpSignature(F);
    Why = "each parameter followed by its tangent when it is "
          "floating-point, then a pointer to the result's tangent";
  }
  if (!sameSignature(*R, *Want)) {
    Want->Name = RuleName;
    Want->Namespace.clear();
    Diags.error(A->Loc, "the rule '" + RuleName + "' registered by " + Attr +
                            " on '" + F.Name +
                            "' does not have the "
                            "signature it needs: '" +
                            emitSignature(*Want) + "' (" + Why + ")");
    Diags.note(R->Loc, "'" + RuleName + "' is declared here");
    return nullptr;
  }
  return Rules[Key] = R;
}

const Function *Pipeline::callTranspose(const Function &G, size_t I,
                                        SrcLoc CallLoc) {
  auto Key = std::make_pair(&G, I);
  if (auto It = CallTs.find(Key); It != CallTs.end())
    return It->second;
  CallTs[Key] = nullptr;
  if (Generator::findAnnotation(G, "custom_transpose")) {
    const Function *R = customRule(G, "custom_transpose");
    if (R && hasArrayRule(G))
      return CallTs[Key] = R;
    if (R && customLinearParam(G) != I) {
      Diags.error(CallLoc, "this call of '" + G.Name + "' is linear in '" +
                               G.Params[I]->Name +
                               "', but its custom transpose is linear in '" +
                               G.Params[customLinearParam(G)]->Name + "'");
      return nullptr;
    }
    return CallTs[Key] = R;
  }
  if (!G.HasBody) {
    Diags.error(CallLoc, "cannot transpose '" + G.Name +
                             "': no definition and no registered transpose");
    return nullptr;
  }
  Annotation A{"linear", {G.Params[I]->Name}, CallLoc};
  const Function *T = requestTranspose(G, A);
  Origins[T] = {Current, CallLoc};
  // g_transpose is the transpose g's tad::linear asks for (or, without
  // one, the one linear in g's last parameter); another parameter's is
  // g_transpose_<param>, so that two of them never clash.
  const Annotation *L = Generator::findAnnotation(G, "linear");
  bool Default = L ? L->Args == A.Args : I + 1 == G.Params.size();
  if (!Default)
    for (FunctionP &F : Generated)
      if (F.get() == T)
        F->Name = G.Name + "_transpose_" + G.Params[I]->Name;
  return CallTs[Key] = T;
}

namespace {
void collectCallKeys(const StmtList &L, std::vector<const Expr *> &Out);
void collectCallKeys(const ExprP &E, std::vector<const Expr *> &Out) {
  if (!E)
    return;
  if (E->isUserCall() && E->CalleeKey)
    Out.push_back(E.get());
  for (const ExprP &O : E->Ops)
    collectCallKeys(O, Out);
}
void collectCallKeys(const StmtList &L, std::vector<const Expr *> &Out) {
  for (const StmtP &S : L) {
    for (const ExprP *E : {&S->Init, &S->LHS, &S->RHS, &S->Value, &S->Cond})
      collectCallKeys(*E, Out);
    for (const ExprP &E : S->InitList)
      collectCallKeys(E, Out);
    for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      collectCallKeys(*Sub, Out);
  }
}
} // namespace

bool Pipeline::checkForward(const Function &F, const Function &Rule) {
  std::vector<const Expr *> Calls;
  collectCallKeys(Rule.Body, Calls);
  for (const Expr *C : Calls) {
    const Function *G = Src.lower(C->CalleeKey);
    if (!G || G->HasBody || !G->hasAnnotation("custom_transpose"))
      continue;
    Diags.error(Current && Origins[Current].CallLoc.valid()
                    ? Origins[Current].CallLoc
                    : F.Loc,
                "forward mode through '" + F.Name +
                    "' is not available: its custom JVP '" + Rule.Name +
                    "' calls '" + G->Name +
                    "', which has no definition, only a registered "
                    "transpose (a custom VJP)");
    Diags.note(C->Loc, "'" + G->Name + "' is called here");
    return false;
  }
  return true;
}

bool Pipeline::buildingReverse() const {
  // The function being built, or one that asked for it, is a VJP or a
  // transpose (its JVP code is linearized and transposed, never run).
  for (const Function *J = Current; J;) {
    if (J->Mode == "VJP" || J->Mode == "transpose")
      return true;
    auto It = Origins.find(J);
    J = It == Origins.end() ? nullptr : It->second.Caller;
  }
  return false;
}

void Pipeline::noteCallChain(const Function *J) {
  for (unsigned Depth = 0; J && Depth < 64; ++Depth) {
    const Origin &O = Origins[J];
    if (!O.CallLoc.valid())
      return;
    const auto *Primal = static_cast<const Function *>(J->Key);
    Diags.note(O.CallLoc, "'" + Primal->Name +
                              "' is called here, in code tad differentiates");
    J = O.Caller;
  }
}

SrcLoc Pipeline::requestLoc(const Function *F) const {
  if (auto It = TransposeOf.find(F); It != TransposeOf.end())
    return It->second.Loc;
  if (auto It = Origins.find(F); It != Origins.end())
    return It->second.CallLoc;
  return SrcLoc();
}

/// The first struct parameter or local of F (after inlining, none of
/// its callees' structs remain hidden in calls), or null.
static const Var *firstStruct(const Function &F) {
  for (const VarP &P : F.Params)
    if (P->Ty.isRecord())
      return P.get();
  std::function<const Var *(const StmtList &)> In =
      [&](const StmtList &L) -> const Var * {
    for (const StmtP &S : L) {
      if (S->V && S->V->Ty.isRecord())
        return S->V.get();
      for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
        if (const Var *V = In(*Sub))
          return V;
      for (const ExprP &E : {S->Init, S->RHS, S->Value})
        if (E && E->isUserCall())
          for (const ExprP &A : E->Ops)
            if (A->Ty.isRecord())
              if (VarP R = rootVar(A))
                return R.get();
    }
    return nullptr;
  };
  return In(F.Body);
}

/// The first call of a lambda in F (Expr::MustInline), or null.
static const Expr *firstLambdaCall(const StmtList &L) {
  std::function<const Expr *(const ExprP &)> InE =
      [&](const ExprP &E) -> const Expr * {
    if (!E)
      return nullptr;
    if (E->MustInline)
      return E.get();
    for (const ExprP &O : E->Ops)
      if (const Expr *C = InE(O))
        return C;
    return nullptr;
  };
  for (const StmtP &S : L) {
    for (const ExprP &E : {S->Init, S->LHS, S->RHS, S->Value, S->Cond})
      if (const Expr *C = InE(E))
        return C;
    for (const ExprP &E : S->InitList)
      if (const Expr *C = InE(E))
        return C;
    for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      if (const Expr *C = firstLambdaCall(*Sub))
        return C;
  }
  return nullptr;
}

void Pipeline::run() {
  while (!Work.empty()) {
    auto [F, J] = Work.front();
    Work.pop_front();
    Current = J;
    ChainNoted = false;
    unsigned Before = Diags.errorCount();
    if (Failed.count(F)) {
      // F is itself generated and failed: its body is empty or partial.
      const Annotation &A = TransposeOf[J];
      Diags.error(A.Loc, "cannot generate '" + J->Name + "': it transforms '" +
                             F->Name + "', which tad could not generate");
      auto It = TransposeOf.find(F);
      Diags.note(It != TransposeOf.end() ? It->second.Loc : F->Loc,
                 "'" + F->Name +
                     "' is asked for here; the errors in generating it are "
                     "reported above");
      Failed.insert(J);
      ChainNoted = true;
    } else if (const Var *S =
                   (!inverseKindOf(*J).empty() || J->Mode == "transpose")
                       ? firstStruct(*F)
                       : nullptr) {
      Diags.error(S->Loc, "'" + F->Name + "' has a struct, '" + S->Name +
                              "': structs are supported in JVPs and VJPs, "
                              "not yet in " +
                              (J->Mode == "transpose" ? "linear transposes"
                                                      : "the inverse modes"));
    } else if (const Expr *C =
                   (!inverseKindOf(*J).empty() || J->Mode == "transpose")
                       ? firstLambdaCall(F->Body)
                       : nullptr) {
      Diags.error(C->Loc, "'" + F->Name +
                              "' calls a lambda: lambdas are supported in "
                              "JVPs and VJPs, not yet in " +
                              (J->Mode == "transpose" ? "linear transposes"
                                                      : "the inverse modes"));
    } else if (!inverseKindOf(*J).empty()) {
      buildInverseBody(*F, *J, *this);
    } else if (J->Mode == "transpose") {
      buildTransposeBody(*F, TransposeOf[J], *J, *this);
    } else if (J->Mode == "VJP") {
      buildVjpBody(*F, *J, *this);
      if (auto It = Gradients.find(J); It != Gradients.end() && It->second)
        Generated.push_back(std::move(It->second));
    } else if (F->hasAnnotation("custom_jvp")) {
      if (const Function *R = customRule(*F, "custom_jvp")) {
        if (!buildingReverse())
          checkForward(*F, *R);
        buildRuleCall(*R, *J);
      }
    } else {
      buildJvpBody(*F, *J, *this);
    }
    // A body left empty after an error (a callee whose lowering failed
    // earlier: only a note here) failed too.
    bool Empty = Diags.hadError() && J->Body.empty();
    if (Diags.errorCount() > Before || Empty)
      Failed.insert(J);
    else if (dropDeadLocals(*J))
      unnameUnreadParams(*J); // what only the dropped code read
    if (Diags.errorCount() > Before && !ChainNoted)
      noteCallChain(J);
    Current = nullptr;
  }
}

namespace {
void collectCallees(const ExprP &E, std::set<std::string> &Out) {
  if (!E)
    return;
  if (E->is(Expr::Kind::Call))
    Out.insert(E->Callee);
  for (const ExprP &O : E->Ops)
    collectCallees(O, Out);
}

void collectCallees(const StmtList &L, std::set<std::string> &Out) {
  for (const StmtP &S : L) {
    for (const ExprP &E : {S->Init, S->LHS, S->RHS, S->Value, S->Cond})
      collectCallees(E, Out);
    for (const ExprP &E : S->InitList)
      collectCallees(E, Out);
    for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      collectCallees(*Sub, Out);
  }
}
} // namespace

std::vector<const Function *> Pipeline::emitted() const {
  // The functions annotated code asked for, and what they call: a JVP
  // requested only while building a VJP (whose calls became VJP calls)
  // is not emitted.
  std::set<const Function *> Keep;
  std::set<std::string> Called;
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const FunctionP &F : Generated) {
      if (Keep.count(F.get()))
        continue;
      auto O = Origins.find(F.get());
      bool Root = O == Origins.end() || !O->second.CallLoc.valid();
      if (Root || Called.count(qualifiedName(*F))) {
        Keep.insert(F.get());
        collectCallees(F->Body, Called);
        Changed = true;
      }
    }
  }
  std::vector<const Function *> Out;
  for (const FunctionP &F : Generated)
    if (Keep.count(F.get()) && !Generator::isOwnRule(*F))
      Out.push_back(F.get());
  return Out;
}

std::string Pipeline::emitSource(const std::string &SourceName) const {
  std::vector<const Function *> Emitted = emitted();
  std::string Out = "// Generated by tad from " + SourceName +
                    ". Do not edit: regenerate.\n"
                    "// Include it after the functions it differentiates.\n";
  // <algorithm> only for std::min and std::max: it costs every compile.
  std::set<std::string> Callees;
  for (const Function *F : Emitted)
    collectCallees(F->Body, Callees);
  if (Callees.count("std::min") || Callees.count("std::max"))
    Out += "#include <algorithm>\n";
  Out += "#include <cmath>\n";
  for (const Function *F : Emitted)
    if (F->UsesTape) {
      Out += "#include \"tad/tape.h\"\n";
      break;
    }
  // The maths runtime (tad::digamma, in the derivatives of lgamma and
  // tgamma).
  if (Callees.count("tad::digamma"))
    Out += "#include \"tad/maths.h\"\n";
  if (Callees.count("tad::reduce_add") || Callees.count("tad::atomic_add") ||
      Callees.count("tad::shfl_down_sync_transpose") ||
      Callees.count("tad::shfl_up_sync_transpose") ||
      Callees.count("tad::shfl_xor_sync_transpose") ||
      Callees.count("tad::shfl_sync_transpose"))
    Out += "#include \"tad/cuda.h\"\n";
  for (const Function *F : Emitted)
    if (F->UsesInverseRuntime) {
      Out += "#include \"tad/dense.h\"\n";
      break;
    }
  Out += "\n";
  std::string Code;
  if (Emitted.size() > 1) {
    for (const Function *F : Emitted)
      Code += inNamespace(*F, emitDeclaration(*F));
    Code += "\n";
  }
  for (const Function *F : Emitted) {
    const auto *Primal = static_cast<const Function *>(F->Key);
    Code += layout::comment(F->Mode + " of '" + Primal->Name + "' (" + F->File +
                                ":" + std::to_string(F->Loc.Line) + ")",
                            0);
    Code += inNamespace(*F, emitDefinition(*F) + "\n");
  }
  // No blank line at the end of the file.
  while (Code.size() > 1 && Code.compare(Code.size() - 2, 2, "\n\n") == 0)
    Code.pop_back();
  return Out + Code;
}

} // namespace tad
