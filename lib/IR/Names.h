//===- IR/Names.h - fresh names for generated code --------------*- C++ -*-===//
#ifndef TAD_IR_NAMES_H
#define TAD_IR_NAMES_H

#include "IR/IR.h"
#include <set>
#include <string>

namespace tad {

/// Names in use in a function, to keep generated names from clashing.
class NameTable {
  std::set<std::string> Used;

  void collect(const StmtList &L) {
    for (const StmtP &S : L) {
      if (S->V)
        Used.insert(S->V->Name);
      collect(S->Body);
      collect(S->Else);
      collect(S->ForInit);
      collect(S->ForInc);
    }
  }

public:
  explicit NameTable(const Function &F) {
    for (const VarP &P : F.Params)
      Used.insert(P->Name);
    collect(F.Body);
  }
  bool taken(const std::string &N) const { return Used.count(N) != 0; }
  std::string fresh(const std::string &Base) {
    std::string N = Base;
    for (unsigned I = 1; Used.count(N); ++I)
      N = Base + "_" + std::to_string(I);
    Used.insert(N);
    return N;
  }
};

inline VarP makeVar(const std::string &Name, Type Ty, SrcLoc Loc) {
  auto V = std::make_shared<Var>();
  V->Name = Name;
  V->Ty = std::move(Ty);
  V->Loc = Loc;
  return V;
}

} // namespace tad

#endif
