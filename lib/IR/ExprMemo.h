//===- IR/ExprMemo.h - a value per expression node --------------*- C++ -*-===//
//
// A pass that walks down an expression tree and asks at each node a
// question about the whole subtree below it ("does it mention a tangent?",
// "is it active?") costs the tree's size times its depth: quadratic for a
// long sum, which is a left-leaning chain. ExprMemo keeps the answer per
// node, so that each is computed once, from the answers of its operands.
// It holds a reference to each node it answers for, so that a node freed
// during the pass cannot have its address reused by a new node that would
// then find the old node's answer.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_IR_EXPRMEMO_H
#define TAD_IR_EXPRMEMO_H

#include "IR/IR.h"

#include <unordered_map>
#include <utility>

namespace tad {

template <typename T> class ExprMemo {
public:
  /// The value for E: the kept one, else Compute() (which may ask this
  /// memo about E's operands), kept.
  template <typename Fn> T get(const ExprP &E, Fn &&Compute) {
    auto It = Map.find(E.get());
    if (It != Map.end())
      return It->second.second;
    T V = Compute();
    Map.emplace(E.get(), std::make_pair(E, V));
    return V;
  }
  void clear() { Map.clear(); }

private:
  std::unordered_map<const Expr *, std::pair<ExprP, T>> Map;
};

/// Whether E refers to a tangent variable anywhere (forEachVar's reach),
/// with the answers kept in Memo.
inline bool mentionsTangent(const ExprP &E, ExprMemo<bool> &Memo) {
  if (!E)
    return false;
  if (E->is(Expr::Kind::VarRef))
    return E->V->IsTangent;
  if (E->Ops.empty())
    return false;
  return Memo.get(E, [&] {
    for (const ExprP &O : E->Ops)
      if (mentionsTangent(O, Memo))
        return true;
    return false;
  });
}

} // namespace tad

#endif
