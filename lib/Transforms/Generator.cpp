//===- Transforms/Generator.cpp - generation driver -----------------------===//
#include "Transforms/Generator.h"
#include "Emit/Emitter.h"
#include "Transforms/JVP.h"
#include "Transforms/LinearTranspose.h"
#include "Transforms/VJP.h"

#include <set>

namespace tad {

const Function *Generator::requestJvp(const void *Key, const std::string &Name,
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

const Function *Generator::requestVjp(const void *Key, const std::string &Name,
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
  Work.emplace_back(F, Raw);
  Origins[Raw] = {Current, CallLoc};
  return Raw;
}

const Function *Generator::requestTranspose(const void *Key,
                                            const Annotation &A) {
  const Function *F = Src.lower(Key);
  return F ? requestTranspose(*F, A) : nullptr;
}

const Function *Generator::requestTranspose(const Function &F,
                                            const Annotation &A) {
  FunctionP T = makeTransposeSignature(F, A);
  Function *Raw = T.get();
  Generated.push_back(std::move(T));
  TransposeOf[Raw] = A;
  Work.emplace_back(&F, Raw);
  return Raw;
}

void Generator::noteCallChain(const Function *J) {
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

void Generator::run() {
  while (!Work.empty()) {
    auto [F, J] = Work.front();
    Work.pop_front();
    Current = J;
    ChainNoted = false;
    unsigned Before = Diags.errorCount();
    if (J->Mode == "transpose") {
      buildTransposeBody(*F, TransposeOf[J], *J, *this);
    } else if (J->Mode == "VJP") {
      buildVjpBody(*F, *J, *this);
      // Annotated functions also get a gradient; callees' VJPs do not.
      if (F->hasAnnotation("vjp"))
        if (FunctionP G = makeGradient(*F, *J))
          Generated.push_back(std::move(G));
    } else {
      buildJvpBody(*F, *J, *this);
    }
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

std::vector<const Function *> Generator::emitted() const {
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
    if (Keep.count(F.get()))
      Out.push_back(F.get());
  return Out;
}

std::string Generator::emitSource(const std::string &SourceName) const {
  std::vector<const Function *> Emitted = emitted();
  std::string Out = "// Generated by tad from " + SourceName +
                    ". Do not edit: regenerate.\n"
                    "// Include it after the functions it differentiates.\n"
                    "#include <algorithm>\n#include <cmath>\n";
  for (const Function *F : Emitted)
    if (F->UsesTape) {
      Out += "#include \"tad/tape.h\"\n";
      break;
    }
  Out += "\n";
  std::string Code;
  if (Emitted.size() > 1) {
    for (const Function *F : Emitted)
      Code += inNamespace(*F, emitSignature(*F) + ";\n");
    Code += "\n";
  }
  for (const Function *F : Emitted) {
    const auto *Primal = static_cast<const Function *>(F->Key);
    Code += "// " + F->Mode + " of '" + Primal->Name + "' (" + F->File + ":" +
            std::to_string(F->Loc.Line) + ")\n";
    Code += inNamespace(*F, emitDefinition(*F) + "\n");
  }
  return Out + formatCpp(Code);
}

} // namespace tad
