//===- Transforms/Annotations.cpp - what annotations say ------------------===//
#include "Transforms/Generator.h"

namespace tad {

const Annotation *Generator::findAnnotation(const Function &F,
                                            const std::string &K) {
  for (const Annotation &A : F.Annotations)
    if (A.Kind == K)
      return &A;
  return nullptr;
}

size_t Generator::customLinearParam(const Function &F) {
  if (const Annotation *L = findAnnotation(F, "linear"))
    for (size_t I = 0; I < F.Params.size(); ++I)
      if (!L->Args.empty() && F.Params[I]->Name == L->Args[0])
        return I;
  return F.Params.empty() ? 0 : F.Params.size() - 1;
}

std::vector<size_t> Generator::customLinearParams(const Function &F) {
  const Annotation *L = findAnnotation(F, "linear");
  std::vector<size_t> Out;
  if (L)
    for (size_t I = 0; I < F.Params.size(); ++I)
      for (const std::string &N : L->Args)
        if (F.Params[I]->Name == N)
          Out.push_back(I);
  if (Out.empty() && !F.Params.empty())
    Out.push_back(customLinearParam(F));
  return Out;
}

bool Generator::hasArrayRule(const Function &F) {
  if (!findAnnotation(F, "custom_transpose"))
    return false;
  for (const VarP &P : F.Params)
    if (P->Ty.IsPointer)
      return true;
  return false;
}

bool Generator::isOwnRule(const Function &F) {
  // f_jvp (f_transpose) that only calls the user's rule of the same name:
  // the user named the rule as tad names the function, and the rule is it.
  if (F.Body.size() != 1)
    return false;
  const Stmt &S = *F.Body.front();
  const ExprP &E = S.Value;
  return E && E->isUserCall() && E->Callee == qualifiedName(F);
}

} // namespace tad
