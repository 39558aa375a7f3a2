//===- Frontend/Stack.h - room for deep recursion ---------------*- C++ -*-===//
//
// tad's lowering, transforms and emitter recurse over expression and
// statement trees, as Clang's parser and semantic analysis do: a sum of n
// terms is a chain n deep. The default 8 MiB stack holds about 15,000
// levels. tad-gen and the plugin therefore run tad's work on a thread with
// a large stack (address space: only the pages used are memory), and the
// lowering refuses nesting deeper than MaxNestingDepth with an error at the
// expression, which that stack holds with a wide margin.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_FRONTEND_STACK_H
#define TAD_FRONTEND_STACK_H

#include <cstddef>
#include <functional>

namespace tad {

/// The stack of the thread runOnLargeStack makes.
constexpr std::size_t LargeStackBytes = std::size_t(1) << 30;

/// The deepest nesting of expressions (operators, calls, conversions,
/// subscripts) and statements that tad lowers.
constexpr unsigned MaxNestingDepth = 250000;

/// Runs Fn on a thread with LargeStackBytes of stack, and waits for it;
/// where no such thread can be made, runs Fn on the calling thread.
void runOnLargeStack(const std::function<void()> &Fn);

} // namespace tad

#endif
